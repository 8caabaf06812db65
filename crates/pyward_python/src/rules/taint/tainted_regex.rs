use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data as the pattern of `re.compile`, `re.search`, `re.match`, `re.sub`...
///
/// ## Why it matters
/// A pattern such as `(a+)+$` backtracks exponentially: one request pins a CPU (ReDoS).
///
/// ## Example
/// ```python
/// re.search(request.args["q"], text)
/// ```
///
/// ## Fix
/// Escape with `re.escape()` to search for the text literally.
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
/// - CWE-730: Regular Expression Denial of Service
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW760",
        name: "tainted-regex",
        summary: "untrusted data is compiled as a regular expression",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[730],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
