use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::common::{int_value, last_name};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// RSA and DSA keys generated with fewer than 2048 bits, and elliptic-curve
/// keys on curves under 224 bits (`SECP192R1`, `SECT163K1`, `SECT163R2`),
/// with `cryptography` or PyCrypto / PyCryptodome.
///
/// ## Why it matters
/// 1024-bit RSA/DSA is within reach of well-funded attackers and below every
/// current recommendation (NIST SP 800-131A); under 1024 bits, or curves
/// under 160 bits, the key can be broken outright.
///
/// ## Example
/// ```python
/// rsa.generate_private_key(public_exponent=65537, key_size=1024)
/// ```
///
/// ## Fix
/// RSA/DSA with 3072 (at least 2048) bits; curves `SECP256R1` or better, or
/// Ed25519.
///
/// ## References
/// - CWE-326: Inadequate Encryption Strength
///
/// ## Differences from Bandit/Ruff
/// A call written over several lines is reported on its first line, as
/// Bandit does; Ruff reports the line of the key-size argument.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW511",
        name: "weak-key-size",
        summary: "RSA/DSA key under 2048 bits or EC curve under 224 bits",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[326],
        category: "crypto/small-key",
        aliases: &["B505", "S505"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",
            "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",
            "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key",
            "Crypto.PublicKey.DSA.generate",
            "Crypto.PublicKey.RSA.generate",
            "Cryptodome.PublicKey.DSA.generate",
            "Cryptodome.PublicKey.RSA.generate",
        ],
        check,
    }],
};

const SMALL_CURVES: &[(&str, u32)] = &[("SECP192R1", 192), ("SECT163K1", 163), ("SECT163R2", 163)];

fn check(site: &CallSite) -> Option<Violation> {
    if site.callee.ends_with("ec.generate_private_key") {
        return check_curve(site);
    }
    let bits = if site.callee.starts_with("cryptography.") {
        let position = if site.callee.contains(".rsa.") { 1 } else { 0 };
        site.argument("key_size", position)
    } else {
        site.argument("bits", 0)
    };
    let bits = int_value(bits?)?;
    let algorithm = if site.callee.contains("dsa.") || site.callee.contains("DSA.") { "DSA" } else { "RSA" };
    size_violation(algorithm, bits, 2048, 1024)
}

fn check_curve(site: &CallSite) -> Option<Violation> {
    let curve = match site.argument("curve", 0)? {
        Expr::Call(instance) => instance.func.as_ref(),
        other => other,
    };
    let curve = last_name(curve)?;
    let &(name, bits) = SMALL_CURVES.iter().find(|(name, _)| *name == curve)?;
    let violation = Violation::new(format!("{name} is a {bits}-bit curve; use SECP256R1 or better"));
    Some(if bits < 160 { violation.severity(Severity::High) } else { violation })
}

fn size_violation(algorithm: &str, bits: i64, recommended: i64, breakable: i64) -> Option<Violation> {
    if bits >= recommended {
        return None;
    }
    let violation =
        Violation::new(format!("{algorithm} key of {bits} bits; use at least {recommended} (3072 preferred)"));
    Some(if bits < breakable { violation.severity(Severity::High) } else { violation })
}
