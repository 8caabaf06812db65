use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `ZipFile.extractall()` and `ZipFile.extract()`.
///
/// ## Why it matters
/// `zipfile` sanitises `..` and absolute member names, but it extracts
/// whatever sizes the archive declares: a few kilobytes can expand to
/// gigabytes (a zip bomb) and fill the disk. Older Pythons and other
/// extraction code are also open to "zip slip" path traversal.
///
/// ## Example
/// ```python
/// zipfile.ZipFile(upload).extractall(dest)
/// ```
///
/// ## Fix
/// Before extracting, walk `infolist()`: cap the number of members, each
/// `file_size` and their total, and the ratio to `compress_size`; resolve
/// each target path and check it stays inside `dest`.
///
/// ## References
/// - CWE-409: Improper Handling of Highly Compressed Data
/// - CWE-22: Path Traversal
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW403",
        name: "zipfile-extract",
        summary: "Zip extraction without size checks (zip bombs)",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[409, 22],
        category: "language/file-operations",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["zipfile.ZipFile().extractall", "zipfile.ZipFile().extract"], check }],
};

fn check(_site: &CallSite) -> Option<Violation> {
    Some(Violation::new(
        "zip extraction trusts the sizes the archive declares (zip bombs); check infolist() sizes, count and paths \
         first",
    ))
}
