use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// MD2, MD4, MD5 and SHA-1 from the crypto libraries: PyCrypto /
/// PyCryptodome `Crypto.Hash.MD2/MD4/MD5/SHA.new()` (and `Cryptodome.Hash`),
/// and `cryptography`'s `hashes.MD5()` / `hashes.SHA1()`.
///
/// ## Why it matters
/// These digests have practical collision attacks (MD5 in seconds, SHA-1
/// since SHAttered). Signatures, certificates, integrity checks and password
/// hashes built on them can be forged. (`hashlib`'s functions are PW502,
/// as Bandit 1.9.4 reports them under B324.)
///
/// ## Example
/// ```python
/// from Crypto.Hash import MD5
/// digest = MD5.new(data).hexdigest()
/// ```
///
/// ## Fix
/// SHA-256 or better (`SHA256.new()`, `hashes.SHA256()`); for passwords,
/// a password hash (`argon2`, `bcrypt`, `hashlib.scrypt`).
///
/// ## References
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
/// - CWE-328: Use of Weak Hash
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW501",
        name: "insecure-hash-library",
        summary: "MD2/MD4/MD5/SHA-1 from a crypto library",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[327, 328],
        category: "crypto/weak-cipher",
        aliases: &["B303", "S303"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "Crypto.Hash.MD2.new",
            "Crypto.Hash.MD4.new",
            "Crypto.Hash.MD5.new",
            "Crypto.Hash.SHA.new",
            "Cryptodome.Hash.MD2.new",
            "Cryptodome.Hash.MD4.new",
            "Cryptodome.Hash.MD5.new",
            "Cryptodome.Hash.SHA.new",
            "cryptography.hazmat.primitives.hashes.MD5",
            "cryptography.hazmat.primitives.hashes.SHA1",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() uses a hash with practical collision attacks; use SHA-256 or better",
        site.callee
    )))
}
