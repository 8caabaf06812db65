use pyward_report::{Confidence, Severity};

use super::common::is_false;
use ruff_python_ast::{Expr, Stmt};

use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `requests` and `httpx` calls, sessions and clients with `verify=False`,
/// and `session.verify = False` on a `requests.Session()`.
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
///
/// ## Differences from Bandit/Ruff
/// pyward also reports `session.verify = False`, which turns verification
/// off for every request of the session; Bandit and Ruff look at calls only.
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
    checks: &[
        Check::Stmt { kinds: &[StmtKind::Assign], check: check_session_attribute },
        Check::Call { callees: crate::rules::http_clients::HTTP_REQUEST_CALLS, check },
    ],
};

fn check(site: &CallSite) -> Option<Violation> {
    site.keyword("verify").filter(|value| is_false(value)).map(|_| {
        Violation::new(format!(
            "{}() with verify=False accepts any certificate: anyone on the path can impersonate the server",
            site.callee
        ))
    })
}

fn check_session_attribute(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::Assign(assign) = stmt else { return None };
    if !is_false(&assign.value) {
        return None;
    }
    let session = assign.targets.iter().find_map(|target| match target {
        Expr::Attribute(attribute) if attribute.attr.as_str() == "verify" => context.resolve(&attribute.value),
        _ => None,
    })?;
    (session == "requests.Session()" || session == "requests.session()")
        .then(|| Violation::new("session.verify = False accepts any certificate for every request of the session"))
}
