use pyward_report::{Confidence, Severity};
use ruff_python_ast::{CmpOp, Expr, Stmt};
use ruff_text_size::Ranged;

use super::common::{is_not_a_secret, is_password_name};
use crate::engine::helpers::string_value;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// String literals assigned to a password-like name (`password`,
/// `db_passwd`, `api_token`, `client_secret`, `self.pwd`,
/// `config["password"]`), stored under one in a dict literal
/// (`{"password": "12345"}`), or compared with one
/// (`if password == "root"`).
///
/// ## Why it matters
/// A password in the source is in every clone, backup and CI log of the
/// repository, cannot be rotated without a release, and is the same on
/// every installation: whoever reads the code can log in.
///
/// ## Example
/// ```python
/// DB_PASSWORD = "s3cr3t!"
/// ```
///
/// ## Fix
/// Read it at run time: `os.environ["DB_PASSWORD"]`, a secrets manager, or
/// a configuration file kept out of the repository.
///
/// ## References
/// - CWE-259: Use of Hard-coded Password
/// - CWE-798: Use of Hard-coded Credentials
///
/// ## Differences from Bandit/Ruff
/// Like Bandit and Ruff, a name matches when one of its `_`-separated
/// words is a password word. To avoid their best-known false positives,
/// pyward skips:
/// - names that describe the secret rather than hold it (`token_type`,
///   `password_field`, `reset_password_url`, `max_password_length`);
/// - values that are plainly not secrets: empty strings, prompts
///   (`"Password:"`), the name itself (`PASSWORD = "password"`, a form
///   key), short labels (`"New password"`), format placeholders
///   (`"{password}"`, `"%(password)s"`, `"${DB_PASSWORD}"`), environment
///   variable names (`"DB_PASSWORD"`) and URLs without credentials.
///
/// Placeholders such as `"changeme"` are still reported, as Bandit does:
/// they are default credentials, and they get deployed.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW801",
        name: "hardcoded-password-string",
        summary: "Hard-coded password assigned or compared",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[259, 798],
        category: "vulnerability/credentials",
        aliases: &["B105", "S105"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Stmt { kinds: &[StmtKind::Assign, StmtKind::AnnAssign], check: check_assignment },
        Check::Expr { kinds: &[ExprKind::Compare], check: check_comparison },
        Check::Expr { kinds: &[ExprKind::Dict], check: check_dict },
    ],
};

fn check_assignment(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
        Stmt::Assign(assign) => (assign.targets.iter().collect(), &assign.value),
        Stmt::AnnAssign(assign) => (vec![&assign.target], assign.value.as_deref()?),
        _ => return None,
    };
    let secret = string_value(value)?;
    let name = targets.into_iter().find_map(target_name).filter(|name| is_password_name(name))?;
    if is_not_a_secret(name, secret) {
        return None;
    }
    Some(violation(name, "assigned to").at(value.range()))
}

fn check_comparison(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Compare(compare) = expr else { return None };
    let [op] = &*compare.ops else { return None };
    if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        return None;
    }
    let [right] = &*compare.comparators else { return None };
    let (named, literal) = match (string_value(&compare.left), string_value(right)) {
        (None, Some(_)) => (compare.left.as_ref(), right),
        (Some(_), None) => (right, compare.left.as_ref()),
        _ => return None,
    };
    let name = target_name(named).filter(|name| is_password_name(name))?;
    if is_not_a_secret(name, string_value(literal)?) {
        return None;
    }
    Some(violation(name, "compared with").at(literal.range()))
}

fn check_dict(expr: &Expr, _context: &Context) -> Option<Violation> {
    let Expr::Dict(dict) = expr else { return None };
    dict.items.iter().find_map(|item| {
        let name = string_value(item.key.as_ref()?).filter(|name| is_password_name(name))?;
        let secret = string_value(&item.value)?;
        if is_not_a_secret(name, secret) {
            return None;
        }
        Some(violation(name, "stored under").at(item.value.range()))
    })
}

/// The name a password would be stored under: `x`, `obj.x`, `d["x"]`.
fn target_name(target: &Expr) -> Option<&str> {
    match target {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => string_value(&subscript.slice),
        _ => None,
    }
}

fn violation(name: &str, how: &str) -> Violation {
    Violation::new(format!("hard-coded password {how} `{name}`; read it at run time (environment, secrets manager)"))
}
