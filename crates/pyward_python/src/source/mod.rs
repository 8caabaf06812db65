//! Turning a file's bytes into text the way CPython does: a BOM or a
//! PEP 263 coding cookie chooses the encoding, UTF-8 otherwise.

mod cookie;

use encoding_rs::Encoding;
use std::borrow::Cow;

pub use cookie::find_cookie;

/// Why a file's bytes could not become source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    NulByte { line: u32 },
    UnknownEncoding { name: String, line: u32 },
    Undecodable { encoding: String, line: u32 },
    Utf16Bom,
}

impl DecodeError {
    pub fn line(&self) -> Option<u32> {
        match self {
            Self::NulByte { line } | Self::UnknownEncoding { line, .. } | Self::Undecodable { line, .. } => Some(*line),
            Self::Utf16Bom => Some(1),
        }
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NulByte { .. } => {
                f.write_str("source contains a NUL byte: this looks like a binary file, not Python")
            }
            Self::UnknownEncoding { name, .. } => write!(f, "unknown encoding {name:?} in the coding cookie"),
            Self::Undecodable { encoding, .. } => {
                write!(f, "bytes that are not valid {encoding}; fix the file or declare its encoding (PEP 263)")
            }
            Self::Utf16Bom => f.write_str("UTF-16 byte order mark: Python source must be UTF-8 or declare an encoding"),
        }
    }
}

/// Decodes Python source bytes.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some(position) = memchr::memchr(0, bytes) {
        return Err(DecodeError::NulByte { line: line_of(bytes, position) });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest);
    }
    match find_cookie(bytes) {
        Some(cookie) => decode_with(bytes, &cookie.name, cookie.line),
        None => decode_utf8(bytes),
    }
}

fn decode_with<'b>(bytes: &'b [u8], name: &str, cookie_line: u32) -> Result<Cow<'b, str>, DecodeError> {
    let normalised = name.to_ascii_lowercase().replace('_', "-");
    match normalised.as_str() {
        "utf-8" | "utf8" | "utf-8-sig" | "u8" | "ascii" | "us-ascii" => decode_utf8(bytes),
        // WHATWG treats "latin-1" as windows-1252; Python means ISO-8859-1.
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "iso-latin-1" => {
            Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()))
        }
        _ => {
            let label = python_alias(&normalised);
            let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
                return Err(DecodeError::UnknownEncoding { name: name.to_string(), line: cookie_line });
            };
            match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => Ok(Cow::Owned(text.into_owned())),
                None => Err(DecodeError::Undecodable {
                    encoding: encoding.name().to_string(),
                    line: first_bad_line(bytes, encoding),
                }),
            }
        }
    }
}

/// Python codec names that WHATWG spells differently.
fn python_alias(name: &str) -> String {
    if let Some(number) = name.strip_prefix("cp").filter(|n| n.chars().all(|c| c.is_ascii_digit())) {
        return format!("windows-{number}");
    }
    match name {
        "euc-jp" | "eucjp" | "ujis" => "euc-jp".into(),
        "shift-jis" | "sjis" | "s-jis" => "shift_jis".into(),
        "gb2312" | "gbk" => "gbk".into(),
        "big5" | "big5-tw" => "big5".into(),
        other => other.to_string(),
    }
}

fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => {
            Err(DecodeError::Undecodable { encoding: "UTF-8".into(), line: line_of(bytes, error.valid_up_to()) })
        }
    }
}

fn first_bad_line(bytes: &[u8], encoding: &'static Encoding) -> u32 {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut scratch = vec![0u8; bytes.len().saturating_mul(3).saturating_add(16)];
    let (result, read, _) = decoder.decode_to_utf8_without_replacement(bytes, &mut scratch, true);
    match result {
        encoding_rs::DecoderResult::Malformed(..) => line_of(bytes, read.saturating_sub(1)),
        _ => 1,
    }
}

fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let end = offset.min(bytes.len());
    u32::try_from(memchr::memchr_iter(b'\n', &bytes[..end]).count() + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"x = 'h\xC3\xA9'\n").unwrap(), "x = 'hé'\n");
        assert_eq!(decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
    }

    #[test]
    fn latin1_cookie_is_iso_8859_1() {
        let text = decode(b"# -*- coding: latin-1 -*-\nx = '\xE9\x80'\n").unwrap();
        assert!(text.contains("'é\u{80}'"));
    }

    #[test]
    fn cp1252_cookie() {
        let text = decode(b"# vim: set fileencoding=cp1252 :\nx = '\x80'\n").unwrap();
        assert!(text.contains('€'));
    }

    #[test]
    fn bad_utf8_names_its_line() {
        let error = decode(b"a = 1\nb = '\xFF'\n").unwrap_err();
        assert_eq!(error, DecodeError::Undecodable { encoding: "UTF-8".into(), line: 2 });
    }

    #[test]
    fn binary_and_unknown_encoding() {
        assert_eq!(decode(b"\x7fELF\x02\x01\x00").unwrap_err(), DecodeError::NulByte { line: 1 });
        let error = decode(b"# coding: klingon\n").unwrap_err();
        assert!(matches!(error, DecodeError::UnknownEncoding { line: 1, .. }));
    }
}
