use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// The all-interfaces address `"0.0.0.0"` written as a string literal, and
/// the IPv6 `"::"` or the empty host `""` as the host of an address passed
/// to a socket's `bind()` or to a `socketserver` / `http.server` / `xmlrpc`
/// server.
///
/// ## Why it matters
/// A service bound to every interface is reachable from every network the
/// machine is on — including the public one — not only from the local
/// machine or the intended network. Debug servers, admin consoles and
/// unauthenticated services become remotely accessible.
///
/// ## Example
/// ```python
/// server = socketserver.TCPServer(("", 8000), Handler)
/// ```
///
/// ## Fix
/// Bind to `"127.0.0.1"` (or the one interface that must serve), and make
/// the address configurable for deployments that need more.
///
/// ## References
/// - CWE-605: Multiple Binds to the Same Port
/// - CWE-200: Exposure of Sensitive Information to an Unauthorized Actor
///
/// ## Differences from Bandit/Ruff
/// Like Bandit and Ruff, any `"0.0.0.0"` literal is reported (it is almost
/// always an address to bind). pyward also reports `"::"` and `""`, which
/// mean all interfaces too, but only where they are a bind address: as
/// plain strings they are everywhere (`split("::")`, IPv6 test data).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW603",
        name: "bind-all-interfaces",
        summary: "Service bound to all network interfaces",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[605, 200],
        category: "access/remote",
        aliases: &["B104", "S104"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Expr { kinds: &[ExprKind::StringLiteral], check: check_literal },
        Check::Expr { kinds: &[ExprKind::Call], check: check_bind_call },
        Check::Call { callees: SERVERS, check: check_server },
    ],
};

const SERVERS: &[&str] = &[
    "socketserver.TCPServer",
    "socketserver.UDPServer",
    "socketserver.ThreadingTCPServer",
    "socketserver.ThreadingUDPServer",
    "socketserver.ForkingTCPServer",
    "socketserver.ForkingUDPServer",
    "SocketServer.TCPServer",
    "SocketServer.UDPServer",
    "SocketServer.ThreadingTCPServer",
    "SocketServer.ThreadingUDPServer",
    "SocketServer.ForkingTCPServer",
    "SocketServer.ForkingUDPServer",
    "http.server.HTTPServer",
    "http.server.ThreadingHTTPServer",
    "BaseHTTPServer.HTTPServer",
    "xmlrpc.server.SimpleXMLRPCServer",
    "xmlrpc.server.DocXMLRPCServer",
    "SimpleXMLRPCServer.SimpleXMLRPCServer",
    "wsgiref.simple_server.make_server",
];

fn check_literal(expr: &Expr, _context: &Context) -> Option<Violation> {
    match string_value(expr)? {
        "0.0.0.0" => {
            Some(Violation::new("\"0.0.0.0\" binds to every interface; bind to 127.0.0.1 or a configured address"))
        }
        _ => None,
    }
}

fn check_bind_call(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(method) = call.func.as_ref() else { return None };
    if method.attr.as_str() != "bind" {
        return None;
    }
    empty_host(call.arguments.args.first()?).then(empty_host_violation)
}

fn check_server(site: &CallSite) -> Option<Violation> {
    let address = match site.callee {
        "wsgiref.simple_server.make_server" => site.argument("host", 0)?,
        _ => site.argument("server_address", 0)?,
    };
    let is_empty = match address {
        Expr::StringLiteral(_) => string_value(address).is_some_and(is_any_host),
        other => empty_host(other),
    };
    is_empty.then(empty_host_violation)
}

/// `("", port)` or `("::", port)`.
fn empty_host(address: &Expr) -> bool {
    let Expr::Tuple(tuple) = address else { return false };
    tuple.elts.first().and_then(string_value).is_some_and(is_any_host)
}

fn is_any_host(host: &str) -> bool {
    matches!(host, "" | "::")
}

fn empty_host_violation() -> Violation {
    Violation::new("an empty or \"::\" host binds to every interface; bind to 127.0.0.1 or a configured address")
}
