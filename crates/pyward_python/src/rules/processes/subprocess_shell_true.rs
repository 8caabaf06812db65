use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind, constant_truth};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `subprocess` calls (`Popen`, `run`, `call`, `check_call`,
/// `check_output`) that run their command through the shell: `shell=True`.
/// (`getoutput` and `getstatusoutput`, which always use the shell, are
/// PW302, as Bandit and Ruff classify them.)
///
/// ## Why it matters
/// With a shell, the command is a shell program: `;`, `|`, `$(...)` and
/// backticks in any part built from input start other commands.
///
/// A constant command is reported at low severity: it cannot be injected,
/// but it still depends on the shell and `PATH`.
///
/// ## Example
/// ```python
/// subprocess.call("gzip " + filename, shell=True)
/// ```
///
/// ## Fix
/// Pass a list and no shell: `subprocess.run(["gzip", filename],
/// check=True)`. If a shell is unavoidable, quote every piece with
/// `shlex.quote()`.
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// A call written over several lines is reported on its first line, where
/// Ruff reports it; Bandit reports the line of the `shell=` keyword, so the
/// two land on different lines for the same call.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW301",
        name: "subprocess-shell-true",
        summary: "subprocess runs a command through the shell",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B602", "S602"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "subprocess.Popen",
            "subprocess.run",
            "subprocess.call",
            "subprocess.check_call",
            "subprocess.check_output",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let shell = match site.keyword("shell") {
        Some(value) => match constant_truth(value) {
            Some(truth) => truth,
            // `shell=flag`: may be true at run time.
            None => return dynamic_shell(site),
        },
        None => return None,
    };
    if !shell {
        return None;
    }
    let command = site.argument("args", 0);
    Some(match argument_kind(command) {
        ArgumentKind::Constant => {
            Violation::new(format!("{}() runs a constant command through the shell", site.callee))
                .severity(Severity::Low)
        }
        _ => Violation::new(format!(
            "{}() runs a computed command through the shell: pass an argument list without shell=True",
            site.callee
        )),
    })
}

fn dynamic_shell(site: &CallSite) -> Option<Violation> {
    Some(
        Violation::new(format!("{}() with a computed shell= value may run the command through the shell", site.callee))
            .severity(Severity::Medium)
            .confidence(Confidence::Medium),
    )
}
