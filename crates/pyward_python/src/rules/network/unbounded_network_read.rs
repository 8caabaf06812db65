use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr};

use crate::engine::helpers::short_name;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Reads of network data with no size limit: `read()`, `readline()` and
/// `readlines()` without a size on `urlopen()` responses, `http.client`
/// responses (`conn.getresponse()`), and socket files (`sock.makefile()`).
/// A size of `None` or `-1` counts as no limit.
///
/// ## Why it matters
/// The peer decides how much arrives. A hostile or broken server that
/// streams gigabytes — or, for `readline()`, never sends a newline — makes
/// the client buffer it all until memory runs out. The seed talk's POP3
/// example feeds a client a megabyte of NUL bytes per line to show it.
///
/// ## Example
/// ```python
/// body = urllib.request.urlopen(url, timeout=10).read()
/// ```
///
/// ## Fix
/// Read a bounded amount (`response.read(MAX_BYTES + 1)` and reject what is
/// longer), read in chunks up to a cap, or check `Content-Length` first;
/// `readline(MAX_LINE)` for line protocols.
///
/// ## References
/// - CWE-400: Uncontrolled Resource Consumption
/// - CWE-770: Allocation of Resources Without Limits or Throttling
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW616",
        name: "unbounded-network-read",
        summary: "Network data read with no size limit",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[400, 770],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: NETWORK_READS, check }],
};

const NETWORK_READS: &[&str] = &[
    "urllib.request.urlopen().read",
    "urllib.request.urlopen().readline",
    "urllib.request.urlopen().readlines",
    "urllib2.urlopen().read",
    "urllib2.urlopen().readline",
    "urllib2.urlopen().readlines",
    "urllib.urlopen().read",
    "urllib.urlopen().readline",
    "urllib.urlopen().readlines",
    "six.moves.urllib.request.urlopen().read",
    "six.moves.urllib.request.urlopen().readline",
    "six.moves.urllib.request.urlopen().readlines",
    "http.client.HTTPConnection().getresponse().read",
    "http.client.HTTPConnection().getresponse().readline",
    "http.client.HTTPConnection().getresponse().readlines",
    "http.client.HTTPSConnection().getresponse().read",
    "http.client.HTTPSConnection().getresponse().readline",
    "http.client.HTTPSConnection().getresponse().readlines",
    "httplib.HTTPConnection().getresponse().read",
    "httplib.HTTPConnection().getresponse().readline",
    "httplib.HTTPConnection().getresponse().readlines",
    "httplib.HTTPSConnection().getresponse().read",
    "httplib.HTTPSConnection().getresponse().readline",
    "httplib.HTTPSConnection().getresponse().readlines",
    "socket.socket().makefile().read",
    "socket.socket().makefile().readline",
    "socket.socket().makefile().readlines",
    "socket.create_connection().makefile().read",
    "socket.create_connection().makefile().readline",
    "socket.create_connection().makefile().readlines",
];

fn check(site: &CallSite) -> Option<Violation> {
    if site.has_double_star() || site.has_star() {
        return None;
    }
    let size = site
        .call
        .arguments
        .args
        .first()
        .or_else(|| ["amt", "size", "limit", "hint", "n"].iter().find_map(|name| site.keyword(name)));
    if size.is_some_and(|size| !is_unlimited(size)) {
        return None;
    }
    let method = short_name(site.callee);
    Some(Violation::new(format!(
        "{method}() of network data without a size lets the peer exhaust memory; pass a maximum size"
    )))
}

fn is_unlimited(size: &Expr) -> bool {
    match size {
        Expr::NoneLiteral(_) => true,
        Expr::UnaryOp(unary) => {
            unary.op == ast::UnaryOp::USub && matches!(unary.operand.as_ref(), Expr::NumberLiteral(_))
        }
        _ => false,
    }
}
