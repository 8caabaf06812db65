use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data in a response body: a string returned from a Flask route, `make_response`, `Response`, Django `HttpResponse`, FastAPI `HTMLResponse`, or marked safe with `Markup`/`mark_safe`.
///
/// ## Why it matters
/// `<script>` in the data runs in the victim's browser with the site's cookies.
///
/// ## Example
/// ```python
/// name = request.args["name"]
/// return "<h1>Hello " + name + "</h1>"
/// ```
///
/// ## Fix
/// Render through templates with autoescaping (`render_template`), or escape with `html.escape`/`markupsafe.escape`.
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
/// - CWE-79: Cross-site Scripting
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW752",
        name: "tainted-html",
        summary: "untrusted data is written into an HTML response unescaped",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[79],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
