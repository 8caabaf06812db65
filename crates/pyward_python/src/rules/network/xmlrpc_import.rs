use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `xmlrpc` (`xmlrpc.client`, `xmlrpc.server`) and Python 2's
/// `xmlrpclib`, `SimpleXMLRPCServer` and `DocXMLRPCServer`.
///
/// ## Why it matters
/// The XML-RPC modules parse XML with the standard library's expat parser,
/// which is open to entity-expansion attacks ("billion laughs") and, on old
/// versions, to decompression bombs — a remote denial of service from one
/// request or response.
///
/// When the file calls `defusedxml.xmlrpc.monkey_patch()`, which hardens
/// these modules, the import is reported at low severity only.
///
/// ## Example
/// ```python
/// from xmlrpc.server import SimpleXMLRPCServer
/// ```
///
/// ## Fix
/// Call `defusedxml.xmlrpc.monkey_patch()` before using the modules, or use
/// another RPC format.
///
/// ## References
/// - CWE-776: Improper Restriction of Recursive Entity References in DTDs
/// - CWE-20: Improper Input Validation
///
/// ## Differences from Bandit/Ruff
/// Bandit and Ruff report the import whether or not defusedxml's monkey
/// patch is applied; pyward lowers the severity when it is. pyward also
/// reports Python 2's `SimpleXMLRPCServer` and `DocXMLRPCServer`, which
/// share the flaw.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW610",
        name: "xmlrpc-import",
        summary: "XML-RPC parses untrusted XML with expat",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[776, 20],
        category: "vulnerability/input-validation",
        aliases: &["B411", "S411"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: XMLRPC_MODULES, check }],
};

const XMLRPC_MODULES: &[&str] =
    &["xmlrpc", "xmlrpc.client", "xmlrpc.server", "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer"];

fn check(site: &ImportSite) -> Option<Violation> {
    // `from xmlrpc import client` matches both names: report it once.
    if site.member.is_some() && site.matched != site.module && XMLRPC_MODULES.contains(&site.module) {
        return None;
    }
    if site.context.source.contains("monkey_patch") && site.context.source.contains("defusedxml") {
        return Some(
            Violation::new(format!("{} is hardened here by defusedxml.xmlrpc.monkey_patch()", site.matched))
                .severity(Severity::Low)
                .confidence(Confidence::Low),
        );
    }
    Some(Violation::new(format!(
        "{} parses XML open to entity-expansion attacks; call defusedxml.xmlrpc.monkey_patch() first",
        site.matched
    )))
}
