use pyward_report::{Confidence, Severity};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// Identifiers holding Cyrillic or Greek letters that look like ASCII ones,
/// either mixed with ASCII letters or making up the whole name (Cyrillic `а`, `е`, `о`, `р`, `с`, Greek `ο`, `ν`, ...).
/// (Full-width letters are not reported: Python folds them to ASCII with
/// NFKC, so they name the same variable.)
///
/// ## Why it matters
/// Python accepts Unicode identifiers (PEP 3131), and `раssword` written
/// with a Cyrillic `р` is a different variable from `password`. A
/// contribution can define a look-alike function or variable that shadows
/// nothing, yet is read by reviewers as the real one — the homoglyph half
/// of "Trojan Source" attacks.
///
/// ## Example
/// ```python
/// def is_аdmin(user):   # Cyrillic а
///     return True
/// ```
///
/// Names mixing ASCII with other letters that do not pass for ASCII
/// (`tenπ`, `func_说明`) are not reported.
///
/// ## Fix
/// Rename with ASCII letters, or with letters of one script that are not
/// look-alikes.
///
/// ## References
/// - CWE-1007: Insufficient Visual Distinction of Homoglyphs Presented to User
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW907",
        name: "confusable-identifier",
        summary: "An identifier whose letters look like ASCII letters but are not",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[1007],
        category: "language/unicode",
        aliases: &[],
        applies: Applies::NonAscii,
    },
    checks: &[
        Check::Expr { kinds: &[ExprKind::Name, ExprKind::Attribute], check: check_expr },
        Check::Stmt { kinds: &[StmtKind::FunctionDef, StmtKind::ClassDef], check: check_definition },
        Check::Stmt { kinds: &[StmtKind::Assign, StmtKind::AnnAssign, StmtKind::AugAssign], check: check_assignment },
    ],
};

/// Non-ASCII letters that render like ASCII letters.
const ASCII_LOOKALIKES: &[char] = &[
    // Cyrillic
    'а', 'в', 'е', 'к', 'м', 'н', 'о', 'р', 'с', 'т', 'у', 'х', 'ѕ', 'і', 'ј', 'ԁ', 'ԛ', 'ԝ', 'һ', 'ӏ', 'А', 'В', 'Е',
    'К', 'М', 'Н', 'О', 'Р', 'С', 'Т', 'Х', 'Ѕ', 'І', 'Ј', // Greek
    'α', 'ι', 'κ', 'ν', 'ο', 'ρ', 'τ', 'υ', 'χ', 'Α', 'Β', 'Ε', 'Ζ', 'Η', 'Ι', 'Κ', 'Μ', 'Ν', 'Ο', 'Ρ', 'Τ', 'Υ', 'Χ',
    // Latin letters that pass for others
    'ı', 'ɑ', 'ɡ',
];

/// Why `name` is confusable, if it is: it holds look-alikes of ASCII
/// letters, and either ASCII letters too or nothing but look-alikes.
fn confusion(name: &str) -> Option<&'static str> {
    if name.is_ascii() || !name.chars().any(|c| ASCII_LOOKALIKES.contains(&c)) {
        return None;
    }
    if name.chars().any(|c| c.is_ascii_alphabetic()) {
        return Some("mixes ASCII letters with look-alike letters of another script");
    }
    let letters = name.chars().filter(|c| c.is_alphabetic());
    letters
        .clone()
        .all(|c| ASCII_LOOKALIKES.contains(&c))
        .then_some("is spelled only with letters that look like ASCII ones")
}

fn violation(name: &str) -> Option<Violation> {
    let reason = confusion(name)?;
    Some(Violation::new(format!(
        "identifier {name:?} {reason}; it reads like a different name than the one Python sees: rename it in ASCII"
    )))
}

fn check_expr(expr: &Expr, _context: &Context) -> Option<Violation> {
    match expr {
        Expr::Name(name) => violation(name.id.as_str()),
        Expr::Attribute(attribute) => violation(attribute.attr.as_str()).map(|v| v.at(attribute.attr.range())),
        _ => None,
    }
}

fn check_definition(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    match stmt {
        Stmt::FunctionDef(function) => std::iter::once(&function.name)
            .chain(function.parameters.iter().map(|p| p.name()))
            .find_map(|name| violation(name.as_str()).map(|v| v.at(name.range()))),
        Stmt::ClassDef(class) => violation(class.name.as_str()).map(|v| v.at(class.name.range())),
        _ => None,
    }
}

/// Names bound by assignment (the walk does not visit them as expressions).
fn check_assignment(stmt: &Stmt, _context: &Context) -> Option<Violation> {
    let targets: &[Expr] = match stmt {
        Stmt::Assign(assign) => &assign.targets,
        Stmt::AnnAssign(assign) => std::slice::from_ref(&*assign.target),
        Stmt::AugAssign(assign) => std::slice::from_ref(&*assign.target),
        _ => return None,
    };
    targets.iter().find_map(|target| match target {
        Expr::Name(name) => violation(name.id.as_str()).map(|v| v.at(name.range)),
        Expr::Tuple(tuple) => tuple.elts.iter().find_map(|e| match e {
            Expr::Name(name) => violation(name.id.as_str()).map(|v| v.at(name.range)),
            _ => None,
        }),
        _ => None,
    })
}
