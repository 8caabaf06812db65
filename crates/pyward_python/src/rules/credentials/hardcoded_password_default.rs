use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::common::{is_not_a_secret, is_password_name};
use crate::engine::helpers::string_value;
use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Function parameters with a password-like name and a string literal
/// default: `def login(user, password="admin")`.
///
/// ## Why it matters
/// Every caller that leaves the argument out authenticates with the same
/// published password, and the default tends to survive into production.
///
/// ## Example
/// ```python
/// def connect(host, password="admin"):
/// ```
///
/// ## Fix
/// Give no default (make the caller supply it), or default to `None` and
/// read the secret at run time.
///
/// ## References
/// - CWE-259: Use of Hard-coded Password
/// - CWE-798: Use of Hard-coded Credentials
///
/// ## Differences from Bandit/Ruff
/// The same names and values are skipped as for PW801 (empty strings,
/// prompts, labels, placeholders, variable names).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW803",
        name: "hardcoded-password-default",
        summary: "Hard-coded password as a parameter default",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[259, 798],
        category: "vulnerability/credentials",
        aliases: &["B107", "S107"],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::FunctionDef], check }],
};

fn check(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let Stmt::FunctionDef(function) = stmt else { return None };
    function.parameters.iter_non_variadic_params().find_map(|parameter| {
        let name = parameter.parameter.name.as_str();
        let default: &Expr = parameter.default.as_deref()?;
        let value = string_value(default)?;
        if !is_password_name(name) || is_not_a_secret(name, value) {
            return None;
        }
        Some(
            Violation::new(format!(
                "hard-coded default password for parameter `{name}`; require it, or default to None and read it at run time"
            ))
            .at(parameter.range()),
        )
    })
}
