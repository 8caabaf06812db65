use pyward_report::{Confidence, Severity};

use super::common::is_false;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `requests` and `httpx` calls, sessions and clients with `verify=False`.
///
/// ## Why it matters
/// Without certificate verification anyone on the path (public Wi-Fi, a
/// compromised router, a proxy) can impersonate the server, read the
/// traffic, steal credentials and change responses.
///
/// ## Example
/// ```python
/// requests.get(url, verify=False)
/// ```
///
/// ## Fix
/// Leave `verify` at its default, or point it at the CA bundle of a private
/// PKI: `verify="/etc/ssl/internal-ca.pem"`.
///
/// ## References
/// - CWE-295: Improper Certificate Validation
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW507",
        name: "no-certificate-verification",
        summary: "HTTPS request with certificate verification turned off",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[295],
        category: "crypto/invalid-cert",
        aliases: &["B501", "S501"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "requests.get",
            "requests.options",
            "requests.head",
            "requests.post",
            "requests.put",
            "requests.patch",
            "requests.delete",
            "requests.request",
            "requests.Session().get",
            "requests.Session().options",
            "requests.Session().head",
            "requests.Session().post",
            "requests.Session().put",
            "requests.Session().patch",
            "requests.Session().delete",
            "requests.Session().request",
            "httpx.get",
            "httpx.options",
            "httpx.head",
            "httpx.post",
            "httpx.put",
            "httpx.patch",
            "httpx.delete",
            "httpx.request",
            "httpx.stream",
            "httpx.Client",
            "httpx.AsyncClient",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    site.keyword("verify").filter(|value| is_false(value)).map(|_| {
        Violation::new(format!(
            "{}() with verify=False accepts any certificate: anyone on the path can impersonate the server",
            site.callee
        ))
    })
}
