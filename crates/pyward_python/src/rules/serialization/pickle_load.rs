use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Deserialising with `pickle`, `cPickle` or `_pickle`: `load`, `loads` and
/// `Unpickler`.
///
/// ## Why it matters
/// A pickle is a program for a small stack machine that may import and call
/// anything. The seed talk's four-line file runs `ls -al /` when loaded:
///
/// ```text
/// cos
/// system
/// (S'ls -al /'
/// tR.
/// ```
///
/// No validation after loading can help: the code has already run.
///
/// ## Example
/// ```python
/// obj = pickle.load(open("./bug.pickle", "rb"))
/// ```
///
/// ## Fix
/// Exchange data as JSON (or another data-only format). If pickles must be
/// read, accept only ones you produced and authenticated (HMAC over the
/// bytes, checked before loading), or restrict `Unpickler.find_class` to an
/// allow-list. Scan files with `pyward pickle` before loading them.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW201",
        name: "pickle-load",
        summary: "Unpickling can run arbitrary code",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B301", "S301"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "pickle.load",
            "pickle.loads",
            "pickle.Unpickler",
            "cPickle.load",
            "cPickle.loads",
            "cPickle.Unpickler",
            "_pickle.load",
            "_pickle.loads",
            "_pickle.Unpickler",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() can run arbitrary code while loading; never unpickle data you did not produce and authenticate",
        site.callee
    )))
}
