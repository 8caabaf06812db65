use pyward_report::{Confidence, Severity};

use super::common::defused_stdlib;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Parsing XML with the standard library or `lxml` parsers:
/// `xml.etree.ElementTree` / `cElementTree` `parse`, `iterparse`,
/// `fromstring`, `XML`, `XMLParser`; `xml.sax` `parse`, `parseString`,
/// `make_parser` and `expatreader.create_parser`; `xml.dom.minidom`,
/// `xml.dom.pulldom` and `xml.dom.expatbuilder` `parse` / `parseString`;
/// `lxml.etree` `parse`, `fromstring`, `XML`, `RestrictedElement`,
/// `GlobalParserTLS`, `getDefaultParser`, `check_docinfo`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a
/// few bytes into gigabytes ("billion laughs"), and parsers that resolve
/// external entities read local files or fetch URLs on the attacker's
/// behalf (XXE, server-side request forgery).
///
/// Calls that resolve to `defusedxml.*` are never reported. When the file
/// calls `defusedxml.defuse_stdlib()`, the standard library parsers are
/// patched at run time, so their calls are reported with low confidence
/// (pyward cannot tell whether the patch runs first).
///
/// ## Example
/// ```python
/// tree = xml.etree.ElementTree.parse(upload)
/// ```
///
/// ## Fix
/// Use the `defusedxml` equivalents (`defusedxml.ElementTree.parse`,
/// `defusedxml.minidom.parseString`, ...), or for `lxml` a parser built with
/// `resolve_entities=False, no_network=True`.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
/// - CWE-776: XML Entity Expansion
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW710",
        name: "xml-unsafe-parse",
        summary: "XML parsed with a parser open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &[
            "B313", "B314", "B315", "B316", "B317", "B318", "B319", "B320", "S313", "S314", "S315", "S316", "S317",
            "S318", "S319", "S320",
        ],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "xml.etree.cElementTree.parse",
            "xml.etree.cElementTree.iterparse",
            "xml.etree.cElementTree.fromstring",
            "xml.etree.cElementTree.XML",
            "xml.etree.cElementTree.XMLParser",
            "xml.etree.ElementTree.parse",
            "xml.etree.ElementTree.iterparse",
            "xml.etree.ElementTree.fromstring",
            "xml.etree.ElementTree.XML",
            "xml.etree.ElementTree.XMLParser",
            "xml.sax.expatreader.create_parser",
            "xml.dom.expatbuilder.parse",
            "xml.dom.expatbuilder.parseString",
            "xml.sax.parse",
            "xml.sax.parseString",
            "xml.sax.make_parser",
            "xml.dom.minidom.parse",
            "xml.dom.minidom.parseString",
            "xml.dom.pulldom.parse",
            "xml.dom.pulldom.parseString",
            "lxml.etree.parse",
            "lxml.etree.fromstring",
            "lxml.etree.XML",
            "lxml.etree.RestrictedElement",
            "lxml.etree.GlobalParserTLS",
            "lxml.etree.getDefaultParser",
            "lxml.etree.check_docinfo",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let safe = safe_equivalent(site.callee);
    let violation = Violation::new(format!(
        "{}() parses untrusted XML with entity expansion (billion laughs, XXE); use {safe}",
        site.callee
    ));
    Some(if defused_stdlib(site.context) && !site.callee.starts_with("lxml.") {
        violation.confidence(Confidence::Low)
    } else {
        violation
    })
}

fn safe_equivalent(callee: &str) -> &'static str {
    match callee.rsplit_once('.').map_or(callee, |(module, _)| module) {
        "xml.etree.cElementTree" | "xml.etree.ElementTree" => "defusedxml.ElementTree",
        "xml.sax" | "xml.sax.expatreader" => "defusedxml.sax",
        "xml.dom.minidom" => "defusedxml.minidom",
        "xml.dom.pulldom" => "defusedxml.pulldom",
        "xml.dom.expatbuilder" => "defusedxml.expatbuilder",
        _ => "an lxml parser with resolve_entities=False, no_network=True (or defusedxml)",
    }
}
