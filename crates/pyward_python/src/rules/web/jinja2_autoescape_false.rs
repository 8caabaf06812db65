use pyward_report::{Confidence, Severity};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `jinja2.Environment(...)` created without `autoescape`, or with
/// `autoescape=False`.
///
/// ## Why it matters
/// Jinja2 does not escape by default. Every `{{ value }}` rendered into
/// HTML from input is then cross-site scripting.
///
/// `autoescape=True` and `autoescape=select_autoescape(...)` are safe; a
/// computed value (a variable, another function) is reported with low
/// confidence.
///
/// ## Example
/// ```python
/// env = jinja2.Environment(loader=FileSystemLoader("templates"))
/// ```
///
/// ## Fix
/// `jinja2.Environment(loader=..., autoescape=select_autoescape())`.
///
/// ## References
/// - CWE-79: Cross-site Scripting
/// - CWE-94: Code Injection
///
/// ## Differences from Bandit/Ruff
/// A call written over several lines is reported on its first line, as
/// Bandit does; Ruff reports the line of the `autoescape=False` keyword.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW706",
        name: "jinja2-autoescape-false",
        summary: "Jinja2 environment without HTML autoescaping",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[79, 94],
        category: "vulnerability/input-validation",
        aliases: &["B701", "S701"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &["jinja2.Environment", "jinja2.environment.Environment", "jinja2.Template"],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let Some(autoescape) = site.keyword("autoescape") else {
        if site.has_double_star() {
            return None;
        }
        return Some(Violation::new(
            "jinja2 does not autoescape by default: pass autoescape=select_autoescape() (or True)",
        ));
    };
    match constant_truth(autoescape) {
        Some(true) => None,
        Some(false) => Some(Violation::new(
            "jinja2 with autoescape=False renders values unescaped (XSS); use autoescape=select_autoescape()",
        )),
        None if is_select_autoescape(site, autoescape) => None,
        None => Some(
            Violation::new("jinja2 autoescape= is computed: pyward cannot tell whether templates are escaped")
                .severity(Severity::Medium)
                .confidence(Confidence::Low),
        ),
    }
}

fn is_select_autoescape(site: &CallSite, value: &ruff_python_ast::Expr) -> bool {
    let ruff_python_ast::Expr::Call(call) = value else { return false };
    site.resolve(&call.func).is_some_and(|name| name.ends_with("select_autoescape"))
}
