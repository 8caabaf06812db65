use pyward_report::{Confidence, Severity};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `torch.load()` (and `torch.serialization.load()`) without
/// `weights_only=True`.
///
/// ## Why it matters
/// A PyTorch checkpoint is a zip of pickles. Without `weights_only=True` it
/// is unpickled with the full `pickle` machinery, so a model file
/// downloaded from a hub can run any code when loaded. PyTorch 2.6 made
/// `weights_only=True` the default, but `weights_only=False` (often added
/// to silence the new error) and older versions are still unsafe.
///
/// `torch.jit.load()` reads TorchScript archives, not arbitrary pickles,
/// and is not reported.
///
/// ## Example
/// ```python
/// model = torch.load("model.pt", map_location="cpu")
/// ```
///
/// ## Fix
/// `torch.load(path, weights_only=True)` and `load_state_dict()`, or store
/// weights as `safetensors`. Scan third-party files with `pyward pickle`.
///
/// ## Differences from Bandit/Ruff
/// Ruff has no equivalent rule.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW208",
        name: "torch-load",
        summary: "torch.load without weights_only=True unpickles arbitrary objects",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B614"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["torch.load", "torch.serialization.load"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match site.keyword("weights_only").map(constant_truth) {
        Some(Some(true)) => None,
        Some(Some(false)) => Some(Violation::new(format!(
            "{}(weights_only=False) unpickles arbitrary objects: a malicious checkpoint runs code; use \
             weights_only=True or safetensors",
            site.callee
        ))),
        Some(None) => Some(
            Violation::new(format!("{}() with a computed weights_only may unpickle arbitrary objects", site.callee))
                .confidence(Confidence::Medium),
        ),
        None if site.has_double_star() => None,
        None => Some(Violation::new(format!(
            "{}() without weights_only=True unpickles arbitrary objects on PyTorch before 2.6; pass weights_only=True",
            site.callee
        ))),
    }
}
