use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr};

use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// String and bytes literals naming a path in a shared temporary directory: they
/// start with `/tmp`, `/var/tmp` or `/dev/shm`.
///
/// ## Why it matters
/// Those directories are writable by every user. A fixed name there can be
/// created first by someone else — as a symlink to a file the program will
/// then overwrite, or as a file the program will then read and trust
/// (CWE-377, "insecure temporary file").
///
/// ## Example
/// ```python
/// with open("/tmp/report.csv", "w") as out:
/// ```
///
/// ## Fix
/// Let `tempfile` pick an unpredictable name and create it atomically:
/// `tempfile.NamedTemporaryFile()`, `tempfile.mkstemp()`,
/// `tempfile.TemporaryDirectory()`.
///
/// ## References
/// - CWE-377: Insecure Temporary File
/// - CWE-379: Creation of Temporary File in Directory with Insecure Permissions
///
/// ## Differences from Bandit/Ruff
/// The directory must be a whole path component: `"/tmpfiles"` is not
/// reported (Bandit and Ruff match the prefix).
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW804",
        name: "hardcoded-temp-path",
        summary: "Hard-coded path in a shared temporary directory",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[377],
        category: "language/file-operations",
        aliases: &["B108", "S108"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::StringLiteral, ExprKind::BytesLiteral, ExprKind::FString], check }],
};

const SHARED_TEMP_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    let text = leading_text(expr)?;
    let directory = SHARED_TEMP_DIRS
        .iter()
        .find(|dir| text.strip_prefix(**dir).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))?;
    Some(Violation::new(format!(
        "fixed path in {directory}, which every user can write: use tempfile (mkstemp, NamedTemporaryFile, TemporaryDirectory)"
    )))
}

/// The literal text a string starts with (for f-strings, up to the first placeholder).
fn leading_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_string()),
        Expr::BytesLiteral(literal) => Some(literal.value.bytes().map(char::from).collect()),
        Expr::FString(fstring) => match fstring.value.iter().next()? {
            ast::FStringPart::Literal(literal) => Some(literal.value.to_string()),
            ast::FStringPart::FString(first) => {
                first.elements.iter().next()?.as_literal().map(|literal| literal.value.to_string())
            }
        },
        _ => None,
    }
}
