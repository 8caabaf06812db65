use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::is_constant;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `markupsafe.Markup(...)` (also reached as `flask.Markup` or
/// `jinja2.Markup`) wrapping text computed at run time.
///
/// ## Why it matters
/// `Markup` marks a string as already-safe HTML: templates insert it
/// without escaping. Wrapping text that contains input is cross-site
/// scripting.
///
/// ## Example
/// ```python
/// Markup(f"<a href='{url}'>{title}</a>")
/// ```
///
/// ## Fix
/// Escape the parts: `Markup("<a href='{}'>{}</a>").format(url, title)`
/// (Markup's own `format` escapes its arguments), or `markupsafe.escape()`.
///
/// ## References
/// - CWE-79: Cross-site Scripting
///
/// ## Differences from Bandit/Ruff
/// An argument that is itself `escape(...)` is already safe and not
/// reported.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW709",
        name: "markupsafe-markup",
        summary: "markupsafe.Markup wraps computed text as safe HTML",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[79],
        category: "vulnerability/input-validation",
        aliases: &["B704", "S704"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["markupsafe.Markup", "flask.Markup", "jinja2.Markup"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let text = site.argument("base", 0)?;
    if is_constant(text) || is_escaped(site, text) {
        return None;
    }
    Some(Violation::new(
        "Markup() of computed text skips escaping (XSS); use Markup(\"...{}...\").format(value) or escape() it",
    ))
}

fn is_escaped(site: &CallSite, text: &Expr) -> bool {
    let Expr::Call(call) = text else { return false };
    site.resolve(&call.func).is_some_and(|name| name.ends_with(".escape") || name == "html.escape")
}
