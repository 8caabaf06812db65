//! Recognising Python 2 code from the places the Python 3 parser rejected.
//!
//! Only lines with syntax errors are examined, so valid Python 3 is never
//! mistaken for Python 2.

use ruff_python_parser::ParseError;
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

/// Whether the parse errors show Python 2 syntax: print and exec
/// statements, backticks, `<>`, `except E, e:`, `raise E, msg`, `0777`,
/// `ur''` and `10L`.
pub fn looks_like_python2(source: &str, errors: &[ParseError], index: &LineIndex) -> bool {
    errors.iter().take(50).any(|error| {
        let line = index.line_index(error.range().start());
        let range = index.line_range(line, source);
        source.get(range.start().to_usize()..range.end().to_usize()).is_some_and(is_python2_line)
    })
}

fn is_python2_line(line: &str) -> bool {
    let code = line.trim();
    let statement_keyword = |keyword: &str| {
        code.strip_prefix(keyword).is_some_and(|rest| {
            rest.starts_with([' ', '"', '\'']) && !rest.trim_start().starts_with(['(', '=', '.', ','])
                || rest.is_empty()
        })
    };
    if statement_keyword("print") || statement_keyword("exec") {
        return true;
    }
    if code.contains('`') || code.contains("<>") {
        return true;
    }
    if is_old_except(code) || is_old_raise(code) {
        return true;
    }
    has_old_literal(code)
}

/// `except ValueError, e:`
fn is_old_except(code: &str) -> bool {
    let Some(rest) = code.strip_prefix("except ") else { return false };
    let Some(clause) = rest.strip_suffix(':') else { return false };
    !clause.trim_start().starts_with('(') && clause.contains(',') && !clause.contains(" as ")
}

/// `raise ValueError, "message"`
fn is_old_raise(code: &str) -> bool {
    code.strip_prefix("raise ").is_some_and(|rest| {
        let head = rest.split(',').next().unwrap_or("");
        rest.contains(',') && !head.contains('(') && head.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    })
}

/// `0777`, `10L`, `ur"..."`.
fn has_old_literal(code: &str) -> bool {
    let bytes = code.as_bytes();
    for (index, window) in bytes.windows(2).enumerate() {
        let starts_token = index == 0 || !(bytes[index - 1].is_ascii_alphanumeric() || bytes[index - 1] == b'_');
        if !starts_token {
            continue;
        }
        if window[0] == b'0' && window[1].is_ascii_digit() {
            return true;
        }
        let prefix = window.eq_ignore_ascii_case(b"ur");
        if prefix && bytes.get(index + 2).is_some_and(|&q| q == b'"' || q == b'\'') {
            return true;
        }
        if window[0].is_ascii_digit() {
            let digits = bytes[index..].iter().take_while(|b| b.is_ascii_digit()).count();
            let suffix = bytes.get(index + digits);
            let after = bytes.get(index + digits + 1);
            if suffix.is_some_and(|&s| s == b'L' || s == b'l')
                && !after.is_some_and(|a| a.is_ascii_alphanumeric() || *a == b'_')
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_python2_line;

    #[test]
    fn python2_lines() {
        for line in [
            "print \"hello\"",
            "print value,",
            "print",
            "exec \"code\"",
            "x = `y`",
            "if a <> b:",
            "except ValueError, e:",
            "raise ValueError, \"bad\"",
            "os.chmod(p, 0777)",
            "n = 10L",
            "s = ur'x'",
        ] {
            assert!(is_python2_line(line), "{line}");
        }
    }

    #[test]
    fn python3_lines() {
        for line in [
            "print(\"hello\")",
            "print = log",
            "exec(code)",
            "except (ValueError, TypeError):",
            "except ValueError as e:",
            "raise ValueError(\"a, b\")",
            "x = 0",
            "n = 10",
            "os.chmod(p, 0o777)",
            "label = 'L'",
            "x = f(a1l)",
        ] {
            assert!(!is_python2_line(line), "{line}");
        }
    }
}
