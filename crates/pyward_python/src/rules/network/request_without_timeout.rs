use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `requests` calls (module functions and `Session` methods) without a
/// `timeout`, or with `timeout=None`; `httpx` calls and clients with
/// `timeout=None`.
///
/// ## Why it matters
/// `requests` waits forever by default: a server that accepts the
/// connection and never answers hangs the thread, and a few such requests
/// exhaust a worker pool (a denial of service an attacker controlling the
/// URL or the network can trigger).
///
/// ## Example
/// ```python
/// requests.get(url)
/// ```
///
/// ## Fix
/// `requests.get(url, timeout=10)` (or a `(connect, read)` tuple).
///
/// ## References
/// - CWE-400: Uncontrolled Resource Consumption
///
/// ## Differences from Bandit/Ruff
/// `httpx` has a five-second default timeout, so (like Ruff) only an
/// explicit `timeout=None` is reported for it. `requests.Session` methods
/// are reported too when the session is created in the same scope.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW604",
        name: "request-without-timeout",
        summary: "HTTP request that can wait forever",
        severity: Severity::Medium,
        confidence: Confidence::Low,
        cwe: &[400],
        category: "server/dos",
        aliases: &["B113", "S113"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: crate::rules::http_clients::HTTP_REQUEST_CALLS, check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match site.keyword("timeout") {
        Some(timeout) if timeout.is_none_literal_expr() => Some(
            Violation::new(format!("{}(timeout=None) can wait forever; pass a timeout in seconds", site.callee))
                .confidence(Confidence::High),
        ),
        Some(_) => None,
        None if site.callee.starts_with("httpx") || site.has_double_star() => None,
        None => Some(Violation::new(format!(
            "{}() without timeout= can wait forever on a silent server; pass timeout=",
            site.callee
        ))),
    }
}
