//! The pickle opcode table of protocols 0 to 5 (as in CPython's
//! `pickletools`), kept as data: byte, name, argument encoding, protocol and
//! stack effect.

/// How an opcode's argument is encoded after the opcode byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    None,
    /// One unsigned byte.
    U1,
    /// Two bytes, little-endian unsigned.
    U2,
    /// Four bytes, little-endian signed.
    I4,
    /// Four bytes, little-endian unsigned.
    U4,
    /// Eight bytes, little-endian unsigned.
    U8,
    /// Eight bytes, big-endian IEEE double.
    F8,
    /// A line: a decimal integer (`INT`, `GET`, `PUT`), `00`/`01` for booleans.
    DecimalLine,
    /// A line: a decimal integer with an optional trailing `L`.
    LongLine,
    /// A line: a float in `repr` form.
    FloatLine,
    /// A line: a quoted Python 2 string literal with escapes.
    QuotedLine,
    /// A line in raw-unicode-escape encoding.
    UnicodeLine,
    /// A line taken as is (`PERSID`).
    RawLine,
    /// Two lines: module and qualified name.
    TwoLines,
    /// A length in one byte, then that many bytes.
    Counted1,
    /// A length in four bytes (signed for `BINSTRING`), then that many bytes.
    Counted4,
    /// A length in eight bytes, then that many bytes.
    Counted8,
    /// A length in one byte, then a little-endian two's complement integer.
    Long1,
    /// A length in four bytes, then a little-endian two's complement integer.
    Long4,
}

/// The opcodes the emulator distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[rustfmt::skip]
pub enum Op {
    Mark, Stop, Pop, PopMark, Dup, Float, Int, Long, None, PersId, Reduce, String, Unicode, Append, Build,
    Global, Dict, Get, Inst, List, Put, SetItem, Tuple,
    BinFloat, BinInt, BinInt1, BinInt2, BinPersId, BinString, ShortBinString, BinUnicode, Appends, BinGet,
    LongBinGet, EmptyList, Obj, BinPut, LongBinPut, SetItems, EmptyTuple, EmptyDict,
    Proto, NewObj, Ext1, Ext2, Ext4, Tuple1, Tuple2, Tuple3, NewTrue, NewFalse, Long1, Long4,
    BinBytes, ShortBinBytes,
    ShortBinUnicode, BinUnicode8, BinBytes8, EmptySet, AddItems, FrozenSet, NewObjEx, StackGlobal, Memoize, Frame,
    ByteArray8, NextBuffer, ReadonlyBuffer,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct OpInfo {
    pub code: u8,
    pub op: Op,
    pub name: &'static str,
    pub arg: Arg,
    pub protocol: u8,
    /// The stack effect as `pickletools` documents it, for the disassembly.
    pub effect: &'static str,
}

macro_rules! row {
    ($code:expr, $op:ident, $name:literal, $arg:ident, $proto:literal, $effect:literal) => {
        OpInfo { code: $code, op: Op::$op, name: $name, arg: Arg::$arg, protocol: $proto, effect: $effect }
    };
}

#[rustfmt::skip]
pub const OPCODES: &[OpInfo] = &[
    row!(b'(', Mark, "MARK", None, 0, "-> mark"),
    row!(b'.', Stop, "STOP", None, 0, "any ->"),
    row!(b'0', Pop, "POP", None, 0, "any ->"),
    row!(b'1', PopMark, "POP_MARK", None, 0, "mark any* ->"),
    row!(b'2', Dup, "DUP", None, 0, "any -> any any"),
    row!(b'F', Float, "FLOAT", FloatLine, 0, "-> float"),
    row!(b'I', Int, "INT", DecimalLine, 0, "-> int|bool"),
    row!(b'L', Long, "LONG", LongLine, 0, "-> int"),
    row!(b'N', None, "NONE", None, 0, "-> None"),
    row!(b'P', PersId, "PERSID", RawLine, 0, "-> any"),
    row!(b'R', Reduce, "REDUCE", None, 0, "callable tuple -> any"),
    row!(b'S', String, "STRING", QuotedLine, 0, "-> str|bytes"),
    row!(b'V', Unicode, "UNICODE", UnicodeLine, 0, "-> str"),
    row!(b'a', Append, "APPEND", None, 0, "list any -> list"),
    row!(b'b', Build, "BUILD", None, 0, "any state -> any"),
    row!(b'c', Global, "GLOBAL", TwoLines, 0, "-> global"),
    row!(b'd', Dict, "DICT", None, 0, "mark (key value)* -> dict"),
    row!(b'g', Get, "GET", DecimalLine, 0, "-> any"),
    row!(b'i', Inst, "INST", TwoLines, 0, "mark any* -> object"),
    row!(b'l', List, "LIST", None, 0, "mark any* -> list"),
    row!(b'p', Put, "PUT", DecimalLine, 0, "any -> any"),
    row!(b's', SetItem, "SETITEM", None, 0, "dict key value -> dict"),
    row!(b't', Tuple, "TUPLE", None, 0, "mark any* -> tuple"),
    row!(b'G', BinFloat, "BINFLOAT", F8, 1, "-> float"),
    row!(b'J', BinInt, "BININT", I4, 1, "-> int"),
    row!(b'K', BinInt1, "BININT1", U1, 1, "-> int"),
    row!(b'M', BinInt2, "BININT2", U2, 1, "-> int"),
    row!(b'Q', BinPersId, "BINPERSID", None, 1, "pid -> any"),
    row!(b'T', BinString, "BINSTRING", Counted4, 1, "-> str|bytes"),
    row!(b'U', ShortBinString, "SHORT_BINSTRING", Counted1, 1, "-> str|bytes"),
    row!(b'X', BinUnicode, "BINUNICODE", Counted4, 1, "-> str"),
    row!(b'e', Appends, "APPENDS", None, 1, "list mark any* -> list"),
    row!(b'h', BinGet, "BINGET", U1, 1, "-> any"),
    row!(b'j', LongBinGet, "LONG_BINGET", U4, 1, "-> any"),
    row!(b']', EmptyList, "EMPTY_LIST", None, 1, "-> list"),
    row!(b'o', Obj, "OBJ", None, 1, "mark class any* -> object"),
    row!(b'q', BinPut, "BINPUT", U1, 1, "any -> any"),
    row!(b'r', LongBinPut, "LONG_BINPUT", U4, 1, "any -> any"),
    row!(b'u', SetItems, "SETITEMS", None, 1, "dict mark (key value)* -> dict"),
    row!(b')', EmptyTuple, "EMPTY_TUPLE", None, 1, "-> tuple"),
    row!(b'}', EmptyDict, "EMPTY_DICT", None, 1, "-> dict"),
    row!(0x80, Proto, "PROTO", U1, 2, "->"),
    row!(0x81, NewObj, "NEWOBJ", None, 2, "class args -> object"),
    row!(0x82, Ext1, "EXT1", U1, 2, "-> global"),
    row!(0x83, Ext2, "EXT2", U2, 2, "-> global"),
    row!(0x84, Ext4, "EXT4", I4, 2, "-> global"),
    row!(0x85, Tuple1, "TUPLE1", None, 2, "any -> tuple"),
    row!(0x86, Tuple2, "TUPLE2", None, 2, "any any -> tuple"),
    row!(0x87, Tuple3, "TUPLE3", None, 2, "any any any -> tuple"),
    row!(0x88, NewTrue, "NEWTRUE", None, 2, "-> True"),
    row!(0x89, NewFalse, "NEWFALSE", None, 2, "-> False"),
    row!(0x8a, Long1, "LONG1", Long1, 2, "-> int"),
    row!(0x8b, Long4, "LONG4", Long4, 2, "-> int"),
    row!(b'B', BinBytes, "BINBYTES", Counted4, 3, "-> bytes"),
    row!(b'C', ShortBinBytes, "SHORT_BINBYTES", Counted1, 3, "-> bytes"),
    row!(0x8c, ShortBinUnicode, "SHORT_BINUNICODE", Counted1, 4, "-> str"),
    row!(0x8d, BinUnicode8, "BINUNICODE8", Counted8, 4, "-> str"),
    row!(0x8e, BinBytes8, "BINBYTES8", Counted8, 4, "-> bytes"),
    row!(0x8f, EmptySet, "EMPTY_SET", None, 4, "-> set"),
    row!(0x90, AddItems, "ADDITEMS", None, 4, "set mark any* -> set"),
    row!(0x91, FrozenSet, "FROZENSET", None, 4, "mark any* -> frozenset"),
    row!(0x92, NewObjEx, "NEWOBJ_EX", None, 4, "class args kwargs -> object"),
    row!(0x93, StackGlobal, "STACK_GLOBAL", None, 4, "module name -> global"),
    row!(0x94, Memoize, "MEMOIZE", None, 4, "any -> any"),
    row!(0x95, Frame, "FRAME", U8, 4, "->"),
    row!(0x96, ByteArray8, "BYTEARRAY8", Counted8, 5, "-> bytearray"),
    row!(0x97, NextBuffer, "NEXT_BUFFER", None, 5, "-> buffer"),
    row!(0x98, ReadonlyBuffer, "READONLY_BUFFER", None, 5, "buffer -> buffer"),
];

/// Byte-indexed lookup built from [`OPCODES`] at compile time.
static BY_CODE: [Option<&OpInfo>; 256] = {
    let mut table: [Option<&OpInfo>; 256] = [None; 256];
    let mut i = 0;
    while i < OPCODES.len() {
        table[OPCODES[i].code as usize] = Some(&OPCODES[i]);
        i += 1;
    }
    table
};

/// The opcode a byte stands for, if any.
pub fn lookup(code: u8) -> Option<&'static OpInfo> {
    BY_CODE[code as usize]
}

/// The highest protocol this table knows.
pub const HIGHEST_PROTOCOL: u8 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_complete() {
        let mut seen = std::collections::HashSet::new();
        for info in OPCODES {
            assert!(seen.insert(info.code), "duplicate code {:#x}", info.code);
            assert_eq!(lookup(info.code).map(|i| i.name), Some(info.name));
        }
        // pickletools lists 68 opcodes for protocols 0-5.
        assert_eq!(OPCODES.len(), 68);
        assert!(lookup(0x00).is_none());
        assert!(lookup(0x99).is_none());
    }
}
