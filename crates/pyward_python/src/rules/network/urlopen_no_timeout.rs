use pyward_report::{Confidence, Severity};

use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `urllib.request.urlopen()` and Python 2's `urllib2.urlopen()` (also
/// through `six.moves`), and the `open()` of an opener from
/// `build_opener()`, without a `timeout`.
///
/// ## Why it matters
/// Without a timeout the socket waits forever: a server that accepts the
/// connection and never answers (or trickles bytes) hangs the thread, and a
/// handful of such requests exhausts a worker pool. The seed talk shows how
/// these protocol libraries misbehave under hostile servers.
///
/// ## Example
/// ```python
/// data = urllib2.urlopen(url).read()
/// ```
///
/// ## Fix
/// `urlopen(url, timeout=10)`, or `socket.setdefaulttimeout()` at start-up.
///
/// ## References
/// - CWE-400: Uncontrolled Resource Consumption
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW601",
        name: "urlopen-no-timeout",
        summary: "urlopen without a timeout can hang forever",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[400],
        category: "server/dos",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "urllib.request.urlopen",
            "urllib2.urlopen",
            "six.moves.urllib.request.urlopen",
            "urllib.request.build_opener().open",
            "urllib2.build_opener().open",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.argument("timeout", 2).is_some() || site.has_double_star() || site.has_star() {
        return None;
    }
    Some(Violation::new(format!("{}() without a timeout waits forever on a silent server; pass timeout=", site.callee)))
}
