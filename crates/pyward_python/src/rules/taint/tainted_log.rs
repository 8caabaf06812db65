use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data in the message (first argument) of `logging` calls and loggers.
///
/// ## Why it matters
/// Line breaks in the data forge log entries (`\nINFO admin logged in`) and mislead whoever reads the log.
///
/// ## Example
/// ```python
/// logging.info("login for " + request.form["user"])
/// ```
///
/// ## Fix
/// Pass data as arguments (`logging.info("login for %r", user)`) and strip `\r`/`\n`.
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
/// - CWE-117: Improper Output Neutralization for Logs
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW758",
        name: "tainted-log",
        summary: "untrusted data is written into a log message",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[117],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
