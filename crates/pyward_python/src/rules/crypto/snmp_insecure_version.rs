use pyward_report::{Confidence, Severity};

use super::common::int_value;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// pysnmp `CommunityData(..., mpModel=0)` (SNMPv1) or `mpModel=1`
/// (SNMPv2c).
///
/// ## Why it matters
/// SNMP v1 and v2c authenticate with a community string sent in clear text
/// and encrypt nothing: anyone on the path reads the data and the
/// community, and can then read (or write) the device's configuration.
///
/// ## Example
/// ```python
/// CommunityData("public", mpModel=0)
/// ```
///
/// ## Fix
/// SNMPv3 with authentication and privacy: `UsmUserData(user, authKey,
/// privKey, authProtocol=usmHMACSHAAuthProtocol,
/// privProtocol=usmAesCfb128Protocol)`.
///
/// ## References
/// - CWE-319: Cleartext Transmission of Sensitive Information
///
/// ## Differences from Bandit/Ruff
/// Like them, only an explicit `mpModel` of 0 or 1 is reported, although
/// pysnmp's default (1) is v2c too: `CommunityData` itself means v1/v2c.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW513",
        name: "snmp-insecure-version",
        summary: "SNMP v1/v2c sends the community string in clear text",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[319],
        category: "server/cleartext",
        aliases: &["B508", "S508"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "pysnmp.hlapi.CommunityData",
            "pysnmp.hlapi.asyncio.CommunityData",
            "pysnmp.hlapi.v3arch.CommunityData",
            "pysnmp.hlapi.v3arch.asyncio.CommunityData",
            "pysnmp.entity.rfc3413.oneliner.cmdgen.CommunityData",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let model = int_value(site.keyword("mpModel")?)?;
    let version = match model {
        0 => "SNMPv1",
        1 => "SNMPv2c",
        _ => return None,
    };
    Some(Violation::new(format!(
        "{version} sends the community string and data in clear text; use SNMPv3 UsmUserData with auth and priv keys"
    )))
}
