use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::{Applies, CallSite, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// `wsgiref.handlers.CGIHandler` and Twisted's `twcgi.CGIScript` /
/// `CGIDirectory`: imported by name, or called through their module.
///
/// ## Why it matters
/// Under CGI, the request's `Proxy:` header becomes the `HTTP_PROXY`
/// environment variable, which HTTP client libraries read as their proxy
/// setting ("httpoxy", CVE-2016-5386 and friends): an attacker routes the
/// application's outgoing requests through a server of their choosing.
///
/// ## Example
/// ```python
/// from wsgiref.handlers import CGIHandler
/// CGIHandler().run(app)
/// ```
///
/// ## Fix
/// Serve WSGI applications with a real server (gunicorn, uWSGI, mod_wsgi);
/// under CGI, delete `HTTP_PROXY` from the environment before anything
/// reads it.
///
/// ## References
/// - CWE-284: Improper Access Control
/// - CWE-807: Reliance on Untrusted Inputs in a Security Decision
///
/// ## Differences from Bandit/Ruff
/// Bandit and Ruff report only the imports; pyward also reports
/// `wsgiref.handlers.CGIHandler()` called through its module, which an
/// import check misses.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW611",
        name: "httpoxy-cgi-handler",
        summary: "CGI handler exposes the httpoxy Proxy-header flaw",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[284, 807],
        category: "server/misconfiguration",
        aliases: &["B412", "S412"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Import { names: CGI_HANDLERS, check: check_import },
        Check::Call { callees: CGI_HANDLERS, check: check_call },
    ],
};

const CGI_HANDLERS: &[&str] =
    &["wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"];

fn check_import(site: &ImportSite) -> Option<Violation> {
    Some(violation(site.matched))
}

fn check_call(site: &CallSite) -> Option<Violation> {
    // A handler imported by name was reported at its import.
    matches!(site.call.func.as_ref(), Expr::Attribute(_)).then(|| violation(site.callee))
}

fn violation(handler: &str) -> Violation {
    Violation::new(format!(
        "{handler} runs under CGI, where a Proxy: header sets HTTP_PROXY (httpoxy); serve WSGI with a real server"
    ))
}
