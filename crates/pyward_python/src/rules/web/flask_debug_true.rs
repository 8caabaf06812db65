use pyward_report::{Confidence, Severity};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `app.run(debug=True)` on a Flask application (`flask.Flask(...)`).
///
/// ## Why it matters
/// Flask's debug mode serves the Werkzeug debugger: any exception page
/// offers an interactive Python console in the browser. Anyone who can
/// reach the server and trigger an error can run code on it (the PIN that
/// guards the console has been derived and bypassed repeatedly).
///
/// ## Example
/// ```python
/// app = Flask(__name__)
/// app.run(debug=True)
/// ```
///
/// ## Fix
/// Leave debug off in anything reachable: `app.run()`, and turn it on only
/// from the environment on a developer's machine (`flask --debug run`).
///
/// ## References
/// - CWE-94: Code Injection
/// - CWE-489: Active Debug Code
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW701",
        name: "flask-debug-true",
        summary: "Flask app run with the interactive debugger enabled",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[94, 489],
        category: "server/misconfiguration",
        aliases: &["B201", "S201"],
        applies: Applies::Always,
    },
    checks: &[Check::Call { callees: &["flask.Flask().run", "flask.app.Flask().run"], check }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let debug = site.keyword("debug")?;
    match constant_truth(debug) {
        Some(true) => Some(Violation::new(
            "Flask app.run(debug=True) exposes the Werkzeug debugger, a remote Python console; drop debug=True",
        )),
        Some(false) => None,
        None => Some(
            Violation::new("Flask app.run() with a computed debug= value may expose the Werkzeug debugger")
                .severity(Severity::Medium)
                .confidence(Confidence::Low),
        ),
    }
}
