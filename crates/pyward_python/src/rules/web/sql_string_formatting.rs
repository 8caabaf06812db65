use pyward_report::{Confidence, Severity};
use ruff_python_ast::{self as ast, Expr, Operator};
use ruff_text_size::Ranged;

use super::common::{literal_text, method_name};
use crate::engine::helpers::is_constant;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, Violation};

/// ## What it finds
/// SQL statements built with string formatting: `%`, `+` concatenation,
/// `str.format()`, `str.replace()` and f-strings, where a literal part reads as SQL
/// (`SELECT ... FROM`, `DELETE FROM`, `INSERT INTO ... VALUES`,
/// `UPDATE ... SET`) and another part is computed at run time.
///
/// ## Why it matters
/// A value formatted into SQL text is SQL: a quote in it ends the string
/// literal, and the rest runs as SQL. This is the classic SQL injection.
///
/// ## Example
/// ```python
/// cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
/// ```
///
/// ## Fix
/// Pass values as parameters and let the driver quote them:
/// `cursor.execute("SELECT * FROM users WHERE name = %s", (name,))`.
///
/// ## References
/// - CWE-89: SQL Injection
///
/// ## Differences from Bandit/Ruff
/// Precision choices: the SQL keywords must appear as whole words, in
/// order, and may be separated by newlines (Bandit's and Ruff's patterns
/// miss multi-line statements). A statement whose literal text starts with
/// its SQL keyword is reported with medium confidence, one that only
/// contains SQL-looking words (prose such as "select one from the list")
/// with low confidence. Formatting with only literal values (`"... %s" %
/// "users"`, an f-string without placeholders) is reported at low severity. A `+` chain is reported once, on
/// its shortest prefix that already reads as injectable SQL.
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW702",
        name: "sql-string-formatting",
        summary: "SQL statement built by string formatting",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[89],
        category: "vulnerability/sql-injection",
        aliases: &["B608", "S608"],
        applies: Applies::Always,
    },
    checks: &[Check::Expr { kinds: &[ExprKind::BinOp, ExprKind::Call, ExprKind::FString], check }],
};

fn check(expr: &Expr, _context: &Context) -> Option<Violation> {
    match expr {
        Expr::BinOp(binop) if binop.op == Operator::Mod => percent_format(binop),
        Expr::BinOp(binop) if binop.op == Operator::Add => concatenation(binop),
        Expr::Call(call) => format_call(call),
        Expr::FString(fstring) => {
            let text = literal_text(expr)?;
            report(&text, is_constant(expr)).map(|v| v.at(fstring.range()))
        }
        _ => None,
    }
}

fn percent_format(binop: &ast::ExprBinOp) -> Option<Violation> {
    let text = literal_text(&binop.left)?;
    report(&text, is_constant(&binop.right))
}

fn format_call(call: &ast::ExprCall) -> Option<Violation> {
    if !matches!(method_name(call), Some("format" | "replace")) {
        return None;
    }
    let Expr::Attribute(attribute) = call.func.as_ref() else { return None };
    let text = literal_text(&attribute.value)?;
    let all_constant =
        call.arguments.args.iter().all(is_constant) && call.arguments.keywords.iter().all(|k| is_constant(&k.value));
    report(&text, all_constant)
}

fn concatenation(binop: &ast::ExprBinOp) -> Option<Violation> {
    if !injectable_chain(binop) {
        return None;
    }
    if let Expr::BinOp(left) = binop.left.as_ref()
        && left.op == Operator::Add
        && injectable_chain(left)
    {
        return None; // reported on the shorter chain
    }
    report(&chain_text(&chain_parts(binop)), false)
}

/// Whether a `+` chain mixes SQL-looking literal text with a computed part.
fn injectable_chain(binop: &ast::ExprBinOp) -> bool {
    let parts = chain_parts(binop);
    parts.iter().any(|p| !is_constant(p)) && sql_shape(&chain_text(&parts)).is_some()
}

fn chain_parts(binop: &ast::ExprBinOp) -> Vec<&Expr> {
    let mut parts = Vec::new();
    flatten_addition(&binop.left, &mut parts);
    flatten_addition(&binop.right, &mut parts);
    parts
}

fn chain_text(parts: &[&Expr]) -> String {
    parts.iter().filter_map(|p| literal_text(p)).collect()
}

fn flatten_addition<'a>(expr: &'a Expr, parts: &mut Vec<&'a Expr>) {
    match expr {
        Expr::BinOp(binop) if binop.op == Operator::Add => {
            flatten_addition(&binop.left, parts);
            flatten_addition(&binop.right, parts);
        }
        other => parts.push(other),
    }
}

fn report(text: &str, constant_values: bool) -> Option<Violation> {
    let shape = sql_shape(text)?;
    let violation = Violation::new(
        "SQL built by string formatting can be injected; pass values as query parameters (cursor.execute(sql, params))",
    );
    let violation = if shape == SqlShape::Leading { violation } else { violation.confidence(Confidence::Low) };
    Some(if constant_values { violation.severity(Severity::Low) } else { violation })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SqlShape {
    /// The text starts with the statement's keyword.
    Leading,
    /// SQL keywords appear somewhere inside.
    Embedded,
}

/// Keyword sequences that make a statement, each word after the previous.
const STATEMENTS: &[&[&str]] = &[
    &["select", "from"],
    &["delete", "from"],
    &["insert", "into", "values"],
    &["replace", "into", "values"],
    &["update", "set"],
];

fn sql_shape(text: &str) -> Option<SqlShape> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let first = words.iter().position(|w| STATEMENTS.iter().any(|s| s[0] == *w))?;
    let matched = STATEMENTS.iter().any(|statement| in_order(&words, statement));
    if !matched {
        return None;
    }
    let leading = first == 0 && lower.trim_start().starts_with(|c: char| c.is_ascii_alphabetic());
    let with_cte = words.first() == Some(&"with");
    Some(if leading || with_cte { SqlShape::Leading } else { SqlShape::Embedded })
}

/// Whether `sequence` appears in `words` in order, the delete statement
/// requiring `from` right after `delete`.
fn in_order(words: &[&str], sequence: &[&str]) -> bool {
    let mut rest = words;
    let mut previous_index = None;
    for (step, wanted) in sequence.iter().enumerate() {
        let Some(index) = rest.iter().position(|w| w == wanted) else { return false };
        if step == 1 && sequence[0] == "delete" && index != 0 {
            return false;
        }
        previous_index = Some(index);
        rest = &rest[index + 1..];
    }
    previous_index.is_some()
}

#[cfg(test)]
mod tests {
    use super::{SqlShape, sql_shape};

    #[test]
    fn statements_are_recognised_in_order() {
        assert_eq!(sql_shape("SELECT * FROM t WHERE id = "), Some(SqlShape::Leading));
        assert_eq!(sql_shape("\n  select a,\n b\n from t"), Some(SqlShape::Leading));
        assert_eq!(sql_shape("DELETE FROM t WHERE id = %s"), Some(SqlShape::Leading));
        assert_eq!(sql_shape("INSERT INTO t (a) VALUES (%s)"), Some(SqlShape::Leading));
        assert_eq!(sql_shape("update t set a = "), Some(SqlShape::Leading));
        assert_eq!(sql_shape("please select one from the list: "), Some(SqlShape::Embedded));
        assert_eq!(sql_shape("from t select"), None);
        assert_eq!(sql_shape("delete the file from %s"), None);
        assert_eq!(sql_shape("Hello %s"), None);
    }
}
