use pyward_report::{Confidence, Severity};

use ruff_python_ast::{self as ast, Expr};

use crate::engine::helpers::{short_name, string_value};
use crate::engine::{Applies, CallSite, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// Downloads from the Hugging Face Hub without a pinned commit:
/// `from_pretrained()` of `transformers`, `diffusers`, `peft` and
/// `sentence_transformers` classes, `datasets.load_dataset()`,
/// and `huggingface_hub.hf_hub_download()` / `snapshot_download()`, with no
/// `revision=` or a revision that is a branch or tag rather than a commit
/// hash.
///
/// ## Why it matters
/// Branches and tags on the Hub move. Whoever can push to the repository —
/// or take over the account — changes what every later run downloads:
/// pickled weights that run code, a `trust_remote_code` module, poisoned
/// data. Pinning a commit hash makes the download reproducible and
/// reviewable.
///
/// ## Example
/// ```python
/// model = AutoModel.from_pretrained("org/model")
/// ```
///
/// ## Fix
/// `AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1...")` with
/// the full commit hash you reviewed.
///
/// ## Differences from Bandit/Ruff
/// Like Bandit, local paths (`./model`, `/models/x`) are not reported.
/// Ruff has no equivalent rule.
///
/// ## References
/// - CWE-494: Download of Code Without Integrity Check
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW209",
        name: "huggingface-unpinned-download",
        summary: "Hugging Face Hub download without a pinned commit revision",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[494],
        category: "architecture/data-write",
        aliases: &["B615"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call {
            callees: &["datasets.load_dataset", "huggingface_hub.hf_hub_download", "huggingface_hub.snapshot_download"],
            check: check_download,
        },
        Check::Expr { kinds: &[ExprKind::Call], check: check_from_pretrained },
    ],
};

/// Libraries whose classes download with `from_pretrained()`.
const PRETRAINED_LIBRARIES: &[&str] = &["transformers", "diffusers", "peft", "sentence_transformers"];

fn check_download(site: &CallSite) -> Option<Violation> {
    unpinned(short_name(site.callee), site.call)
}

fn check_from_pretrained(expr: &Expr, context: &Context) -> Option<Violation> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(attribute) = &*call.func else { return None };
    if attribute.attr.as_str() != "from_pretrained" {
        return None;
    }
    let owner = context.resolve(&attribute.value)?;
    let library = owner.split('.').next().unwrap_or("");
    PRETRAINED_LIBRARIES.contains(&library).then(|| unpinned("from_pretrained", call)).flatten()
}

fn unpinned(function: &str, call: &ast::ExprCall) -> Option<Violation> {
    let arguments = &call.arguments;
    let keyword = |name: &str| arguments.find_keyword(name).map(|k| &k.value);
    let revision = keyword("revision").or_else(|| keyword("commit_id"));
    if revision.and_then(string_value).is_some_and(is_commit_hash) {
        return None;
    }
    let double_star = arguments.keywords.iter().any(|k| k.arg.is_none());
    if revision.is_some_and(|r| string_value(r).is_none()) || double_star {
        return None; // a computed revision: may well be a pinned hash
    }
    let repository = arguments.find_argument_value("repo_id", 0).or_else(|| keyword("pretrained_model_name_or_path"));
    if repository.and_then(string_value).is_some_and(|r| r.starts_with(['.', '/', '~'])) {
        return None;
    }
    Some(Violation::new(format!(
        "{function}() downloads from the Hugging Face Hub without a pinned commit: pass revision=\"<commit hash>\""
    )))
}

fn is_commit_hash(revision: &str) -> bool {
    revision.len() >= 7 && revision.chars().all(|c| c.is_ascii_hexdigit())
}
