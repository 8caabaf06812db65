use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data as the source of `render_template_string`, `jinja2.Template`, `Environment.from_string`, Django `Template`, Mako `Template`.
///
/// ## Why it matters
/// Template expressions run on the server: `{{ cycler.__init__.__globals__.os.popen('id').read() }}`.
///
/// ## Example
/// ```python
/// return render_template_string("Hello " + request.args["name"])
/// ```
///
/// ## Fix
/// Keep templates constant and pass the data as variables: `render_template_string("Hello {{ name }}", name=name)`.
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
/// - CWE-1336: Server-Side Template Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW753",
        name: "tainted-template",
        summary: "untrusted data is compiled as a server-side template",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[1336],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
