use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `codecs.open()` with an `encoding`.
///
/// ## Why it matters
/// `codecs.open` opens the file in binary mode and decodes it with a
/// stream reader. The seed talk writes `b"\x41\xF5\x42\x43\xF4"` and reads
/// it back with `errors="replace"`: `io.open` gives `'A\ufffdBC\ufffd'`,
/// while `codecs.open` gives `'A\ufffdBC'` — the incomplete sequence at the
/// end is silently dropped. It also ignores universal newlines, and
/// Python 3.14 deprecates it.
///
/// ## Example
/// ```python
/// with codecs.open(path, encoding="utf8", errors="replace") as f:
///     text = f.read()
/// ```
///
/// ## Fix
/// `open(path, encoding="utf8", errors="replace")` (`io.open` on Python 2),
/// or read bytes and decode them in one call.
///
/// ## References
/// - CWE-172: Encoding Error
/// - CWE-176: Improper Handling of Unicode Encoding
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW406",
        name: "codecs-open",
        summary: "codecs.open decodes lossily and bypasses universal newlines",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[172],
        category: "language/unicode",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["codecs.open"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    // Without an encoding, codecs.open() is plain open().
    site.argument("encoding", 2)?;
    let replacement = if site.context.python.python2 { "io.open" } else { "open" };
    Some(Violation::new(format!(
        "codecs.open() can silently drop malformed bytes while decoding; use {replacement}() with encoding= and \
         errors="
    )))
}
