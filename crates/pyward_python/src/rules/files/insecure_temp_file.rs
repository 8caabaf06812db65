use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `tempfile.mktemp()`, and Python 2's `os.tempnam()` and `os.tmpnam()`.
///
/// ## Why it matters
/// These return a name that does not exist *yet*. Between choosing the name
/// and creating the file, another local user can create it — as a symlink to
/// a file of yours, which your program then overwrites (a race, CWE-377).
///
/// ## Example
/// ```python
/// path = tempfile.mktemp()
/// with open(path, "w") as f: ...
/// ```
///
/// ## Fix
/// `tempfile.NamedTemporaryFile()`, `tempfile.mkstemp()` or
/// `tempfile.TemporaryDirectory()`, which create the file atomically.
///
/// ## References
/// - CWE-377: Insecure Temporary File
///
/// ## Differences from Bandit/Ruff
/// `tempfile.mktemp()` is reported when `tempfile` names the module. After
/// only `from tempfile import mktemp` or `import tempfile.mktemp as mt`, the
/// name `tempfile` is unbound and the line would raise `NameError`; Bandit
/// matches the text and reports it, pyward and Ruff do not.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW401",
        name: "insecure-temp-file",
        summary: "Temporary file names that another user can claim first",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[377],
        category: "language/file-operations",
        aliases: &["B306", "S306"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["tempfile.mktemp", "os.tempnam", "os.tmpnam"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() returns a name another user can create first (symlink race); use tempfile.mkstemp() or \
         NamedTemporaryFile()",
        site.callee
    )))
}
