use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data as the target of `redirect` (Flask, Django, Tornado), `HttpResponseRedirect`, `RedirectResponse`.
///
/// ## Why it matters
/// Links on the trusted site send victims to a phishing page: `/login?next=https://evil.example`.
///
/// ## Example
/// ```python
/// return redirect(request.args["next"])
/// ```
///
/// ## Fix
/// Redirect only to relative paths or allow-listed hosts (`url_has_allowed_host_and_scheme`), or to names resolved with `url_for`.
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
/// - CWE-601: Open Redirect
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW754",
        name: "tainted-redirect",
        summary: "a redirect goes where untrusted data says",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[601],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
