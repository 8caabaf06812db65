//! Questions the network rules share.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::Context;

/// Constructors of stdlib protocol clients and sockets, each with the
/// position its `timeout` parameter takes (`None`: keyword only, or none).
pub(super) const CLIENT_CONSTRUCTORS: &[(&str, Option<usize>)] = &[
    ("smtplib.SMTP", Some(3)),
    ("smtplib.SMTP_SSL", None),
    ("smtplib.LMTP", None),
    ("poplib.POP3", Some(2)),
    ("poplib.POP3_SSL", None),
    ("ftplib.FTP", Some(4)),
    ("ftplib.FTP_TLS", None),
    ("imaplib.IMAP4", Some(2)),
    ("imaplib.IMAP4_SSL", None),
    ("nntplib.NNTP", Some(6)),
    ("nntplib.NNTP_SSL", None),
    ("telnetlib.Telnet", Some(2)),
    ("http.client.HTTPConnection", Some(2)),
    ("http.client.HTTPSConnection", None),
    ("httplib.HTTPConnection", Some(2)),
    ("httplib.HTTPSConnection", None),
    ("socket.create_connection", Some(1)),
];

pub(super) fn timeout_position(callee: &str) -> Option<usize> {
    CLIENT_CONSTRUCTORS.iter().find(|(name, _)| *name == callee).and_then(|(_, position)| *position)
}

/// Whether the statement holding `call` closes what it creates on every
/// path: the call is a `with` item (directly or inside `closing(...)`),
/// sits in the body of a `try` that has a `finally`, or is assigned to a
/// name that the next statement hands to a `with`, guards with a
/// `try`/`finally`, returns, or registers for closing
/// (`self.addCleanup(sock.close)`).
pub(super) fn is_closed_on_error(call: TextRange, context: &Context) -> bool {
    is_with_item(call, context) || in_try_with_finally(context) || next_statement_guards(context)
}

fn is_with_item(call: TextRange, context: &Context) -> bool {
    let Some(Stmt::With(with)) = context.ancestors.last().copied() else { return false };
    with.items.iter().any(|item| item.context_expr.range().contains_range(call))
}

fn in_try_with_finally(context: &Context) -> bool {
    let ancestors = context.ancestors;
    ancestors.windows(2).any(|pair| match pair[0] {
        Stmt::Try(try_stmt) if !try_stmt.finalbody.is_empty() => {
            try_stmt.body.iter().any(|stmt| stmt.range() == pair[1].range())
        }
        _ => false,
    })
}

fn next_statement_guards(context: &Context) -> bool {
    let Some(&statement) = context.ancestors.last() else { return false };
    let Some(name) = assigned_name(statement) else { return false };
    let position = context.block.iter().position(|s| s.range() == statement.range());
    let Some(next) = position.and_then(|p| context.block.get(p + 1)) else { return false };
    match next {
        Stmt::Try(try_stmt) => !try_stmt.finalbody.is_empty(),
        Stmt::With(with) => with.items.iter().any(|item| mentions_name(&item.context_expr, name)),
        Stmt::Return(ret) => ret.value.as_deref().is_some_and(|value| mentions_name(value, name)),
        Stmt::Expr(expression) => registers_close(&expression.value, name),
        _ => false,
    }
}

/// `name` of `name = ...`.
pub(super) fn assigned_name(statement: &Stmt) -> Option<&str> {
    let Stmt::Assign(ast::StmtAssign { targets, .. }) = statement else { return None };
    match targets.as_slice() {
        [Expr::Name(name)] => Some(name.id.as_str()),
        _ => None,
    }
}

/// `self.addCleanup(name.close)`, `atexit.register(name.close)`, `stack.callback(name.quit)`...
fn registers_close(expr: &Expr, name: &str) -> bool {
    let Expr::Call(call) = expr else { return false };
    call.arguments.args.iter().any(|argument| match argument {
        Expr::Attribute(method) => {
            matches!(method.attr.as_str(), "close" | "quit" | "logout" | "shutdown")
                && matches!(method.value.as_ref(), Expr::Name(found) if found.id.as_str() == name)
        }
        _ => false,
    })
}

/// `name` or `closing(name)`.
fn mentions_name(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Name(found) => found.id.as_str() == name,
        Expr::Call(call) => call.arguments.args.first().is_some_and(|first| mentions_name(first, name)),
        _ => false,
    }
}

/// Whether the call's result is kept by the statement as a local
/// resource: the whole value of `name = call` or of an expression
/// statement, or the receiver of a method called there
/// (`smtplib.SMTP(host).sendmail(...)`). Returned, stored on an object or
/// passed elsewhere, it belongs to someone else.
pub(super) fn is_held_locally(call: TextRange, context: &Context) -> bool {
    let Some(&statement) = context.ancestors.last() else { return false };
    let value = match statement {
        Stmt::Assign(assign) if assigned_name(statement).is_some() => assign.value.as_ref(),
        Stmt::Expr(expression) => expression.value.as_ref(),
        _ => return false,
    };
    value.range() == call || is_method_receiver(value, call)
}

fn is_method_receiver(value: &Expr, call: TextRange) -> bool {
    let Expr::Call(outer) = value else { return false };
    let Expr::Attribute(method) = outer.func.as_ref() else { return false };
    method.value.range() == call
}
