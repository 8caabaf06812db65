use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `marshal.load()` and `marshal.loads()`.
///
/// ## Why it matters
/// `marshal` is the format of `.pyc` files. It is not meant for untrusted
/// data: its documentation warns that malformed input can crash the
/// interpreter, and it can carry code objects that are run once loaded.
///
/// ## Example
/// ```python
/// config = marshal.loads(sock.recv(4096))
/// ```
///
/// ## Fix
/// Use `json` for data exchange.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW202",
        name: "marshal-load",
        summary: "marshal is not safe for untrusted data",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B302", "S302"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["marshal.load", "marshal.loads"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() is for trusted .pyc-style data only: malformed input can crash the interpreter; use json",
        site.callee
    )))
}
