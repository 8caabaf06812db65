//! Helpers the web rules share.

use ruff_python_ast::{self as ast, Expr};

use pyward_report::Confidence;

use crate::engine::{CallSite, Context, ImportSite, Violation};

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
        Expr::FString(fstring) => Some(fstring.value.iter().map(fstring_part_text).collect()),
        _ => None,
    }
}

/// The literal text of one part of an implicitly concatenated f-string.
fn fstring_part_text(part: &ast::FStringPart) -> String {
    match part {
        ast::FStringPart::Literal(literal) => literal.value.to_string(),
        ast::FStringPart::FString(fstring) => {
            fstring.elements.iter().filter_map(|e| e.as_literal().map(|l| l.value.to_string())).collect()
        }
    }
}

/// Whether the file calls `defusedxml.defuse_stdlib()`, which patches the
/// standard library's XML parsers at run time.
pub(super) fn defused_stdlib(context: &Context) -> bool {
    context.source.contains("defuse_stdlib(")
}

/// A call that parses XML with a parser open to entity attacks; `safe`
/// names the replacement. When the file patches the standard library with
/// `defusedxml.defuse_stdlib()`, its parsers are reported with low
/// confidence (pyward cannot tell whether the patch runs first).
pub(super) fn xml_parse(site: &CallSite, safe: &str) -> Option<Violation> {
    let violation = Violation::new(format!(
        "{}() parses XML with entity expansion (billion laughs, XXE); for untrusted XML use {safe}",
        site.callee
    ));
    Some(lowered_if_defused(violation, site.context, site.callee))
}

/// An import of an XML module open to entity attacks; `safe` names the replacement.
pub(super) fn xml_import(site: &ImportSite, safe: &str) -> Option<Violation> {
    let violation =
        Violation::new(format!("{} parses XML with entity expansion; parse untrusted XML with {safe}", site.matched));
    Some(lowered_if_defused(violation, site.context, site.matched))
}

fn lowered_if_defused(violation: Violation, context: &Context, name: &str) -> Violation {
    if name.starts_with("xml.") && defused_stdlib(context) { violation.confidence(Confidence::Low) } else { violation }
}

/// `"...".format(constants)` or `"..." % constants`: text formatted from
/// constants only, which no attacker can change.
pub(super) fn is_constant_format(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            let Expr::Attribute(attribute) = call.func.as_ref() else { return false };
            crate::engine::helpers::is_constant(&attribute.value)
                && call.arguments.args.iter().all(crate::engine::helpers::is_constant)
                && call.arguments.keywords.iter().all(|k| crate::engine::helpers::is_constant(&k.value))
        }
        other => crate::engine::helpers::is_constant(other),
    }
}
