use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use crate::engine::helpers::string_value;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// `context.set_ciphers("...")` with a literal cipher string that enables
/// weak suites: NULL or anonymous ones (`eNULL`, `aNULL`, `ADH`, `AECDH`),
/// export-grade ones (`EXP`), RC4, RC2, DES and 3DES, MD5 MACs, or the
/// `LOW` class.
///
/// ## Why it matters
/// The server and client agree on the strongest suite both allow, but an
/// attacker on the path can often force a downgrade (FREAK, Logjam) or
/// break the weak suite (RC4 biases, Sweet32 on 3DES); NULL and anonymous
/// suites provide no confidentiality or authentication at all.
///
/// ## Example
/// ```python
/// ctx.set_ciphers("ALL:RC4:EXPORT")
/// ```
///
/// ## Fix
/// Leave the default cipher list of `ssl.create_default_context()`, or use
/// something like `"ECDHE+AESGCM:ECDHE+CHACHA20"`.
///
/// ## References
/// - CWE-326: Inadequate Encryption Strength
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW518",
        name: "ssl-weak-ciphers",
        summary: "TLS cipher list enables weak suites",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[326, 327],
        category: "crypto/weak-cipher",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::Call], check }],
};

const WEAK_MARKERS: &[&str] = &["NULL", "EXP", "RC4", "RC2", "DES", "MD5", "LOW", "ADH", "AECDH", "ANON"];

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(method) = call.func.as_ref() else { return None };
    if method.attr.as_str() != "set_ciphers" {
        return None;
    }
    let ciphers = string_value(call.arguments.find_argument_value("ciphers", 0)?)?;
    let weak = weak_entry(ciphers)?;
    Some(Violation::new(format!("cipher list enables weak suites ({weak}); use the default list or ECDHE+AESGCM")))
}

/// The first entry that adds (rather than removes) a weak suite.
fn weak_entry(ciphers: &str) -> Option<&str> {
    ciphers.split([':', ',', ' ']).map(str::trim).find(|entry| {
        let enabled = !entry.starts_with(['!', '-']);
        let upper = entry.to_ascii_uppercase();
        enabled && WEAK_MARKERS.iter().any(|marker| upper.contains(marker))
    })
}
