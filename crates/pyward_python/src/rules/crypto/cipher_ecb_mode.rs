use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, AttributeSite, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Electronic Code Book mode: `cryptography`'s `modes.ECB()`, and the
/// `MODE_ECB` constant of PyCrypto / PyCryptodome ciphers.
///
/// ## Why it matters
/// ECB encrypts equal plaintext blocks to equal ciphertext blocks, so the
/// structure of the data shows through (the "ECB penguin"), and blocks can
/// be cut, reordered and replayed without the key.
///
/// ## Example
/// ```python
/// Cipher(algorithms.AES(key), modes.ECB())
/// ```
///
/// ## Fix
/// An authenticated mode: `modes.GCM(nonce)` or `AESGCM`, with a fresh
/// nonce per message.
///
/// ## References
/// - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
///
/// ## Differences from Bandit/Ruff
/// Bandit and Ruff only report `modes.ECB`; pyward also reports
/// `AES.MODE_ECB` and friends from PyCrypto / PyCryptodome.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW504",
        name: "cipher-ecb-mode",
        summary: "Block cipher in ECB mode",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[327],
        category: "crypto/weak-cipher",
        aliases: &["B305", "S305"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["cryptography.hazmat.primitives.ciphers.modes.ECB"], check: check_call },
        Check::Attribute { attributes: &["MODE_ECB"], check: check_constant },
    ],
};

fn check_call(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new("ECB mode leaks plaintext patterns; use an authenticated mode such as GCM"))
}

fn check_constant(site: &AttributeSite) -> Option<Violation> {
    let qualified = site.context.resolve(&site.attribute.value)?;
    let pycrypto = qualified.starts_with("Crypto.Cipher.") || qualified.starts_with("Cryptodome.Cipher.");
    pycrypto.then(|| {
        Violation::new(format!("{qualified}.MODE_ECB leaks plaintext patterns; use MODE_GCM with a fresh nonce"))
    })
}
