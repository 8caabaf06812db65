use pyward_report::{Confidence, Severity};

use super::common::xml_parse;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// XML parsed with `xml.dom.pulldom`: `parse`, `parseString`.
///
/// ## Why it matters
/// XML carries its own macro language. Untrusted documents can expand a few
/// bytes into gigabytes ("billion laughs") or make the parser read local
/// files and fetch URLs (XXE, server-side request forgery). `pulldom` is
/// built on SAX and inherits its entity expansion.
///
/// Calls that resolve to `defusedxml.*` are never reported.
///
/// When the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's parsers at run time, findings have low confidence.
///
/// ## Example
/// ```python
/// events = pulldom.parseString(body)
/// ```
///
/// ## Fix
/// Parse untrusted XML with `defusedxml.pulldom`.
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
        id: "PW716",
        name: "xml-pulldom-parse",
        summary: "XML parsed with xml.dom.pulldom, open to entity attacks",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20, 611, 776],
        category: "vulnerability/input-validation",
        aliases: &["B319", "S319"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["xml.dom.pulldom.parse", "xml.dom.pulldom.parseString"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    xml_parse(site, "defusedxml.pulldom")
}
