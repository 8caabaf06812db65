use pyward_report::{Confidence, Severity};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};
use crate::version::PythonVersion;

/// ## What it finds
/// `open()`, `io.open()`, `os.fdopen()` and `Path.open()` with a mode that
/// is invalid or ambiguous: no or several of `r`/`w`/`x`/`a` (`"wa"`,
/// `"rw"`), repeated or unknown letters (`"read"`), both `b` and `t`, `U`
/// combined with writing (`"rU+"`), and `U` at all on Python 3.11+.
///
/// ## Why it matters
/// Python 3 raises `ValueError` for most of these, in whatever code path
/// first opens the file. Python 2 passed the mode to C `fopen`, which
/// looked at the first letter: `"wa"` truncates a file the author meant to
/// append to, `"rw"` opens read-only. The `U` flag was removed in 3.11.
///
/// ## Example
/// ```python
/// log = open("audit.log", "wa")
/// ```
///
/// ## Fix
/// Exactly one of `r`, `w`, `x`, `a`; optionally `+`, and `b` or `t`:
/// `"a"` to append, `"r+"` to read and write without truncating.
///
/// ## References
/// - CWE-20: Improper Input Validation
/// - CWE-665: Improper Initialization
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW407",
        name: "open-mode-invalid",
        summary: "An invalid or ambiguous file mode",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[665],
        category: "language/file-operations",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["open", "io.open", "os.fdopen", "codecs.open"], check: check_open },
        Check::Call { callees: &["pathlib.Path().open", "pathlib.PurePath().open"], check: check_path_open },
    ],
};

fn check_open(site: &CallSite) -> Option<Violation> {
    judge(site, site.argument("mode", 1)?)
}

fn check_path_open(site: &CallSite) -> Option<Violation> {
    judge(site, site.argument("mode", 0)?)
}

fn judge(site: &CallSite, mode: &ruff_python_ast::Expr) -> Option<Violation> {
    let mode = string_value(mode)?;
    let problem = problem(mode, site)?;
    let mut violation = Violation::new(format!("file mode {mode:?} {problem}"));
    if site.context.python.python2 {
        violation =
            Violation::new(format!("file mode {mode:?} {problem}; Python 2 silently honours only its first letter"))
                .severity(Severity::High);
    }
    Some(violation)
}

fn problem(mode: &str, site: &CallSite) -> Option<&'static str> {
    if mode.chars().any(|c| !"rwxabt+U".contains(c)) {
        return Some("has letters that are not modes: use r, w, x or a, optionally with + and b or t");
    }
    if mode.chars().enumerate().any(|(i, c)| mode[i + 1..].contains(c)) {
        return Some("repeats a letter");
    }
    let primary = mode.chars().filter(|c| "rwxa".contains(*c)).count();
    let universal = mode.contains('U');
    if primary > 1 {
        return Some("mixes open modes: use exactly one of r, w, x, a (add + to read and write)");
    }
    if mode.contains('b') && mode.contains('t') {
        return Some("is both binary and text");
    }
    if universal {
        return universal_problem(mode, site);
    }
    (primary == 0).then_some("has no r, w, x or a")
}

fn universal_problem(mode: &str, site: &CallSite) -> Option<&'static str> {
    if mode.contains(['w', 'x', 'a', '+']) {
        return Some("combines U with writing, which was never valid");
    }
    let removed = site.context.python.version.is_some_and(|v| v >= PythonVersion::new(3, 11));
    removed.then_some("uses U, removed in Python 3.11: drop it (universal newlines are the default)")
}
