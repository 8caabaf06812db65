//! Questions the crypto and TLS rules share.

use ruff_python_ast::{self as ast, Expr, Number};

use crate::engine::CallSite;
use crate::engine::helpers::constant_truth;

/// Whether `expr` is written as a false constant (`False`, `0`, `None`).
pub(super) fn is_false(expr: &Expr) -> bool {
    constant_truth(expr) == Some(false)
}

/// The value of an integer literal.
pub(super) fn int_value(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(ast::ExprNumberLiteral { value: Number::Int(int), .. }) => int.as_i64(),
        _ => None,
    }
}

/// The last name of `name` or `a.b.name`: what a constant is called
/// however it was imported.
pub(super) fn last_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

/// `usedforsecurity=False`: the caller declared the digest is not a
/// security control (Python 3.9+).
pub(super) fn not_for_security(site: &CallSite) -> bool {
    site.keyword("usedforsecurity").is_some_and(is_false)
}

/// Protocol constants of SSL 2/3 and TLS 1.0/1.1, in `ssl` and pyOpenSSL.
pub(super) const BROKEN_PROTOCOLS: &[&str] = &[
    "PROTOCOL_SSLv2",
    "PROTOCOL_SSLv3",
    "PROTOCOL_TLSv1",
    "PROTOCOL_TLSv1_1",
    "SSLv2_METHOD",
    "SSLv23_METHOD",
    "SSLv3_METHOD",
    "TLSv1_METHOD",
    "TLSv1_1_METHOD",
];

pub(super) fn is_broken_protocol(expr: &Expr) -> bool {
    last_name(expr).is_some_and(|name| BROKEN_PROTOCOLS.contains(&name))
}
