use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Calls of `eval()` (also through `builtins.eval`, an alias, or
/// `getattr(builtins, "eval")`).
///
/// ## Why it matters
/// `eval` runs any expression with the caller's privileges. The seed talk's
/// example needs no import at all:
///
/// ```python
/// eval("__import__('os').system('clear')", {})
/// ```
///
/// Passing `{}` as globals does not help: `__import__` is reached through
/// `__builtins__`. Whoever controls the string controls the process.
///
/// A constant string is reported at low severity: nothing outside can
/// change it, but it is still code hidden in a string.
///
/// ## Example
/// ```python
/// value = eval(request.args["n"])
/// ```
///
/// ## Fix
/// Parse data as data: `ast.literal_eval()` for Python literals, `int()` /
/// `float()` for numbers, `json.loads()` for structures.
///
/// ## References
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW101",
        name: "eval-call",
        summary: "eval() runs arbitrary code",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[95],
        category: "language/string-evaluation",
        aliases: &["B307", "S307"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["eval"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match argument_kind(site.argument("source", 0)) {
        ArgumentKind::Constant => Some(
            Violation::new("eval() of a constant string: write the code directly or use ast.literal_eval()")
                .severity(Severity::Low)
                .confidence(Confidence::High),
        ),
        _ => Some(Violation::new(
            "eval() of a computed string runs whatever code it holds; parse data with ast.literal_eval(), int() or \
             json.loads() instead",
        )),
    }
}
