use pyward_report::{Confidence, Severity};

use super::common::xml_import;
use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `xml.etree.cElementTree`, `xml.etree.ElementTree`.
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
/// import xml.etree.ElementTree as ET
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.ElementTree`.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
///
/// ## Differences from Bandit/Ruff
/// Relative imports inside the `xml.etree` package (`from . import
/// ElementTree` in `ElementInclude.py`) are resolved to
/// `xml.etree.ElementTree` and reported; Bandit does not resolve them.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW718",
        name: "xml-etree-import",
        summary: "Import of an XML module open to entity attacks",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[20, 611],
        category: "vulnerability/input-validation",
        aliases: &["B405", "S405"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: &["xml.etree.cElementTree", "xml.etree.ElementTree"], check }],
};

fn check(site: &ImportSite) -> Option<Violation> {
    xml_import(site, "defusedxml.ElementTree")
}
