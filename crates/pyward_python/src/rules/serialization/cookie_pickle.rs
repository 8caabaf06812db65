use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Python 2's `Cookie.SerialCookie` and `Cookie.SmartCookie`, imported or
/// used.
///
/// ## Why it matters
/// Both classes pickle cookie values and unpickle what the client sends
/// back: any visitor can run code on the server with a crafted cookie.
/// They were deprecated for that reason and removed in Python 3.
///
/// ## Example
/// ```python
/// from Cookie import SmartCookie
/// cookie = SmartCookie(os.environ["HTTP_COOKIE"])
/// ```
///
/// ## Fix
/// `Cookie.SimpleCookie` (Python 3: `http.cookies.SimpleCookie`), which
/// keeps values as strings; sign values that must not be forged.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW205",
        name: "cookie-pickle",
        summary: "SerialCookie/SmartCookie unpickle client-controlled cookies",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: CLASSES, check: check_call },
        Check::Import { names: CLASSES, check: check_import },
    ],
};

const CLASSES: &[&str] = &["Cookie.SerialCookie", "Cookie.SmartCookie"];

fn message(class: &str) -> Violation {
    Violation::new(format!(
        "{class} unpickles cookie values the client sends back: anyone can run code on the server; use SimpleCookie"
    ))
}

fn check_call(site: &CallSite) -> Option<Violation> {
    Some(message(site.callee))
}

fn check_import(site: &ImportSite) -> Option<Violation> {
    Some(message(site.matched))
}
