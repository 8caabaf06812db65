use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::last_name;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// `client.set_missing_host_key_policy()` given paramiko's
/// `AutoAddPolicy` or `WarningPolicy` (the class or an instance).
///
/// ## Why it matters
/// With these policies an unknown host key is accepted (and with
/// `AutoAddPolicy` saved as trusted), so the first connection — or any
/// connection to a host not yet in `known_hosts` — can be intercepted and
/// the password or commands captured.
///
/// ## Example
/// ```python
/// client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
/// ```
///
/// ## Fix
/// Keep the default `RejectPolicy`, load known hosts
/// (`client.load_system_host_keys()` or `load_host_keys(path)`), and
/// distribute host keys out of band.
///
/// ## References
/// - CWE-295: Improper Certificate Validation
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW512",
        name: "paramiko-auto-add-policy",
        summary: "SSH client accepts unknown host keys",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[295],
        category: "server/mitm",
        aliases: &["B507", "S507"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

const TRUSTING_POLICIES: &[&str] = &["AutoAddPolicy", "WarningPolicy"];

fn check(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(method) = call.func.as_ref() else { return None };
    if method.attr.as_str() != "set_missing_host_key_policy" {
        return None;
    }
    let policy = call.arguments.find_argument_value("policy", 0)?;
    let policy = match policy {
        Expr::Call(instance) => instance.func.as_ref(),
        other => other,
    };
    let name = match context.resolve(policy) {
        Some(qualified) if !qualified.starts_with("paramiko") => return None,
        _ => last_name(policy)?,
    };
    TRUSTING_POLICIES.contains(&name).then(|| {
        Violation::new(format!(
            "{name} accepts any unknown SSH host key, so the connection can be intercepted; keep RejectPolicy and load known hosts"
        ))
    })
}
