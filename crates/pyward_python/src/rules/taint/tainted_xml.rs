use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted text parsed by `lxml.etree.fromstring`/`parse`/`XML` (which resolve entities by default) without a parser of your own, or by `xml.sax`/`pulldom` string parsers.
///
/// ## Why it matters
/// External entities read local files (`<!ENTITY x SYSTEM "file:///etc/passwd">`) and reach internal hosts; nested entities exhaust memory.
///
/// ## Example
/// ```python
/// doc = lxml.etree.fromstring(request.data)
/// ```
///
/// ## Fix
/// Parse with `defusedxml`, or pass `parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True)`.
///
/// ## How it works
/// pyward follows the data through assignments, string building, containers,
/// function calls (summaries across functions and modules) and branches; a
/// sanitiser, a constant overwrite, an allow-list check (`if x in ALLOWED:`)
/// or a dead branch stops it. The finding sits on the sink and carries the
/// path (`trace` in JSON, `codeFlows` in SARIF). docs/dataflow.md explains
/// sources, sinks, sanitisers and configuration.
///
/// ## Differences from Bandit/Ruff
/// Neither follows data. When this rule reports a call, the pattern rule on
/// the same call (if any) is not reported again.
///
/// ## References
/// - CWE-611: Improper Restriction of XML External Entity Reference
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW252",
        name: "tainted-xml-external-entities",
        summary: "untrusted XML is parsed by a parser that resolves entities",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[611],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
