use pyward_report::{Confidence, Severity};

use super::common::{is_closed_on_error, is_held_locally};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Sockets and protocol clients — `socket.socket`,
/// `socket.create_connection`, `smtplib.SMTP`/`SMTP_SSL`/`LMTP`,
/// `poplib.POP3`/`POP3_SSL`, `ftplib.FTP`/`FTP_TLS`, `imaplib.IMAP4*`,
/// `nntplib.NNTP*`, `telnetlib.Telnet`, `http.client` (`httplib`)
/// connections — created into a local name, or used on the spot, outside a
/// `with` statement and outside a `try` that has a `finally`.
///
/// The object is considered closed when it is a `with` item (directly or
/// through `contextlib.closing()`), when it is created inside the body of a
/// `try` with a `finally`, or when the statement right after its creation
/// is such a `try`, a `with` on it, or registers its `close` (`quit`,
/// `logout`) with a cleanup mechanism (`self.addCleanup(sock.close)`,
/// `atexit.register(...)`). Objects returned, stored on another
/// object or passed elsewhere are left to their new owner.
///
/// ## Why it matters
/// When anything fails between connecting and closing — a protocol error, a
/// TLS handshake failure, a timeout — the socket stays open until the
/// garbage collector finds it, or for the life of the process. The seed
/// talk's `smtplib_1.py` shows it: `SMTP_SSL("localhost", 45678)` against a
/// plain-text server raises an `SSLError`, and `lsof` still lists the
/// connection, which nothing can reach or close any more. Repeated, this
/// exhausts file descriptors.
///
/// ## Example
/// ```python
/// try:
///     s = smtplib.SMTP_SSL("localhost", 45678)
/// except Exception:
///     raise
/// ```
///
/// ## Fix
/// ```python
/// with smtplib.SMTP_SSL(host, port, timeout=10) as s:
///     s.sendmail(sender, recipients, message)
/// ```
/// (`contextlib.closing()` for classes without `with` support, or
/// `try`/`finally: s.close()`).
///
/// ## References
/// - CWE-404: Improper Resource Shutdown or Release
/// - CWE-772: Missing Release of Resource after Effective Lifetime
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW614",
        name: "socket-leak-on-error",
        summary: "Socket or protocol client not closed when an error occurs",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[404, 772],
        category: "server/dos",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: CONSTRUCTORS, check }],
};

const CONSTRUCTORS: &[&str] = &[
    "socket.socket",
    "socket.create_connection",
    "smtplib.SMTP",
    "smtplib.SMTP_SSL",
    "smtplib.LMTP",
    "poplib.POP3",
    "poplib.POP3_SSL",
    "ftplib.FTP",
    "ftplib.FTP_TLS",
    "imaplib.IMAP4",
    "imaplib.IMAP4_SSL",
    "imaplib.IMAP4_stream",
    "nntplib.NNTP",
    "nntplib.NNTP_SSL",
    "telnetlib.Telnet",
    "http.client.HTTPConnection",
    "http.client.HTTPSConnection",
    "httplib.HTTPConnection",
    "httplib.HTTPSConnection",
];

/// Classes that are not context managers (on Python 2 few are).
const NO_WITH_SUPPORT: &[&str] = &[
    "poplib.POP3",
    "poplib.POP3_SSL",
    "http.client.HTTPConnection",
    "http.client.HTTPSConnection",
    "httplib.HTTPConnection",
    "httplib.HTTPSConnection",
];

fn check(site: &CallSite) -> Option<Violation> {
    let call = site.range();
    if !is_held_locally(call, site.context) || is_closed_on_error(call, site.context) {
        return None;
    }
    let callee = site.callee;
    let fix = if NO_WITH_SUPPORT.contains(&callee) || site.context.python.python2 {
        format!("`with contextlib.closing({callee}(...)) as conn:`")
    } else {
        format!("`with {callee}(...) as conn:`")
    };
    Some(Violation::new(format!(
        "{callee}() outside `with` or try/finally leaks its socket when an error occurs; use {fix}"
    )))
}
