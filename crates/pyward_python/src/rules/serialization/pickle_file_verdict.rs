use std::path::{Path, PathBuf};

use pyward_pickle::{Options, Verdict, scan_file};
use pyward_report::{Confidence, Severity};

use crate::engine::helpers::string_value;
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};
use ruff_python_ast::Expr;

/// ## What it finds
/// Code that loads a pickle or model file which is in the repository —
/// `pickle.load(open("model.pkl", "rb"))`, `torch.load("weights.pt")`,
/// `joblib.load("clf.joblib")`, `pandas.read_pickle(...)` with a literal
/// path — reported with what `pyward pickle` finds in that very file.
///
/// ## Why it matters
/// Loading a pickle runs whatever it says. A checkpoint committed to a
/// repository or downloaded into it is code, and it is rarely reviewed: the
/// seed talk's four-line `bug.pickle` lists `/`, a real one opens a shell.
/// This rule connects the loading code to the file it loads, so a dangerous
/// file is reported where it would run.
///
/// The path is looked up next to the Python file, then from the folder
/// pyward runs in. Files that do not exist are not reported here.
///
/// ## Example
/// ```python
/// model = torch.load("checkpoints/model.pt")   # the file calls os.system
/// ```
///
/// ## Fix
/// Remove a dangerous file and find out how it got there. Prefer formats
/// that hold only data (safetensors, JSON, ONNX); load PyTorch checkpoints
/// with `weights_only=True`.
///
/// ## References
/// - CWE-502: Deserialization of Untrusted Data
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW206",
        name: "pickle-file-verdict",
        summary: "Code loads a pickle file of the repository that pyward pickle finds unsafe",
        severity: Severity::High,
        confidence: Confidence::High,
        cwe: &[502],
        category: "language/serialization",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "pickle.load",
            "pickle.Unpickler",
            "cPickle.load",
            "_pickle.load",
            "dill.load",
            "cloudpickle.load",
            "joblib.load",
            "torch.load",
            "numpy.load",
            "pandas.read_pickle",
        ],
        check,
    }],
};

fn check(site: &CallSite) -> Option<Violation> {
    let literal = literal_path(site.argument("file", 0)?)?;
    let path = locate(site.context.path, literal)?;
    let scan = scan_file(&path, &Options::default());
    let what = scan.findings.iter().max_by_key(|f| f.severity).map(|f| format!(": {}", f.message)).unwrap_or_default();
    let shown = path.display();
    Some(match scan.verdict() {
        Verdict::Dangerous => Violation::new(format!("loads {shown}, which `pyward pickle` finds dangerous{what}")),
        Verdict::Suspicious => Violation::new(format!("loads {shown}, which `pyward pickle` finds suspicious{what}"))
            .severity(Severity::Medium),
        Verdict::Error => return None,
        Verdict::Clean => Violation::new(format!("loads {shown}, which `pyward pickle` finds clean ({})", scan.format))
            .severity(Severity::Low),
    })
}

/// `"x.pkl"` or `open("x.pkl", ...)`.
fn literal_path(argument: &Expr) -> Option<&str> {
    if let Some(path) = string_value(argument) {
        return Some(path);
    }
    let Expr::Call(call) = argument else { return None };
    let Expr::Name(name) = call.func.as_ref() else { return None };
    if name.id.as_str() != "open" {
        return None;
    }
    string_value(call.arguments.args.first()?)
}

/// The file next to the Python file, else relative to the current folder.
fn locate(python_file: &str, literal: &str) -> Option<PathBuf> {
    let beside = Path::new(python_file).parent().map(|folder| folder.join(literal));
    beside.into_iter().chain(std::iter::once(PathBuf::from(literal))).find(|candidate| candidate.is_file())
}
