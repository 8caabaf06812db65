use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `input()` in Python 2 code.
///
/// ## Why it matters
/// In Python 2, `input()` is `eval(raw_input())`: what the user types is
/// evaluated as an expression. The seed talk asks for an age and gets
/// `dir()` — the program's names, secrets included:
///
/// ```python
/// Secret = "A SECRET DATA"
/// value = input("Please enter your age ")
/// print "There are", value
/// ```
///
/// Typing `Secret` prints the secret.
///
/// ## Fix
/// Use `raw_input()` in Python 2 (and `input()` in Python 3, where it
/// returns a string), then convert with `int()`.
///
/// ## References
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW104",
        name: "python2-input",
        summary: "input() in Python 2 evaluates what the user types",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[95],
        category: "language/string-evaluation",
        aliases: &["B322"],
        applies: Applies::Python2,
    },
    checks: &[Check::Call { callees: &["input"], check }],
};

fn check(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new("Python 2 input() evaluates what the user types as code; use raw_input()"))
}
