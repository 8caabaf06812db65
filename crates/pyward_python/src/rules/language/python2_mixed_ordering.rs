use pyward_report::{Confidence, Severity};
use ruff_python_ast::{CmpOp, Expr};

use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// In Python 2 code, ordering comparisons (`<`, `<=`, `>`, `>=`) between a
/// number and a string (a literal, `str(...)`, `raw_input(...)`) or `None`.
///
/// ## Why it matters
/// Python 2 orders values of different types by type name instead of
/// raising: every `str` is greater than every number and `None` is smaller
/// than everything. The seed talk's age check `raw_input() > 18` is always
/// true, whatever was typed; `limit < None` is always false. The bug never
/// raises, it just decides wrongly.
///
/// ## Example
/// ```python
/// age = raw_input("age? ")
/// if age >= 18:
///     grant()
/// ```
///
/// ## Fix
/// Convert and validate first: `age = int(raw_input(...))`, and test for
/// `None` with `is None` before comparing.
///
/// ## References
/// - CWE-1024: Comparison of Incompatible Types
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW910",
        name: "python2-mixed-type-ordering",
        summary: "Python 2 orders strings and None against numbers by type name",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[1024],
        category: "language/variable-manipulation",
        aliases: &[],
        applies: Applies::Python2,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Compare], check }],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Text,
    Nothing,
}

fn kind_of(expr: &Expr, context: &Context) -> Option<Kind> {
    match expr {
        Expr::NumberLiteral(_) => Some(Kind::Number),
        Expr::UnaryOp(unary) if matches!(&*unary.operand, Expr::NumberLiteral(_)) => Some(Kind::Number),
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) => Some(Kind::Text),
        Expr::NoneLiteral(_) => Some(Kind::Nothing),
        _ => match context.resolve(expr)?.as_str() {
            "int()" | "float()" | "long()" | "len()" => Some(Kind::Number),
            "str()" | "raw_input()" | "unicode()" | "repr()" => Some(Kind::Text),
            _ => None,
        },
    }
}

fn check(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Compare(compare) = expr else { return None };
    let mut left = &*compare.left;
    for (op, right) in compare.ops.iter().zip(compare.comparators.iter()) {
        let ordering = matches!(op, CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE);
        if ordering && let Some(message) = mismatch(kind_of(left, context), kind_of(right, context)) {
            return Some(Violation::new(message));
        }
        left = right;
    }
    None
}

fn mismatch(a: Option<Kind>, b: Option<Kind>) -> Option<&'static str> {
    match (a?, b?) {
        (Kind::Number, Kind::Text) | (Kind::Text, Kind::Number) => Some(
            "Python 2 orders every string above every number: this comparison never looks at the value; convert \
             with int() first",
        ),
        (Kind::Nothing, Kind::Number) | (Kind::Number, Kind::Nothing) => {
            Some("Python 2 orders None below every number: test `is None` before comparing")
        }
        _ => None,
    }
}
