use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `telnetlib.Telnet()` connections.
///
/// ## Why it matters
/// Telnet sends everything — user names and passwords included — in clear
/// text, and authenticates neither end. (`telnetlib` was also removed in
/// Python 3.13.)
///
/// ## Example
/// ```python
/// tn = telnetlib.Telnet(host)
/// ```
///
/// ## Fix
/// SSH (`paramiko`, `asyncssh`, or the `ssh` command) with host-key checking.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
///
/// ## Differences from Bandit/Ruff
/// The module must come from an import (`import telnetlib`, aliases,
/// `importlib.import_module("telnetlib")`). CPython's own tests load it
/// with `warnings_helper.import_deprecated('telnetlib')`, a helper pyward
/// does not know; Bandit matches the text `telnetlib.Telnet` and reports
/// those calls.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW606",
        name: "telnetlib-call",
        summary: "Telnet sends credentials and data in clear text",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B312", "S312"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["telnetlib.Telnet"], check }],
};

fn check(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new("Telnet sends credentials and data in clear text; use SSH"))
}
