use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Calls of the builtin `compile()` on source that is not a constant.
///
/// ## Why it matters
/// `compile()` turns a string into a code object, which is then run by
/// `exec`/`eval` — often far from the `compile` call, where a reviewer no
/// longer sees where the string came from.
///
/// ## Example
/// ```python
/// code = compile(user_formula, "<formula>", "eval")
/// ```
///
/// ## Fix
/// Parse with `ast.parse()` and walk the tree with an allow-list of node
/// types, or use `ast.literal_eval()` for literals.
///
/// ## References
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW103",
        name: "compile-call",
        summary: "compile() of computed source prepares arbitrary code",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[95],
        category: "language/string-evaluation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["compile"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match argument_kind(site.argument("source", 0)) {
        ArgumentKind::Dynamic => {
            Some(Violation::new("compile() of computed source: the code object will run whatever the string holds"))
        }
        _ => None,
    }
}
