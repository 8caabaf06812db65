use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::{short_name, string_value};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `urllib` openers given a URL whose scheme is not known to be HTTP(S):
/// `urlopen()` and `urlretrieve()` (Python 3 `urllib.request`, Python 2
/// `urllib`/`urllib2`, `six.moves`), Python 2's `urllib2.Request()`, with a computed URL or a
/// literal `file:`/`ftp:`/custom scheme, and every `URLopener` /
/// `FancyURLopener`.
///
/// ## Why it matters
/// `urllib` follows whatever scheme the URL names: `file:///etc/passwd`
/// reads local files, `ftp:` reaches other services, and legacy openers
/// accept more. A URL from input therefore becomes a local-file read or a
/// server-side request forgery.
///
/// A literal `http://` / `https://` URL is not reported. PW601 is separate:
/// it reports the same calls when they lack a timeout.
///
/// ## Example
/// ```python
/// urllib.request.urlopen(user_url)
/// ```
///
/// ## Fix
/// Parse the URL and allow only `http`/`https` (and expected hosts) before
/// opening it: `if urllib.parse.urlsplit(url).scheme not in ("http",
/// "https"): raise ValueError(url)`, or use `requests`, which only speaks HTTP.
///
/// ## References
/// - CWE-22: Path Traversal
/// - CWE-918: Server-Side Request Forgery
///
/// ## Differences from Bandit/Ruff
/// Bandit reports every such call; pyward, like Ruff, leaves out calls whose
/// URL is a literal `http://` or `https://` string (also inside a literal
/// `Request(...)`), which cannot reach another scheme. Python 3's
/// `Request()` is not reported itself (as in Bandit): the `urlopen()` it is
/// passed to is.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW605",
        name: "url-open-unchecked-scheme",
        summary: "urllib opens a URL whose scheme may be file: or custom",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[22, 918],
        category: "vulnerability/input-validation",
        aliases: &["B310", "S310"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "urllib.urlopen",
            "urllib.urlretrieve",
            "urllib.URLopener",
            "urllib.FancyURLopener",
            "urllib.request.urlopen",
            "urllib.request.urlretrieve",
            "urllib.request.URLopener",
            "urllib.request.FancyURLopener",
            "urllib2.urlopen",
            "urllib2.Request",
            "six.moves.urllib.request.urlopen",
            "six.moves.urllib.request.urlretrieve",
            "six.moves.urllib.request.URLopener",
            "six.moves.urllib.request.FancyURLopener",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let function = short_name(site.callee);
    if function.ends_with("URLopener") {
        return Some(Violation::new(format!(
            "{}() opens any scheme, file: included; use urlopen() on a checked http(s) URL",
            site.callee
        )));
    }
    let url = site.argument("url", 0)?;
    let url = unwrap_request(site, url);
    match string_value(url) {
        Some(literal) if is_http(literal) => None,
        Some(literal) => Some(Violation::new(format!(
            "{}() of \"{literal}\" opens a non-HTTP scheme; allow only http/https URLs",
            site.callee
        ))),
        None => Some(Violation::new(format!(
            "{}() of a computed URL also opens file: and other schemes; check the scheme is http/https first",
            site.callee
        ))),
    }
}

/// `urlopen(Request("https://..."))`: the URL inside the request.
fn unwrap_request<'a>(site: &CallSite, url: &'a Expr) -> &'a Expr {
    let Expr::Call(request) = url else { return url };
    let is_request = site.resolve(&request.func).is_some_and(|name| short_name(&name) == "Request");
    match request.arguments.find_argument_value("url", 0) {
        Some(inner) if is_request => inner,
        _ => url,
    }
}

fn is_http(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
