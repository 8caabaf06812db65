//! Decoding of the text operands of protocol 0: `STRING` (a quoted Python
//! literal with backslash escapes) and `UNICODE` (raw-unicode-escape).

/// The body of a `STRING` line: strips the matching outer quotes (required,
/// as CPython requires them) and decodes the escapes.
pub fn quoted_string(line: &[u8]) -> Option<Vec<u8>> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let (&first, rest) = line.split_first()?;
    let (&last, body) = rest.split_last()?;
    if first != last || (first != b'\'' && first != b'"') {
        return None;
    }
    Some(backslash_escapes(body))
}

/// Python's `codecs.escape_decode`: unknown escapes are kept as written.
pub fn backslash_escapes(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let byte = body[i];
        i += 1;
        if byte != b'\\' || i >= body.len() {
            out.push(byte);
            continue;
        }
        let escape = body[i];
        i += 1;
        match escape {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(escape),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'0'..=b'7' => {
                let mut value = u32::from(escape - b'0');
                for _ in 0..2 {
                    match body.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            b'x' => match body.get(i..i + 2).and_then(hex_value) {
                Some(value) => {
                    out.push(value as u8);
                    i += 2;
                }
                None => out.extend_from_slice(b"\\x"),
            },
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    out
}

/// `raw-unicode-escape`: `\uXXXX` and `\UXXXXXXXX` escapes, every other byte
/// is a latin-1 character.
pub fn raw_unicode_escape(line: &[u8]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        let byte = line[i];
        let width = match (byte, line.get(i + 1)) {
            (b'\\', Some(b'u')) => 4,
            (b'\\', Some(b'U')) => 8,
            _ => 0,
        };
        let decoded =
            (width > 0).then(|| line.get(i + 2..i + 2 + width).and_then(hex_value)).flatten().and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                i += 2 + width;
            }
            None => {
                out.push(char::from(byte));
                i += 1;
            }
        }
    }
    out
}

fn hex_value(digits: &[u8]) -> Option<u32> {
    std::str::from_utf8(digits).ok().and_then(|text| u32::from_str_radix(text, 16).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings() {
        assert_eq!(quoted_string(b"'o\\x73'").unwrap(), b"os");
        assert_eq!(quoted_string(b"\"sy\\163tem\"").unwrap(), b"system");
        assert_eq!(quoted_string(b"'a\\qb'").unwrap(), b"a\\qb");
        assert!(quoted_string(b"'unbalanced\"").is_none());
        assert!(quoted_string(b"'").is_none());
    }

    #[test]
    fn raw_unicode() {
        assert_eq!(raw_unicode_escape(b"\\u0073ystem"), "system");
        assert_eq!(raw_unicode_escape(b"\\U0001F600!"), "\u{1F600}!");
        assert_eq!(raw_unicode_escape(b"\\u00"), "\\u00");
        assert_eq!(raw_unicode_escape(b"caf\xe9"), "caf\u{e9}");
    }
}
