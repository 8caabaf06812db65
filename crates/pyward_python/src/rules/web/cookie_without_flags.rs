use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{has_double_star, keyword, method_name};
use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// `response.set_cookie(...)` / `set_signed_cookie(...)` (Flask, Werkzeug,
/// Django, Starlette and others share the signature) without
/// `secure=True` or without `httponly=True`.
///
/// ## Why it matters
/// A cookie without `Secure` is also sent over plain HTTP, where it can be
/// read on the network; one without `HttpOnly` can be read by any script
/// that gets into the page. For session and token cookies either one is
/// an account takeover waiting for a second bug.
///
/// ## Example
/// ```python
/// resp.set_cookie("session", token)
/// ```
///
/// ## Fix
/// `resp.set_cookie("session", token, secure=True, httponly=True,
/// samesite="Lax")`.
///
/// ## References
/// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
/// - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW727",
        name: "cookie-without-flags",
        summary: "Cookie set without Secure or HttpOnly",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[614, 1004],
        category: "server/headers",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    if !matches!(method_name(call), Some("set_cookie" | "set_signed_cookie")) || has_double_star(call) {
        return None;
    }
    let missing: Vec<&str> = ["secure", "httponly"]
        .into_iter()
        .filter(|flag| keyword(call, flag).and_then(constant_truth) != Some(true))
        .filter(|flag| keyword(call, flag).is_none_or(|v| constant_truth(v).is_some()))
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(Violation::new(format!(
        "cookie set without {}: pass {}",
        missing.join(" and "),
        missing.iter().map(|f| format!("{f}=True")).collect::<Vec<_>>().join(", ")
    )))
}
