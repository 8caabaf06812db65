use pyward_report::{Confidence, Severity};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of `subprocess`, also through `__import__()` and
/// `importlib.import_module()`.
///
/// ## Why it matters
/// Nothing is wrong with the import itself; it marks a module that starts
/// processes, where a reviewer should look at how commands are built. It
/// is an inventory finding, reported at low severity and low confidence so
/// that it stays out of default reports filtered by severity.
///
/// ## Example
/// ```python
/// import subprocess
/// ```
///
/// ## Fix
/// None needed; review the calls (PW301, PW307, PW309 report the risky
/// ones).
///
/// ## References
/// - CWE-78: OS Command Injection
///
/// ## Differences from Bandit/Ruff
/// A relative import (`from .. import subprocess`, `from .subprocess import *`
/// in `asyncio`) names a module of the importing package, not the standard
/// library's `subprocess`; pyward resolves it against the package and does
/// not report it. Bandit matches the name `subprocess` wherever it appears.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW310",
        name: "subprocess-import",
        summary: "The module imports subprocess: review how it builds commands",
        severity: Severity::Low,
        confidence: Confidence::Low,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &["B404", "S404"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Import { names: &["subprocess"], check },
        Check::Call {
            callees: &["__import__", "importlib.import_module", "importlib.__import__"],
            check: check_dynamic,
        },
    ],
};

/// `__import__("subprocess")`, `importlib.import_module("subprocess")`.
fn check_dynamic(site: &CallSite) -> Option<Violation> {
    let module = site.argument("name", 0).and_then(string_value)?;
    (module == "subprocess").then(|| Violation::new("imports subprocess: review how the commands it runs are built"))
}

fn check(site: &ImportSite) -> Option<Violation> {
    // `from subprocess import a, b` reports once per name, as Bandit does.
    Some(Violation::new(match site.member {
        Some(member) => format!("imports subprocess.{member}: review how the commands it runs are built"),
        None => "imports subprocess: review how the commands it runs are built".to_string(),
    }))
}
