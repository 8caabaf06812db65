use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{is_broken_protocol, last_name};
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// SSL 2/3 and TLS 1.0/1.1 chosen explicitly: a `PROTOCOL_SSLv2`,
/// `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1` (or pyOpenSSL
/// `SSLv2_METHOD`, `SSLv23_METHOD`, `SSLv3_METHOD`, `TLSv1_METHOD`,
/// `TLSv1_1_METHOD`) passed as `ssl_version=`, `method=` or `protocol=` to
/// any call, or as the first argument of `ssl.SSLContext()` /
/// `OpenSSL.SSL.Context()`.
///
/// ## Why it matters
/// These protocol versions are broken (DROWN, POODLE, BEAST) and deprecated
/// by RFC 8996; pinning one lets an attacker on the path decrypt or tamper
/// with the session.
///
/// ## Example
/// ```python
/// ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)
/// ```
///
/// ## Fix
/// `ssl.create_default_context()` (TLS 1.2+ negotiated), or
/// `ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)` with
/// `minimum_version = ssl.TLSVersion.TLSv1_2`.
///
/// ## References
/// - CWE-326: Inadequate Encryption Strength
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
///
/// ## Differences from Bandit/Ruff
/// Like Bandit, any call with such a keyword is reported; Ruff only looks
/// at `ssl.wrap_socket()` and `OpenSSL.SSL.Context()`, so pyward reports
/// more under S502.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW508",
        name: "ssl-insecure-version",
        summary: "SSL/TLS pinned to a broken protocol version",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[326, 327],
        category: "server/mitm",
        aliases: &["B502", "S502"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

const VERSION_KEYWORDS: &[&str] = &["ssl_version", "method", "protocol"];
const CONTEXT_CONSTRUCTORS: &[&str] = &["ssl.SSLContext", "OpenSSL.SSL.Context"];

fn check(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let by_keyword = call.arguments.keywords.iter().find(|keyword| {
        keyword.arg.as_ref().is_some_and(|name| VERSION_KEYWORDS.contains(&name.as_str()))
            && is_broken_protocol(&keyword.value)
    });
    let version = match by_keyword {
        Some(keyword) => &keyword.value,
        None => {
            let first = call.arguments.args.first().filter(|first| is_broken_protocol(first))?;
            let callee = context.resolve(&call.func)?;
            if !CONTEXT_CONSTRUCTORS.contains(&callee.as_str()) {
                return None;
            }
            first
        }
    };
    let name = last_name(version).unwrap_or("");
    Some(Violation::new(format!(
        "{name} is a broken protocol version; use ssl.create_default_context() or require TLS 1.2+"
    )))
}
