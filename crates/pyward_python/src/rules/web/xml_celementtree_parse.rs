use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `xml.etree.cElementTree`: `parse`, `iterparse`, `fromstring`, `XML`, `XMLParser`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). `cElementTree`
/// (removed in Python 3.9) expands internal entities without limit.
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// When the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's parsers at run time, findings have low confidence.
///
/// ## Example
/// ```python
/// tree = cElementTree.parse(upload)
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.cElementTree`.
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
        id: "PW710",
        name: "xml-celementtree-parse",
        summary: "XML parsed with xml.etree.cElementTree, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B313", "S313"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "xml.etree.cElementTree.parse",
            "xml.etree.cElementTree.iterparse",
            "xml.etree.cElementTree.fromstring",
            "xml.etree.cElementTree.XML",
            "xml.etree.cElementTree.XMLParser",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    xml_parse(site, "defusedxml.cElementTree")
}
