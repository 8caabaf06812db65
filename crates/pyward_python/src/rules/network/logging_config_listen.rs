use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `logging.config.listen()`.
///
/// ## Why it matters
/// The listener accepts a new logging configuration from anyone who can
/// reach its port, and `fileConfig` configurations are evaluated: the
/// configuration can name arbitrary classes and run code in the process.
/// Without `verify=`, nothing checks who sent it.
///
/// ## Example
/// ```python
/// thread = logging.config.listen(9999)
/// ```
///
/// ## Fix
/// Do not listen for configurations in production; if you must, pass
/// `verify=` a function that checks a signature (HMAC) and rejects the rest,
/// and listen only on localhost.
///
/// ## References
/// - CWE-94: Code Injection
/// - CWE-306: Missing Authentication for Critical Function
///
/// ## Differences from Bandit/Ruff
/// A call with `verify=` is reported at low severity rather than medium:
/// the author installed a check pyward cannot judge.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW612",
        name: "logging-config-listen",
        summary: "logging.config.listen accepts code-bearing configs from the network",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[94, 306],
        category: "vulnerability/input-validation",
        aliases: &["B612", "S612"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["logging.config.listen"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.argument("verify", 1).is_some_and(|v| !v.is_none_literal_expr()) {
        return Some(
            Violation::new("logging.config.listen() with verify=: make sure it checks a signature")
                .severity(Severity::Low)
                .confidence(Confidence::Medium),
        );
    }
    Some(Violation::new(
        "logging.config.listen() lets anyone who reaches the port install a config that runs code; pass verify= or drop it",
    ))
}
