use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Shell commands that run `tar`, `chown`, `chmod` or `rsync` on a `*`
/// wildcard: through `os.system`, `os.popen`, the `commands`/`popen2`
/// helpers, or `subprocess` with `shell=True`.
///
/// ## Why it matters
/// The shell expands `*` into file names before the program sees them, and
/// a file name may start with `-`. An attacker who can create files named
/// `--checkpoint-action=exec=sh x.sh` (tar) or `--reference=evil` (chown)
/// turns them into options and runs code or takes ownership.
///
/// ## Example
/// ```python
/// os.system("cd /uploads && tar czf /backup/up.tgz *")
/// ```
///
/// ## Fix
/// Write `./*` (names then start with `./`, never `-`), end options with
/// `--`, or list the files yourself and pass them as arguments without a
/// shell.
///
/// ## References
/// - CWE-155: Improper Neutralization of Wildcards
///
/// ## Differences from Bandit/Ruff
/// The command names must appear as words: `restart *` is not a `tar`
/// command (Bandit matches substrings). A wildcard behind a path (`./*`,
/// `dir/*`) expands to names that cannot start with `-` and is not
/// reported.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW703",
        name: "wildcard-injection",
        summary: "Shell wildcard passed to tar/chown/chmod/rsync",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[155],
        category: "vulnerability/os-command-injection",
        aliases: &["B609", "S609"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call {
            callees: &[
                "os.system",
                "os.popen",
                "os.popen2",
                "os.popen3",
                "os.popen4",
                "popen2.popen2",
                "popen2.popen3",
                "popen2.popen4",
                "popen2.Popen3",
                "popen2.Popen4",
                "commands.getoutput",
                "commands.getstatusoutput",
                "subprocess.getoutput",
                "subprocess.getstatusoutput",
            ],
            check: check_shell_call,
        },
        Check::Call {
            callees: &[
                "subprocess.Popen",
                "subprocess.run",
                "subprocess.call",
                "subprocess.check_call",
                "subprocess.check_output",
            ],
            check: check_subprocess,
        },
    ],
};

const WILDCARD_VICTIMS: &[&str] = &["tar", "chown", "chmod", "rsync"];

fn check_subprocess(site: &CallSite) -> Option<Violation> {
    if site.keyword("shell").and_then(constant_truth) != Some(true) {
        return None;
    }
    check_shell_call(site)
}

fn check_shell_call(site: &CallSite) -> Option<Violation> {
    let command = site.call.arguments.args.first()?;
    let victim = command_texts(command).into_iter().find_map(|text| wildcard_victim(&text))?;
    Some(Violation::new(format!(
        "{victim} on a shell * wildcard: file names starting with '-' become options; use ./* or pass files after --"
    )))
}

fn command_texts(command: &Expr) -> Vec<String> {
    match command {
        Expr::StringLiteral(literal) => vec![literal.value.to_str().to_string()],
        Expr::List(list) => list.elts.iter().flat_map(command_texts).collect(),
        Expr::Tuple(tuple) => tuple.elts.iter().flat_map(command_texts).collect(),
        Expr::BinOp(binop) => command_texts(&binop.left).into_iter().chain(command_texts(&binop.right)).collect(),
        _ => Vec::new(),
    }
}

/// The program that a bare `*` wildcard in `text` is handed to, if any.
fn wildcard_victim(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|')).collect();
    if !words.iter().any(|word| word.starts_with('*')) {
        return None;
    }
    words.iter().find_map(|word| {
        let program = word.rsplit('/').next().unwrap_or(word);
        WILDCARD_VICTIMS.iter().copied().find(|victim| *victim == program)
    })
}
