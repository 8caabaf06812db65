use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data reaching `pickle.loads`/`load`, `marshal.loads`, `yaml.load` without a safe loader, `jsonpickle.decode`, `dill`, `joblib.load`, `torch.load`.
///
/// ## Why it matters
/// Unpickling runs the callables the stream names (`os.system` through `__reduce__`): reading attacker bytes is running attacker code.
///
/// ## Example
/// ```python
/// data = base64.b64decode(request.cookies["state"])
/// state = pickle.loads(data)
/// ```
///
/// ## Fix
/// Exchange data as JSON (`json.loads`), or sign what you pickle with `hmac` and verify before loading; use `yaml.safe_load`.
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
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW251",
        name: "tainted-deserialization",
        summary: "untrusted data is deserialised with an object-building format",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
