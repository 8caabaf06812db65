use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, ExprContext};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// Setting or removing an environment variable whose name is a constant
/// that is empty or contains `=` or NUL: `os.environ["a=b"] = ...`,
/// `del os.environ[""]`, `os.putenv("a=", ...)`, `os.unsetenv(...)`,
/// `os.environ.setdefault(...)`.
///
/// ## Why it matters
/// The C environment is a list of `NAME=value` strings: a name containing
/// `=` cannot be represented. The seed talk sets `os.environ["a=b"] = "c"`:
/// the child process sees a variable `a` with value `b=c`, and
/// `os.environ.clear()` then fails to remove it, so data meant to be wiped
/// stays in the environment of every program started later. NUL truncates
/// the name in C (`ValueError` in Python 3), and older versions accepted
/// all of these silently.
///
/// ## Example
/// ```python
/// os.environ["TOKEN=" + suffix] = secret
/// ```
///
/// ## Fix
/// Use names of letters, digits and underscores, and validate any name
/// built from input against that pattern.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-88: Improper Neutralization of Argument Delimiters
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW411",
        name: "environment-key-invalid",
        summary: "An environment variable name that is empty or holds '=' or NUL",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[20],
        category: "language/variable-manipulation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call {
            callees: &[
                "os.putenv",
                "os.unsetenv",
                "posix.putenv",
                "posix.unsetenv",
                "os.environ.setdefault",
                "os.environ.pop",
                "os.environb.setdefault",
            ],
            check: check_call,
        },
        Check::Expr { kinds: &[ExprKind::Subscript], check: check_subscript },
    ],
};

fn problem(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        Some("is empty")
    } else if key.contains('=') {
        Some("contains '=': the variable cannot be read back or removed, even by os.environ.clear()")
    } else if key.contains('\0') {
        Some("contains NUL, which ends the name in C")
    } else {
        None
    }
}

fn key_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::BytesLiteral(bytes) => Some(String::from_utf8_lossy(&bytes.value.bytes().collect::<Vec<u8>>()).into()),
        other => string_value(other).map(str::to_string),
    }
}

fn check_call(site: &CallSite) -> Option<Violation> {
    let key = key_text(site.argument("key", 0)?)?;
    let problem = problem(&key)?;
    Some(Violation::new(format!("environment variable name {key:?} {problem}; use letters, digits and _")))
}

fn check_subscript(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Subscript(subscript) = expr else { return None };
    if subscript.ctx == ExprContext::Load {
        return None;
    }
    let owner = context.resolve(&subscript.value)?;
    if owner != "os.environ" && owner != "os.environb" {
        return None;
    }
    let key = key_text(&subscript.slice)?;
    let problem = problem(&key)?;
    Some(Violation::new(format!("environment variable name {key:?} {problem}; use letters, digits and _")))
}
