//! Small questions rules ask about expressions.

use ruff_python_ast::{self as ast, Expr, Number};

/// A literal whose value is fixed in the source: strings, bytes, numbers,
/// booleans, None, and tuples/lists/sets of those. f-strings with
/// placeholders are not constant.
pub fn is_constant(expr: &Expr) -> bool {
    match expr {
        Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::FString(fstring) => fstring.value.elements().all(|e| e.is_literal()),
        Expr::Tuple(ast::ExprTuple { elts, .. })
        | Expr::List(ast::ExprList { elts, .. })
        | Expr::Set(ast::ExprSet { elts, .. }) => elts.iter().all(is_constant),
        Expr::BinOp(binop) => is_constant(&binop.left) && is_constant(&binop.right),
        Expr::UnaryOp(unary) => is_constant(&unary.operand),
        _ => false,
    }
}

pub fn string_value(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str()),
        _ => None,
    }
}

/// `Some(true)` / `Some(false)` when the truth value is known from the
/// source, `None` otherwise.
pub fn constant_truth(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::BooleanLiteral(literal) => Some(literal.value),
        Expr::NoneLiteral(_) => Some(false),
        Expr::NumberLiteral(number) => match &number.value {
            Number::Int(int) => Some(*int != ast::Int::ZERO),
            Number::Float(value) => Some(*value != 0.0),
            Number::Complex { real, imag } => Some(*real != 0.0 || *imag != 0.0),
        },
        Expr::StringLiteral(literal) => Some(!literal.value.is_empty()),
        Expr::BytesLiteral(literal) => Some(!literal.value.is_empty()),
        Expr::Tuple(tuple) => Some(!tuple.elts.is_empty()),
        Expr::List(list) => Some(!list.elts.is_empty()),
        Expr::Dict(dict) => Some(!dict.items.is_empty()),
        Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => constant_truth(&unary.operand).map(|b| !b),
        _ => None,
    }
}

/// The last dotted component of a qualified name (`Popen` of `subprocess.Popen`).
pub fn short_name(qualified: &str) -> &str {
    qualified.rsplit('.').next().unwrap_or(qualified)
}

/// How a call's key argument was written, which decides how sure a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentKind {
    /// Written out in the source: no attacker can change it.
    Constant,
    /// Computed at run time.
    Dynamic,
    /// Not passed (or hidden in `*args`).
    Missing,
}

pub fn argument_kind(argument: Option<&Expr>) -> ArgumentKind {
    match argument {
        None | Some(Expr::Starred(_)) => ArgumentKind::Missing,
        Some(expr) if is_constant(expr) => ArgumentKind::Constant,
        Some(_) => ArgumentKind::Dynamic,
    }
}
