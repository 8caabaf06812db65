use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// `while` loops that accumulate data received from a socket —
/// `data += sock.recv(n)` or `chunks.append(sock.recv(n))` (also
/// `recv_bytes` of multiprocessing connections) — with no length check
/// anywhere in the loop (no `len(...)` in its condition or body).
///
/// ## Why it matters
/// Each `recv` is bounded, the loop is not: a peer that keeps sending grows
/// the buffer until memory runs out. The seed talk's hostile POP3 server
/// does exactly this with a megabyte of NUL bytes per line.
///
/// ## Example
/// ```python
/// while not data.endswith(b"\r\n"):
///     data += sock.recv(4096)
/// ```
///
/// ## Fix
/// Stop at a maximum: `while len(data) < MAX_SIZE: ...`, or raise when the
/// buffer passes it.
///
/// ## References
/// - CWE-400: Uncontrolled Resource Consumption
/// - CWE-770: Allocation of Resources Without Limits or Throttling
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW617",
        name: "unbounded-recv-loop",
        summary: "Loop accumulates network data without a size cap",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[400, 770],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::While], check }],
};

const RECEIVE_METHODS: &[&str] = &["recv", "recv_bytes"];

fn check(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::While(loop_stmt) = stmt else { return None };
    let accumulation = loop_stmt.body.iter().find(|s| accumulates_received(s))?;
    if context.text(loop_stmt.range()).contains("len(") {
        return None;
    }
    Some(
        Violation::new("received data accumulates with no size cap; stop once the buffer passes a maximum")
            .at(accumulation.range()),
    )
}

/// `buffer += x.recv(n)` or `chunks.append(x.recv(n))`.
fn accumulates_received(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::AugAssign(ast::StmtAugAssign { op: ast::Operator::Add, value, .. }) => is_receive(value),
        Stmt::Expr(ast::StmtExpr { value, .. }) => match value.as_ref() {
            Expr::Call(call) => {
                matches!(call.func.as_ref(), Expr::Attribute(m) if matches!(m.attr.as_str(), "append" | "extend"))
                    && call.arguments.args.first().is_some_and(is_receive)
            }
            _ => false,
        },
        _ => false,
    }
}

fn is_receive(expr: &Expr) -> bool {
    let Expr::Call(call) = expr else { return false };
    matches!(call.func.as_ref(), Expr::Attribute(method) if RECEIVE_METHODS.contains(&method.attr.as_str()))
}
