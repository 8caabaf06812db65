use pyward_report::{Confidence, Severity};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of the pickle family: `pickle`, `cPickle`, `_pickle`, `dill`,
/// `cloudpickle`, `shelve` and `jsonpickle` (also through `__import__()`
/// and `importlib.import_module()`).
///
/// ## Why it matters
/// Each of these can turn bytes into arbitrary code execution when loading.
/// The import marks a module a reviewer should read for where the data it
/// loads comes from. Loading calls themselves are PW201, PW203 and PW210.
///
/// ## Example
/// ```python
/// import pickle
/// ```
///
/// ## Fix
/// Prefer a data-only format (JSON, MessagePack, Protocol Buffers); keep
/// pickles to data the process itself wrote and authenticated.
///
/// ## Differences from Bandit/Ruff
/// Bandit (B403) and Ruff (S403) cover `pickle`, `cPickle`, `dill` and
/// `shelve`; pyward also lists `_pickle`, `cloudpickle` and `jsonpickle`.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW207",
        name: "pickle-import",
        summary: "The module imports a pickle-based serialiser",
        severity: Severity::Low,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B403", "S403"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Import { names: MODULES, check },
        Check::Call {
            callees: &["__import__", "importlib.import_module", "importlib.__import__"],
            check: check_dynamic,
        },
    ],
};

const MODULES: &[&str] = &["pickle", "cPickle", "_pickle", "dill", "cloudpickle", "shelve", "jsonpickle"];

/// `__import__("pickle")`, `importlib.import_module("dill")`.
fn check_dynamic(site: &CallSite) -> Option<Violation> {
    let module = site.argument("name", 0).and_then(string_value)?;
    MODULES.contains(&module).then(|| warning(module))
}

fn check(site: &ImportSite) -> Option<Violation> {
    Some(warning(site.matched))
}

fn warning(module: &str) -> Violation {
    Violation::new(format!(
        "{module} can execute code while loading: make sure it only ever loads data this program wrote and \
         authenticated"
    ))
}
