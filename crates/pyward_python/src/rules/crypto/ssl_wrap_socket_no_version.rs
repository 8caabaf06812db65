use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `ssl.wrap_socket()` without `ssl_version`.
///
/// ## Why it matters
/// The module-level `wrap_socket` negotiates whatever the OpenSSL build
/// allows, on old Pythons down to SSLv3, and does not verify certificates
/// or host names by default. It was deprecated in 3.7 and removed in 3.12.
///
/// ## Example
/// ```python
/// tls = ssl.wrap_socket(sock)
/// ```
///
/// ## Fix
/// `ssl.create_default_context().wrap_socket(sock, server_hostname=host)`.
///
/// ## References
/// - CWE-326: Inadequate Encryption Strength
///
/// ## Differences from Bandit/Ruff
/// The module must come from an import (`import ssl`, aliases,
/// `importlib.import_module("ssl")`). CPython's own tests load it with
/// `import_helper.import_module("ssl")`, a helper pyward does not know;
/// Bandit matches the text `ssl.wrap_socket` and reports those calls.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW510",
        name: "ssl-wrap-socket-no-version",
        summary: "ssl.wrap_socket without a protocol version",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[326],
        category: "server/mitm",
        aliases: &["B504", "S504"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["ssl.wrap_socket"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.argument("ssl_version", 5).is_some() || site.has_double_star() {
        return None;
    }
    Some(Violation::new(
        "ssl.wrap_socket() without ssl_version negotiates old protocols and skips certificate checks; \
         use ssl.create_default_context().wrap_socket()",
    ))
}
