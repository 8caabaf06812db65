use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;

use super::common::{is_broken_protocol, last_name};
use crate::engine::{Applies, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Function parameters whose default is a broken protocol version
/// (`PROTOCOL_SSLv2`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`,
/// `PROTOCOL_TLSv1_1`, pyOpenSSL's `SSLv2_METHOD`...`TLSv1_1_METHOD`).
///
/// ## Why it matters
/// Every caller that does not pass the argument gets a broken protocol
/// (DROWN, POODLE, BEAST) without seeing it at the call.
///
/// ## Example
/// ```python
/// def connect(host, version=ssl.PROTOCOL_TLSv1): ...
/// ```
///
/// ## Fix
/// Default to `None` and build the context with
/// `ssl.create_default_context()` when no version is given.
///
/// ## References
/// - CWE-326: Inadequate Encryption Strength
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW509",
        name: "ssl-insecure-version-default",
        summary: "Parameter defaults to a broken SSL/TLS version",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[326, 327],
        category: "server/mitm",
        aliases: &["B503", "S503"],
        applies: Applies::Always,
    },
    checks: &[Check::Stmt { kinds: &[StmtKind::FunctionDef], check }],
};

fn check(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let Stmt::FunctionDef(function) = stmt else { return None };
    let default = broken_default(function)?;
    let name = last_name(default).unwrap_or("");
    Some(
        Violation::new(format!(
            "{}() defaults to {name}, a broken protocol version; default to None and use create_default_context()",
            function.name
        ))
        .at(default.range()),
    )
}

fn broken_default(function: &StmtFunctionDef) -> Option<&ruff_python_ast::Expr> {
    function
        .parameters
        .iter_non_variadic_params()
        .filter_map(|parameter| parameter.default.as_deref())
        .find(|default| is_broken_protocol(default))
}
