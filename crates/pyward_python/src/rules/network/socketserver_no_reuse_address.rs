use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `socketserver` (Python 2: `SocketServer`) TCP servers — `TCPServer`,
/// `ThreadingTCPServer`, `ForkingTCPServer` — created directly, or
/// subclassed without setting `allow_reuse_address` or overriding
/// `server_bind`.
///
/// ## Why it matters
/// These classes do not set `SO_REUSEADDR`. After the server stops, the
/// port stays in `TIME_WAIT` for a minute or more and restarting fails with
/// "Address already in use" — the seed shows a `SimpleHTTPServer` that
/// cannot come back up after a client connected. (`http.server.HTTPServer`
/// and `SimpleXMLRPCServer` already set it.)
///
/// A file that sets the flag on the class (`TCPServer.allow_reuse_address
/// = True`) is not reported for direct instantiations, nor are servers created with
/// `bind_and_activate=False` (the code can set the flag before binding),
/// nor servers on port 0 (an ephemeral port, as in tests).
///
/// ## Example
/// ```python
/// httpd = SocketServer.TCPServer(("", PORT), Handler)
/// ```
///
/// ## Fix
/// ```python
/// class Server(socketserver.ThreadingTCPServer):
///     allow_reuse_address = True
/// ```
///
/// ## References
/// - CWE-404: Improper Resource Shutdown or Release
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW613",
        name: "socketserver-no-reuse-address",
        summary: "TCP server without allow_reuse_address cannot restart promptly",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[404],
        category: "server/dos",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: TCP_SERVERS, check: check_instance },
        Check::Stmt { kinds: &[StmtKind::ClassDef], check: check_subclass },
    ],
};

const TCP_SERVERS: &[&str] = &[
    "socketserver.TCPServer",
    "socketserver.ThreadingTCPServer",
    "socketserver.ForkingTCPServer",
    "SocketServer.TCPServer",
    "SocketServer.ThreadingTCPServer",
    "SocketServer.ForkingTCPServer",
];

fn check_instance(site: &CallSite) -> Option<Violation> {
    let ephemeral = site.argument("server_address", 0).is_some_and(is_ephemeral_port);
    if ephemeral
        || site.context.source.contains("Server.allow_reuse_address")
        || site.argument("bind_and_activate", 2).is_some()
    {
        return None;
    }
    Some(Violation::new(format!(
        "{}() binds without SO_REUSEADDR, so a restart fails with \"Address already in use\"; subclass it with allow_reuse_address = True",
        site.callee
    )))
}

fn check_subclass(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::ClassDef(class) = stmt else { return None };
    let base = class.bases().iter().filter_map(|b| context.resolve(b)).find(|b| TCP_SERVERS.contains(&b.as_str()))?;
    if sets_reuse(class) {
        return None;
    }
    Some(
        Violation::new(format!(
            "{} subclasses {base} without allow_reuse_address = True or its own server_bind",
            class.name
        ))
        .at(class.name.range),
    )
}

fn sets_reuse(class: &StmtClassDef) -> bool {
    class.body.iter().any(|stmt| match stmt {
        Stmt::Assign(assign) => assign.targets.iter().any(|t| is_name(t, "allow_reuse_address")),
        Stmt::AnnAssign(assign) => is_name(&assign.target, "allow_reuse_address"),
        Stmt::FunctionDef(function) => function.name.as_str() == "server_bind",
        _ => false,
    })
}

/// `(host, 0)`: the system picks a free port, so there is nothing to reuse.
fn is_ephemeral_port(address: &Expr) -> bool {
    let Expr::Tuple(tuple) = address else { return false };
    matches!(tuple.elts.get(1), Some(Expr::NumberLiteral(port)) if port.value.as_int().is_some_and(|p| p.as_u8() == Some(0)))
}

fn is_name(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Name(found) if found.id.as_str() == name)
}
