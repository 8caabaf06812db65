use pyward_report::{Confidence, Severity};

use ruff_python_ast::{Expr, Stmt};

use super::common::{Folded, fold_int};
use crate::engine::helpers::short_name;
use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `ctypes` integer types constructed from, or whose `.value` is set to, a
/// constant outside their range: `c_uint8(256)`, `c_int(2**31)`,
/// `counter.value = -1` on a `c_ushort`, ...
///
/// ## Why it matters
/// Unlike most of Python, `ctypes` integer types do not check: the value
/// is silently truncated to the type's width, as in C. `c_uint8(256)` is
/// `0`, `c_int(2**31)` is `-2147483648`. A size or index that wraps this
/// way is the classic start of a buffer overflow in the C code it is
/// handed to.
///
/// `c_long`/`c_ulong` are checked as 64-bit (Linux and macOS); on Windows
/// they are 32-bit, so values that pass here may still wrap there.
///
/// ## Example
/// ```python
/// length = ctypes.c_uint16(70000)   # 4464
/// ```
///
/// ## Fix
/// Check the range before converting, or use a wider type.
///
/// ## References
/// - CWE-190: Integer Overflow or Wraparound
/// - CWE-197: Numeric Truncation Error
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW410",
        name: "ctypes-integer-wraparound",
        summary: "A ctypes integer built from a constant it cannot hold wraps silently",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[197],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: CALLEES, check },
        Check::Stmt { kinds: &[StmtKind::Assign], check: check_value_assignment },
    ],
};

const CALLEES: &[&str] = &[
    "ctypes.c_byte",
    "ctypes.c_ubyte",
    "ctypes.c_short",
    "ctypes.c_ushort",
    "ctypes.c_int",
    "ctypes.c_uint",
    "ctypes.c_long",
    "ctypes.c_ulong",
    "ctypes.c_longlong",
    "ctypes.c_ulonglong",
    "ctypes.c_int8",
    "ctypes.c_uint8",
    "ctypes.c_int16",
    "ctypes.c_uint16",
    "ctypes.c_int32",
    "ctypes.c_uint32",
    "ctypes.c_int64",
    "ctypes.c_uint64",
    "ctypes.c_size_t",
    "ctypes.c_ssize_t",
];

/// (type, bits, signed)
const WIDTHS: &[(&str, u32, bool)] = &[
    ("c_byte", 8, true),
    ("c_ubyte", 8, false),
    ("c_short", 16, true),
    ("c_ushort", 16, false),
    ("c_int", 32, true),
    ("c_uint", 32, false),
    ("c_long", 64, true),
    ("c_ulong", 64, false),
    ("c_longlong", 64, true),
    ("c_ulonglong", 64, false),
    ("c_int8", 8, true),
    ("c_uint8", 8, false),
    ("c_int16", 16, true),
    ("c_uint16", 16, false),
    ("c_int32", 32, true),
    ("c_uint32", 32, false),
    ("c_int64", 64, true),
    ("c_uint64", 64, false),
    ("c_size_t", 64, false),
    ("c_ssize_t", 64, true),
];

fn range_of(bits: u32, signed: bool) -> (i128, i128) {
    if signed { (-(1_i128 << (bits - 1)), (1_i128 << (bits - 1)) - 1) } else { (0, (1_i128 << bits) - 1) }
}

fn check(site: &CallSite) -> Option<Violation> {
    let value = fold_int(site.call.arguments.args.first()?, site.context)?;
    wraps(short_name(site.callee), value)
}

/// `number.value = 300` where `number = ctypes.c_uint8()`.
fn check_value_assignment(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::Assign(assign) = stmt else { return None };
    let [Expr::Attribute(target)] = assign.targets.as_slice() else { return None };
    if target.attr.as_str() != "value" {
        return None;
    }
    let owner = context.resolve(&target.value)?;
    let type_name = owner.strip_prefix("ctypes.")?.strip_suffix("()")?;
    wraps(type_name, fold_int(&assign.value, context)?)
}

fn wraps(type_name: &str, value: Folded) -> Option<Violation> {
    let &(_, bits, signed) = WIDTHS.iter().find(|(name, _, _)| *name == type_name)?;
    let (min, max) = range_of(bits, signed);
    value.outside(min, max).then(|| {
        Violation::new(format!(
            "ctypes.{type_name} cannot hold {}: it silently wraps to fit {bits} bits (range {min}..={max}); check \
             the range first",
            value.describe()
        ))
    })
}
