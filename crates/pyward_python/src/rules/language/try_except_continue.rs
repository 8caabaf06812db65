use pyward_report::{Confidence, Severity};
use ruff_python_ast::Stmt;
use ruff_text_size::Ranged;

use super::common::broad_handlers_doing;
use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Inside loops, `except:` / `except Exception:` / `except BaseException:`
/// clauses whose only statement is `continue`.
///
/// ## Why it matters
/// Each failing item is skipped without a trace: records that failed
/// validation, files that could not be checked, requests that errored. An
/// attacker can hide input from a security check by making it raise.
///
/// ## Example
/// ```python
/// for upload in uploads:
///     try:
///         scan(upload)
///     except Exception:
///         continue
/// ```
///
/// ## Fix
/// Catch the specific exception, log the skipped item, and decide whether
/// skipping is safe.
///
/// ## Differences from Bandit/Ruff
/// Like Bandit and Ruff with their default settings, clauses naming a
/// specific exception type are not reported.
///
/// ## References
/// - CWE-703: Improper Check or Handling of Exceptional Conditions
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW905",
        name: "try-except-continue",
        summary: "A broad except clause silently skips failing loop iterations",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[703],
        category: "server/errors",
        aliases: &["B112", "S112"],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::Try], check }],
};

fn check(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let handler = broad_handlers_doing(stmt, |s| matches!(s, Stmt::Continue(_))).next()?;
    Some(
        Violation::new(
            "except clause with only continue skips failures silently; catch the specific exception and log it",
        )
        .at(handler.range()),
    )
}
