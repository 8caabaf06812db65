//! The symbolic values the emulator keeps on its stack and in its memo. Only
//! what name resolution and nested scanning need is kept: strings and bytes
//! (up to a limit), tuples, globals and calls. Containers are kept as kinds.

use std::cell::RefCell;
use std::rc::Rc;

use crate::policy::Grade;

#[derive(Debug, Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    BigInt,
    Float,
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    /// A string or bytes object too large to keep.
    Opaque,
    Tuple(Rc<[Value]>),
    List,
    /// A dict with its first [`MAX_DICT_ITEMS`] items.
    Dict(Rc<RefCell<Vec<(Value, Value)>>>),
    Set,
    FrozenSet,
    ByteArray,
    Buffer,
    PersistentId,
    Global(Rc<Global>),
    /// What a call returned.
    Object(Rc<Call>),
}

#[derive(Debug)]
pub struct Global {
    pub module: String,
    pub name: String,
    pub grade: Grade,
}

impl Global {
    pub fn full_name(&self) -> String {
        if self.module.is_empty() { self.name.clone() } else { format!("{}.{}", self.module, self.name) }
    }
}

#[derive(Debug)]
pub struct Call {
    pub callable: Value,
    pub args: Value,
    /// What `BUILD` gave the object.
    pub state: RefCell<Option<Value>>,
}

/// Dict items kept for inspection (joblib array wrappers, dtype states).
pub const MAX_DICT_ITEMS: usize = 64;

impl Value {
    pub fn new_dict(items: Vec<(Value, Value)>) -> Self {
        Self::Dict(Rc::new(RefCell::new(items)))
    }

    /// The value stored under the string key `key`, for a kept dict.
    pub fn dict_get(&self, key: &str) -> Option<Value> {
        let Self::Dict(items) = self else { return None };
        let items = items.borrow();
        items.iter().find(|(k, _)| matches!(k, Value::Str(s) if &**s == key)).map(|(_, v)| v.clone())
    }

    /// The full name of the global this value is, or was built by calling.
    pub fn constructor(&self) -> Option<String> {
        match self {
            Self::Global(global) => Some(global.full_name()),
            Self::Object(call) => call.callable.constructor(),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::None => "None",
            Self::Bool(_) => "bool",
            Self::Int(_) | Self::BigInt => "int",
            Self::Float => "float",
            Self::Str(_) => "str",
            Self::Bytes(_) => "bytes",
            Self::Opaque => "large str/bytes",
            Self::Tuple(_) => "tuple",
            Self::List => "list",
            Self::Dict(_) => "dict",
            Self::Set => "set",
            Self::FrozenSet => "frozenset",
            Self::ByteArray => "bytearray",
            Self::Buffer => "buffer",
            Self::PersistentId => "persistent object",
            Self::Global(_) => "global",
            Self::Object(_) => "object",
        }
    }

    /// The bytes an unpickler would receive if this value were handed to
    /// `pickle.loads`: bytes, a str (latin-1), `_codecs.encode(str, ...)`, or
    /// such a value wrapped in a call like `io.BytesIO(...)`.
    pub fn payload(&self, depth: usize) -> Option<Vec<u8>> {
        match self {
            Self::Bytes(bytes) => Some(bytes.to_vec()),
            Self::Str(text) => Some(latin1(text)),
            Self::Tuple(items) if depth > 0 => items.iter().find_map(|item| item.payload(depth - 1)),
            Self::Object(call) if depth > 0 => call.args.payload(depth - 1),
            _ => None,
        }
    }

    /// A short description for the disassembly.
    pub fn describe(&self) -> String {
        match self {
            Self::Str(text) => format!("{:?}", truncate(text, 40)),
            Self::Bytes(bytes) => format!("bytes[{}]", bytes.len()),
            Self::Int(value) => value.to_string(),
            Self::Bool(value) => if *value { "True" } else { "False" }.to_string(),
            Self::Global(global) => global.full_name(),
            Self::Object(call) => format!("{}(...)", call.callable.describe()),
            Self::Tuple(items) => format!("tuple[{}]", items.len()),
            other => other.kind().to_string(),
        }
    }
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((index, _)) => &text[..index],
        None => text,
    }
}

/// Python's `str.encode('latin-1')`; characters above U+00FF (which would
/// make that call fail) become `?`.
pub fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()
}

/// Bytes decoded as latin-1, as CPython does for `STRING` operands when the
/// caller asked for `encoding="latin1"`; ASCII decoding gives the same text
/// for the names that matter.
pub fn latin1_text(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}
