use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `telnetlib`.
///
/// ## Why it matters
/// Telnet carries passwords and data in clear text; importing the module is
/// the first sign the code speaks it. `telnetlib` was removed in Python 3.13.
///
/// ## Example
/// ```python
/// import telnetlib
/// ```
///
/// ## Fix
/// SSH (`paramiko`, `asyncssh`).
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW608",
        name: "telnetlib-import",
        summary: "telnetlib import: a clear-text protocol",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B401", "S401"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: &["telnetlib"], check: check_telnet }],
};

fn check_telnet(_site: &ImportSite) -> Option<Violation> {
    Some(Violation::new("telnetlib speaks a clear-text protocol (and is gone in 3.13); use SSH"))
}
