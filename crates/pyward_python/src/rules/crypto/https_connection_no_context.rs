use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};
use crate::version::PythonVersion;

/// ## What it finds
/// `httplib.HTTPSConnection` / `http.client.HTTPSConnection` created
/// without `context=`, in code for Python 2 or for Python 3 up to 3.4.
///
/// ## Why it matters
/// Before Python 3.4.3 (and 2.7.9) these connections did not verify the
/// server certificate at all: HTTPS there only protects against passive
/// eavesdroppers, and anyone on the path can impersonate the server.
/// Later versions verify by default (PEP 476), so newer targets, and code
/// whose version is unknown, are not reported.
///
/// ## Example
/// ```python
/// conn = httplib.HTTPSConnection("api.example.com")
/// ```
///
/// ## Fix
/// Pass `context=ssl.create_default_context()` (available from 2.7.9 and
/// 3.4.3), or upgrade Python.
///
/// ## References
/// - CWE-295: Improper Certificate Validation
///
/// ## Differences from Bandit/Ruff
/// Bandit's B309 reported every such call whatever the Python version;
/// pyward reports only code for the versions that did not verify.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW516",
        name: "https-connection-no-context",
        summary: "HTTPSConnection without a context does not verify on old Pythons",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[295],
        category: "crypto/invalid-cert",
        aliases: &["B309"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &["httplib.HTTPSConnection", "http.client.HTTPSConnection", "six.moves.http_client.HTTPSConnection"],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let python = site.context.python;
    let unverifying = python.python2 || python.version.is_some_and(|v| v <= PythonVersion::new(3, 4));
    if !unverifying || site.keyword("context").is_some() || site.has_double_star() {
        return None;
    }
    Some(Violation::new(format!(
        "{}() without context= does not verify certificates before Python 2.7.9/3.4.3; pass context=ssl.create_default_context()",
        site.callee
    )))
}
