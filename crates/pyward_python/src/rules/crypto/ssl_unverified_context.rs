use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};

use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `ssl._create_unverified_context()`, and installing it as the default
/// with `ssl._create_default_https_context = ssl._create_unverified_context`.
///
/// ## Why it matters
/// The unverified context checks neither the certificate chain nor the host
/// name: any certificate is accepted, so anyone on the path can impersonate
/// the server. Installed as the default, it silently disables verification
/// for every `urllib`/`http.client` HTTPS request in the process.
///
/// ## Example
/// ```python
/// ssl._create_default_https_context = ssl._create_unverified_context
/// ```
///
/// ## Fix
/// `ssl.create_default_context()`, with `cafile=` for a private CA.
///
/// ## References
/// - CWE-295: Improper Certificate Validation
///
/// ## Differences from Bandit/Ruff
/// Both report only calls written as `ssl._create_unverified_context()`.
/// pyward also reports installing it as a default context factory
/// (`_create_default_https_context`, `_create_stdlib_context`), which
/// disables verification without any call in sight, and calls through an
/// alias (`factory = ssl._create_unverified_context; factory()`). The
/// optional-import idiom (`try: import ssl` / `except ImportError: ssl = None`)
/// keeps `ssl` resolved to the module, as in Ruff.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW515",
        name: "ssl-unverified-context",
        summary: "ssl._create_unverified_context accepts any certificate",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[295],
        category: "crypto/invalid-cert",
        aliases: &["B323", "S323"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["ssl._create_unverified_context"], check: check_call },
        Check::Stmt { kinds: &[StmtKind::Assign], check: check_default_patch },
    ],
};

fn check_call(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new("ssl._create_unverified_context() accepts any certificate; use ssl.create_default_context()"))
}

fn check_default_patch(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::Assign(assign) = stmt else { return None };
    if !assign.targets.iter().any(is_default_context_factory) {
        return None;
    }
    // Most assignments are not of an attribute with this name: no need to resolve them.
    let named = match &*assign.value {
        Expr::Attribute(attribute) => attribute.attr.as_str() == "_create_unverified_context",
        value => value.is_name_expr(),
    };
    if !named || context.resolve(&assign.value)? != "ssl._create_unverified_context" {
        return None;
    }
    Some(
        Violation::new(
            "installing ssl._create_unverified_context as a default context factory turns off certificate checks \
             for every request that relies on the default",
        )
        .severity(Severity::High),
    )
}

/// The `ssl` module's default context factories: `_create_default_https_context`
/// (urllib, http.client) and `_create_stdlib_context` (ftplib, imaplib, poplib...).
fn is_default_context_factory(target: &Expr) -> bool {
    let name = match target {
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        Expr::Name(name) => name.id.as_str(),
        _ => return false,
    };
    matches!(name, "_create_default_https_context" | "_create_stdlib_context")
}
