use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `pipes.Template()`.
///
/// ## Why it matters
/// A `pipes.Template` is a shell pipeline: every step added with
/// `append`/`prepend` is shell text, and `open`/`copy` run it with
/// `os.popen`/`os.system`. File names are quoted, commands are not. The
/// module was removed in Python 3.13.
///
/// ## Example
/// ```python
/// t = pipes.Template()
/// t.append("tr a-z A-Z", "--")
/// ```
///
/// ## Fix
/// Build the pipeline with `subprocess.Popen` objects connected by
/// `stdout=subprocess.PIPE`, each with an argument list.
///
/// ## References
/// - CWE-78: OS Command Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW305",
        name: "pipes-template",
        summary: "pipes.Template builds shell pipelines",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[78],
        category: "vulnerability/os-command-injection",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["pipes.Template"], check }],
};

fn check(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new(
        "pipes.Template runs its steps as shell commands (and was removed in Python 3.13); use subprocess pipes",
    ))
}
