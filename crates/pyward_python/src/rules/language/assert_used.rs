use pyward_report::{Confidence, Severity};
use ruff_python_ast::Stmt;

use super::common::is_test_path;
use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `assert` statements in application code.
///
/// ## Why it matters
/// `python -O` (and `PYTHONOPTIMIZE`) compiles every `assert` away. A check
/// written as `assert user.is_admin` or `assert len(data) < LIMIT` protects
/// nothing in an optimised deployment: the code after it runs for everyone.
///
/// ## Example
/// ```python
/// def delete_account(user, account):
///     assert user.owns(account)
///     account.delete()
/// ```
///
/// ## Fix
/// Raise explicitly: `if not user.owns(account): raise PermissionError(...)`.
/// Keep `assert` for invariants whose failure only means a bug.
///
/// ## Differences from Bandit/Ruff
/// Bandit (B101) and Ruff (S101) report every `assert`, including those in
/// test suites, where `assert` is the idiom (pytest rewrites it) and `-O`
/// is never used. pyward does not report asserts in test files: `test_*.py`,
/// `*_test.py`, `conftest.py`, and anything under a `tests/` or `test/`
/// folder.
///
/// ## References
/// - CWE-703: Improper Check or Handling of Exceptional Conditions
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW903",
        name: "assert-used",
        summary: "assert is removed under python -O: it cannot enforce anything",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[703],
        category: "language/instruction-validation",
        aliases: &["B101", "S101"],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::Assert], check }],
};

fn check(_stmt: &Stmt, context: &Context) -> Option<Violation> {
    if is_test_path(context.path) {
        return None;
    }
    Some(Violation::new(
        "assert is compiled away under python -O; raise an exception for checks that must hold in production",
    ))
}
