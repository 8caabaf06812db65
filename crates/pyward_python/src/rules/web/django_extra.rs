use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, ExprCall};

use super::common::{is_constant_format, keyword, method_name};
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
/// Like both, a call with only literal SQL is not reported. SQL built by
/// formatting constants (`'%s' % 'x'`, `'{}'.format('x')`), which both
/// report, cannot be injected and is reported at low severity.
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
    let pieces = select_pieces(call).into_iter().chain(SQL_KEYWORDS.iter().flat_map(|name| list_pieces(call, name)));
    let mut worst = None;
    for piece in pieces {
        match piece_kind(piece) {
            Piece::Computed => {
                return Some(Violation::new(
                    "QuerySet.extra() with SQL computed at run time can be injected; use the ORM or params=",
                ));
            }
            Piece::Formatted => worst = Some(Piece::Formatted),
            Piece::Literal => {}
        }
    }
    worst.map(|_| {
        Violation::new("QuerySet.extra() with SQL built by formatting constants; keep SQL literal and use params=")
            .severity(Severity::Low)
    })
}

#[derive(Clone, Copy)]
enum Piece {
    Literal,
    /// Formatting or concatenation of constants only.
    Formatted,
    Computed,
}

fn piece_kind(piece: &Expr) -> Piece {
    match piece {
        Expr::StringLiteral(_) | Expr::NumberLiteral(_) => Piece::Literal,
        other if is_constant(other) || is_constant_format(other) => Piece::Formatted,
        _ => Piece::Computed,
    }
}

/// The SQL pieces of `select=` (the values of its dict).
fn select_pieces(call: &ExprCall) -> Vec<&Expr> {
    match keyword(call, "select").or_else(|| call.arguments.args.first()) {
        None => Vec::new(),
        Some(Expr::Dict(dict)) => dict.items.iter().map(|item| &item.value).collect(),
        Some(other) => vec![other],
    }
}

/// The SQL pieces of a list argument such as `where=`.
fn list_pieces<'a>(call: &'a ExprCall, name: &str) -> Vec<&'a Expr> {
    match keyword(call, name) {
        None => Vec::new(),
        Some(Expr::List(list)) => list.elts.iter().collect(),
        Some(Expr::Tuple(tuple)) => tuple.elts.iter().collect(),
        Some(other) => vec![other],
    }
}
