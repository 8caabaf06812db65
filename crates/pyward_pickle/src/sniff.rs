//! Recognising formats by content, never by file name.

use crate::input::{Input, ReadError};
use crate::opcodes::{Op, lookup};
use crate::operand::{self, KeepLimits, Operand, OperandError};

/// The formats pyward reads, as recognised from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Magic {
    Zip,
    SevenZip,
    Gzip,
    Bzip2,
    Xz,
    Lzma,
    Zlib,
    Npy,
    Tar,
    Pickle,
}

/// What the first bytes of a file or member look like.
pub fn magic(head: &[u8]) -> Option<Magic> {
    const TABLE: &[(&[u8], Magic)] = &[
        (b"PK\x03\x04", Magic::Zip),
        (b"PK\x05\x06", Magic::Zip),
        (b"7z\xbc\xaf\x27\x1c", Magic::SevenZip),
        (b"\x1f\x8b", Magic::Gzip),
        (b"BZh", Magic::Bzip2),
        (b"\xfd7zXZ\x00", Magic::Xz),
        (b"\x93NUMPY", Magic::Npy),
    ];
    if let Some((_, magic)) = TABLE.iter().find(|(prefix, _)| head.starts_with(prefix)) {
        return Some(*magic);
    }
    if head.get(257..262) == Some(b"ustar") {
        return Some(Magic::Tar);
    }
    if pickle_start(head) {
        return Some(Magic::Pickle);
    }
    if is_zlib(head) {
        return Some(Magic::Zlib);
    }
    if is_lzma_alone(head) {
        return Some(Magic::Lzma);
    }
    None
}

/// A zlib header: deflate method, 32K window at most, header checksum.
fn is_zlib(head: &[u8]) -> bool {
    match head {
        [cmf, flg, ..] => cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// The legacy `.lzma` header joblib writes: properties byte 0x5d, a power of
/// two dictionary size, then an unknown (all ones) or plausible size.
fn is_lzma_alone(head: &[u8]) -> bool {
    let Some(header) = head.get(..13) else { return false };
    let dictionary = u32::from_le_bytes([header[1], header[2], header[3], header[4]]);
    header[0] == 0x5d && dictionary.is_power_of_two() && dictionary >= 1 << 12
}

/// Whether `prefix` starts like a pickle: a `PROTO` opcode, or a run of
/// valid protocol 0/1 opcodes with well-formed arguments.
pub fn pickle_start(prefix: &[u8]) -> bool {
    match prefix {
        [0x80, version, ..] => *version <= crate::opcodes::HIGHEST_PROTOCOL,
        _ => plausible_opcodes(prefix),
    }
}

/// Stricter than [`pickle_start`], for data after a complete pickle: a
/// protocol header must be followed by plausible opcodes too, so raw
/// tensor bytes after a legacy PyTorch file are not taken for a pickle.
pub fn another_pickle(prefix: &[u8]) -> bool {
    match prefix {
        [0x80, version, rest @ ..] => {
            *version <= crate::opcodes::HIGHEST_PROTOCOL && (rest.first() == Some(&0x95) || plausible_opcodes(rest))
        }
        _ => plausible_opcodes(prefix),
    }
}

fn plausible_opcodes(prefix: &[u8]) -> bool {
    const KEEP: KeepLimits = KeepLimits { max_line: 256, max_kept: 0, max_payload: 0 };
    let mut input = Input::from_slice(prefix);
    let mut count = 0;
    let mut named_global = false;
    loop {
        let Ok(code) = input.byte() else { return count >= 3 || named_global };
        let Some(info) = lookup(code) else { return false };
        match operand::read(&mut input, info, &KEEP) {
            Ok(Operand::Pair(module, name)) if !is_dotted_name(&module) || !is_dotted_name(&name) => return false,
            Ok(_) => {}
            Err(OperandError::Read(ReadError::Truncated)) => return count >= 3 || named_global,
            Err(_) => return false,
        }
        count += 1;
        match info.op {
            Op::Stop => return count >= 2,
            Op::Global | Op::Inst | Op::StackGlobal => named_global = true,
            Op::Reduce if named_global => return true,
            _ => {}
        }
        if count >= 8 {
            return true;
        }
    }
}

fn is_dotted_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pickles() {
        assert!(pickle_start(b"\x80\x04\x95"));
        assert!(pickle_start(b"cos\nsystem\n(S'ls'\ntR."));
        assert!(pickle_start(b"(lp0\nI1\naI2\na."));
        assert!(pickle_start(b"N."));
        assert!(pickle_start(b"cos\nsystem\n"));
        assert!(!pickle_start(b"cat\ndog\nfish\n"));
        assert!(!pickle_start(b"cnot a name\nx\n"));
        assert!(!pickle_start(b"\x80\x09"));
        assert!(!pickle_start(b"Some text\nwith lines\n"));
        assert!(!pickle_start(b"(a, b)\n"));
        assert!(!pickle_start(b"."));
        assert!(!pickle_start(&[0u8; 64]));
    }

    #[test]
    fn recognises_containers() {
        assert_eq!(magic(b"PK\x03\x04rest"), Some(Magic::Zip));
        assert_eq!(magic(b"\x93NUMPY\x01\x00"), Some(Magic::Npy));
        assert_eq!(magic(b"x\x9c\x01\x02"), Some(Magic::Zlib));
        assert_eq!(magic(b"plain text file"), None);
    }
}
