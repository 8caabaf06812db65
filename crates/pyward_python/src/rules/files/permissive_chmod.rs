use pyward_report::{Confidence, Severity};

use super::common::{Folded, fold_int};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// `os.chmod()`, `os.fchmod()`, `os.lchmod()` and `Path.chmod()` with a mode
/// (folded from literals and `stat` constants, so `0o777` and
/// `stat.S_IRWXU | stat.S_IWOTH` alike) that makes the file world-writable
/// (high), group-writable or set-user/group-ID (medium), or group-executable
/// (low).
///
/// ## Why it matters
/// A world-writable file can be replaced or edited by any local user: a
/// script becomes their code running as you, a config file their settings.
/// Set-ID bits make a program run with its owner's privileges.
///
/// ## Example
/// ```python
/// os.chmod("/etc/app/hooks.sh", 0o777)
/// ```
///
/// ## Fix
/// Grant the least needed: `0o600` for secrets, `0o644` for shared data,
/// `0o755` for programs that others must run, owned by the right user.
///
/// ## Differences from Bandit/Ruff
/// Like Bandit (B103), execute permission for group or others is reported,
/// but at low severity: `0o755` is normal for programs. Bandit and Ruff
/// only read integer literals; pyward also folds `stat.S_*` constants
/// combined with `|` (so `stat.S_IXGRP` alone is reported, as by Ruff), and
/// reports set-ID modes, which both tools miss.
///
/// ## References
/// - CWE-732: Incorrect Permission Assignment for Critical Resource
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW405",
        name: "permissive-chmod",
        summary: "chmod with a mode that lets other users write or run as the owner",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[732],
        category: "architecture/data-write",
        aliases: &["B103", "S103"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["os.chmod", "os.fchmod", "os.lchmod"], check: check_os },
        Check::Call { callees: &["pathlib.Path().chmod", "pathlib.PosixPath().chmod"], check: check_path },
    ],
};

/// (bit, what it allows, severity)
const RISKY_BITS: &[(i128, &str, Severity)] = &[
    (0o002, "world-writable", Severity::High),
    (0o4000, "set-user-ID", Severity::Medium),
    (0o2000, "set-group-ID", Severity::Medium),
    (0o020, "group-writable", Severity::Medium),
    (0o010, "group-executable", Severity::Low),
    (0o001, "world-executable", Severity::Low),
];

fn check_os(site: &CallSite) -> Option<Violation> {
    judge(site, site.argument("mode", 1)?)
}

fn check_path(site: &CallSite) -> Option<Violation> {
    judge(site, site.argument("mode", 0)?)
}

fn judge(site: &CallSite, mode: &ruff_python_ast::Expr) -> Option<Violation> {
    let Folded::Exact(mode) = fold_int(mode, site.context)? else { return None };
    if !(0..=0o7777).contains(&mode) {
        return None;
    }
    let risks: Vec<_> = RISKY_BITS.iter().filter(|(bit, _, _)| mode & bit != 0).collect();
    let severity = risks.first()?.2;
    let what: Vec<&str> = risks.iter().map(|(_, name, _)| *name).collect();
    Some(
        Violation::new(format!(
            "mode {mode:#o} makes the file {}; grant only what is needed (0o600, 0o644, 0o755)",
            what.join(", ")
        ))
        .severity(severity),
    )
}
