use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `multiprocessing.connection.Listener` and `Client` created without an
/// `authkey`.
///
/// ## Why it matters
/// Connection objects send and receive pickles. Without an `authkey` there
/// is no HMAC challenge, so anyone who can reach the address can send a
/// pickle — and run code in the receiving process.
///
/// ## Example
/// ```python
/// listener = Listener(("0.0.0.0", 6000))
/// ```
///
/// ## Fix
/// Pass `authkey=` with a secret of at least 32 random bytes to both sides,
/// and bind to a local address or a Unix socket.
///
/// ## References
/// - CWE-306: Missing Authentication for Critical Function
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW602",
        name: "multiprocessing-no-authkey",
        summary: "multiprocessing connections without authkey accept pickles from anyone",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[306, 502],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &["multiprocessing.connection.Listener", "multiprocessing.connection.Client"],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let position = if site.callee.ends_with("Listener") { 3 } else { 2 };
    let authkey = site.argument("authkey", position);
    if site.has_double_star() || site.has_star() {
        return None;
    }
    match authkey {
        Some(value) if !value.is_none_literal_expr() => None,
        _ => Some(Violation::new(format!(
            "{}() without authkey: anyone who reaches the address can send pickles that run code",
            site.callee
        ))),
    }
}
