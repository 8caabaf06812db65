//! Suppression comments: pyward's own, Bandit's and Ruff's.
//!
//! - `# pyward: ignore` and `# pyward: ignore[PW201, pickle-load]`
//! - `# nosec` and `# nosec B301` / `# nosec: B301, B403` (codes naming no check are
//!   dropped, as Bandit drops them; a `# nosec` left with none suppresses everything)
//! - `# noqa` and `# noqa: S301, S403`
//!
//! A code matches a rule's id, name or any of its aliases.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange};

use super::rule::Rule;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    All,
    Codes(Vec<String>),
}

/// The suppression comments of one file, by line.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (1-based line, what it suppresses), sorted by line.
    lines: Vec<(u32, Scope)>,
}

impl Suppressions {
    pub fn from_tokens(tokens: &Tokens, source: &str, index: &LineIndex) -> Self {
        let mut lines = Vec::new();
        for token in tokens.iter().filter(|t| t.kind() == TokenKind::Comment) {
            let Some(text) = source.get(token.range().start().to_usize()..token.range().end().to_usize()) else {
                continue;
            };
            for scope in parse_comment(text) {
                lines.push((index.line_index(token.start()).get() as u32, scope));
            }
        }
        lines.sort_by_key(|(line, _)| *line);
        Self { lines }
    }

    /// Whether a comment on any line of `statement` suppresses `rule`.
    pub fn suppresses(&self, rule: &Rule, statement: TextRange, index: &LineIndex) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        let first = index.line_index(statement.start()).get() as u32;
        let last = index.line_index(statement.end()).get() as u32;
        let start = self.lines.partition_point(|(line, _)| *line < first);
        self.lines[start..].iter().take_while(|(line, _)| *line <= last).any(|(_, scope)| covers(scope, rule))
    }
}

fn covers(scope: &Scope, rule: &Rule) -> bool {
    match scope {
        Scope::All => true,
        Scope::Codes(codes) => codes.iter().any(|code| names(code, rule)),
    }
}

fn names(code: &str, rule: &Rule) -> bool {
    let meta = &rule.meta;
    code.eq_ignore_ascii_case(meta.id)
        || code.eq_ignore_ascii_case(meta.name)
        || meta.aliases.iter().any(|alias| code.eq_ignore_ascii_case(alias))
}

/// The directives in one comment (a comment may hold several:
/// `# noqa: S301  # nosec`).
fn parse_comment(comment: &str) -> Vec<Scope> {
    let mut scopes = Vec::new();
    for part in comment.split('#').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(scope) = parse_directive(part) {
            scopes.push(scope);
        }
    }
    scopes
}

fn parse_directive(text: &str) -> Option<Scope> {
    if let Some(rest) = strip_prefix_ignoring_case(text, "pyward:") {
        let after = strip_prefix_ignoring_case(rest.trim_start(), "ignore")?;
        return Some(match after.trim_start().strip_prefix('[') {
            Some(list) => Scope::Codes(codes(list.split(']').next().unwrap_or(""))),
            None if after.trim().is_empty() => Scope::All,
            None => return None,
        });
    }
    for keyword in ["nosec", "noqa"] {
        if let Some(after) = strip_prefix_ignoring_case(text, keyword) {
            let list = after.trim_start().strip_prefix(':').unwrap_or(after);
            // The codes are those leading the text (`# noqa: E501 ; pylint: ...` names E501 only);
            // `# nosec` or `# noqa` followed by prose is still a bare directive.
            let mut leading: Vec<String> = codes(list).into_iter().take_while(|c| looks_like_code(c)).collect();
            if keyword == "nosec" {
                // As Bandit does: codes naming no check are dropped, and a `# nosec`
                // left with none (`# nosec: md5`) suppresses everything on the line.
                leading.retain(|code| crate::rules::ALL.iter().any(|rule| names(code, rule)));
            }
            return Some(if leading.is_empty() { Scope::All } else { Scope::Codes(leading) });
        }
    }
    None
}

/// `text` after `prefix` (ASCII, any case); every comment is looked at, so nothing is allocated.
fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn codes(list: &str) -> Vec<String> {
    list.split([',', ' ', '\t']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
}

fn looks_like_code(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && text.chars().any(|c| c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(comment: &str) -> Vec<Scope> {
        parse_comment(comment)
    }

    #[test]
    fn recognises_all_three_syntaxes() {
        assert_eq!(codes_of("# pyward: ignore"), vec![Scope::All]);
        assert_eq!(
            codes_of("# pyward: ignore[PW201, pickle-load]"),
            vec![Scope::Codes(vec!["PW201".into(), "pickle-load".into()])]
        );
        assert_eq!(codes_of("# nosec"), vec![Scope::All]);
        assert_eq!(codes_of("# nosec B301"), vec![Scope::Codes(vec!["B301".into()])]);
        assert_eq!(codes_of("# nosec: B301,B403"), vec![Scope::Codes(vec!["B301".into(), "B403".into()])]);
        assert_eq!(codes_of("# noqa: S301"), vec![Scope::Codes(vec!["S301".into()])]);
        assert_eq!(codes_of("# noqa"), vec![Scope::All]);
        assert_eq!(codes_of("# NOQA: S301"), vec![Scope::Codes(vec!["S301".into()])]);
        assert_eq!(codes_of("# PyWard: IGNORE[PW201]"), vec![Scope::Codes(vec!["PW201".into()])]);
        assert_eq!(codes_of("# pyward: ignored because"), vec![]);
        assert_eq!(codes_of("# noqa: S301  # nosec").len(), 2);
        assert_eq!(
            codes_of("# type: ... # nosec B607 # noqa: E501 ; pylint: disable=line-too-long"),
            vec![Scope::Codes(vec!["B607".into()]), Scope::Codes(vec!["E501".into()])]
        );
        assert_eq!(codes_of("# nosec because the input is fixed"), vec![Scope::All]);
    }

    #[test]
    fn nosec_drops_codes_that_name_no_check_as_bandit_does() {
        assert_eq!(codes_of("# nosec: md5"), vec![Scope::All]);
        assert_eq!(codes_of("# nosec B999, B301"), vec![Scope::Codes(vec!["B301".into()])]);
        assert_eq!(codes_of("# noqa: X999"), vec![Scope::Codes(vec!["X999".into()])]);
    }

    #[test]
    fn ignores_ordinary_comments() {
        assert!(codes_of("# this is fine").is_empty());
        assert!(codes_of("# pyward is great").is_empty());
        assert!(codes_of("# pyward: ignored-words").is_empty());
    }
}
