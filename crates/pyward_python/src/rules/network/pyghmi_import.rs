use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `pyghmi`, a client of IPMI (the management interface of
/// server boards).
///
/// ## Why it matters
/// IPMI 2.0's RAKP handshake hands any client a salted hash of a user's
/// password before authenticating it, so passwords can be cracked offline,
/// and many controllers accept cipher suite 0 (no authentication at all).
/// Code that speaks IPMI puts the machine's out-of-band control on a
/// protocol that cannot protect it.
///
/// ## Example
/// ```python
/// from pyghmi.ipmi import command
/// ```
///
/// ## Fix
/// Manage servers over Redfish (HTTPS) where the board supports it; keep
/// IPMI on an isolated management network otherwise.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW618",
        name: "pyghmi-import",
        summary: "pyghmi import: IPMI cannot protect its passwords",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B415", "S415"],
        applies: Applies::Always,
    },
    checks: &[Check::Import {
        names: &["pyghmi", "pyghmi.ipmi", "pyghmi.ipmi.command", "pyghmi.ipmi.console", "pyghmi.ipmi.bmc"],
        check,
    }],
};

fn check(_site: &ImportSite) -> Option<Violation> {
    Some(Violation::new("IPMI leaks password hashes to any client and often allows no authentication; use Redfish"))
}
