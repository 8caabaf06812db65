use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{SHELL_CALLS, SUBPROCESS_CALLS};
use crate::engine::helpers::{constant_truth, string_value};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Shell commands (`os.system`, `os.popen`, `subprocess` with
/// `shell=True`, ...) that run `chown`, `chmod`, `chgrp`, `tar` or `rsync`
/// on a `*` wildcard.
///
/// ## Why it matters
/// The shell expands `*` to the file names in the directory, and these
/// programs read names that begin with `-` as options. Whoever can create
/// a file there chooses the options: a file named
/// `--checkpoint-action=exec=sh x.sh` makes `tar cf backup.tar *` run a
/// script, `--reference=mine` makes `chown user *` copy an attacker's
/// ownership, `-e sh x.sh` makes `rsync` run a command.
///
/// ## Example
/// ```python
/// os.system("cd /srv/uploads && tar czf /backup/u.tgz *")
/// ```
///
/// ## Fix
/// End the options with `--` and prefix the glob with `./` (`tar czf
/// out.tgz -- ./*`), or list the files in Python and pass them as an
/// argument list without a shell.
///
/// ## References
/// - CWE-155: Improper Neutralization of Wildcards or Matching Symbols
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW311",
        name: "shell-wildcard-injection",
        summary: "A shell wildcard handed to a program that reads file names as options",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[155],
        category: "vulnerability/os-command-injection",
        aliases: &["B609", "S609"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: SHELL_CALLS, check: check_shell },
        Check::Call { callees: SUBPROCESS_CALLS, check: check_subprocess },
    ],
};

/// Programs that take options from the file names a glob expands to.
const OPTION_READING_PROGRAMS: &[&str] = &["chown", "chmod", "chgrp", "tar", "rsync"];

fn check_shell(site: &CallSite) -> Option<Violation> {
    judge(site, site.call.arguments.args.first()?)
}

fn check_subprocess(site: &CallSite) -> Option<Violation> {
    if constant_truth(site.keyword("shell")?) != Some(true) {
        return None;
    }
    judge(site, site.argument("args", 0)?)
}

fn judge(site: &CallSite, command: &Expr) -> Option<Violation> {
    let command = match command {
        Expr::List(list) => string_value(list.elts.first()?)?,
        other => string_value(other)?,
    };
    let program = command.split([';', '|', '&', '\n']).find_map(globbing_program)?;
    Some(Violation::new(format!(
        "{}() runs {program} on a * wildcard: file names starting with - become options; use -- ./* or an \
         argument list",
        site.callee
    )))
}

/// The program of one shell command when it is given a bare `*` glob.
fn globbing_program(segment: &str) -> Option<&str> {
    let mut words = segment.split_whitespace();
    let program = words.next()?.rsplit('/').next()?;
    let known = OPTION_READING_PROGRAMS.iter().find(|p| **p == program)?;
    words.any(|word| word.starts_with('*')).then_some(*known)
}
