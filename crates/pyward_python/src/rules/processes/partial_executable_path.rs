use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{EXEC_CALLS, SHELL_CALLS, SUBPROCESS_CALLS};
use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Process-starting calls (`subprocess`, `os.system`/`os.popen`,
/// `os.exec*`/`os.spawn*`, ...) whose program is a constant without a
/// directory: `"ls"`, `["git", "pull"]`.
///
/// ## Why it matters
/// The program is looked up in `PATH` (or, on Windows, also in the current
/// directory). Whoever can put an executable named `git` into an earlier
/// `PATH` entry or the working directory decides what runs, with the
/// caller's privileges.
///
/// ## Example
/// ```python
/// subprocess.run(["git", "pull"])
/// ```
///
/// A name with a directory part (`./tool`, `bin/tool`) is not searched in
/// `PATH` and is not reported.
///
/// ## Differences from Bandit/Ruff
/// For `os.spawn*` the program is the second argument, after the mode;
/// Bandit and Ruff read the first one and miss these calls.
///
/// ## Fix
/// Name the program by absolute path (`/usr/bin/git`), or resolve it once
/// with `shutil.which()` from a trusted `PATH` and use the result.
///
/// ## References
/// - CWE-426: Untrusted Search Path
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW309",
        name: "partial-executable-path",
        summary: "A process is started by program name, found through PATH",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[426],
        category: "access/local",
        aliases: &["B607", "S607"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: SUBPROCESS_CALLS, check },
        Check::Call { callees: SHELL_CALLS, check },
        Check::Call { callees: EXEC_CALLS, check },
    ],
};

fn check(site: &CallSite) -> Option<Violation> {
    let position = if site.callee.starts_with("os.spawn") { 1 } else { 0 };
    let command = site.call.arguments.args.get(position)?;
    let program = program_name(command)?;
    if is_qualified(program) {
        return None;
    }
    Some(Violation::new(format!(
        "{}() starts {program:?} by name, so PATH decides which program runs; give its absolute path",
        site.callee
    )))
}

/// The program a constant command names: the first list element, or the
/// first word of a command string.
fn program_name(command: &Expr) -> Option<&str> {
    match command {
        Expr::List(list) => string_value(list.elts.first()?),
        Expr::Tuple(tuple) => string_value(tuple.elts.first()?),
        other => string_value(other)?.split_whitespace().next(),
    }
}

fn is_qualified(program: &str) -> bool {
    let drive = program.as_bytes().get(1) == Some(&b':') && program.as_bytes()[0].is_ascii_alphabetic();
    program.starts_with('.') || program.contains(['/', '\\']) || drive
}
