use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `pty.spawn()`.
///
/// ## Why it matters
/// `pty.spawn` starts a program attached to a new pseudo-terminal and
/// relays the caller's terminal to it — the classic way to upgrade a
/// reverse shell. In application code the program it runs must never come
/// from input.
///
/// ## Example
/// ```python
/// pty.spawn(["/bin/sh", "-c", command])
/// ```
///
/// ## Fix
/// Run fixed programs with `subprocess.run([...])`; if a terminal is really
/// needed, keep the argument list constant.
///
/// ## References
/// - CWE-78: OS Command Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW304",
        name: "pty-spawn",
        summary: "pty.spawn runs a program on a pseudo-terminal",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["pty.spawn"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(match argument_kind(site.argument("argv", 0)) {
        ArgumentKind::Constant => {
            Violation::new("pty.spawn() of a fixed program on a pseudo-terminal").severity(Severity::Low)
        }
        _ => Violation::new("pty.spawn() of a computed program: input may choose what runs on the terminal"),
    })
}
