use pyward_report::{Confidence, Severity};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// - `numpy.load(..., allow_pickle=True)`;
/// - Keras `load_model(..., safe_mode=False)` (`keras`, `tensorflow.keras`).
///
/// ## Why it matters
/// `.npy`/`.npz` files may hold object arrays, which NumPy stores as
/// pickles; `allow_pickle=True` unpickles them, so the file can run code.
/// (NumPy made `allow_pickle=False` the default in 1.16.3 after
/// CVE-2019-6446.) Keras models can contain `Lambda` layers whose Python
/// bytecode is deserialised; `safe_mode=False` turns off the check that
/// refuses them.
///
/// ## Example
/// ```python
/// arrays = numpy.load(path, allow_pickle=True)
/// ```
///
/// ## Fix
/// Keep the safe defaults: store plain numeric arrays, and models without
/// `Lambda` layers (or register custom layers explicitly).
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW211",
        name: "model-unsafe-load",
        summary: "numpy/keras loading with the safety check turned off",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["numpy.load"], check: check_numpy },
        Check::Call {
            callees: &[
                "keras.models.load_model",
                "keras.saving.load_model",
                "keras.src.saving.load_model",
                "tensorflow.keras.models.load_model",
                "tensorflow.keras.saving.load_model",
                "tf_keras.models.load_model",
            ],
            check: check_keras,
        },
    ],
};

fn check_numpy(site: &CallSite) -> Option<Violation> {
    let allow = site.argument("allow_pickle", 2)?;
    match constant_truth(allow) {
        Some(false) => None,
        Some(true) => Some(Violation::new(
            "numpy.load(allow_pickle=True) unpickles object arrays: a crafted .npy/.npz file runs code",
        )),
        None => Some(
            Violation::new("numpy.load() with a computed allow_pickle may unpickle object arrays")
                .confidence(Confidence::Medium),
        ),
    }
}

fn check_keras(site: &CallSite) -> Option<Violation> {
    let safe_mode = site.keyword("safe_mode")?;
    (constant_truth(safe_mode) != Some(true)).then(|| {
        Violation::new(format!(
            "{}(safe_mode=False) deserialises Lambda layer bytecode: a crafted model runs code",
            site.callee
        ))
    })
}
