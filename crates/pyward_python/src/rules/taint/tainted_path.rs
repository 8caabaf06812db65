use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data reaching `open`, `io.open`, `codecs.open`, `os` and `shutil` file operations, `pathlib.Path(...)` methods, `send_file`/`send_from_directory` (directory argument), Django/FastAPI file responses.
///
/// ## Why it matters
/// `../../etc/passwd` or an absolute path escapes the folder the code meant: reading secrets, overwriting code.
///
/// ## Example
/// ```python
/// name = request.args["name"]
/// return open(os.path.join("uploads", name)).read()
/// ```
///
/// ## Fix
/// Keep only the last component (`os.path.basename`, `werkzeug.utils.secure_filename`), or resolve the path and check it stays in the base folder (`os.path.realpath(p).startswith(base + os.sep)`).
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
/// - CWE-22: Path Traversal
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW451",
        name: "tainted-path",
        summary: "untrusted data names a file that is opened, written or removed",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[22],
        category: "language/file-operations",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
