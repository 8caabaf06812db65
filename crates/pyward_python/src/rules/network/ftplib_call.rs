use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `ftplib.FTP()` connections, and `ftplib.FTP_TLS()` (at low severity).
///
/// ## Why it matters
/// FTP sends the login and every file in clear text. `FTP_TLS` encrypts the
/// login, but the data channel stays clear until the code calls
/// `prot_p()`, which is easy to forget.
///
/// ## Example
/// ```python
/// ftp = ftplib.FTP(host, user, password)
/// ```
///
/// ## Fix
/// SFTP (`paramiko`) or HTTPS; with `FTP_TLS`, call `prot_p()` right after
/// `login()`.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
///
/// ## Differences from Bandit/Ruff
/// Bandit and Ruff report every `ftplib` call at the same severity; pyward
/// reports `FTP_TLS` at low severity since it can be used securely.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW607",
        name: "ftplib-call",
        summary: "FTP sends credentials and files in clear text",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B321", "S321"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["ftplib.FTP", "ftplib.FTP_TLS"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.callee == "ftplib.FTP_TLS" {
        return Some(
            Violation::new("FTP_TLS leaves the data channel in clear text until prot_p() is called")
                .severity(Severity::Low),
        );
    }
    Some(Violation::new("FTP sends the login and files in clear text; use SFTP or HTTPS"))
}
