use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Django `RawSQL(sql, params)` expressions whose SQL is computed at run
/// time.
///
/// ## Why it matters
/// The `sql` text goes into the query as written; anything formatted into
/// it from input is SQL injection. Values belong in `params`.
///
/// ## Example
/// ```python
/// qs.annotate(val=RawSQL("select col from t where id = %s" % uid, []))
/// ```
///
/// ## Fix
/// Keep the SQL constant and pass values as parameters:
/// `RawSQL("select col from t where id = %s", (uid,))`.
///
/// ## References
/// - CWE-89: SQL Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW705",
        name: "django-raw-sql",
        summary: "Django RawSQL with SQL built at run time",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[89],
        category: "vulnerability/sql-injection",
        aliases: &["B611", "S611"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["django.db.models.expressions.RawSQL", "django.db.models.RawSQL"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    match argument_kind(site.argument("sql", 0)) {
        ArgumentKind::Constant => None,
        _ => Some(Violation::new(
            "RawSQL() with SQL computed at run time can be injected; keep the SQL constant and pass values in params",
        )),
    }
}
