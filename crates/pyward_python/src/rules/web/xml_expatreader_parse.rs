use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `xml.sax.expatreader`: `create_parser`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). The SAX expat
/// reader expands entities and, with the `feature_external_ges` feature on,
/// fetches external ones.
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// When the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's parsers at run time, findings have low confidence.
///
/// ## Example
/// ```python
/// parser = xml.sax.expatreader.create_parser()
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.expatreader`.
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
        id: "PW712",
        name: "xml-expatreader-parse",
        summary: "XML parsed with xml.sax.expatreader, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B315", "S315"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["xml.sax.expatreader.create_parser"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    xml_parse(site, "defusedxml.expatreader")
}
