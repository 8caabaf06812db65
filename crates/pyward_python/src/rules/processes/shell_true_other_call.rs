use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{SHELL_CALLS, SUBPROCESS_CALLS};
use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// Calls of any function other than the `subprocess` ones (PW301) that pass
/// `shell=True`: project wrappers, `asyncio`-style helpers, third-party
/// process libraries.
///
/// ## Why it matters
/// `shell=True` almost always means "run this string with `/bin/sh`"; the
/// wrapper then carries the same command-injection risk as
/// `subprocess.Popen(..., shell=True)`, hidden one call away.
///
/// ## Example
/// ```python
/// utils.execute("convert " + upload, shell=True)
/// ```
///
/// ## Fix
/// Give the wrapper an argument list and no shell; quote any input with
/// `shlex.quote()` if a shell cannot be avoided.
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// Only `shell=` values that are true when written (`True`, `1`, a
/// non-empty literal) are reported. Bandit also reports `shell=shell` and
/// other names it cannot evaluate, which in wrappers that pass their
/// caller's choice on is most often `False`. A call over several lines is
/// reported on its first line (Ruff's choice); Bandit uses the `shell=` line.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW308",
        name: "shell-true-other-call",
        summary: "A function other than subprocess is called with shell=True",
        severity: Severity::Medium,
        confidence: Confidence::Low,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B604", "S604"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

fn check(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let shell = call.arguments.find_keyword("shell")?;
    if constant_truth(&shell.value) != Some(true) {
        return None;
    }
    let callee = context.resolve(&call.func);
    let name = callee.as_deref().unwrap_or_else(|| context.text(ruff_text_size::Ranged::range(&*call.func)));
    if SUBPROCESS_CALLS.contains(&name) || SHELL_CALLS.contains(&name) {
        return None;
    }
    Some(Violation::new(format!(
        "{name}() is called with shell=True: it likely runs its command through the shell; pass an argument list \
         without a shell"
    )))
}
