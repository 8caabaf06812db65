//! The table-driven checks: read a sysctl, compare it with its expectation.

use pyward_report::ErrorEntry;

use crate::catalog::{Expect, SettingCheck, sysctl_path};
use crate::outcome::{CheckResult, Status};
use crate::root::{HostRoot, ReadError};

/// Runs one setting check; a value that is present but unusable also adds an
/// entry to `errors`.
pub fn evaluate(check: &'static SettingCheck, root: &HostRoot, errors: &mut Vec<ErrorEntry>) -> CheckResult {
    let path = sysctl_path(&check.sysctl);
    let mut result = CheckResult {
        rule: &check.rule,
        subject: check.sysctl.clone(),
        path: path.clone(),
        status: Status::NotAvailable,
        read: None,
        expected: describe(&check.expect),
        note: None,
    };
    let value = match root.read_value(&path) {
        Ok(value) => value,
        Err(error) => {
            result.note = Some(unavailable_note(&path, &error, errors));
            return result;
        }
    };
    result.read = Some(value.clone());
    match judge(&check.expect, &value, &path, root) {
        Ok(verdict) => {
            result.status = if verdict.passes { Status::Pass } else { Status::Fail };
            if let Some(expected) = verdict.expected {
                result.expected = expected;
            }
        }
        Err(problem) => {
            if problem.malformed {
                errors.push(ErrorEntry::new(problem.path, "value", problem.message.clone()));
            }
            result.note = Some(format!("not available: {}", problem.message));
        }
    }
    result
}

/// Why a value is missing, recording malformed files as errors.
pub fn unavailable_note(path: &str, error: &ReadError, errors: &mut Vec<ErrorEntry>) -> String {
    if error.is_malformed() {
        errors.push(ErrorEntry::new(path, "read", error.to_string()));
    }
    format!("not available: {error}")
}

struct Verdict {
    passes: bool,
    /// A sharper description of the expectation, once the comparison knows it.
    expected: Option<String>,
}

/// A value that was read but cannot be compared.
struct Unusable {
    path: String,
    message: String,
    /// True when the input is wrong, false when a needed value is simply absent.
    malformed: bool,
}

fn judge(expect: &Expect, value: &str, path: &str, root: &HostRoot) -> Result<Verdict, Unusable> {
    let plain = |passes| Verdict { passes, expected: None };
    Ok(match expect {
        Expect::OneOf(allowed) => plain(allowed.iter().any(|a| a == value)),
        Expect::StartsWithAny(prefixes) => plain(prefixes.iter().any(|p| value.starts_with(p.as_str()))),
        Expect::AtLeast(bound) => plain(integer(value, path)? >= *bound),
        Expect::AtMost(bound) => plain(integer(value, path)? <= *bound),
        Expect::Below(other) => {
            let other_path = sysctl_path(other);
            let limit = root.read_value(&other_path).map_err(|error| Unusable {
                path: other_path.clone(),
                message: format!("cannot compare with {other}: {error}"),
                malformed: error.is_malformed(),
            })?;
            let limit_value = integer(&limit, &other_path)?;
            Verdict {
                passes: integer(value, path)? < limit_value,
                expected: Some(format!("below {other} ({limit_value})")),
            }
        }
    })
}

fn integer(value: &str, path: &str) -> Result<i64, Unusable> {
    value.parse().map_err(|_| Unusable {
        path: path.to_string(),
        message: format!("{value:?} is not an integer"),
        malformed: true,
    })
}

fn describe(expect: &Expect) -> String {
    match expect {
        Expect::OneOf(allowed) => allowed.join(" or "),
        Expect::AtLeast(bound) => format!(">= {bound}"),
        Expect::AtMost(bound) => format!("<= {bound}"),
        Expect::StartsWithAny(prefixes) => {
            let quoted: Vec<String> = prefixes.iter().map(|p| format!("{p:?}")).collect();
            format!("starting with {}", quoted.join(" or "))
        }
        Expect::Below(other) => format!("below {other}"),
    }
}
