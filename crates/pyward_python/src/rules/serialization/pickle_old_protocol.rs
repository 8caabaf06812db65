use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Number, UnaryOp};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};
use crate::version::PythonVersion;

/// ## What it finds
/// `pickle.dump()`, `pickle.dumps()` and `pickle.Pickler()` with a
/// `protocol` below 4, and without one in code for Python before 3.8 (whose
/// default is protocol 3).
///
/// ## Why it matters
/// Protocols below 4 cannot frame objects over 4 GiB: pickling a large
/// array or bytes object fails or, in old versions, writes a corrupt file.
/// Protocols 0–2 also keep Python 2 compatibility through `fix_imports`:
/// names are remapped to their Python 2 modules on the way out. The seed
/// talk shows `pickle.dumps(collections.defaultdict(), protocol=2)` writing
/// `UserString.defaultdict`, a class that never existed, so the pickle
/// fails to load or loads the wrong object elsewhere.
///
/// ## Example
/// ```python
/// blob = pickle.dumps(data, protocol=2)
/// ```
///
/// ## Fix
/// `protocol=pickle.HIGHEST_PROTOCOL` (or at least 4), and
/// `fix_imports=False` unless Python 2 must read the result.
///
/// ## References
/// - CWE-681: Incorrect Conversion between Numeric Types
/// - CWE-704: Incorrect Type Conversion or Cast
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW212",
        name: "pickle-old-protocol",
        summary: "Pickle protocol below 4: no objects over 4 GiB, names remapped for Python 2",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[704],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Since(PythonVersion::PY3),
    },
    checks: &[Check::Call {
        callees: &[
            "pickle.dump",
            "pickle.dumps",
            "pickle.Pickler",
            "_pickle.dump",
            "_pickle.dumps",
            "_pickle.Pickler",
            "cPickle.dump",
            "cPickle.dumps",
            "cPickle.Pickler",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let position = match site.callee.rsplit('.').next() {
        Some("dump") => 2,
        _ => 1,
    };
    let Some(protocol) = site.argument("protocol", position) else {
        return default_protocol(site);
    };
    let value = small_int(protocol)?;
    if !(0..4).contains(&value) {
        return None;
    }
    let remapped = value < 3 && site.keyword("fix_imports").is_none();
    Some(Violation::new(if remapped {
        format!(
            "pickle protocol {value} cannot hold objects over 4 GiB and remaps names to Python 2 modules \
             (fix_imports): use protocol=pickle.HIGHEST_PROTOCOL"
        )
    } else {
        format!("pickle protocol {value} cannot hold objects over 4 GiB: use protocol=pickle.HIGHEST_PROTOCOL")
    }))
}

/// Before Python 3.8 the default protocol is 3.
fn default_protocol(site: &CallSite) -> Option<Violation> {
    let old = site.context.python.version.is_some_and(|v| v < PythonVersion::new(3, 8));
    (old && !site.has_star() && !site.has_double_star()).then(|| {
        Violation::new(
            "before Python 3.8 the default pickle protocol is 3, which cannot hold objects over 4 GiB: pass \
             protocol=pickle.HIGHEST_PROTOCOL",
        )
    })
}

fn small_int(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(number) => match &number.value {
            Number::Int(int) => int.as_i64(),
            _ => None,
        },
        Expr::UnaryOp(unary) if unary.op == UnaryOp::USub => small_int(&unary.operand).map(|v| -v),
        _ => None,
    }
}
