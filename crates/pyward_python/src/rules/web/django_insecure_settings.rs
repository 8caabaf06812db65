use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};

use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Insecure values in Django settings modules (a file named `settings.py`,
/// `*_settings.py` / `settings_*.py`, or any module in a `settings/`
/// package), assigned at module level: `DEBUG = True`, a hard-coded
/// `SECRET_KEY`, `ALLOWED_HOSTS` containing `'*'`,
/// `SESSION_COOKIE_SECURE` / `CSRF_COOKIE_SECURE = False`,
/// `SESSION_COOKIE_HTTPONLY = False` and `SECURE_SSL_REDIRECT = False`.
///
/// ## Why it matters
/// - `DEBUG = True` serves tracebacks with local variables and settings to
///   anyone who triggers an error.
/// - `SECRET_KEY` signs sessions, password-reset tokens and signed cookies;
///   whoever reads it from the repository can forge them.
/// - `ALLOWED_HOSTS = ['*']` accepts any `Host` header: password-reset
///   links and cache poisoning with an attacker's host.
/// - Cookies without `Secure` travel over plain HTTP; without `HttpOnly`
///   they are readable by any injected script.
/// - Without the HTTPS redirect, users keep talking cleartext HTTP.
///
/// ## Example
/// ```python
/// DEBUG = True
/// SECRET_KEY = "django-insecure-4x!b..."
/// ```
///
/// ## Fix
/// Read secrets and per-environment switches from the environment:
/// `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`,
/// `DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`; list real host names;
/// set the cookie flags to `True`. `manage.py check --deploy` lists more.
///
/// ## References
/// - CWE-215: Insertion of Sensitive Information Into Debugging Code
/// - CWE-798: Use of Hard-coded Credentials
/// - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
/// - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
/// - CWE-319: Cleartext Transmission of Sensitive Information
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW725",
        name: "django-insecure-setting",
        summary: "Insecure value in a Django settings module",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[215, 798, 614, 1004, 319],
        category: "server/misconfiguration",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::Assign, StmtKind::AnnAssign], check }],
};

/// What makes a setting's value insecure.
#[derive(Clone, Copy)]
enum Insecure {
    True,
    False,
    Literal,
    Wildcard,
}

/// Setting, what is insecure about its value, severity, message.
const SETTINGS: &[(&str, Insecure, Severity, &str)] = &[
    ("DEBUG", Insecure::True, Severity::Medium, "DEBUG = True shows tracebacks and settings to visitors"),
    (
        "SECRET_KEY",
        Insecure::Literal,
        Severity::High,
        "hard-coded SECRET_KEY lets readers of the code forge sessions and tokens; read it from the environment",
    ),
    (
        "ALLOWED_HOSTS",
        Insecure::Wildcard,
        Severity::Medium,
        "ALLOWED_HOSTS with '*' accepts any Host header; list the real host names",
    ),
    (
        "SESSION_COOKIE_SECURE",
        Insecure::False,
        Severity::Medium,
        "SESSION_COOKIE_SECURE = False sends the session cookie over plain HTTP",
    ),
    (
        "CSRF_COOKIE_SECURE",
        Insecure::False,
        Severity::Low,
        "CSRF_COOKIE_SECURE = False sends the CSRF cookie over plain HTTP",
    ),
    (
        "SESSION_COOKIE_HTTPONLY",
        Insecure::False,
        Severity::Medium,
        "SESSION_COOKIE_HTTPONLY = False lets scripts read the session cookie",
    ),
    (
        "SECURE_SSL_REDIRECT",
        Insecure::False,
        Severity::Low,
        "SECURE_SSL_REDIRECT = False leaves plain-HTTP requests unredirected",
    ),
];

fn check(stmt: &Stmt, context: &Context) -> Option<Violation> {
    if context.semantic.in_function() || !is_settings_module(context.path) {
        return None;
    }
    let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
        Stmt::Assign(assign) => (assign.targets.iter().collect(), &assign.value),
        Stmt::AnnAssign(assign) => (vec![&assign.target], assign.value.as_deref()?),
        _ => return None,
    };
    let name = targets.iter().find_map(|t| match t {
        Expr::Name(name) => Some(name.id.as_str()),
        _ => None,
    })?;
    let &(_, insecure, severity, message) = SETTINGS.iter().find(|(setting, ..)| *setting == name)?;
    is_insecure(insecure, value).then(|| Violation::new(message).severity(severity))
}

fn is_insecure(insecure: Insecure, value: &Expr) -> bool {
    match insecure {
        Insecure::True => matches!(value, Expr::BooleanLiteral(b) if b.value),
        Insecure::False => matches!(value, Expr::BooleanLiteral(b) if !b.value),
        Insecure::Literal => matches!(value, Expr::StringLiteral(s) if !s.value.is_empty()),
        Insecure::Wildcard => {
            let elements = match value {
                Expr::List(list) => &list.elts,
                Expr::Tuple(tuple) => &tuple.elts,
                _ => return false,
            };
            elements.iter().any(|e| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "*"))
        }
    }
}

/// Whether `path` names a Django settings module.
fn is_settings_module(path: &str) -> bool {
    let normalised = path.replace('\\', "/");
    let mut components = normalised.rsplit('/');
    let file = components.next().unwrap_or("");
    let Some(stem) = file.strip_suffix(".py") else { return false };
    let in_settings_package = components.next() == Some("settings");
    in_settings_package || stem == "settings" || stem.ends_with("_settings") || stem.starts_with("settings_")
}

#[cfg(test)]
mod tests {
    use super::is_settings_module;

    #[test]
    fn settings_modules_are_recognised_by_path() {
        assert!(is_settings_module("proj/settings.py"));
        assert!(is_settings_module("proj/settings/production.py"));
        assert!(is_settings_module("local_settings.py"));
        assert!(is_settings_module("settings_dev.py"));
        assert!(!is_settings_module("proj/views.py"));
        assert!(!is_settings_module("mysettings.py"));
    }
}
