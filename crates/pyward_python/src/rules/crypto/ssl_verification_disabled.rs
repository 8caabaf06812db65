use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::common::{is_false, last_name};
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// An `ssl` context told not to verify: `ctx.check_hostname = False`,
/// `ctx.verify_mode = ssl.CERT_NONE`, and `cert_reqs=ssl.CERT_NONE`
/// passed to a call (`ssl.wrap_socket`, `SSLContext.wrap_socket`...).
///
/// ## Why it matters
/// Without certificate or host-name checks, TLS only defeats passive
/// eavesdroppers: an active attacker presents any certificate and reads or
/// changes the traffic.
///
/// On a context whose name says it is a server's (`server_context`), where
/// not asking clients for certificates is the norm, it is reported at low
/// severity.
///
/// ## Example
/// ```python
/// ctx = ssl.create_default_context()
/// ctx.check_hostname = False
/// ctx.verify_mode = ssl.CERT_NONE
/// ```
///
/// ## Fix
/// Keep `ssl.create_default_context()`'s defaults; for a private CA, load
/// it with `ctx.load_verify_locations(cafile)`.
///
/// ## References
/// - CWE-295: Improper Certificate Validation
/// - CWE-297: Improper Validation of Certificate with Host Mismatch
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW517",
        name: "ssl-verification-disabled",
        summary: "TLS context with certificate or host-name checks turned off",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[295, 297],
        category: "crypto/invalid-cert",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Stmt { kinds: &[StmtKind::Assign], check: check_assignment },
        Check::Expr { kinds: &[ExprKind::Call], check: check_cert_reqs },
    ],
};

fn check_assignment(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::Assign(assign) = stmt else { return None };
    let attribute = assign.targets.iter().find_map(|target| match target {
        Expr::Attribute(attribute) => Some(attribute),
        _ => None,
    })?;
    let violation = match attribute.attr.as_str() {
        "check_hostname" if is_false(&assign.value) => Violation::new(
            "check_hostname = False accepts a valid certificate for any host; keep host-name checking on",
        ),
        "verify_mode" if is_cert_none(&assign.value) => {
            Violation::new("verify_mode = CERT_NONE accepts any certificate; use CERT_REQUIRED with a trusted CA")
        }
        _ => return None,
    };
    let server_side = context.text(attribute.value.range()).to_ascii_lowercase().contains("server");
    Some(if server_side { violation.severity(Severity::Low) } else { violation })
}

fn check_cert_reqs(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let cert_reqs = call.arguments.find_keyword("cert_reqs")?;
    is_cert_none(&cert_reqs.value)
        .then(|| Violation::new("cert_reqs=CERT_NONE accepts any certificate; use CERT_REQUIRED with a trusted CA"))
}

fn is_cert_none(expr: &Expr) -> bool {
    last_name(expr) == Some("CERT_NONE")
}
