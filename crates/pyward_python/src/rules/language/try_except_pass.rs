use pyward_report::{Confidence, Severity};
use ruff_python_ast::Stmt;
use ruff_text_size::Ranged;

use super::common::broad_handlers_doing;
use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `except:` / `except Exception:` / `except BaseException:` clauses whose
/// only statement is `pass`.
///
/// ## Why it matters
/// Every error in the `try` body disappears, including the ones that mean
/// an attack or a broken security control (a failed signature check, a
/// permission error, a timeout). The program goes on in a state nobody
/// planned for and leaves no trace in the logs.
///
/// ## Example
/// ```python
/// try:
///     verify(token)
/// except Exception:
///     pass
/// ```
///
/// ## Fix
/// Catch the specific exception you expect, and log or handle it; use
/// `contextlib.suppress(SpecificError)` when ignoring it is really meant.
///
/// ## Differences from Bandit/Ruff
/// Like Bandit and Ruff with their default settings, clauses naming a
/// specific exception type are not reported.
///
/// ## References
/// - CWE-703: Improper Check or Handling of Exceptional Conditions
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW904",
        name: "try-except-pass",
        summary: "A broad except clause silently discards every error",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[703],
        category: "server/errors",
        aliases: &["B110", "S110"],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::Try], check }],
};

fn check(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let handler = broad_handlers_doing(stmt, |s| matches!(s, Stmt::Pass(_))).next()?;
    Some(
        Violation::new("except clause with only pass hides every error; catch the specific exception and log it")
            .at(handler.range()),
    )
}
