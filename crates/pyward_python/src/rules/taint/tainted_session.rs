use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// `session[key] = value` (Flask `session`, Django `request.session`) with a value from the request.
///
/// ## Why it matters
/// Code later reads the session as data the server decided; mixing client data in blurs the trust boundary.
///
/// ## Example
/// ```python
/// session["role"] = request.args["role"]
/// ```
///
/// ## Fix
/// Validate against an allow-list before storing, or keep client data apart from what the server decided.
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
/// - CWE-501: Trust Boundary Violation
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW757",
        name: "tainted-session",
        summary: "untrusted data is stored in the session as if trusted",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[501],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
