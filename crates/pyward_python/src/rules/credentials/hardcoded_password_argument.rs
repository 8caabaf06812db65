use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

use super::common::{is_not_a_secret, is_password_name};
use crate::engine::helpers::string_value;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// String literals passed as password-like keyword arguments:
/// `connect(user="app", password="hunter2")`, `Client(api_token="...")`.
///
/// ## Why it matters
/// The credential is in the source: in every clone and backup, the same
/// on every installation, and changing it needs a release.
///
/// ## Example
/// ```python
/// psycopg2.connect(host=host, user="app", password="hunter2")
/// ```
///
/// ## Fix
/// Pass a value read at run time: `password=os.environ["DB_PASSWORD"]`.
///
/// ## References
/// - CWE-259: Use of Hard-coded Password
/// - CWE-798: Use of Hard-coded Credentials
///
/// ## Differences from Bandit/Ruff
/// The same names and values are skipped as for PW801 (`token_type=`,
/// empty strings, prompts, labels, placeholders, variable names).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW802",
        name: "hardcoded-password-argument",
        summary: "Hard-coded password passed as a keyword argument",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[259, 798],
        category: "vulnerability/credentials",
        aliases: &["B106", "S106"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    call.arguments.keywords.iter().find_map(|keyword| {
        let name = keyword.arg.as_ref()?.as_str();
        let value = string_value(&keyword.value)?;
        if !is_password_name(name) || is_not_a_secret(name, value) {
            return None;
        }
        Some(
            Violation::new(format!(
                "hard-coded password passed as {name}=; pass a value read at run time (environment, secrets manager)"
            ))
            .at(keyword.range()),
        )
    })
}
