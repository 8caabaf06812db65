use pyward_report::{Confidence, Severity};

use super::common::defused_stdlib;
use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of XML parsing modules open to entity attacks:
/// `xml.etree.ElementTree`, `xml.etree.cElementTree`, `xml.sax`,
/// `xml.dom.expatbuilder`, `xml.dom.minidom`, `xml.dom.pulldom` and `lxml`.
///
/// ## Why it matters
/// Parsing untrusted XML with these modules exposes the program to entity
/// expansion ("billion laughs") and, for some, external entities (XXE).
/// The import is where a reviewer can still switch to `defusedxml`.
/// Importing only builds or writes XML (`Element`, `SubElement`,
/// `tostring`) is harmless, so the finding is low severity; the parse
/// calls themselves are PW710.
///
/// ## Example
/// ```python
/// from xml.dom import minidom
/// ```
///
/// ## Fix
/// Import the `defusedxml` equivalent (`defusedxml.minidom`, ...), or call
/// `defusedxml.defuse_stdlib()` at start-up.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
///
/// ## Differences from Bandit/Ruff
/// A file that calls `defusedxml.defuse_stdlib()` gets these findings with
/// low confidence.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW711",
        name: "xml-unsafe-import",
        summary: "Import of an XML module open to entity attacks",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[20, 611],
        category: "vulnerability/input-validation",
        aliases: &["B405", "B406", "B407", "B408", "B409", "B410", "S405", "S406", "S407", "S408", "S409", "S410"],
        applies: Applies::Always,
    },
    checks: &[Check::Import {
        names: &[
            "xml.etree.cElementTree",
            "xml.etree.ElementTree",
            "xml.sax",
            "xml.sax.expatreader",
            "xml.dom.expatbuilder",
            "xml.dom.minidom",
            "xml.dom.pulldom",
            "lxml",
            "lxml.etree",
            "lxml.objectify",
            "lxml.html",
        ],
        check,
    }],
};

fn check(site: &ImportSite) -> Option<Violation> {
    let violation = Violation::new(format!(
        "{} parses XML with entity expansion; parse untrusted XML with defusedxml instead",
        site.matched
    ));
    Some(if defused_stdlib(site.context) && !site.matched.starts_with("lxml") {
        violation.confidence(Confidence::Low)
    } else {
        violation
    })
}
