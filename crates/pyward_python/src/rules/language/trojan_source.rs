use pyward_report::{Confidence, Severity};
use ruff_text_size::{TextRange, TextSize};

use crate::engine::{Applies, Check, Context, Rule, RuleMeta, Violation};

/// ## What it finds
/// Unicode bidirectional control characters anywhere in the source:
/// embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and
/// the invisible direction marks (U+200E, U+200F, U+061C).
///
/// ## Why it matters
/// These characters reorder how text is displayed without changing what
/// the interpreter reads ("Trojan Source", CVE-2021-42574). Inside a comment
/// or string they can make reviewed code look like it does one thing — an
/// early `return` that appears commented out, a check that appears to
/// compare another string — while it does another.
///
/// ## Example
/// ```text
/// if access_level != "user<U+202E> <U+2066># Check if admin<U+2069> <U+2066>":
/// ```
///
/// ## Fix
/// Delete the characters. Where right-to-left text is needed in a string,
/// write it with `\u` escapes so that reviewers see it.
///
/// ## Differences from Bandit/Ruff
/// Bandit reports only the first such character of a file; pyward reports
/// every line that holds one. It also recognises U+200E and U+061C.
///
/// ## References
/// - CWE-451: User Interface Misrepresentation of Critical Information
/// - https://trojansource.codes/
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW906",
        name: "trojan-source",
        summary: "Bidirectional control characters make code display differently than it runs",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[451],
        category: "language/unicode",
        aliases: &["B613"],
        applies: Applies::NonAscii,
    },
    checks: &[Check::Source(check)],
};

const BIDI_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}',
];

fn check(context: &Context) -> Vec<Violation> {
    let source = context.source;
    let bytes = source.as_bytes();
    let mut violations = Vec::new();
    // One finding per line: the first control character on it.
    let mut reported_up_to = 0;
    // Every control character is encoded with one of these two leading bytes.
    for at in memchr::memchr2_iter(0xE2, 0xD8, bytes) {
        if at < reported_up_to {
            continue;
        }
        let Some(character) = source.get(at..).and_then(|rest| rest.chars().next()) else { continue };
        if !BIDI_CONTROLS.contains(&character) {
            continue;
        }
        let start = TextSize::try_from(at).unwrap_or_default();
        violations.push(
            Violation::new(format!(
                "bidirectional control character U+{:04X} reorders how this line displays; remove it or write \
                 it as an escape",
                u32::from(character)
            ))
            .at(TextRange::at(start, TextSize::of(character))),
        );
        reported_up_to = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |newline| at + newline + 1);
    }
    violations
}
