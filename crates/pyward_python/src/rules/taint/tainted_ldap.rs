use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data in the base or filter of `search_s`/`search_ext_s` (python-ldap) or `Connection.search` (ldap3).
///
/// ## Why it matters
/// `*)(uid=*))(|(uid=*` widens a filter to every entry, bypassing login checks.
///
/// ## Example
/// ```python
/// conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=%s)" % request.args["user"])
/// ```
///
/// ## Fix
/// Escape with `ldap.filter.escape_filter_chars()` / `ldap3.utils.conv.escape_filter_chars()`.
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
/// - CWE-90: LDAP Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW755",
        name: "tainted-ldap",
        summary: "untrusted data is built into an LDAP filter or DN",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[90],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
