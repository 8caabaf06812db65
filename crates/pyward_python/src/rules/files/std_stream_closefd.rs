use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Number};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `open()`, `io.open()` and `os.fdopen()` on a standard stream's
/// descriptor (`sys.stdout.fileno()`, `sys.__stderr__.fileno()`, or the
/// literals 0, 1, 2) without `closefd=False`.
///
/// ## Why it matters
/// The new file object owns the descriptor: when it is closed or garbage
/// collected, descriptor 1 (or 0, 2) is closed for the whole process. The
/// seed talk's `io.open(sys.stdout.fileno(), 'wb')` makes later prints fail
/// with `EBADF` — or, worse, the next `open()` reuses descriptor 1, and
/// everything printed goes into that file (a log, a socket, a response).
///
/// ## Example
/// ```python
/// out = io.open(sys.stdout.fileno(), "wb")
/// ```
///
/// ## Fix
/// `io.open(sys.stdout.fileno(), "wb", closefd=False)`, or write to
/// `sys.stdout.buffer`.
///
/// ## References
/// - CWE-404: Improper Resource Shutdown or Release
/// - CWE-672: Operation on a Resource after Expiration or Release
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW408",
        name: "std-stream-closefd",
        summary: "A file object that will close stdin/stdout/stderr's descriptor",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[404],
        category: "language/file-operations",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["open", "io.open", "os.fdopen"], check }],
};

const STREAM_FILENOS: &[(&str, &str)] = &[
    ("sys.stdin.fileno()", "stdin"),
    ("sys.stdout.fileno()", "stdout"),
    ("sys.stderr.fileno()", "stderr"),
    ("sys.__stdin__.fileno()", "stdin"),
    ("sys.__stdout__.fileno()", "stdout"),
    ("sys.__stderr__.fileno()", "stderr"),
];

fn check(site: &CallSite) -> Option<Violation> {
    let file = site.argument("file", 0).or_else(|| site.argument("fd", 0))?;
    let stream = stream_name(file, site)?;
    let closefd = site.argument("closefd", 6);
    if closefd.is_some_and(|c| constant_truth(c) != Some(true)) || site.has_double_star() {
        return None;
    }
    Some(Violation::new(format!(
        "{}() takes ownership of {stream}'s descriptor and closes it with the file object; pass closefd=False",
        site.callee
    )))
}

fn stream_name(file: &Expr, site: &CallSite) -> Option<&'static str> {
    if let Expr::NumberLiteral(number) = file {
        let Number::Int(int) = &number.value else { return None };
        return ["stdin", "stdout", "stderr"].get(int.as_usize()?).copied();
    }
    let resolved = site.resolve(file)?;
    STREAM_FILENOS.iter().find(|(name, _)| *name == resolved).map(|(_, stream)| *stream)
}
