use pyward_report::{Confidence, Severity};

use super::common::xml_import;
use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `xml.sax` and its submodules (`expatreader`, `handler`,
/// `saxutils`, `xmlreader`).
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
/// from xml import sax
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.sax`.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-611: Improper Restriction of XML External Entity Reference
///
/// ## Differences from Bandit/Ruff
/// Each imported name is reported on its own line: in a `from xml.sax import`
/// statement continued over several lines, Bandit reports every name on the
/// statement's first line. Relative imports inside the `xml.sax` package
/// (`from . import handler`) are resolved to `xml.sax.handler` and reported;
/// Bandit does not resolve them.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW719",
        name: "xml-sax-import",
        summary: "Import of an XML module open to entity attacks",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[20, 611],
        category: "vulnerability/input-validation",
        aliases: &["B406", "S406"],
        applies: Applies::Always,
    },
    checks: &[Check::Import {
        names: &[
            "xml.sax",
            "xml.sax.expatreader",
            "xml.sax.handler",
            "xml.sax.saxutils",
            "xml.sax.xmlreader",
            "xml.sax._exceptions",
        ],
        check,
    }],
};

fn check(site: &ImportSite) -> Option<Violation> {
    xml_import(site, "defusedxml.sax")
}
