use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, Rule, RuleMeta};

/// ## What it finds
/// Untrusted data as the URL or host of `requests`, `httpx`, `aiohttp`, `urllib`, `http.client`, `ftplib`, `smtplib`.
///
/// ## Why it matters
/// The server becomes the attacker's proxy into the internal network: cloud metadata (`http://169.254.169.254/`), admin interfaces, `file://` URLs.
///
/// ## Example
/// ```python
/// url = request.args["url"]
/// return requests.get(url).text
/// ```
///
/// ## Fix
/// Choose the host from an allow-list (`if urlparse(url).hostname not in ALLOWED: abort(400)`); never pass a full URL from a client.
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
/// - CWE-918: Server-Side Request Forgery
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW651",
        name: "tainted-url-request",
        summary: "the server requests a URL chosen by untrusted data",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[918],
        category: "vulnerability/input-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[],
};
