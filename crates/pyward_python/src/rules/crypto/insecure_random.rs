use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};

use crate::engine::helpers::short_name;
use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, Violation};

/// ## What it finds
/// Calls of the `random` module's generator (`random.random`, `randint`,
/// `randrange`, `choice`, `choices`, `sample`, `uniform`,
/// `triangular`, `randbytes`, `getrandbits`, `random.Random`).
///
/// ## Why it matters
/// `random` is a Mersenne Twister: 624 observed outputs reveal its state and
/// every later (and earlier) value. Tokens, passwords, salts, nonces and
/// session ids made with it can be predicted.
///
/// Every call is reported, as Bandit and Ruff do, but at low severity;
/// when the value lands in a name or a function that looks like a secret
/// (`token`, `password`, `secret`, `key`, `salt`, `nonce`, `otp`, `session`,
/// `csrf`, `auth`...) it is reported at medium severity and high confidence.
///
/// ## Example
/// ```python
/// reset_token = "".join(random.choice(alphabet) for _ in range(32))
/// ```
///
/// ## Fix
/// `secrets.token_urlsafe()`, `secrets.choice()`, `secrets.randbits()`, or
/// `random.SystemRandom()`. Simulations and games may keep `random`.
///
/// ## References
/// - CWE-330: Use of Insufficiently Random Values
/// - CWE-338: Use of Cryptographically Weak PRNG
///
/// ## Differences from Bandit/Ruff
/// Bandit's list of calls (Ruff's leaves out `sample` and `getrandbits`);
/// `shuffle` is not reported, as in both. The severity is raised only in secret-looking places, so
/// a report can be sorted to the calls that matter.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW505",
        name: "insecure-random",
        summary: "random module is predictable; not for secrets",
        severity: Severity::Low,
        confidence: Confidence::Medium,
        cwe: &[330, 338],
        category: "architecture/entropy",
        aliases: &["B311", "S311"],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "random.Random",
            "random.random",
            "random.randrange",
            "random.randint",
            "random.choice",
            "random.choices",
            "random.sample",
            "random.uniform",
            "random.triangular",
            "random.randbytes",
            "random.getrandbits",
        ],
        check,
    }],
};

const SECRET_WORDS: &[&str] =
    &["token", "password", "passwd", "secret", "key", "salt", "nonce", "otp", "session", "csrf", "auth", "pin"];

fn check(site: &CallSite) -> Option<Violation> {
    let function = short_name(site.callee);
    if let Some(place) = secret_looking_place(site.context) {
        return Some(
            Violation::new(format!("random.{function}() is predictable but feeds `{place}`; use the secrets module"))
                .severity(Severity::Medium)
                .confidence(Confidence::High),
        );
    }
    Some(Violation::new(format!(
        "random.{function}() is predictable; use the secrets module if the value must not be guessed"
    )))
}

/// The assigned name or enclosing function that suggests a secret.
fn secret_looking_place(context: &Context) -> Option<String> {
    let scope_path = &context.semantic.scope(context.semantic.current_scope()).path;
    let names = assigned_names(context).into_iter().chain(scope_path.rsplit('.').next());
    names.map(str::to_string).find(|name| looks_secret(name))
}

fn assigned_names<'a>(context: &'a Context) -> Vec<&'a str> {
    let Some(Stmt::Assign(assign)) = context.ancestors.last().copied() else { return Vec::new() };
    assign
        .targets
        .iter()
        .filter_map(|target| match target {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        })
        .collect()
}

fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split('_').any(|word| SECRET_WORDS.contains(&word))
}
