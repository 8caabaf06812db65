use pyward_report::{Confidence, Severity};

use super::common::not_for_security;
use crate::engine::helpers::{short_name, string_value};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `hashlib.md4()`, `md5()`, `sha()`, `sha1()`, and `hashlib.new()` with one
/// of those names, unless the call says `usedforsecurity=False`; and
/// `crypt.crypt()` / `crypt.mksalt()` with the weak `METHOD_CRYPT`,
/// `METHOD_MD5` or `METHOD_BLOWFISH`.
///
/// ## Why it matters
/// MD4, MD5 and SHA-1 have practical collision attacks; a token, signature,
/// integrity check or password hash built on them can be forged or
/// brute-forced cheaply. Checksums for caches and deduplication are fine,
/// and Python 3.9+ lets code say so with `usedforsecurity=False` (which
/// also keeps it working on FIPS builds).
///
/// ## Example
/// ```python
/// token = hashlib.md5(secret + user).hexdigest()
/// ```
///
/// ## Fix
/// `hashlib.sha256()` / `hashlib.blake2b()`; for passwords `hashlib.scrypt`
/// or a password-hashing library; for non-security uses,
/// `hashlib.md5(data, usedforsecurity=False)`.
///
/// ## References
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
/// - CWE-328: Use of Weak Hash
///
/// ## Differences from Bandit/Ruff
/// `hashlib.new()` with a computed algorithm name is not reported (as in
/// Bandit and Ruff).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW502",
        name: "hashlib-insecure-hash",
        summary: "hashlib MD4/MD5/SHA-1 used without usedforsecurity=False",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[327, 328],
        category: "crypto/weak-cipher",
        aliases: &["B324", "S324"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "hashlib.md4",
            "hashlib.md5",
            "hashlib.sha",
            "hashlib.sha1",
            "hashlib.new",
            "crypt.crypt",
            "crypt.mksalt",
        ],
        check,
    }],
};

const WEAK_NAMES: &[&str] = &["md4", "md5", "sha", "sha1", "md5-sha1", "ripemd160"];

const WEAK_CRYPT_METHODS: &[&str] = &["crypt.METHOD_CRYPT", "crypt.METHOD_MD5", "crypt.METHOD_BLOWFISH"];

fn check(site: &CallSite) -> Option<Violation> {
    if site.callee.starts_with("crypt.") {
        return check_crypt(site);
    }
    if not_for_security(site) {
        return None;
    }
    let algorithm = match short_name(site.callee) {
        "new" => string_value(site.argument("name", 0)?)?.to_ascii_lowercase(),
        direct => direct.to_string(),
    };
    if !WEAK_NAMES.contains(&algorithm.as_str()) {
        return None;
    }
    Some(Violation::new(format!(
        "{algorithm} is a broken hash: use hashlib.sha256(), or pass usedforsecurity=False if it protects nothing"
    )))
}

fn check_crypt(site: &CallSite) -> Option<Violation> {
    let method = if site.callee == "crypt.crypt" { site.argument("salt", 1) } else { site.argument("method", 0) };
    let method = site.resolve(method?)?;
    WEAK_CRYPT_METHODS.contains(&method.as_str()).then(|| {
        Violation::new(format!("{method} is a weak password hash; use crypt.METHOD_SHA512 or a modern password hash"))
    })
}
