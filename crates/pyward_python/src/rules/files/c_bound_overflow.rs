use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr, Operator, Stmt};
use ruff_text_size::Ranged;

use super::common::{Folded, INT32, INT64, fold_int};
use crate::engine::{Applies, CallSite, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Integer constants (after folding `2**63`, `1 << 64`, `sys.maxsize + 1`,
/// `int(...)`) that do not fit the C type an API converts them to:
/// - timestamps for `time.ctime`/`gmtime`/`localtime`, `datetime`
///   `fromtimestamp`/`utcfromtimestamp`, and `os.utime` times (64-bit
///   `time_t`);
/// - fields of the tuples given to `time.asctime`/`mktime`/`strftime`
///   (C `int`);
/// - `ctypes` array lengths (`c_char * n`), sequence repetition
///   (`b"x" * n`, `[0] * n`) and `bytes(n)`/`bytearray(n)` sizes
///   (`Py_ssize_t`);
/// - in Python 2 code, `xrange()`/`range()` bounds (C `long`);
/// - `__len__` returning such a constant (or a negative one).
///
/// A name is followed to its constant when the last statement binding it
/// before the use, in the same block, is a plain assignment
/// (`n = 2**63; xrange(n)`); a name bound in a branch or loop, or in an
/// enclosing block, is not. Input is the dataflow analysis's job (PW452).
///
/// ## Why it matters
/// Python integers are unbounded; the C functions behind these APIs are
/// not. The seed talk crashes `time.asctime`, `time.gmtime(2**63)`,
/// `xrange(2**63)` and `ctypes.c_char * int(9223372036854775808)` with
/// `OverflowError`, and a `__len__` returning `2**63` breaks `len()`. A
/// value that reaches such a call from a configuration file or a request
/// becomes a crash (denial of service); in C extensions that do not check,
/// a wrap-around.
///
/// ## Example
/// ```python
/// time.gmtime(2**63)
/// ```
///
/// ## Fix
/// Validate the range before the call (`0 <= ts < 2**31` for portable
/// timestamps, a sane maximum for sizes) and catch `OverflowError` and
/// `ValueError` where the value comes from outside.
///
/// ## References
/// - CWE-190: Integer Overflow or Wraparound
/// - CWE-1284: Improper Validation of Specified Quantity in Input
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW409",
        name: "c-bound-overflow",
        summary: "A constant beyond the C range of the API it is passed to",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[190],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: TIMESTAMP_CALLS, check: check_timestamp },
        Check::Call { callees: &["time.asctime", "time.mktime", "time.strftime"], check: check_time_tuple },
        Check::Call { callees: &["os.utime"], check: check_utime },
        Check::Call { callees: &["bytes", "bytearray"], check: check_size },
        Check::Call { callees: &["xrange", "range"], check: check_python2_range },
        Check::Expr { kinds: &[ExprKind::BinOp], check: check_repetition },
        Check::Stmt { kinds: &[StmtKind::FunctionDef], check: check_len_method },
    ],
};

const TIMESTAMP_CALLS: &[&str] = &[
    "time.ctime",
    "time.gmtime",
    "time.localtime",
    "datetime.datetime.fromtimestamp",
    "datetime.datetime.utcfromtimestamp",
    "datetime.date.fromtimestamp",
];

/// `Py_ssize_t` on 64-bit platforms.
const SSIZE: (i128, i128) = INT64;

fn beyond(value: Folded, bits: u32, what: &str, callee: &str) -> Violation {
    Violation::new(format!(
        "{callee}: {} does not fit the {bits}-bit C {what} it is converted to (OverflowError); validate the range \
         first",
        value.describe()
    ))
}

fn out_of(expr: &Expr, context: &Context, bounds: (i128, i128)) -> Option<Folded> {
    fold_int(expr, context).filter(|value| value.outside(bounds.0, bounds.1))
}

fn check_timestamp(site: &CallSite) -> Option<Violation> {
    let value = out_of(site.argument("t", 0).or_else(|| site.argument("secs", 0))?, site.context, INT64)?;
    Some(beyond(value, 64, "time_t", site.callee))
}

fn elements(expr: &Expr) -> &[Expr] {
    match expr {
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::List(list) => &list.elts,
        _ => &[],
    }
}

fn check_time_tuple(site: &CallSite) -> Option<Violation> {
    let position = if site.callee == "time.strftime" { 1 } else { 0 };
    let tuple = site.argument("t", position)?;
    let value = elements(tuple).iter().find_map(|field| out_of(field, site.context, INT32))?;
    Some(beyond(value, 32, "int of struct tm", site.callee))
}

fn check_utime(site: &CallSite) -> Option<Violation> {
    let times = site.argument("times", 1).into_iter().chain(site.keyword("ns"));
    let value = times.flat_map(elements).find_map(|field| out_of(field, site.context, INT64))?;
    Some(beyond(value, 64, "time value", site.callee))
}

fn check_size(site: &CallSite) -> Option<Violation> {
    let value = out_of(site.argument("source", 0)?, site.context, (i128::MIN, SSIZE.1))?;
    Some(beyond(value, 64, "Py_ssize_t size", site.callee))
}

fn check_python2_range(site: &CallSite) -> Option<Violation> {
    if !site.context.python.python2 {
        return None;
    }
    let value = site.call.arguments.args.iter().find_map(|bound| out_of(bound, site.context, INT64))?;
    Some(beyond(value, 64, "long", site.callee))
}

/// `ctypes.c_char * n`, `b"x" * n`, `[0] * n`.
fn check_repetition(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::BinOp(binop) = expr else { return None };
    if binop.op != Operator::Mult {
        return None;
    }
    let (sequence, count) = [(&*binop.left, &*binop.right), (&*binop.right, &*binop.left)]
        .into_iter()
        .find(|(sequence, _)| repeats(sequence, context))?;
    let value = out_of(count, context, (i128::MIN, SSIZE.1))?;
    let (what, operation) = if is_ctypes_type(sequence, context) {
        ("ctypes array length", "ctypes array type")
    } else {
        ("repetition count", "sequence repetition")
    };
    Some(beyond(value, 64, what, operation))
}

fn repeats(expr: &Expr, context: &Context) -> bool {
    matches!(expr, Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::List(_) | Expr::Tuple(_) | Expr::FString(_))
        || is_ctypes_type(expr, context)
}

fn is_ctypes_type(expr: &Expr, context: &Context) -> bool {
    context.resolve(expr).is_some_and(|name| name.strip_prefix("ctypes.c_").is_some_and(|t| !t.contains('.')))
}

fn check_len_method(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::FunctionDef(function) = stmt else { return None };
    if function.name.as_str() != "__len__" || !in_class(context) {
        return None;
    }
    let (value, range) = returned_constants(&function.body)
        .into_iter()
        .find_map(|expr| out_of(expr, context, (0, SSIZE.1)).map(|v| (v, expr.range())))?;
    let message = if value.outside(i128::MIN, -1) {
        format!(
            "__len__ returns {}, beyond Py_ssize_t: len() raises OverflowError; return a value below 2**63",
            value.describe()
        )
    } else {
        format!("__len__ returns {}: len() raises ValueError for a negative length", value.describe())
    };
    Some(Violation::new(message).at(range))
}

fn in_class(context: &Context) -> bool {
    let scope = context.semantic.scope(context.semantic.current_scope());
    matches!(scope.kind, crate::semantic::ScopeKind::Class)
}

/// Values of the `return` statements directly in a body (and its `if` blocks).
fn returned_constants(body: &[Stmt]) -> Vec<&Expr> {
    let mut values = Vec::new();
    for stmt in body {
        match stmt {
            Stmt::Return(ast::StmtReturn { value: Some(value), .. }) => values.push(&**value),
            Stmt::If(if_stmt) => {
                values.extend(returned_constants(&if_stmt.body));
                for clause in &if_stmt.elif_else_clauses {
                    values.extend(returned_constants(&clause.body));
                }
            }
            _ => {}
        }
    }
    values
}
