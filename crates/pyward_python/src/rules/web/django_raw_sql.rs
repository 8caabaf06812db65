use pyward_report::{Confidence, Severity};

use ruff_python_ast::Expr;

use super::common::is_constant_format;
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
///
/// ## Differences from Bandit/Ruff
/// SQL formatted from constants only (`'%s' % 'x'`), which both report,
/// cannot be injected and is reported at low severity.
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
    let sql = site.argument("sql", 0);
    if sql.is_some_and(|sql| matches!(sql, Expr::StringLiteral(_))) {
        return None;
    }
    if sql.is_some_and(is_constant_format) {
        return Some(
            Violation::new(
                "RawSQL() with SQL formatted from constants; keep the SQL literal and pass values in params",
            )
            .severity(Severity::Low),
        );
    }
    match argument_kind(sql) {
        ArgumentKind::Missing => None,
        _ => Some(Violation::new(
            "RawSQL() with SQL computed at run time can be injected; keep the SQL constant and pass values in params",
        )),
    }
}
