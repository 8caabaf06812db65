use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data in an XPath expression: lxml `xpath()`/`XPath()`, ElementTree `find`/`findall`/`findtext` on parsed documents.
///
/// ## Why it matters
/// `' or '1'='1` selects every node, leaking data or bypassing checks made with the query.
///
/// ## Example
/// ```python
/// root.xpath("//user[name='" + request.args["name"] + "']")
/// ```
///
/// ## Fix
/// Use XPath variables: `root.xpath("//user[name=$name]", name=name)`.
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
/// - CWE-643: XPath Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW756",
        name: "tainted-xpath",
        summary: "untrusted data is built into an XPath expression",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[643],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
