use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::common::method_name;
use crate::engine::helpers::{constant_truth, string_value};
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Flask configuration that turns cookie protections off:
/// `app.config["SESSION_COOKIE_SECURE"] = False`, the same for
/// `SESSION_COOKIE_HTTPONLY`, `REMEMBER_COOKIE_SECURE` and
/// `REMEMBER_COOKIE_HTTPONLY`, and those keys passed as `False` to
/// `app.config.update(...)`.
///
/// ## Why it matters
/// Without `Secure` the session cookie is sent over plain HTTP, where
/// anyone on the path can copy it and take over the session; without
/// `HttpOnly` any injected script can read it.
///
/// ## Example
/// ```python
/// app.config["SESSION_COOKIE_SECURE"] = False
/// ```
///
/// ## Fix
/// Set the flags to `True` (they are what Flask-Talisman and Flask's
/// deployment docs recommend), and serve the site over HTTPS.
///
/// ## References
/// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
/// - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW726",
        name: "flask-insecure-cookie-config",
        summary: "Flask session or remember-me cookie without Secure/HttpOnly",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[614, 1004],
        category: "server/misconfiguration",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Stmt { kinds: &[StmtKind::Assign], check: check_assignment },
        Check::Expr { kinds: &[ExprKind::Call], check: check_update },
    ],
};

const COOKIE_FLAGS: &[&str] =
    &["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_SECURE", "REMEMBER_COOKIE_HTTPONLY"];

fn check_assignment(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let Stmt::Assign(assign) = stmt else { return None };
    if constant_truth(&assign.value) != Some(false) || !matches!(assign.value.as_ref(), Expr::BooleanLiteral(_)) {
        return None;
    }
    assign.targets.iter().find_map(|target| {
        let Expr::Subscript(subscript) = target else { return None };
        if !is_config(&subscript.value) {
            return None;
        }
        let key = string_value(&subscript.slice)?;
        COOKIE_FLAGS.contains(&key).then(|| violation(key))
    })
}

fn check_update(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    if method_name(call) != Some("update") {
        return None;
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else { return None };
    if !is_config(&attribute.value) {
        return None;
    }
    let from_keywords = call.arguments.keywords.iter().find_map(|keyword| {
        let key = keyword.arg.as_ref()?.as_str();
        disabled(key, &keyword.value).then(|| violation(key).at(keyword.range()))
    });
    from_keywords.or_else(|| call.arguments.args.first().and_then(disabled_in_dict))
}

fn disabled_in_dict(argument: &Expr) -> Option<Violation> {
    let Expr::Dict(dict) = argument else { return None };
    dict.items.iter().find_map(|item: &ast::DictItem| {
        let key = string_value(item.key.as_ref()?)?;
        disabled(key, &item.value).then(|| violation(key).at(item.value.range()))
    })
}

fn disabled(key: &str, value: &Expr) -> bool {
    COOKIE_FLAGS.contains(&key) && matches!(value, Expr::BooleanLiteral(b) if !b.value)
}

/// `something.config` — Flask's configuration mapping.
fn is_config(expr: &Expr) -> bool {
    matches!(expr, Expr::Attribute(attribute) if attribute.attr.as_str() == "config")
}

fn violation(key: &str) -> Violation {
    let what = if key.ends_with("SECURE") { "is sent over plain HTTP" } else { "is readable by scripts" };
    Violation::new(format!("{key} = False: the cookie {what}; set it to True"))
}
