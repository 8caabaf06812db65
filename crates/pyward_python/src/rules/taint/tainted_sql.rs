use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data in the statement text of `execute`/`executemany`/`executescript` of DB-API cursors, SQLAlchemy `text()`, Django `raw()`/`extra()`/`RawSQL`, `pandas.read_sql`.
///
/// ## Why it matters
/// `' OR '1'='1` and `; DROP TABLE` change what the statement does; parameters never do.
///
/// ## Example
/// ```python
/// name = request.args["name"]
/// cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
/// ```
///
/// ## Fix
/// Pass values as parameters: `cursor.execute("SELECT * FROM users WHERE name = ?", (name,))`.
///
/// ## How it works
/// pyward follows the data through assignments, string building, containers,
/// function calls (summaries across functions and modules) and branches; a
/// sanitiser, a constant overwrite, an allow-list check (`if x in ALLOWED:`)
/// or a dead branch stops it. The finding sits on the sink and carries the
/// path (`trace` in JSON, `codeFlows` in SARIF). docs/dataflow.md explains
/// sources, sinks, sanitisers and configuration.
///
/// ## Differences from Bandit/Ruff
/// Neither follows data. When this rule reports a call, the pattern rule on
/// the same call (if any) is not reported again.
///
/// ## References
/// - CWE-89: SQL Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW751",
        name: "tainted-sql",
        summary: "untrusted data is built into an SQL statement",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[89],
        category: "vulnerability/sql-injection",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
