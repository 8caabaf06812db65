use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `xml.etree.ElementTree`: `parse`, `iterparse`, `fromstring`, `XML`, `XMLParser`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). `ElementTree`
/// honours entity declarations found in the document; with expat older
/// than 2.4.1, which added an amplification limit, a "billion laughs"
/// document exhausts memory.
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// When the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's parsers at run time, findings have low confidence.
///
/// ## Example
/// ```python
/// root = ElementTree.fromstring(request.body)
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.ElementTree`.
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
        id: "PW711",
        name: "xml-elementtree-parse",
        summary: "XML parsed with xml.etree.ElementTree, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B314", "S314"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "xml.etree.ElementTree.parse",
            "xml.etree.ElementTree.iterparse",
            "xml.etree.ElementTree.fromstring",
            "xml.etree.ElementTree.XML",
            "xml.etree.ElementTree.XMLParser",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    xml_parse(site, "defusedxml.ElementTree")
}
