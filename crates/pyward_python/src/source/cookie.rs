//! PEP 263: `coding[:=]\s*([-\w.]+)` in a comment on line 1 or 2.

pub struct Cookie {
    pub name: String,
    pub line: u32,
}

pub fn find_cookie(bytes: &[u8]) -> Option<Cookie> {
    let mut lines = bytes.split(|&b| b == b'\n');
    for line_number in 1..=2u32 {
        let line = lines.next()?;
        let text = String::from_utf8_lossy(line);
        let trimmed = text.trim_start();
        if !trimmed.starts_with('#') {
            // A second line only counts when the first is a comment or blank.
            if trimmed.is_empty() {
                continue;
            }
            return None;
        }
        if let Some(name) = cookie_in_comment(trimmed) {
            return Some(Cookie { name, line: line_number });
        }
    }
    None
}

fn cookie_in_comment(comment: &str) -> Option<String> {
    let mut search = comment;
    while let Some(index) = search.find("coding") {
        let after = &search[index + "coding".len()..];
        if let Some(rest) = after.strip_prefix([':', '=']) {
            let name: String =
                rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
        search = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_cookie;

    #[test]
    fn finds_emacs_and_vim_styles() {
        assert_eq!(find_cookie(b"#!/usr/bin/python\n# -*- coding: utf-8 -*-\n").unwrap().name, "utf-8");
        assert_eq!(find_cookie(b"# vim:fileencoding=latin-1\n").unwrap().name, "latin-1");
        assert!(find_cookie(b"import os\n# coding: latin-1\n").is_none());
        assert!(find_cookie(b"\n\n# coding: latin-1\n").is_none());
    }
}
