use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Broken or obsolete ciphers: ARC2 (RC2), ARC4 (RC4), Blowfish, DES, XOR
/// from PyCrypto / PyCryptodome (`Crypto.Cipher`, `Cryptodome.Cipher`), and
/// ARC4, Blowfish, IDEA, CAST5, SEED and TripleDES from `cryptography`.
///
/// ## Why it matters
/// RC4 has exploitable keystream biases; DES keys are brute-forced in hours;
/// 64-bit block ciphers (Blowfish, 3DES, IDEA, CAST5) fall to birthday
/// attacks on long sessions (Sweet32); XOR is no cipher at all.
///
/// ## Example
/// ```python
/// from Crypto.Cipher import DES
/// cipher = DES.new(key, DES.MODE_CBC, iv)
/// ```
///
/// ## Fix
/// AES-GCM or ChaCha20-Poly1305 (`cryptography`'s `AESGCM`,
/// `ChaCha20Poly1305`), which also authenticate the data.
///
/// ## References
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
///
/// ## Differences from Bandit/Ruff
/// The list is Bandit's; Ruff's is shorter (it leaves out PyCryptodome's
/// ARC4 and `cryptography`'s CAST5, SEED and TripleDES), so pyward reports
/// those under S304 where Ruff does not.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW503",
        name: "insecure-cipher",
        summary: "Broken or 64-bit-block cipher",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[327],
        category: "crypto/weak-cipher",
        aliases: &["B304", "S304"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "Crypto.Cipher.ARC2.new",
            "Crypto.Cipher.ARC4.new",
            "Crypto.Cipher.Blowfish.new",
            "Crypto.Cipher.DES.new",
            "Crypto.Cipher.XOR.new",
            "Cryptodome.Cipher.ARC2.new",
            "Cryptodome.Cipher.ARC4.new",
            "Cryptodome.Cipher.Blowfish.new",
            "Cryptodome.Cipher.DES.new",
            "Cryptodome.Cipher.XOR.new",
            "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
            "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
            "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
            "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
            "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
            "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
            "cryptography.hazmat.decrepit.ciphers.algorithms.ARC4",
            "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish",
            "cryptography.hazmat.decrepit.ciphers.algorithms.CAST5",
            "cryptography.hazmat.decrepit.ciphers.algorithms.IDEA",
            "cryptography.hazmat.decrepit.ciphers.algorithms.SEED",
            "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() is a broken or 64-bit-block cipher; use AES-GCM or ChaCha20-Poly1305",
        site.callee
    )))
}
