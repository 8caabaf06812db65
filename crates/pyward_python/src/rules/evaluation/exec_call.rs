use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind, short_name};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Calls of `exec()` and Python 2's `execfile()`.
///
/// ## Why it matters
/// `exec` runs statements, not just expressions: imports, definitions,
/// anything. `execfile` runs a whole file. Whoever controls the code string
/// or the file controls the process.
///
/// A constant string is reported at low severity.
///
/// ## Example
/// ```python
/// exec(open(plugin_path).read())
/// ```
///
/// ## Fix
/// Import plugins as modules (`importlib` with an allow-list of names), or
/// describe the behaviour as data and interpret it.
///
/// ## References
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW102",
        name: "exec-call",
        summary: "exec()/execfile() runs arbitrary code",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[95],
        category: "language/string-evaluation",
        aliases: &["B102", "S102"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["exec", "execfile"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let name = short_name(site.callee);
    match argument_kind(site.argument("source", 0)) {
        ArgumentKind::Constant => Some(
            Violation::new(format!("{name}() of a constant: write the code directly"))
                .severity(Severity::Low)
                .confidence(Confidence::High),
        ),
        _ => Some(Violation::new(format!(
            "{name}() runs whatever code it is given; import modules or interpret data instead"
        ))),
    }
}
