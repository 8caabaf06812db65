use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `lxml.etree`: `parse`, `fromstring`, `XML`, `RestrictedElement`, `GlobalParserTLS`, `getDefaultParser`, `check_docinfo`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). lxml's default
/// parser substitutes entities (internal ones since lxml 5, external ones
/// before), so untrusted documents can expand without bound or read local
/// files (XXE).
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// ## Example
/// ```python
/// tree = etree.fromstring(body)
/// ```
///
/// ## Fix
/// Parse untrusted XML with a parser built with etree.XMLParser(resolve_entities=False, no_network=True).
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
/// - CWE-776: XML Entity Expansion
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW717",
        name: "lxml-parse",
        summary: "XML parsed with lxml.etree, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B320", "S320"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
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
    xml_parse(site, "a parser built with etree.XMLParser(resolve_entities=False, no_network=True)")
}
