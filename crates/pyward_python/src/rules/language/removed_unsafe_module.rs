use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Check, ImportSite, Rule, RuleMeta, Violation};

/// ## What it finds
/// Imports of modules the seed talk lists as never safe and that Python
/// removed: `rexec`, `Bastion` and `parser`.
///
/// ## Why it matters
/// `rexec` and `Bastion` promised a restricted execution sandbox; they were
/// disabled in Python 2.3 because the sandbox could be escaped, and code
/// that still relies on them believes it is protected when it is not.
/// `parser` could crash the interpreter on malformed trees and was removed
/// in Python 3.10. (A project module named `parser` is reported with low
/// confidence, since it may be yours.)
///
/// ## Fix
/// There is no safe in-process sandbox for Python: run untrusted code in a
/// separate, unprivileged process or container. Replace `parser` with
/// `ast`.
///
/// ## References
/// - CWE-477: Use of Obsolete Function
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW901",
        name: "removed-unsafe-module",
        summary: "A removed module that was never safe",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[477],
        category: "language/instruction-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Import { names: &["rexec", "Bastion", "parser"], check }],
};

fn check(site: &ImportSite) -> Option<Violation> {
    Some(match site.matched {
        "parser" => {
            Violation::new("the parser module could crash the interpreter and was removed in Python 3.10; use ast")
                .severity(Severity::Low)
                .confidence(Confidence::Low)
        }
        module => Violation::new(format!(
            "{module} was disabled because its sandbox can be escaped: code relying on it is not protected"
        )),
    })
}
