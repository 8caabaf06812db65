use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data reaching `os.system`, `os.popen`, `subprocess` with `shell=True`, the program (first element) of a `subprocess` argument list, `os.exec*`/`spawn*`, `pty.spawn`.
///
/// ## Why it matters
/// A shell reads `;`, `|`, `$()` and backticks in the data as commands: `ping 8.8.8.8; rm -rf ~`.
///
/// ## Example
/// ```python
/// host = request.args["host"]
/// os.system("ping -c 1 " + host)
/// ```
///
/// ## Fix
/// Pass an argument list without a shell (`subprocess.run(["ping", "-c", "1", host])`); where a shell is unavoidable, quote with `shlex.quote()`.
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
/// - CWE-78: OS Command Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW351",
        name: "tainted-command",
        summary: "untrusted data reaches a shell command or a program name",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
