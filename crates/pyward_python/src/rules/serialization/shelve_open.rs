use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `shelve.open()` and the `Shelf` classes.
///
/// ## Why it matters
/// A shelf is a database of pickles: every value read from it is unpickled,
/// so whoever can write the shelf file can run code in every process that
/// reads it.
///
/// ## Example
/// ```python
/// db = shelve.open("/tmp/cache")
/// ```
///
/// ## Fix
/// Use `sqlite3` or `dbm` with JSON-encoded values; keep shelf files where
/// only the owning user can write.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW203",
        name: "shelve-open",
        summary: "shelve stores pickles: reading a shelf can run code",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &["B301", "S301"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &["shelve.open", "shelve.Shelf", "shelve.BsdDbShelf", "shelve.DbfilenameShelf"],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    Some(Violation::new(format!(
        "{}() unpickles every value it reads: anyone who can write the shelf file can run code",
        site.callee
    )))
}
