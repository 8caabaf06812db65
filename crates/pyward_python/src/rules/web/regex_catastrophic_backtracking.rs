use pyward_report::{Confidence, Severity};
use ruff_python_ast::Expr;

use super::regex_pattern::{Backtracking, find_backtracking, parse};
use crate::engine::{Applies, CallSite, Check, Rule, RuleMeta, Violation};

/// ## What it finds
/// Literal regular expressions passed to `re` (and the `regex` module):
/// `compile`, `match`, `search`, `fullmatch`, `findall`, `finditer`, `sub`,
/// `subn`, `split`, whose pattern can backtrack catastrophically:
/// - a repeated part that itself repeats what the outer repetition could
///   take: `(a+)+`, `(a*)*`, `(\w+\s?)*`, `(.*,)*`;
/// - a repeated alternation whose branches match the same text:
///   `(a|a)*`, `(\w|\d)+`, `(a|aa)+`.
///
/// ## Why it matters
/// Python's `re` is a backtracking engine. On such a pattern a string that
/// almost matches (`"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!"` against `(a+)+$`)
/// makes it try every way of splitting the input: the time doubles with
/// each character, and one request freezes a worker (ReDoS).
///
/// Atomic groups `(?>...)` and possessive quantifiers `a++` (Python 3.11+)
/// never give back characters and are not reported. Verbose patterns
/// (`re.VERBOSE`, `re.X`, `(?x)`) are read with their whitespace and
/// comments dropped. Patterns pyward's parser cannot read are skipped.
///
/// ## Example
/// ```python
/// EMAIL = re.compile(r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$")
/// ```
///
/// ## Fix
/// Make each character matchable in one way only: `(a+)+` → `a+`,
/// `(\w+\s?)*` → `\w+(?:\s\w+)*`; or use an atomic group / possessive
/// quantifier, bound the input length before matching, or use a
/// linear-time engine (`google-re2`).
///
/// ## References
/// - CWE-1333: Inefficient Regular Expression Complexity
/// - CWE-400: Uncontrolled Resource Consumption
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW728",
        name: "regex-catastrophic-backtracking",
        summary: "Regular expression open to catastrophic backtracking (ReDoS)",
        severity: Severity::Medium,
        confidence: Confidence::Medium,
        cwe: &[1333, 400],
        category: "server/dos",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[Check::Call {
        callees: &[
            "re.compile",
            "re.match",
            "re.search",
            "re.fullmatch",
            "re.findall",
            "re.finditer",
            "re.sub",
            "re.subn",
            "re.split",
            "regex.compile",
            "regex.match",
            "regex.search",
            "regex.fullmatch",
            "regex.findall",
            "regex.finditer",
            "regex.sub",
            "regex.subn",
            "regex.split",
        ],
        check,
    }],
};

/// Patterns longer than this are not analysed.
const MAX_PATTERN_CHARS: usize = 2_000;

fn check(site: &CallSite) -> Option<Violation> {
    let pattern = pattern_text(site.argument("pattern", 0)?)?;
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        return None;
    }
    let tree = parse(&pattern, is_verbose(site)).ok()?;
    let (what, span) = match find_backtracking(&tree)? {
        Backtracking::NestedQuantifier { span } => ("a nested quantifier", span),
        Backtracking::OverlappingAlternation { span } => ("a repeated alternation with overlapping branches", span),
    };
    let part: String = pattern.chars().skip(span.0).take(span.1 - span.0).collect();
    Some(Violation::new(format!(
        "regular expression has {what} `{part}` that backtracks exponentially on near-matches (ReDoS); \
         rewrite it so each character matches one way, or use an atomic group"
    )))
}

/// Whether the call passes `re.VERBOSE` / `re.X` among its flags.
fn is_verbose(site: &CallSite) -> bool {
    let arguments = &site.call.arguments;
    let mut flags = arguments.args.iter().skip(1).chain(arguments.keywords.iter().map(|k| &k.value));
    flags.any(|flag| {
        let text = site.context.text(ruff_text_size::Ranged::range(flag));
        text.contains("VERBOSE") || text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|w| w == "X")
    })
}

fn pattern_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str().to_string()),
        Expr::BytesLiteral(literal) => Some(literal.value.bytes().map(char::from).collect()),
        _ => None,
    }
}
