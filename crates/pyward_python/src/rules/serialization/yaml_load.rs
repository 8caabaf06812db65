use pyward_report::{Confidence, Severity};

use crate::engine::helpers::short_name;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// PyYAML loading without a safe loader: `yaml.load()` / `yaml.load_all()`
/// with no `Loader` or an unsafe one, and `unsafe_load`, `full_load` and
/// their `_all` forms.
///
/// ## Why it matters
/// PyYAML's full and unsafe loaders build arbitrary Python objects from tags
/// such as `!!python/object/apply:os.system`. Loading a document is then
/// running it. (`FullLoader` was meant to be safer and has had several
/// bypasses.)
///
/// ## Example
/// ```python
/// config = yaml.load(stream)
/// ```
///
/// ## Fix
/// `yaml.safe_load(stream)`, or `yaml.load(stream, Loader=yaml.SafeLoader)`
/// (`CSafeLoader` for speed).
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW204",
        name: "yaml-load",
        summary: "yaml.load without a safe Loader builds arbitrary objects",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B506", "S506"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "yaml.load",
            "yaml.load_all",
            "yaml.unsafe_load",
            "yaml.unsafe_load_all",
            "yaml.full_load",
            "yaml.full_load_all",
        ],
        check,
    }],
};

const SAFE_LOADERS: &[&str] = &["yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader", "yaml.CBaseLoader"];

fn check(site: &CallSite) -> Option<Violation> {
    let function = short_name(site.callee);
    if matches!(function, "load" | "load_all") {
        let loader = site.argument("Loader", 1);
        if loader.and_then(|l| site.resolve(l)).is_some_and(|l| SAFE_LOADERS.contains(&l.as_str())) {
            return None;
        }
        if loader.is_some() && loader.and_then(|l| site.resolve(l)).is_none() {
            // A loader we cannot name (a local subclass, a variable): flag, less sure.
            return Some(
                Violation::new(format!("yaml.{function}() with a Loader pyward cannot verify is safe"))
                    .confidence(Confidence::Low),
            );
        }
    }
    Some(Violation::new(format!(
        "yaml.{function}() can build arbitrary Python objects from tags; use yaml.safe_load() or Loader=yaml.SafeLoader"
    )))
}
