use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Loading with libraries built on pickle: `dill`, `cloudpickle`,
/// `jsonpickle.decode`, `joblib.load` and `pandas.read_pickle`.
///
/// ## Why it matters
/// Each of them unpickles: `dill` and `cloudpickle` extend pickle to code
/// objects, `jsonpickle` rebuilds any class named in its JSON (`py/reduce`
/// calls any callable), `joblib` files are pickles with NumPy buffers, and
/// `read_pickle` is `pickle.load`. A model or data file from outside runs
/// code when it is loaded.
///
/// ## Example
/// ```python
/// model = joblib.load(uploaded_path)
/// ```
///
/// ## Fix
/// Exchange data in a data-only format (JSON, Parquet, safetensors, ONNX,
/// skops for scikit-learn). Load pickles only from files this program
/// wrote and authenticated; scan others with `pyward pickle` first.
///
/// ## Differences from Bandit/Ruff
/// Bandit's and Ruff's B301/S301 cover `dill`, `jsonpickle` and
/// `pandas.read_pickle`; pyward adds `cloudpickle` and `joblib` under the
/// same aliases.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW210",
        name: "pickle-family-load",
        summary: "A pickle-based loader can run arbitrary code",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B301", "S301"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "dill.load",
            "dill.loads",
            "dill.Unpickler",
            "cloudpickle.load",
            "cloudpickle.loads",
            "jsonpickle.decode",
            "jsonpickle.unpickler.decode",
            "jsonpickle.unpickler.Unpickler",
            "joblib.load",
            "sklearn.externals.joblib.load",
            "pandas.read_pickle",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() unpickles: loading data you did not produce and authenticate can run arbitrary code",
        site.callee
    )))
}
