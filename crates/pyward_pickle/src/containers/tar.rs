//! Tar headers (ustar and old-style), read without touching member data.

use std::io::{Read, Seek, SeekFrom};

const BLOCK: u64 = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub size: u64,
    pub data_offset: u64,
}

/// The regular files of a tar archive of `len` bytes.
pub fn list<R: Read + Seek>(reader: &mut R, len: u64, max_members: usize) -> std::io::Result<Vec<Member>> {
    let mut members = Vec::new();
    let mut offset = 0u64;
    let mut header = [0u8; BLOCK as usize];
    while offset.saturating_add(BLOCK) <= len && members.len() < max_members {
        reader.seek(SeekFrom::Start(offset))?;
        reader.read_exact(&mut header)?;
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let Some(size) = parse_size(&header[124..136]) else { break };
        let data_offset = offset + BLOCK;
        if matches!(header[156], b'0' | 0 | b'7') {
            members.push(Member { name: member_name(&header), size, data_offset });
        }
        offset = data_offset.saturating_add(size.div_ceil(BLOCK).saturating_mul(BLOCK));
    }
    Ok(members)
}

fn member_name(header: &[u8]) -> String {
    let field = |range: std::ops::Range<usize>| {
        let bytes = &header[range];
        let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
        String::from_utf8_lossy(&bytes[..end]).into_owned()
    };
    let name = field(0..100);
    let prefix = if &header[257..262] == b"ustar" { field(345..500) } else { String::new() };
    if prefix.is_empty() { name } else { format!("{prefix}/{name}") }
}

/// Octal digits, or GNU's base-256 form when the high bit is set.
fn parse_size(field: &[u8]) -> Option<u64> {
    if field.first().is_some_and(|b| b & 0x80 != 0) {
        return field[1..].iter().try_fold(0u64, |acc, &b| acc.checked_mul(256)?.checked_add(u64::from(b)));
    }
    let text = std::str::from_utf8(field).ok()?.trim_matches(|c: char| c == '\0' || c == ' ');
    if text.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(text, 8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size(b"00000000012\0"), Some(10));
        assert_eq!(parse_size(b"\x80\0\0\0\0\0\0\0\0\0\x01\x00"), Some(256));
        assert_eq!(parse_size(b"zz"), None);
    }
}
