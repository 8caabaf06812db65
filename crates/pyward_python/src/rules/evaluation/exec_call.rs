use pyward_report::{Confidence, Severity};

use crate::engine::helpers::{ArgumentKind, argument_kind, short_name};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::engine::{Applies, CallSite, Check, Context, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Calls of `exec()` and Python 2's `execfile()`, and Python 2's `exec`
/// statement (`exec "code"`, `exec code in namespace`).
///
/// ## Why it matters
/// `exec` runs statements, not just expressions: imports, definitions,
/// anything. `execfile` runs a whole file. Whoever controls the code string
/// or the file controls the process.
///
/// A constant string is reported at low severity.
///
/// ## Example
/// ```python
/// exec(open(plugin_path).read())
/// ```
///
/// ## Fix
/// Import plugins as modules (`importlib` with an allow-list of names), or
/// describe the behaviour as data and interpret it.
///
/// ## References
/// - CWE-95: Eval Injection
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW102",
        name: "exec-call",
        summary: "exec()/execfile() runs arbitrary code",
        severity: Severity::High,
        confidence: Confidence::Medium,
        cwe: &[95],
        category: "language/string-evaluation",
        aliases: &["B102", "S102"],
        applies: Applies::Always,
    },
    checks: &[
        Check::Call { callees: &["exec", "execfile"], check },
        Check::Stmt { kinds: &[StmtKind::Expr], check: check_statement },
    ],
};

fn check(site: &CallSite) -> Option<Violation> {
    let name = short_name(site.callee);
    match argument_kind(site.argument("source", 0)) {
        ArgumentKind::Constant => Some(
            Violation::new(format!("{name}() of a constant: write the code directly"))
                .severity(Severity::Low)
                .confidence(Confidence::High),
        ),
        _ => Some(Violation::new(format!(
            "{name}() runs whatever code it is given; import modules or interpret data instead"
        ))),
    }
}

/// Python 2's `exec "code"`: the Python 3 parser recovers it as the name
/// `exec` followed, on the same line, by a separate expression statement.
fn check_statement(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::Expr(statement) = stmt else { return None };
    let Expr::Name(name) = &*statement.value else { return None };
    if name.id.as_str() != "exec" || context.resolve(&statement.value).as_deref() != Some("exec") {
        return None;
    }
    let rest = context.source.get(name.end().to_usize()..)?;
    let line = rest.split(['\n', '\r']).next().unwrap_or("");
    let code = line.split('#').next().unwrap_or("").trim();
    if code.is_empty() || code.starts_with([';', ')', ']', '}', ',', '.', '=', '(']) {
        return None;
    }
    let statement_text = line.split('#').next().unwrap_or("").trim_end();
    let end = name.end() + TextSize::try_from(statement_text.len()).unwrap_or_default();
    let range = TextRange::new(name.start(), end);
    let constant = code.trim_start_matches(['u', 'U', 'r', 'R', 'b', 'B']).starts_with(['"', '\'']);
    Some(if constant {
        Violation::new("exec statement with a constant string: write the code directly")
            .severity(Severity::Low)
            .confidence(Confidence::High)
            .at(range)
    } else {
        Violation::new("exec statement runs whatever code it is given; import modules or interpret data instead")
            .at(range)
    })
}
