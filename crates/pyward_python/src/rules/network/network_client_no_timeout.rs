use pyward_report::{Confidence, Severity};

use super::common::timeout_position;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Standard-library network clients created without a timeout:
/// `smtplib`, `poplib`, `ftplib`, `imaplib`, `nntplib`, `telnetlib`,
/// `http.client` / `httplib` connections and `socket.create_connection`
/// without `timeout`, and `xmlrpc.client.ServerProxy` / `xmlrpclib.ServerProxy`
/// without a `transport` (the only way to give it one).
///
/// Files that call `socket.setdefaulttimeout()` are not reported.
/// `urlopen()` is PW601 and `requests`/`httpx` PW604.
///
/// ## Why it matters
/// Without a timeout every connect, read and write can block forever. The
/// seed talk's hostile servers — one that accepts and never answers, one
/// that trickles a byte at a time — hang the client thread, and a few
/// such connections exhaust a worker pool.
///
/// ## Example
/// ```python
/// pop = poplib.POP3(HOST, PORT)
/// ```
///
/// ## Fix
/// `poplib.POP3(HOST, PORT, timeout=10)`; for `ServerProxy`, a `Transport`
/// subclass whose `make_connection` sets a timeout.
///
/// ## References
/// - CWE-400: Uncontrolled Resource Consumption
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW615",
        name: "network-client-no-timeout",
        summary: "Network client without a timeout can hang forever",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[400],
        category: "server/dos",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "smtplib.SMTP",
            "smtplib.SMTP_SSL",
            "smtplib.LMTP",
            "poplib.POP3",
            "poplib.POP3_SSL",
            "ftplib.FTP",
            "ftplib.FTP_TLS",
            "imaplib.IMAP4",
            "imaplib.IMAP4_SSL",
            "nntplib.NNTP",
            "nntplib.NNTP_SSL",
            "telnetlib.Telnet",
            "http.client.HTTPConnection",
            "http.client.HTTPSConnection",
            "httplib.HTTPConnection",
            "httplib.HTTPSConnection",
            "socket.create_connection",
            "xmlrpc.client.ServerProxy",
            "xmlrpclib.ServerProxy",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    if site.has_double_star() || site.has_star() || site.context.source.contains("setdefaulttimeout") {
        return None;
    }
    if site.callee.ends_with("ServerProxy") {
        return site.argument("transport", 1).is_none().then(|| {
            Violation::new(format!("{}() has no timeout; pass a transport= whose connections set one", site.callee))
        });
    }
    let timeout = match timeout_position(site.callee) {
        Some(position) => site.argument("timeout", position),
        None => site.keyword("timeout"),
    };
    timeout
        .is_none()
        .then(|| Violation::new(format!("{}() without timeout= can block forever on a silent server", site.callee)))
}
