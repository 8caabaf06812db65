use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Number};

use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// Comparisons between a `decimal.Decimal` and a `float` (a float literal,
/// `float(...)`, or a name bound to one).
///
/// ## Why it matters
/// A float is a binary approximation: `Decimal("1.1") == 1.1` is `False`,
/// and orderings near the boundary go the wrong way. The seed talk shows
/// Python 2.6/2.7 going further and ordering the two by type name, so
/// `Decimal("1172837136.0800") > 1172837167.27` came out true. Amounts,
/// limits and timestamps compared this way pass or fail checks they should
/// not.
///
/// ## Example
/// ```python
/// if Decimal(balance) >= 100.10:
///     approve()
/// ```
///
/// ## Fix
/// Compare like with like: `Decimal(balance) >= Decimal("100.10")`, or
/// convert the float explicitly with `Decimal(str(value))` after deciding
/// on the rounding.
///
/// ## References
/// - CWE-1077: Floating Point Comparison with Incorrect Operator
/// - CWE-1339: Insufficient Precision or Accuracy of a Real Number
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW909",
        name: "decimal-float-compare",
        summary: "Decimal compared with a float: the float is inexact",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[1339],
        category: "language/variable-manipulation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Compare], check }],
};

fn check(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Compare(compare) = expr else { return None };
    let operands: Vec<&Expr> = std::iter::once(&*compare.left).chain(compare.comparators.iter()).collect();
    let mixed = operands.windows(2).any(|pair| {
        let (a, b) = (pair[0], pair[1]);
        is_decimal(a, context) && is_float(b, context) || is_float(a, context) && is_decimal(b, context)
    });
    if !mixed {
        return None;
    }
    let mut violation = Violation::new(
        "Decimal compared with a float, which is only a binary approximation; compare with Decimal(\"...\")",
    );
    if context.python.python2 {
        violation =
            Violation::new("Python 2 orders Decimal and float by type name, not value: compare Decimal with Decimal")
                .severity(Severity::High);
    }
    Some(violation)
}

fn is_decimal(expr: &Expr, context: &Context) -> bool {
    context.resolve(expr).is_some_and(|name| name == "decimal.Decimal()")
}

fn is_float(expr: &Expr, context: &Context) -> bool {
    match expr {
        Expr::NumberLiteral(number) => matches!(number.value, Number::Float(_)),
        Expr::UnaryOp(unary) => is_float(&unary.operand, context),
        _ => context.resolve(expr).is_some_and(|name| name == "float()"),
    }
}
