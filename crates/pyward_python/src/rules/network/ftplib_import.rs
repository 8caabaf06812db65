use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `ftplib`.
///
/// ## Why it matters
/// FTP carries logins and files in clear text; importing the module is the
/// first sign the code speaks it.
///
/// ## Example
/// ```python
/// from ftplib import FTP
/// ```
///
/// ## Fix
/// SFTP (`paramiko`) or HTTPS; if FTP is imposed, `FTP_TLS` with `prot_p()`.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW609",
        name: "ftplib-import",
        summary: "ftplib import: a clear-text protocol",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B402", "S402"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: &["ftplib"], check }],
};

fn check(_site: &ImportSite) -> Option<Violation> {
    Some(Violation::new("ftplib speaks a clear-text protocol; use SFTP or HTTPS (or FTP_TLS with prot_p())"))
}
