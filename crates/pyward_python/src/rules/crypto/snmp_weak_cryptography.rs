use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// pysnmp `UsmUserData()` without a privacy key (`noAuthNoPriv` or
/// `authNoPriv`): fewer than three positional arguments and no `privKey=`.
///
/// ## Why it matters
/// SNMPv3 without privacy sends every value in clear text, and without
/// authentication anyone can forge requests.
///
/// ## Example
/// ```python
/// UsmUserData("monitor", "authkey123")
/// ```
///
/// ## Fix
/// `UsmUserData(user, authKey, privKey, authProtocol=usmHMACSHAAuthProtocol,
/// privProtocol=usmAesCfb128Protocol)`.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW514",
        name: "snmp-weak-cryptography",
        summary: "SNMPv3 without authentication and privacy",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B509", "S509"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "pysnmp.hlapi.UsmUserData",
            "pysnmp.hlapi.asyncio.UsmUserData",
            "pysnmp.hlapi.v3arch.UsmUserData",
            "pysnmp.hlapi.v3arch.asyncio.UsmUserData",
            "pysnmp.entity.rfc3413.oneliner.cmdgen.UsmUserData",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.argument("privKey", 2).is_some() || site.has_double_star() || site.has_star() {
        return None;
    }
    let level = if site.argument("authKey", 1).is_some() { "authNoPriv" } else { "noAuthNoPriv" };
    Some(Violation::new(format!(
        "UsmUserData() at {level} sends SNMP data unencrypted; pass authKey and privKey with SHA and AES protocols"
    )))
}
