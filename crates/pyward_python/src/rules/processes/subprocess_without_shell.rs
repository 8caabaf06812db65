use pyward_report::{Confidence, Severity};

use super::common::SUBPROCESS_CALLS;
use crate::engine::helpers::{constant_truth, is_constant};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `subprocess` calls without a shell (`Popen`, `run`, `call`,
/// `check_call`, `check_output`) whose program or arguments are computed
/// at run time.
///
/// ## Why it matters
/// Without a shell there is no command injection through `;` or `$(...)`,
/// but whoever controls the argument list still chooses the program and
/// its options: `["git", user_arg]` with `user_arg = "--upload-pack=..."`
/// runs a command; a computed program name runs whatever it names.
///
/// ## Example
/// ```python
/// subprocess.run([tool, path])
/// ```
///
/// ## Fix
/// Use a fixed program with an absolute path, validate computed arguments
/// against an allow-list, and end options with `--` before file names.
///
/// ## Differences from Bandit/Ruff
/// Bandit (B603) and Ruff (S603) report every such call, including those
/// whose argument list is written out in full (`subprocess.run(["ls",
/// "-l"])`), which no input can change: the best-known false positive of
/// both tools. pyward reports only argument lists that are not constant.
///
/// ## References
/// - CWE-78: OS Command Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW307",
        name: "subprocess-without-shell",
        summary: "subprocess runs a computed argument list",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B603", "S603"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: SUBPROCESS_CALLS, check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if let Some(shell) = site.keyword("shell") {
        // shell=True and shell=<computed> are PW301's.
        if constant_truth(shell) != Some(false) {
            return None;
        }
    }
    let arguments = site.argument("args", 0)?;
    if is_constant(arguments) {
        return None;
    }
    Some(Violation::new(format!(
        "{}() with a computed argument list: make sure input cannot choose the program or inject options",
        site.callee
    )))
}
