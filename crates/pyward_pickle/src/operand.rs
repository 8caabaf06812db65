//! Reading and validating an opcode's argument, as CPython's C unpickler
//! does. Shared by the emulator, the disassembler and the content sniffer.

use std::io::Read;
use std::rc::Rc;

use crate::escapes;
use crate::input::{Input, ReadError};
use crate::opcodes::{Arg, Op, OpInfo};
use crate::value::latin1_text;

/// Size limits for the values kept from operands.
#[derive(Debug, Clone, Copy)]
pub struct KeepLimits {
    /// Longest text line (`GLOBAL`, `STRING`, `INT`...).
    pub max_line: usize,
    /// Strings and bytes up to this size are kept.
    pub max_kept: usize,
    /// Larger bytes that start like a pickle are kept up to this size, for
    /// nested scanning.
    pub max_payload: usize,
}

#[derive(Debug, Clone)]
pub enum Operand {
    None,
    Int(i64),
    BigInt,
    Float(f64),
    Text(Rc<str>),
    Bytes(Rc<[u8]>),
    /// A string or bytes operand of this length, skipped.
    Skipped(u64),
    Pair(Rc<str>, Rc<str>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperandError {
    Read(ReadError),
    Invalid(String),
}

impl From<ReadError> for OperandError {
    fn from(error: ReadError) -> Self {
        Self::Read(error)
    }
}

impl std::fmt::Display for OperandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Read(error) => error.fmt(f),
            Self::Invalid(message) => f.write_str(message),
        }
    }
}

fn invalid(info: &OpInfo, problem: &str) -> OperandError {
    OperandError::Invalid(format!("{}: {problem}", info.name))
}

/// Reads the argument of `info` from `input`.
pub fn read<R: Read>(input: &mut Input<R>, info: &OpInfo, keep: &KeepLimits) -> Result<Operand, OperandError> {
    Ok(match info.arg {
        Arg::None => Operand::None,
        Arg::U1 => Operand::Int(i64::from(input.byte()?)),
        Arg::U2 => Operand::Int(i64::from(u16::from_le_bytes(input.array()?))),
        Arg::I4 => Operand::Int(i64::from(i32::from_le_bytes(input.array()?))),
        Arg::U4 => Operand::Int(i64::from(u32::from_le_bytes(input.array()?))),
        Arg::U8 => {
            let value = u64::from_le_bytes(input.array()?);
            Operand::Int(i64::try_from(value).map_err(|_| invalid(info, "length exceeds the maximum size"))?)
        }
        Arg::F8 => Operand::Float(f64::from_be_bytes(input.array()?)),
        Arg::DecimalLine => decimal_line(input.line(keep.max_line)?, info)?,
        Arg::LongLine => {
            let line = input.line(keep.max_line)?;
            integer(line.strip_suffix(b"L").unwrap_or(line), info)?
        }
        Arg::FloatLine => {
            let text = std::str::from_utf8(input.line(keep.max_line)?).map_err(|_| invalid(info, "not text"))?;
            Operand::Float(text.trim().parse().map_err(|_| invalid(info, "not a float"))?)
        }
        Arg::QuotedLine => {
            let body = escapes::quoted_string(input.line(keep.max_line)?)
                .ok_or_else(|| invalid(info, "the argument must be quoted"))?;
            Operand::Text(latin1_text(&body).into())
        }
        Arg::UnicodeLine => Operand::Text(escapes::raw_unicode_escape(input.line(keep.max_line)?).into()),
        Arg::RawLine => Operand::Text(latin1_text(input.line(keep.max_line)?).into()),
        Arg::TwoLines => {
            let module = utf8_line(input.line(keep.max_line)?, info)?;
            let name = utf8_line(input.line(keep.max_line)?, info)?;
            Operand::Pair(module, name)
        }
        Arg::Counted1 => {
            let len = u64::from(input.byte()?);
            counted(input, info, len, keep)?
        }
        Arg::Counted4 => {
            let raw = input.array::<4>()?;
            let len = if info.op == Op::BinString {
                u64::try_from(i32::from_le_bytes(raw)).map_err(|_| invalid(info, "negative byte count"))?
            } else {
                u64::from(u32::from_le_bytes(raw))
            };
            counted(input, info, len, keep)?
        }
        Arg::Counted8 => {
            let len = u64::from_le_bytes(input.array()?);
            if i64::try_from(len).is_err() {
                return Err(invalid(info, "length exceeds the maximum size"));
            }
            counted(input, info, len, keep)?
        }
        Arg::Long1 => {
            let len = u64::from(input.byte()?);
            little_endian_int(input, len)?
        }
        Arg::Long4 => {
            let len = i32::from_le_bytes(input.array()?);
            let len = u64::try_from(len).map_err(|_| invalid(info, "negative byte count"))?;
            little_endian_int(input, len)?
        }
    })
}

fn utf8_line(line: &[u8], info: &OpInfo) -> Result<Rc<str>, OperandError> {
    let text = std::str::from_utf8(line).map_err(|_| invalid(info, "name is not UTF-8"))?;
    Ok(text.into())
}

fn decimal_line(line: &[u8], info: &OpInfo) -> Result<Operand, OperandError> {
    match line {
        b"00" if info.op == Op::Int => Ok(Operand::Int(0)),
        b"01" if info.op == Op::Int => Ok(Operand::Int(1)),
        _ => integer(line, info),
    }
}

fn integer(line: &[u8], info: &OpInfo) -> Result<Operand, OperandError> {
    let text = std::str::from_utf8(line).map_err(|_| invalid(info, "not a number"))?.trim();
    if let Ok(value) = text.parse::<i64>() {
        return Ok(Operand::Int(value));
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Operand::BigInt)
    } else {
        Err(invalid(info, "not a number"))
    }
}

fn little_endian_int<R: Read>(input: &mut Input<R>, len: u64) -> Result<Operand, OperandError> {
    if len > 8 {
        input.skip(len)?;
        return Ok(Operand::BigInt);
    }
    let bytes = input.take(len as usize)?;
    let mut value: i64 = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        value |= i64::from(byte) << (8 * i);
    }
    if let Some(&last) = bytes.last()
        && len < 8
        && last & 0x80 != 0
    {
        value -= 1i64 << (8 * len);
    }
    Ok(Operand::Int(value))
}

fn counted<R: Read>(input: &mut Input<R>, info: &OpInfo, len: u64, keep: &KeepLimits) -> Result<Operand, OperandError> {
    let keep_it = len <= keep.max_kept as u64
        || (len <= keep.max_payload as u64 && crate::sniff::pickle_start(input.peek(SNIFF_LEN)?));
    // Check the length against what exists before buffering or skipping it.
    if input.known_shortfall(len) {
        return Err(OperandError::Read(ReadError::Truncated));
    }
    if !keep_it {
        input.skip(len)?;
        return Ok(Operand::Skipped(len));
    }
    let bytes = input.take(len as usize)?;
    Ok(match info.op {
        Op::BinUnicode | Op::ShortBinUnicode | Op::BinUnicode8 => {
            Operand::Text(String::from_utf8_lossy(bytes).into_owned().into())
        }
        Op::BinString | Op::ShortBinString => Operand::Text(latin1_text(bytes).into()),
        _ => Operand::Bytes(bytes.into()),
    })
}

/// How many bytes the sniffer looks at.
pub const SNIFF_LEN: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opcodes::lookup;

    const KEEP: KeepLimits = KeepLimits { max_line: 100, max_kept: 16, max_payload: 1024 };

    fn read_one(data: &[u8]) -> Result<Operand, OperandError> {
        let mut input = Input::from_slice(&data[1..]);
        read(&mut input, lookup(data[0]).unwrap(), &KEEP)
    }

    #[test]
    fn integers() {
        assert!(matches!(read_one(b"\x8a\x02\xff\x7f"), Ok(Operand::Int(0x7fff))));
        assert!(matches!(read_one(b"\x8a\x01\xff"), Ok(Operand::Int(-1))));
        assert!(matches!(read_one(b"I123\n"), Ok(Operand::Int(123))));
        assert!(matches!(read_one(b"L99999999999999999999999L\n"), Ok(Operand::BigInt)));
        assert!(read_one(b"Iabc\n").is_err());
        assert!(read_one(b"\x8b\xff\xff\xff\xff").is_err());
    }

    #[test]
    fn strings_kept_or_skipped() {
        assert!(matches!(read_one(b"\x8c\x02os"), Ok(Operand::Text(t)) if &*t == "os"));
        let mut long = vec![b'C', 40];
        long.extend_from_slice(&[b'z'; 40]);
        assert!(matches!(read_one(&long), Ok(Operand::Skipped(40))));
        assert!(matches!(read_one(b"C\x05ab"), Err(OperandError::Read(ReadError::Truncated))));
        assert!(matches!(read_one(b"Sno quotes\n"), Err(OperandError::Invalid(_))));
    }
}
