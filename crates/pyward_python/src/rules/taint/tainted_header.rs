use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data as a header value: `response.headers[name] = value`, `send_header`, `add_header`, `set_header`.
///
/// ## Why it matters
/// A line break in the value splits the response: forged headers, cookies, or a second body.
///
/// ## Example
/// ```python
/// resp.headers["X-Name"] = request.args["name"]
/// ```
///
/// ## Fix
/// Reject or strip `\r` and `\n`, or allow-list the values.
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
/// - CWE-113: HTTP Response Splitting
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW759",
        name: "tainted-header",
        summary: "untrusted data is written into an HTTP header",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[113],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
