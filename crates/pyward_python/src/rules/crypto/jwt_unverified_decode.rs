use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::is_false;
use crate::engine::helpers::{short_name, string_value};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// JSON Web Tokens read without checking their signature:
/// - PyJWT `jwt.decode()` with `verify=False` (PyJWT 1),
///   `options={"verify_signature": False}`, or `"none"` among `algorithms`;
/// - python-jose `jwt.decode()` with `options={"verify_signature": False}`,
///   and `jwt.get_unverified_claims()` / `get_unverified_header()`.
///
/// ## Why it matters
/// A token's claims are only as good as its signature: unverified, anyone
/// can write `{"sub": "admin"}` and be believed. Accepting the `none`
/// algorithm lets a token simply declare that it is unsigned.
///
/// Reading the header before verification (to pick a key by `kid`) is
/// legitimate, so `get_unverified_header()` is reported at low severity.
///
/// ## Example
/// ```python
/// claims = jwt.decode(token, options={"verify_signature": False})
/// ```
///
/// ## Fix
/// `jwt.decode(token, key, algorithms=["RS256"])` with the expected
/// algorithms listed explicitly, and act only on verified claims.
///
/// ## References
/// - CWE-347: Improper Verification of Cryptographic Signature
/// - CWE-345: Insufficient Verification of Data Authenticity
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW519",
        name: "jwt-unverified-decode",
        summary: "JWT decoded without verifying its signature",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[347, 345],
        category: "crypto/invalid-cert",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "jwt.decode",
            "jwt.decode_complete",
            "jwt.api_jwt.decode",
            "jwt.PyJWT().decode",
            "jose.jwt.decode",
            "jose.jwt.get_unverified_claims",
            "jose.jwt.get_unverified_header",
            "jose.jws.get_unverified_claims",
            "jose.jws.get_unverified_header",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match short_name(site.callee) {
        "get_unverified_claims" => Some(Violation::new(
            "get_unverified_claims() returns claims nobody has verified; use jwt.decode() with the key",
        )),
        "get_unverified_header" => Some(
            Violation::new("get_unverified_header() is unverified: use it only to choose the key, then decode")
                .severity(Severity::Low)
                .confidence(Confidence::Medium),
        ),
        _ => check_decode(site),
    }
}

fn check_decode(site: &CallSite) -> Option<Violation> {
    if site.keyword("verify").is_some_and(is_false) {
        return Some(Violation::new("jwt.decode(verify=False) skips the signature check; pass the key instead"));
    }
    if site.keyword("options").is_some_and(disables_signature) {
        return Some(Violation::new(
            "jwt.decode() with verify_signature False trusts forged tokens; verify with the key",
        ));
    }
    if site.keyword("algorithms").is_some_and(allows_none) {
        return Some(Violation::new(
            "jwt.decode() accepting the \"none\" algorithm trusts unsigned tokens; list only signing algorithms",
        ));
    }
    None
}

fn disables_signature(options: &Expr) -> bool {
    let Expr::Dict(dict) = options else { return false };
    dict.items
        .iter()
        .any(|item| item.key.as_ref().and_then(string_value) == Some("verify_signature") && is_false(&item.value))
}

fn allows_none(algorithms: &Expr) -> bool {
    let elements = match algorithms {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::Set(set) => &set.elts,
        _ => return false,
    };
    elements.iter().filter_map(string_value).any(|name| name.eq_ignore_ascii_case("none"))
}
