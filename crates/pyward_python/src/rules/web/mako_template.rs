use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Mako templates created with `mako.template.Template(...)` or
/// `mako.lookup.TemplateLookup(...)`.
///
/// ## Why it matters
/// Mako escapes nothing by default: `${value}` writes the value as is, so
/// HTML built from input is cross-site scripting.
///
/// ## Example
/// ```python
/// Template("<p>${comment}</p>").render(comment=text)
/// ```
///
/// ## Fix
/// Escape every expression: `default_filters=["h"]` on the template or
/// lookup, or `${value | h}` in the template.
///
/// ## References
/// - CWE-79: Cross-site Scripting
/// - CWE-80: Improper Neutralization of Script-Related HTML Tags
///
/// ## Differences from Bandit/Ruff
/// A template created with `default_filters` containing `"h"` escapes
/// HTML and is not reported (both report every Mako template).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW707",
        name: "mako-template",
        summary: "Mako template without HTML escaping",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[79, 80],
        category: "vulnerability/input-validation",
        aliases: &["B702", "S702"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["mako.template.Template", "mako.lookup.TemplateLookup"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.keyword("default_filters").is_some_and(escapes_html) {
        return None;
    }
    Some(Violation::new(
        "Mako renders ${...} unescaped by default (XSS): pass default_filters=[\"h\"] or use ${value | h}",
    ))
}

fn escapes_html(filters: &Expr) -> bool {
    let elements = match filters {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => return false,
    };
    elements.iter().any(|e| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "h"))
}
