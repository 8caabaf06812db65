use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `exec_command()` on a paramiko `SSHClient`.
///
/// ## Why it matters
/// The command string is handed to the remote user's login shell: `;`,
/// `|`, `$(...)` and backticks in any part built from input run further
/// commands on the remote host, with that account's privileges.
///
/// A constant command is reported at low severity.
///
/// ## Example
/// ```python
/// client = paramiko.SSHClient()
/// client.exec_command("tar czf /backup/" + name + ".tgz /srv")
/// ```
///
/// ## Fix
/// Quote every piece built from input with `shlex.quote()`, or validate it
/// against an allow-list; better, run a fixed remote script that takes no
/// shell-parsed arguments.
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// Like Bandit, pyward reports `exec_command` on a client created with
/// `paramiko.SSHClient()`. Ruff matches only a call it resolves to
/// `paramiko.exec_command`, a name the library does not define, so it reports
/// none of these calls.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW306",
        name: "paramiko-exec-command",
        summary: "paramiko exec_command runs its string through the remote shell",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B601", "S601"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "paramiko.SSHClient().exec_command",
            "paramiko.client.SSHClient().exec_command",
            "paramiko.exec_command",
            "paramiko.Channel().exec_command",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(match argument_kind(site.argument("command", 0)) {
        ArgumentKind::Constant => {
            Violation::new("paramiko exec_command() runs a constant command through the remote shell")
                .severity(Severity::Low)
        }
        _ => Violation::new(
            "paramiko exec_command() runs a computed command through the remote shell: quote every input with \
             shlex.quote() or use a fixed command",
        ),
    })
}
