use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, ExprCall};

use super::common::{keyword, method_name};
use crate::engine::helpers::is_constant;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// Django `QuerySet.extra()` calls whose `select`, `where`, `tables` or
/// `order_by` hold values computed at run time.
///
/// ## Why it matters
/// `extra()` pastes those strings into the SQL unescaped. Built from input,
/// they are SQL injection. Values passed in `params` / `select_params` are
/// parameterised and safe.
///
/// ## Example
/// ```python
/// User.objects.extra(where=["name = '%s'" % name])
/// ```
///
/// ## Fix
/// Use the ORM (`filter()`, `annotate()` with expressions); if raw SQL is
/// needed, keep it constant and pass values through `params=`.
///
/// ## References
/// - CWE-89: SQL Injection
///
/// ## Differences from Bandit/Ruff
/// Like both, only computed pieces are reported; a call with only literal
/// SQL is not.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW704",
        name: "django-extra",
        summary: "Django QuerySet.extra() with SQL built at run time",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[89],
        category: "vulnerability/sql-injection",
        aliases: &["B610", "S610"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

const SQL_KEYWORDS: &[&str] = &["where", "tables", "order_by"];

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    if method_name(call) != Some("extra") {
        return None;
    }
    let computed = computed_select(call) || SQL_KEYWORDS.iter().any(|name| computed_list(call, name));
    computed.then(|| {
        Violation::new("QuerySet.extra() with SQL computed at run time can be injected; use the ORM or params=")
    })
}

fn computed_select(call: &ExprCall) -> bool {
    match keyword(call, "select").or_else(|| call.arguments.args.first()) {
        None => false,
        Some(Expr::Dict(dict)) => dict.items.iter().any(|item| !is_constant(&item.value)),
        Some(other) => !is_constant(other),
    }
}

fn computed_list(call: &ExprCall, name: &str) -> bool {
    match keyword(call, name) {
        None => false,
        Some(Expr::List(list)) => list.elts.iter().any(|e| !is_constant(e)),
        Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(|e| !is_constant(e)),
        Some(other) => !is_constant(other),
    }
}
