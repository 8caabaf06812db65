use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// An untrusted number reaching `range`, `bytearray`, `ctypes` buffers and array types (`c_char * n`), `read(n)`/`recv(n)`, `time.gmtime`/`asctime`/`ctime`, `os.utime`, `time.sleep`, or the count of a sequence repetition (`"A" * n`), with no comparison bounding it first.
///
/// ## Why it matters
/// The seed's number traps: `time.gmtime(2**63)` overflows the C `time_t`, `os.utime` with huge times fails in C conversions, a `ctypes` array sized by the client allocates what it asks, and `"A" * 10**10` exhausts memory.
///
/// ## Example
/// ```python
/// count = int(request.args["n"])
/// buf = bytearray(count)
/// ```
///
/// ## Fix
/// Check the range first (`if not 0 <= count <= LIMIT: abort(400)`) or clamp (`min(count, LIMIT)`).
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
/// - CWE-190: Integer Overflow
/// - CWE-400: Uncontrolled Resource Consumption
/// - CWE-770: Allocation Without Limits
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW452",
        name: "tainted-size",
        summary: "an untrusted number sizes memory, time or a loop without a bound check",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[190, 400, 770],
        category: "language/data-limits",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
