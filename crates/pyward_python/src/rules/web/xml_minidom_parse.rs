use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `xml.dom.minidom`: `parse`, `parseString`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). `minidom`
/// builds the whole expanded document in memory: entity expansion exhausts
/// it.
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// When the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's parsers at run time, findings have low confidence.
///
/// ## Example
/// ```python
/// document = minidom.parseString(body)
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.minidom`.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
/// - CWE-776: XML Entity Expansion
///
/// ## Differences from Bandit/Ruff
/// A file that calls `defusedxml.defuse_stdlib()` gets these findings with
/// low confidence.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW715",
        name: "xml-minidom-parse",
        summary: "XML parsed with xml.dom.minidom, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B318", "S318"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["xml.dom.minidom.parse", "xml.dom.minidom.parseString"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    xml_parse(site, "defusedxml.minidom")
}
