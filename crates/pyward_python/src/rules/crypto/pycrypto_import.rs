use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of the `Crypto` package's modules (PyCrypto): `Crypto.Cipher`,
/// `Crypto.Hash`, `Crypto.PublicKey`, `Crypto.Random`, `Crypto.Util` and
/// the rest. A bare `import Crypto` is not reported, as in Bandit.
///
/// ## Why it matters
/// PyCrypto has been unmaintained since 2013 and has known vulnerabilities
/// (CVE-2013-7459, a heap overflow in `ALGnew`), and its API defaults to
/// weak choices (ECB mode).
///
/// PyCryptodome installs under the same `Crypto` name as a drop-in
/// replacement; the import cannot tell them apart, hence medium confidence.
///
/// ## Example
/// ```python
/// from Crypto.Cipher import AES
/// ```
///
/// ## Fix
/// Use `cryptography`, or PyCryptodome under its own name (`Cryptodome`).
///
/// ## References
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
/// - CWE-1104: Use of Unmaintained Third Party Components
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW506",
        name: "pycrypto-import",
        summary: "PyCrypto is unmaintained and vulnerable",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[327, 1104],
        category: "crypto/weak-cipher",
        aliases: &["B413", "S413"],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: PYCRYPTO_MODULES, check }],
};

const PYCRYPTO_MODULES: &[&str] = &[
    "Crypto.Cipher",
    "Crypto.Hash",
    "Crypto.IO",
    "Crypto.Protocol",
    "Crypto.PublicKey",
    "Crypto.Random",
    "Crypto.Signature",
    "Crypto.Util",
    "Crypto.Cipher.AES",
    "Crypto.Cipher.ARC2",
    "Crypto.Cipher.ARC4",
    "Crypto.Cipher.Blowfish",
    "Crypto.Cipher.CAST",
    "Crypto.Cipher.DES",
    "Crypto.Cipher.DES3",
    "Crypto.Cipher.PKCS1_OAEP",
    "Crypto.Cipher.PKCS1_v1_5",
    "Crypto.Cipher.XOR",
    "Crypto.Hash.HMAC",
    "Crypto.Hash.MD2",
    "Crypto.Hash.MD4",
    "Crypto.Hash.MD5",
    "Crypto.Hash.SHA",
    "Crypto.Hash.SHA256",
    "Crypto.PublicKey.DSA",
    "Crypto.PublicKey.ElGamal",
    "Crypto.PublicKey.RSA",
    "Crypto.Random.random",
    "Crypto.Signature.PKCS1_v1_5",
    "Crypto.Util.number",
    "Crypto.Util.Padding",
];

fn check(site: &ImportSite) -> Option<Violation> {
    // `from Crypto.Cipher import AES` matches both names: report it once.
    if site.member.is_some() && site.matched != site.module && PYCRYPTO_MODULES.contains(&site.module) {
        return None;
    }
    Some(Violation::new(format!(
        "{} is PyCrypto, unmaintained and vulnerable; use cryptography (or PyCryptodome as Cryptodome)",
        site.matched
    )))
}
