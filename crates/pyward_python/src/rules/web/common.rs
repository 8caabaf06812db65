//! Helpers the web rules share.

use ruff_python_ast::{self as ast, Expr};

use crate::engine::Context;

/// The value of keyword `name` in `call`, if passed.
pub(super) fn keyword<'a>(call: &'a ast::ExprCall, name: &str) -> Option<&'a Expr> {
    call.arguments.find_keyword(name).map(|k| &k.value)
}

/// Whether `call` passes `**kwargs`, which may hold any keyword.
pub(super) fn has_double_star(call: &ast::ExprCall) -> bool {
    call.arguments.keywords.iter().any(|k| k.arg.is_none())
}

/// The attribute name a method call is made through (`run` of `app.run()`).
pub(super) fn method_name(call: &ast::ExprCall) -> Option<&str> {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

/// The literal text of a string, or of the literal parts of an f-string.
pub(super) fn literal_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_string()),
        Expr::FString(fstring) => Some(
            fstring.value.elements().filter_map(|element| element.as_literal().map(|l| l.value.to_string())).collect(),
        ),
        _ => None,
    }
}

/// Whether the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's XML parsers at run time.
pub(super) fn defused_stdlib(context: &Context) -> bool {
    context.source.contains("defuse_stdlib(")
}
