use pyward_report::{Confidence, Severity};

use super::common::xml_import;
use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `lxml`, `lxml.etree`, `lxml.objectify`, `lxml.html`.
///
/// ## Why it matters
/// Parsing untrusted XML with this module exposes the program to entity
/// expansion ("billion laughs") and external entities (XXE). The import is
/// where a reviewer can still switch to a hardened parser. Importing only
/// to build or write XML is harmless, so the finding is low severity; the
/// parse calls themselves have their own rules (PW710–PW717).
///
/// ## Example
/// ```python
/// from lxml import etree
/// ```
///
/// ## Fix
/// Parse untrusted XML with defusedxml, or lxml parsers built with resolve_entities=False.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW723",
        name: "lxml-import",
        summary: "Import of an XML module open to entity attacks",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[20, 611],
        category: "vulnerability/input-validation",
        aliases: &["B410", "S410"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: &["lxml", "lxml.etree", "lxml.objectify", "lxml.html"], check }],
};

fn check(site: &ImportSite) -> Option<Violation> {
    xml_import(site, "defusedxml, or lxml parsers built with resolve_entities=False")
}
