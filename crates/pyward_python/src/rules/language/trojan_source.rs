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
        applies: Applies::Always,
    },
    checks: &[Check::Source(check)],
};

const BIDI_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}',
];

fn check(context: &Context) -> Vec<Violation> {
    if context.source.is_ascii() {
        return Vec::new();
    }
    let mut violations = Vec::new();
    let mut offset = 0;
    for line in context.source.split_inclusive('\n') {
        if let Some((index, character)) = line.char_indices().find(|(_, c)| BIDI_CONTROLS.contains(c)) {
            let start = TextSize::try_from(offset + index).unwrap_or_default();
            let range = TextRange::at(start, TextSize::of(character));
            violations.push(
                Violation::new(format!(
                    "bidirectional control character U+{:04X} reorders how this line displays; remove it or \
                     write it as an escape",
                    u32::from(character)
                ))
                .at(range),
            );
        }
        offset += line.len();
    }
    violations
}
