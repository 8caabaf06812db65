use pyward_report::{Confidence, Severity};

use super::common;
use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Functions that always start a command through the shell: `os.system`,
/// `os.popen` (and Python 2's `popen2`/`popen3`/`popen4`), the `popen2`
/// module, Python 2's `commands` module, and `subprocess.getoutput` /
/// `getstatusoutput`. (`commands.getstatus` quotes its file name argument
/// and is not reported.)
///
/// ## Why it matters
/// The string is handed to `/bin/sh -c`: any part built from input can add
/// commands with `;`, `|`, `$(...)` or backticks.
///
/// A constant command is reported at low severity.
///
/// ## Example
/// ```python
/// os.system("ping -c 1 " + host)
/// ```
///
/// ## Fix
/// `subprocess.run(["ping", "-c", "1", host], check=True)`.
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// The command is found by keyword too (`os.popen(cmd="...")`); Bandit and
/// Ruff read only positional arguments. Names are resolved through the
/// module a file defines, so inside the standard library's `subprocess.py`
/// a bare `getstatusoutput(cmd)` is `subprocess.getstatusoutput` and is
/// reported.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW302",
        name: "shell-command",
        summary: "A function that always runs its command through the shell",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B605", "S605"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: common::SHELL_CALLS, check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(match argument_kind(site.argument("cmd", 0)) {
        ArgumentKind::Constant => {
            Violation::new(format!("{}() runs a constant command through the shell", site.callee))
                .severity(Severity::Low)
        }
        _ => Violation::new(format!(
            "{}() runs a computed command through the shell; use subprocess.run() with an argument list",
            site.callee
        )),
    })
}
