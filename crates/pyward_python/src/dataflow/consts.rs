//! Conditions whose value is known without running anything
//! (`if False:`, `if 1 == 2:`, `if 'a' == 'b':`), so dead branches are pruned.

use ruff_python_ast::{self as ast, CmpOp, Expr, Number, UnaryOp};

#[derive(Debug, PartialEq)]
enum Literal<'a> {
    Int(i64),
    Float(f64),
    Str(&'a str),
    Bool(bool),
    None,
}

fn literal(expr: &Expr) -> Option<Literal<'_>> {
    match expr {
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.as_i64().map(Literal::Int),
            Number::Float(f) => Some(Literal::Float(*f)),
            Number::Complex { .. } => None,
        },
        Expr::StringLiteral(s) => Some(Literal::Str(s.value.to_str())),
        Expr::BooleanLiteral(b) => Some(Literal::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(Literal::None),
        _ => None,
    }
}

fn truthy(value: &Literal) -> bool {
    match value {
        Literal::Int(i) => *i != 0,
        Literal::Float(f) => *f != 0.0,
        Literal::Str(s) => !s.is_empty(),
        Literal::Bool(b) => *b,
        Literal::None => false,
    }
}

fn as_number(value: &Literal) -> Option<f64> {
    match value {
        #[allow(clippy::cast_precision_loss)]
        Literal::Int(i) => Some(*i as f64),
        Literal::Float(f) => Some(*f),
        Literal::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

fn compare(op: CmpOp, left: &Literal, right: &Literal) -> Option<bool> {
    if let (Literal::Str(a), Literal::Str(b)) = (left, right) {
        return match op {
            CmpOp::In => Some(b.contains(a)),
            CmpOp::NotIn => Some(!b.contains(a)),
            _ => order(op, a, b),
        };
    }
    match (as_number(left), as_number(right)) {
        (Some(a), Some(b)) => order(op, &a, &b),
        _ => match op {
            CmpOp::Is | CmpOp::Eq if *left == Literal::None || *right == Literal::None => Some(left == right),
            CmpOp::IsNot | CmpOp::NotEq if *left == Literal::None || *right == Literal::None => Some(left != right),
            CmpOp::Eq => Some(false),
            CmpOp::NotEq => Some(true),
            _ => None,
        },
    }
}

/// `a op b` for the equality and ordering operators.
fn order<T: PartialOrd + ?Sized>(op: CmpOp, a: &T, b: &T) -> Option<bool> {
    match op {
        CmpOp::Eq => Some(a == b),
        CmpOp::NotEq => Some(a != b),
        CmpOp::Lt => Some(a < b),
        CmpOp::LtE => Some(a <= b),
        CmpOp::Gt => Some(a > b),
        CmpOp::GtE => Some(a >= b),
        _ => None,
    }
}

/// The truth value of `test` when it is fixed by literals alone.
pub fn constant_truth(test: &Expr) -> Option<bool> {
    match test {
        Expr::UnaryOp(ast::ExprUnaryOp { op: UnaryOp::Not, operand, .. }) => constant_truth(operand).map(|v| !v),
        Expr::BoolOp(bool_op) => {
            let is_and = bool_op.op == ast::BoolOp::And;
            let mut all_known = true;
            for value in &bool_op.values {
                match constant_truth(value) {
                    Some(v) if v != is_and => return Some(v),
                    Some(_) => {}
                    None => all_known = false,
                }
            }
            all_known.then_some(is_and)
        }
        Expr::Compare(compare_expr) => {
            let mut left = literal(&compare_expr.left)?;
            for (op, right) in compare_expr.ops.iter().zip(compare_expr.comparators.iter()) {
                let right = literal(right)?;
                if !compare(*op, &left, &right)? {
                    return Some(false);
                }
                left = right;
            }
            Some(true)
        }
        other => literal(other).map(|l| truthy(&l)),
    }
}
