//! Folding integer constants written in the source (`2**63`, `0o777`,
//! `stat.S_IWOTH | stat.S_IRUSR`, `int(2147483648)`), for the rules that
//! compare them with the limits of C types.

use ruff_python_ast::{self as ast, Expr, Number, Operator, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextSize};

use crate::engine::Context;
use crate::semantic::Binding;

/// An integer constant: exact while it fits in an `i128`, otherwise only
/// its sign is kept (it is beyond every C type anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Folded {
    Exact(i128),
    Huge { negative: bool },
}

impl Folded {
    fn huge(negative: bool) -> Self {
        Self::Huge { negative }
    }

    fn is_negative(self) -> bool {
        match self {
            Self::Exact(value) => value < 0,
            Self::Huge { negative } => negative,
        }
    }

    /// Whether the value lies outside `min..=max`.
    pub(crate) fn outside(self, min: i128, max: i128) -> bool {
        match self {
            Self::Exact(value) => value < min || value > max,
            Self::Huge { .. } => true,
        }
    }

    /// The value for a message: exact digits, or "beyond 2**127".
    pub(crate) fn describe(self) -> String {
        match self {
            Self::Exact(value) => value.to_string(),
            Self::Huge { negative: false } => "a value beyond 2**127".to_string(),
            Self::Huge { negative: true } => "a value below -2**127".to_string(),
        }
    }
}

/// How deep a constant expression may nest before folding gives up.
const MAX_FOLD_DEPTH: u32 = 64;

/// Named integer constants the folder knows.
const NAMED_CONSTANTS: &[(&str, i128)] = &[
    ("sys.maxsize", i64::MAX as i128),
    ("sys.maxint", i64::MAX as i128),
    ("stat.S_ISUID", 0o4000),
    ("stat.S_ISGID", 0o2000),
    ("stat.S_ISVTX", 0o1000),
    ("stat.S_IRWXU", 0o700),
    ("stat.S_IRUSR", 0o400),
    ("stat.S_IWUSR", 0o200),
    ("stat.S_IXUSR", 0o100),
    ("stat.S_IRWXG", 0o070),
    ("stat.S_IRGRP", 0o040),
    ("stat.S_IWGRP", 0o020),
    ("stat.S_IXGRP", 0o010),
    ("stat.S_IRWXO", 0o007),
    ("stat.S_IROTH", 0o004),
    ("stat.S_IWOTH", 0o002),
    ("stat.S_IXOTH", 0o001),
    ("stat.S_IREAD", 0o400),
    ("stat.S_IWRITE", 0o200),
    ("stat.S_IEXEC", 0o100),
];

/// The integer `expr` always evaluates to, when the source fixes it.
pub(crate) fn fold_int(expr: &Expr, context: &Context) -> Option<Folded> {
    fold(expr, context, 0)
}

fn fold(expr: &Expr, context: &Context, depth: u32) -> Option<Folded> {
    if depth > MAX_FOLD_DEPTH {
        return None;
    }
    match expr {
        Expr::NumberLiteral(number) => match &number.value {
            Number::Int(int) => Some(int.as_u64().map_or(Folded::huge(false), |v| Folded::Exact(i128::from(v)))),
            _ => None,
        },
        Expr::BooleanLiteral(literal) => Some(Folded::Exact(i128::from(literal.value))),
        Expr::UnaryOp(unary) => fold_unary(unary.op, fold(&unary.operand, context, depth + 1)?),
        Expr::BinOp(binop) => {
            let left = fold(&binop.left, context, depth + 1)?;
            let right = fold(&binop.right, context, depth + 1)?;
            fold_binary(left, binop.op, right)
        }
        Expr::Call(call) => fold_int_call(call, context, depth),
        Expr::Name(name) if context.semantic.lookup(name.id.as_str()) == Some(&Binding::Local) => {
            bound_constant(name.id.as_str(), expr.start(), context, depth)
        }
        Expr::Name(_) | Expr::Attribute(_) => {
            let name = context.resolve(expr)?;
            NAMED_CONSTANTS.iter().find(|(known, _)| *known == name).map(|(_, value)| Folded::Exact(*value))
        }
        _ => None,
    }
}

/// The constant a local `name` holds where it is used at `used_at`: the
/// last statement before the use, in the same block, that binds it must be
/// a plain `name = <constant>` (`n = 2**63; xrange(n)`). Any other binding in
/// between (augmented, in a loop or branch, by `for` or `with`...) gives up.
fn bound_constant(name: &str, used_at: TextSize, context: &Context, depth: u32) -> Option<Folded> {
    let last = context.block.iter().take_while(|stmt| stmt.end() <= used_at).filter(|stmt| binds(stmt, name)).last()?;
    let value = match last {
        Stmt::Assign(assign) if matches!(&assign.targets[..], [Expr::Name(target)] if target.id.as_str() == name) => {
            &assign.value
        }
        Stmt::AnnAssign(ast::StmtAnnAssign { target, value: Some(value), .. }) if matches!(&**target, Expr::Name(target) if target.id.as_str() == name) => {
            value
        }
        _ => return None,
    };
    fold(value, context, depth + 1)
}

/// Whether `stmt` (or a statement nested in it, outside inner scopes) may bind `name`.
fn binds(stmt: &Stmt, name: &str) -> bool {
    let named = |expr: &Expr| target_names(expr, name);
    match stmt {
        Stmt::Assign(s) => s.targets.iter().any(named),
        Stmt::AnnAssign(s) => named(&s.target),
        Stmt::AugAssign(s) => named(&s.target),
        Stmt::FunctionDef(s) => s.name.as_str() == name,
        Stmt::ClassDef(s) => s.name.as_str() == name,
        Stmt::Import(_) | Stmt::ImportFrom(_) | Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Delete(_) => true,
        Stmt::For(s) => named(&s.target) || body_binds(&s.body, name) || body_binds(&s.orelse, name),
        Stmt::While(s) => body_binds(&s.body, name) || body_binds(&s.orelse, name),
        Stmt::If(s) => body_binds(&s.body, name) || s.elif_else_clauses.iter().any(|c| body_binds(&c.body, name)),
        Stmt::With(s) => {
            s.items.iter().filter_map(|i| i.optional_vars.as_deref()).any(named) || body_binds(&s.body, name)
        }
        Stmt::Try(s) => {
            body_binds(&s.body, name)
                || body_binds(&s.orelse, name)
                || body_binds(&s.finalbody, name)
                || s.handlers.iter().any(|ast::ExceptHandler::ExceptHandler(h)| {
                    h.name.as_ref().is_some_and(|n| n.as_str() == name) || body_binds(&h.body, name)
                })
        }
        // Patterns bind names in ways not worth following here.
        Stmt::Match(_) => true,
        Stmt::Expr(s) => s.value.is_named_expr(),
        _ => false,
    }
}

fn body_binds(body: &[Stmt], name: &str) -> bool {
    body.iter().any(|stmt| binds(stmt, name))
}

fn target_names(target: &Expr, name: &str) -> bool {
    match target {
        Expr::Name(n) => n.id.as_str() == name,
        Expr::Tuple(t) => t.elts.iter().any(|e| target_names(e, name)),
        Expr::List(l) => l.elts.iter().any(|e| target_names(e, name)),
        Expr::Starred(s) => target_names(&s.value, name),
        _ => false,
    }
}

/// `int(<constant>)`, as the seed writes `ctypes.c_char * int(2**63)`.
fn fold_int_call(call: &ast::ExprCall, context: &Context, depth: u32) -> Option<Folded> {
    let [argument] = &*call.arguments.args else { return None };
    if !call.arguments.keywords.is_empty() || context.resolve(&call.func).as_deref() != Some("int") {
        return None;
    }
    fold(argument, context, depth + 1)
}

fn fold_unary(op: UnaryOp, value: Folded) -> Option<Folded> {
    match op {
        UnaryOp::UAdd => Some(value),
        UnaryOp::USub => Some(negate(value)),
        UnaryOp::Invert => add(negate(value), Folded::Exact(-1)),
        UnaryOp::Not => None,
    }
}

fn negate(value: Folded) -> Folded {
    match value {
        Folded::Exact(v) => v.checked_neg().map_or(Folded::huge(false), Folded::Exact),
        Folded::Huge { negative } => Folded::huge(!negative),
    }
}

fn fold_binary(left: Folded, op: Operator, right: Folded) -> Option<Folded> {
    match op {
        Operator::Add => add(left, right),
        Operator::Sub => add(left, negate(right)),
        Operator::Mult => Some(multiply(left, right)),
        Operator::Pow => power(left, right),
        Operator::LShift => shift_left(left, right),
        _ => exact_binary(exact(left)?, op, exact(right)?).map(Folded::Exact),
    }
}

fn exact(value: Folded) -> Option<i128> {
    match value {
        Folded::Exact(v) => Some(v),
        Folded::Huge { .. } => None,
    }
}

fn add(left: Folded, right: Folded) -> Option<Folded> {
    match (left, right) {
        (Folded::Exact(a), Folded::Exact(b)) => Some(a.checked_add(b).map_or(Folded::huge(a < 0), Folded::Exact)),
        (Folded::Huge { negative }, Folded::Exact(_)) | (Folded::Exact(_), Folded::Huge { negative }) => {
            Some(Folded::huge(negative))
        }
        (Folded::Huge { negative: a }, Folded::Huge { negative: b }) => (a == b).then_some(Folded::huge(a)),
    }
}

fn multiply(left: Folded, right: Folded) -> Folded {
    if left == Folded::Exact(0) || right == Folded::Exact(0) {
        return Folded::Exact(0);
    }
    let negative = left.is_negative() != right.is_negative();
    match (left, right) {
        (Folded::Exact(a), Folded::Exact(b)) => a.checked_mul(b).map_or(Folded::huge(negative), Folded::Exact),
        _ => Folded::huge(negative),
    }
}

fn power(base: Folded, exponent: Folded) -> Option<Folded> {
    let exponent = exact(exponent)?;
    if exponent < 0 {
        return None; // a float
    }
    match base {
        Folded::Exact(b @ (0 | 1)) => Some(Folded::Exact(if exponent == 0 { 1 } else { b })),
        Folded::Exact(-1) => Some(Folded::Exact(if exponent % 2 == 0 { 1 } else { -1 })),
        _ if exponent == 0 => Some(Folded::Exact(1)),
        Folded::Exact(b) => {
            let negative = b < 0 && exponent % 2 == 1;
            let result = u32::try_from(exponent).ok().and_then(|e| b.checked_pow(e));
            Some(result.map_or(Folded::huge(negative), Folded::Exact))
        }
        Folded::Huge { negative } => Some(Folded::huge(negative && exponent % 2 == 1)),
    }
}

fn shift_left(value: Folded, amount: Folded) -> Option<Folded> {
    let amount = exact(amount)?;
    if amount < 0 {
        return None; // ValueError at run time
    }
    match value {
        Folded::Exact(0) => Some(Folded::Exact(0)),
        Folded::Exact(v) => {
            let shifted = u32::try_from(amount).ok().filter(|a| *a < 127).and_then(|a| v.checked_mul(1_i128 << a));
            Some(shifted.map_or(Folded::huge(v < 0), Folded::Exact))
        }
        huge => Some(huge),
    }
}

fn exact_binary(a: i128, op: Operator, b: i128) -> Option<i128> {
    match op {
        Operator::BitOr => Some(a | b),
        Operator::BitAnd => Some(a & b),
        Operator::BitXor => Some(a ^ b),
        Operator::RShift => u32::try_from(b).ok().map(|shift| a >> shift.min(127)),
        Operator::FloorDiv => floor_divide(a, b),
        Operator::Mod => floor_divide(a, b).and_then(|q| a.checked_sub(q.checked_mul(b)?)),
        _ => None,
    }
}

/// Python's `//`: rounds towards negative infinity.
fn floor_divide(a: i128, b: i128) -> Option<i128> {
    let quotient = a.checked_div(b)?;
    let inexact = a.checked_rem(b)? != 0;
    Some(if inexact && ((a < 0) != (b < 0)) { quotient - 1 } else { quotient })
}

/// Limits of the C types Python hands integers to.
pub(crate) const INT32: (i128, i128) = (i32::MIN as i128, i32::MAX as i128);
pub(crate) const INT64: (i128, i128) = (i64::MIN as i128, i64::MAX as i128);

#[cfg(test)]
mod tests {
    use ruff_python_parser::parse_expression;

    use super::{Folded, fold_int};
    use crate::engine::Context;
    use crate::semantic::SemanticModel;
    use crate::version::TargetPython;

    fn folded(source: &str) -> Option<Folded> {
        let parsed = parse_expression(source).expect("valid expression");
        let semantic = SemanticModel::new("m", false);
        let context = Context {
            semantic: &semantic,
            source,
            path: "m.py",
            python: TargetPython::default(),
            ancestors: &[],
            block: &[],
            resolved_callee: None,
        };
        fold_int(parsed.expr(), &context)
    }

    #[test]
    fn folds_python_integer_arithmetic() {
        assert_eq!(folded("2**63"), Some(Folded::Exact(1 << 63)));
        assert_eq!(folded("-(2**63) - 1"), Some(Folded::Exact(-(1 << 63) - 1)));
        assert_eq!(folded("0o777 & ~0o022"), Some(Folded::Exact(0o755)));
        assert_eq!(folded("-7 // 2"), Some(Folded::Exact(-4)));
        assert_eq!(folded("-7 % 3"), Some(Folded::Exact(2)));
        assert_eq!(folded("7 % -3"), Some(Folded::Exact(-2)));
        assert_eq!(folded("int(0x1ff)"), Some(Folded::Exact(511)));
    }

    #[test]
    fn keeps_the_sign_beyond_i128() {
        assert_eq!(folded("2**200"), Some(Folded::Huge { negative: false }));
        assert_eq!(folded("(-2)**201"), Some(Folded::Huge { negative: true }));
        assert_eq!(folded("1 << 500"), Some(Folded::Huge { negative: false }));
        assert_eq!(folded("-(2**200) * 3"), Some(Folded::Huge { negative: true }));
        assert_eq!(folded("2**200 * 0"), Some(Folded::Exact(0)));
        assert_eq!(folded("99999999999999999999999999999999999999999"), Some(Folded::Huge { negative: false }));
    }

    #[test]
    fn refuses_what_is_not_an_integer_constant() {
        assert_eq!(folded("2**-1"), None);
        assert_eq!(folded("1.5 * 2"), None);
        assert_eq!(folded("n + 1"), None);
        assert_eq!(folded("1 // 0"), None);
        assert_eq!(folded("2**200 - 2**200"), None);
    }
}
