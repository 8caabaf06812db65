use pyward_report::{Confidence, Severity};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `lxml` parsers built with unsafe options: `resolve_entities` left at its
/// default or set true, `no_network=False`, or `huge_tree=True`
/// (`lxml.etree.XMLParser`, `XMLPullParser`, `ETCompatXMLParser`,
/// `lxml.objectify.makeparser`).
///
/// ## Why it matters
/// `resolve_entities` makes the parser substitute entities, including
/// external ones (`<!ENTITY x SYSTEM "file:///etc/passwd">`): XXE reads
/// local files into the parsed document. Since lxml 5 the default resolves
/// internal entities only, which still allows entity-expansion bombs.
/// `no_network=False` lets entity and DTD references fetch URLs (server-side
/// request forgery); `huge_tree=True` removes libxml2's limits on depth and
/// text size that stop memory exhaustion.
///
/// ## Example
/// ```python
/// parser = etree.XMLParser(no_network=False)
/// ```
///
/// ## Fix
/// `etree.XMLParser(resolve_entities=False, no_network=True)`, and keep
/// `huge_tree` off for untrusted input; or parse with `defusedxml.lxml`
/// patterns (`defusedxml` calls are never reported).
///
/// ## References
/// - CWE-611: Improper Restriction of XML External Entity Reference
/// - CWE-776: XML Entity Expansion
/// - CWE-918: Server-Side Request Forgery
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW724",
        name: "lxml-unsafe-parser",
        summary: "lxml parser that resolves entities, uses the network or lifts size limits",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[611, 776, 918],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "lxml.etree.XMLParser",
            "lxml.etree.XMLPullParser",
            "lxml.etree.ETCompatXMLParser",
            "lxml.objectify.makeparser",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let mut problems = Vec::new();
    let mut severity = Severity::Medium;
    match site.keyword("resolve_entities").map(constant_truth) {
        None if !site.has_double_star() => problems.push("resolve_entities defaults to resolving entities"),
        Some(Some(true)) => {
            problems.push("resolve_entities=True substitutes external entities (XXE)");
            severity = Severity::High;
        }
        _ => {}
    }
    if site.keyword("no_network").and_then(constant_truth) == Some(false) {
        problems.push("no_network=False lets entities fetch URLs");
        severity = Severity::High;
    }
    if site.keyword("huge_tree").and_then(constant_truth) == Some(true) {
        problems.push("huge_tree=True lifts the limits that stop memory exhaustion");
    }
    if problems.is_empty() {
        return None;
    }
    Some(
        Violation::new(format!(
            "{}: {}; build it with resolve_entities=False, no_network=True",
            site.callee,
            problems.join(", ")
        ))
        .severity(severity),
    )
}
