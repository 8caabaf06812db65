use pyward_report::{Confidence, Severity};

use super::common::is_password_name;
use crate::engine::helpers::{constant_truth, string_value};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `oslo.config` options whose name looks like a password
/// (`cfg.StrOpt("admin_password")`) declared without `secret=True`.
///
/// ## Why it matters
/// oslo.config logs every option's value when services start with debug
/// logging (`log_opt_values`) and in some error reports; only options
/// marked `secret=True` are masked. An unmarked password ends up in log
/// files and log aggregation.
///
/// ## Example
/// ```python
/// cfg.StrOpt("db_password", default="", help="Database password")
/// ```
///
/// ## Fix
/// `cfg.StrOpt("db_password", secret=True, ...)`.
///
/// ## References
/// - CWE-532: Insertion of Sensitive Information into Log File
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW805",
        name: "password-option-not-secret",
        summary: "oslo.config password option not marked secret",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[532],
        category: "vulnerability/information-leak",
        aliases: &["B109"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &["oslo_config.cfg.StrOpt", "oslo_config.cfg.Opt", "oslo.config.cfg.StrOpt", "oslo.config.cfg.Opt"],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let name = string_value(site.argument("name", 0)?)?;
    if !is_password_name(name) {
        return None;
    }
    let message = format!("option `{name}` holds a password but is not secret=True: its value will be logged");
    match site.keyword("secret") {
        None if site.has_double_star() => None,
        None => Some(Violation::new(message)),
        Some(value) => match constant_truth(value) {
            Some(true) => None,
            Some(false) => Some(Violation::new(message).confidence(Confidence::High)),
            None => None,
        },
    }
}
