use pyward_report::{Confidence, Severity};

use super::common;
use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `os.exec*` and `os.spawn*` (and `os.startfile`, `os.posix_spawn*`).
///
/// ## Why it matters
/// No shell is involved, but the program that runs is whatever the first
/// argument names: with a computed path, input decides what is executed.
/// The `*p` variants also search `PATH`, so a writable directory early in
/// `PATH` decides it too.
///
/// A constant program is reported at low severity.
///
/// ## Example
/// ```python
/// os.execvp(tool, [tool, path])
/// ```
///
/// ## Fix
/// Use absolute paths to fixed programs, and `subprocess.run([...])` with an
/// argument list. Validate any program name against an allow-list.
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// pyward also reports `os.posix_spawn` and `os.posix_spawnp`, which Bandit
/// and Ruff do not list. Names are resolved through the module a file
/// defines, so inside the standard library's own `os.py` a call to
/// `execvp(...)` is `os.execvp` and is reported; Bandit and Ruff see a bare
/// name there.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW303",
        name: "process-without-shell",
        summary: "os.exec*/os.spawn* start a program chosen by their argument",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B606", "S606"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: common::EXEC_CALLS, check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    // spawn* take a mode first, then the program.
    let position = if site.callee.starts_with("os.spawn") { 1 } else { 0 };
    let program = site.call.arguments.args.get(position);
    Some(match argument_kind(program) {
        ArgumentKind::Constant => {
            Violation::new(format!("{}() starts a fixed program", site.callee)).severity(Severity::Low)
        }
        _ => Violation::new(format!(
            "{}() starts a program named by a computed value: make sure input cannot choose it",
            site.callee
        )),
    })
}
