use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Data from a source an attacker controls (a request parameter, `input()`, `sys.argv`, the environment...) reaching `eval`, `exec`, `compile`, `__import__` or `importlib.import_module`.
///
/// ## Why it matters
/// Whoever controls the string runs code with the process's privileges; the seed talk's `eval("__import__('os').system('clear')", {})` needs no import at all.
///
/// ## Example
/// ```python
/// expr = request.args["expr"]
/// result = eval(expr)
/// ```
///
/// ## Fix
/// Parse data as data: `ast.literal_eval()`, `int()`, `json.loads()`; choose code from an allow-list (`HANDLERS[name]`) instead of building it.
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
/// - CWE-94: Code Injection
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW151",
        name: "tainted-code-execution",
        summary: "untrusted data is run as Python code",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[94, 95],
        category: "language/string-evaluation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
