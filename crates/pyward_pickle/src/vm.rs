//! The unpickling machine, emulated without executing anything: the stack,
//! the mark stack and the memo hold symbolic values, so every global is
//! resolved from whatever produced its name, and every call is seen.
//!
//! Semantics follow CPython's C unpickler (`Modules/_pickle.c`): the stack
//! "fence" at the last mark, memo rules, `FRAME` handling, error cases.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::rc::{Rc, Weak};

use pyward_report::Severity;

use crate::finding::Finding;
use crate::input::Input;
use crate::opcodes::{Op, OpInfo, lookup};
use crate::operand::{self, KeepLimits, Operand, OperandError};
use crate::policy::{Grade, Policy};
use crate::rules::Rule;
use crate::value::{Call, Global, MAX_DICT_ITEMS, Value};

/// Bounds on one pickle stream.
#[derive(Debug, Clone, Copy)]
pub struct StreamLimits {
    pub max_opcodes: u64,
    pub max_stack: usize,
    pub max_memo: usize,
    pub keep: KeepLimits,
}

/// How a stream ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `STOP` was reached.
    Complete,
    /// The stream broke; the message says how.
    Malformed(String),
    /// A limit stopped the scan.
    Limit(String),
}

/// Bytes handed to a nested unpickler, to be scanned in turn.
#[derive(Debug, Clone)]
pub struct NestedPayload {
    pub offset: u64,
    pub loader: String,
    pub bytes: Vec<u8>,
}

/// The result of emulating one pickle stream.
#[derive(Debug, Clone)]
pub struct StreamScan {
    /// Offset just after `STOP`, or where the scan stopped.
    pub end: u64,
    pub opcodes: u64,
    pub outcome: Outcome,
    pub findings: Vec<Finding>,
    pub nested: Vec<NestedPayload>,
}

/// One executed opcode, for the disassembler.
pub struct Step<'a> {
    pub offset: u64,
    pub info: &'static OpInfo,
    pub operand: &'a Operand,
    pub stack_depth: usize,
    pub note: Option<String>,
}

/// Watches the machine step by step. Scanning uses [`Silent`], which the
/// compiler removes entirely.
pub trait Observer {
    const ACTIVE: bool;
    fn step(&mut self, step: &Step<'_>);
}

pub struct Silent;

impl Observer for Silent {
    const ACTIVE: bool = false;
    fn step(&mut self, _: &Step<'_>) {}
}

enum Halt {
    Stop,
    Malformed(String),
    Limit(String),
}

impl From<OperandError> for Halt {
    fn from(error: OperandError) -> Self {
        Halt::Malformed(error.to_string())
    }
}

impl From<crate::input::ReadError> for Halt {
    fn from(error: crate::input::ReadError) -> Self {
        Halt::Malformed(error.to_string())
    }
}

fn underflow() -> Halt {
    Halt::Malformed("unpickling stack underflow".to_string())
}

/// The memo: dense indices in a vector, anything else in a map.
#[derive(Default)]
struct Memo {
    dense: Vec<Option<Value>>,
    sparse: HashMap<u64, Value>,
    len: usize,
}

impl Memo {
    const DENSE_SLACK: u64 = 1 << 16;

    fn get(&self, key: u64) -> Option<&Value> {
        match usize::try_from(key).ok().and_then(|k| self.dense.get(k)) {
            Some(slot) => slot.as_ref(),
            None => self.sparse.get(&key),
        }
    }

    fn put(&mut self, key: u64, value: Value) {
        let dense_len = self.dense.len() as u64;
        let previous = if key < dense_len {
            self.dense[key as usize].replace(value)
        } else if key < dense_len + Self::DENSE_SLACK && self.sparse.is_empty() {
            self.dense.resize(key as usize + 1, None);
            self.dense[key as usize].replace(value)
        } else {
            self.sparse.insert(key, value)
        };
        if previous.is_none() {
            self.len += 1;
        }
    }
}

pub struct Machine<'a, O: Observer> {
    policy: &'a Policy,
    limits: StreamLimits,
    observer: O,
    stack: Vec<Value>,
    marks: Vec<usize>,
    memo: Memo,
    protocol: u8,
    opcodes: u64,
    findings: Vec<Finding>,
    reported: HashSet<(Rule, String)>,
    grades: HashMap<(Rc<str>, Rc<str>), Rc<Global>>,
    nested: Vec<NestedPayload>,
    note: Option<String>,
    cells: Cells,
}

type DictCell = RefCell<Vec<(Value, Value)>>;

/// Every mutable value the stream created (dicts, objects with a state).
/// A stream can make them refer to themselves (`d[k] = d`); the cycles are
/// broken when the machine is dropped, so nothing leaks. Dead entries are
/// pruned as the list grows, so it holds live and cyclic cells only.
#[derive(Default)]
struct Cells {
    dicts: Vec<Weak<DictCell>>,
    objects: Vec<Weak<Call>>,
    prune_at: usize,
}

impl Cells {
    fn track(&mut self, value: &Value) {
        match value {
            Value::Dict(cell) => self.dicts.push(Rc::downgrade(cell)),
            Value::Object(call) => self.objects.push(Rc::downgrade(call)),
            _ => return,
        }
        if self.dicts.len() + self.objects.len() > self.prune_at {
            self.dicts.retain(|cell| cell.strong_count() > 0);
            self.objects.retain(|call| call.strong_count() > 0);
            self.prune_at = 2 * (self.dicts.len() + self.objects.len()) + 1024;
        }
    }
}

impl Drop for Cells {
    fn drop(&mut self) {
        for cell in self.dicts.drain(..).filter_map(|weak| weak.upgrade()) {
            let items = std::mem::take(&mut *cell.borrow_mut());
            drop(items);
        }
        for call in self.objects.drain(..).filter_map(|weak| weak.upgrade()) {
            let state = call.state.borrow_mut().take();
            drop(state);
        }
    }
}

impl<'a, O: Observer> Machine<'a, O> {
    pub fn new(policy: &'a Policy, limits: StreamLimits, observer: O) -> Self {
        Self {
            policy,
            limits,
            observer,
            stack: Vec::new(),
            marks: Vec::new(),
            memo: Memo::default(),
            protocol: 0,
            opcodes: 0,
            findings: Vec::new(),
            reported: HashSet::new(),
            grades: HashMap::new(),
            nested: Vec::new(),
            note: None,
            cells: Cells::default(),
        }
    }

    pub fn into_observer(self) -> O {
        self.observer
    }

    /// Emulates one pickle, from the input's position up to `STOP`.
    pub fn run<R: Read>(&mut self, input: &mut Input<R>) -> StreamScan {
        let outcome = loop {
            match self.step(input) {
                Ok(()) => {}
                Err(Halt::Stop) => break Outcome::Complete,
                Err(Halt::Malformed(message)) => break Outcome::Malformed(message),
                Err(Halt::Limit(message)) => break Outcome::Limit(message),
            }
        };
        StreamScan {
            end: input.offset(),
            opcodes: self.opcodes,
            outcome,
            findings: std::mem::take(&mut self.findings),
            nested: std::mem::take(&mut self.nested),
        }
    }

    fn step<R: Read>(&mut self, input: &mut Input<R>) -> Result<(), Halt> {
        let offset = input.offset();
        let code = input.byte()?;
        let info = lookup(code).ok_or_else(|| Halt::Malformed(format!("invalid opcode {code:#04x}")))?;
        self.opcodes += 1;
        if self.opcodes > self.limits.max_opcodes {
            return Err(Halt::Limit(format!("more than {} opcodes", self.limits.max_opcodes)));
        }
        let operand = operand::read(input, info, &self.limits.keep)?;
        let result = self.execute(info, &operand, offset, input);
        if O::ACTIVE {
            let note = self.note.take();
            let step = Step { offset, info, operand: &operand, stack_depth: self.stack.len(), note };
            self.observer.step(&step);
        }
        result?;
        if self.stack.len() > self.limits.max_stack {
            return Err(Halt::Limit(format!("stack deeper than {} items", self.limits.max_stack)));
        }
        Ok(())
    }

    fn execute<R: Read>(
        &mut self,
        info: &'static OpInfo,
        operand: &Operand,
        offset: u64,
        input: &mut Input<R>,
    ) -> Result<(), Halt> {
        match info.op {
            Op::Mark => self.marks.push(self.stack.len()),
            Op::Stop => {
                self.pop()?;
                return Err(Halt::Stop);
            }
            Op::Pop => self.pop_or_mark()?,
            Op::PopMark => self.discard_to_mark()?,
            Op::Dup => {
                let top = self.top()?.clone();
                self.stack.push(top);
            }
            Op::Float | Op::BinFloat => self.stack.push(Value::Float),
            Op::Int => self.stack.push(match operand {
                Operand::Int(v) => Value::Int(*v),
                _ => Value::BigInt,
            }),
            Op::Long | Op::BinInt | Op::BinInt1 | Op::BinInt2 | Op::Long1 | Op::Long4 => {
                self.stack.push(match operand {
                    Operand::Int(v) => Value::Int(*v),
                    _ => Value::BigInt,
                })
            }
            Op::None => self.stack.push(Value::None),
            Op::NewTrue => self.stack.push(Value::Bool(true)),
            Op::NewFalse => self.stack.push(Value::Bool(false)),
            Op::PersId => self.stack.push(Value::PersistentId),
            Op::BinPersId => {
                self.pop()?;
                self.stack.push(Value::PersistentId);
            }
            Op::String
            | Op::Unicode
            | Op::BinString
            | Op::ShortBinString
            | Op::BinUnicode
            | Op::ShortBinUnicode
            | Op::BinUnicode8
            | Op::BinBytes
            | Op::ShortBinBytes
            | Op::BinBytes8 => self.stack.push(text_value(operand)),
            Op::ByteArray8 => self.stack.push(Value::ByteArray),
            Op::NextBuffer => self.stack.push(Value::Buffer),
            Op::ReadonlyBuffer => {
                self.top()?;
            }
            Op::EmptyList => self.stack.push(Value::List),
            Op::EmptyDict => self.push_cell(Value::new_dict(Vec::new())),
            Op::EmptySet => self.stack.push(Value::Set),
            Op::EmptyTuple => self.stack.push(Value::Tuple(Rc::from(Vec::new()))),
            Op::List => {
                self.discard_to_mark()?;
                self.stack.push(Value::List);
            }
            Op::Dict => {
                let items = self.pop_mark()?;
                if items.len() % 2 != 0 {
                    return Err(Halt::Malformed("odd number of items for DICT".to_string()));
                }
                self.push_cell(Value::new_dict(pairs(items)));
            }
            Op::FrozenSet => {
                self.discard_to_mark()?;
                self.stack.push(Value::FrozenSet);
            }
            Op::Tuple => {
                let items = self.pop_mark()?;
                self.stack.push(Value::Tuple(items.into()));
            }
            Op::Tuple1 | Op::Tuple2 | Op::Tuple3 => {
                let count = usize::from(info.code - 0x84);
                let items = self.pop_n(count)?;
                self.stack.push(Value::Tuple(items.into()));
            }
            Op::Append => {
                self.pop()?;
                self.mutate(info, offset)?;
            }
            Op::Appends | Op::AddItems => {
                self.discard_to_mark()?;
                self.mutate(info, offset)?;
            }
            Op::SetItem => {
                let items = self.pop_n(2)?;
                self.mutate(info, offset)?;
                self.set_items(items)?;
            }
            Op::SetItems => {
                let items = self.pop_mark()?;
                if items.len() % 2 != 0 {
                    return Err(Halt::Malformed("odd number of items for SETITEMS".to_string()));
                }
                self.mutate(info, offset)?;
                self.set_items(items)?;
            }
            Op::Build => {
                let state = self.pop()?;
                self.mutate(info, offset)?;
                let target = self.top()?.clone();
                if let Value::Object(call) = &target {
                    call.state.replace(Some(state));
                }
                self.after_build(&target, input)?;
            }
            Op::Get | Op::BinGet | Op::LongBinGet => {
                let key = memo_key(operand, "GET")?;
                let value = self
                    .memo
                    .get(key)
                    .cloned()
                    .ok_or_else(|| Halt::Malformed(format!("memo value not found at index {key}")))?;
                if O::ACTIVE {
                    self.note = Some(format!("memo[{key}] = {}", value.describe()));
                }
                self.stack.push(value);
            }
            Op::Put | Op::BinPut | Op::LongBinPut => {
                let key = memo_key(operand, "PUT")?;
                self.memoize(key)?;
            }
            Op::Memoize => {
                let key = self.memo.len as u64;
                self.memoize(key)?;
            }
            Op::Global => {
                let Operand::Pair(module, name) = operand else { unreachable!("GLOBAL reads two lines") };
                let global = self.global(module, name, info, offset);
                self.stack.push(global);
            }
            Op::StackGlobal => {
                let name = self.pop()?;
                let module = self.pop()?;
                let global = match (&module, &name) {
                    (Value::Str(module), Value::Str(name)) => self.global(module, name, info, offset),
                    (Value::Opaque, _) | (_, Value::Opaque) => self.unresolved_global(info, offset),
                    _ => return Err(Halt::Malformed("STACK_GLOBAL requires str".to_string())),
                };
                self.stack.push(global);
            }
            Op::Inst => {
                let Operand::Pair(module, name) = operand else { unreachable!("INST reads two lines") };
                let args = self.pop_mark()?;
                let class = self.global(module, name, info, offset);
                let object = self.call(class, Value::Tuple(args.into()), info, offset);
                self.push_cell(object);
            }
            Op::Obj => {
                let mut items = self.pop_mark()?;
                if items.is_empty() {
                    return Err(underflow());
                }
                let class = items.remove(0);
                let object = self.call(class, Value::Tuple(items.into()), info, offset);
                self.push_cell(object);
            }
            Op::Reduce | Op::NewObj => {
                let args = self.pop()?;
                let callable = self.pop()?;
                let object = self.call(callable, args, info, offset);
                self.push_cell(object);
            }
            Op::NewObjEx => {
                let mut items = self.pop_n(3)?;
                items.pop();
                let args = items.pop().unwrap_or(Value::None);
                let class = items.pop().unwrap_or(Value::None);
                let object = self.call(class, args, info, offset);
                self.push_cell(object);
            }
            Op::Ext1 | Op::Ext2 | Op::Ext4 => {
                let Operand::Int(code) = *operand else { unreachable!("EXT reads an integer") };
                if code <= 0 {
                    return Err(Halt::Malformed("EXT specifies code <= 0".to_string()));
                }
                let global = match self.policy.extension(code) {
                    Some((module, name)) => {
                        let (module, name): (Rc<str>, Rc<str>) = (module.into(), name.into());
                        self.global(&module, &name, info, offset)
                    }
                    None => {
                        self.report(
                            Rule::ExtensionCode,
                            Severity::Medium,
                            offset,
                            info,
                            None,
                            format!(
                                "{} names extension code {code}, which only the loading program can resolve",
                                info.name
                            ),
                        );
                        Value::Global(Rc::new(Global {
                            module: "copyreg".to_string(),
                            name: format!("<extension {code}>"),
                            grade: Grade::Unknown,
                        }))
                    }
                };
                self.stack.push(global);
            }
            Op::Proto => {
                let Operand::Int(version) = *operand else { unreachable!("PROTO reads a byte") };
                if version > i64::from(crate::opcodes::HIGHEST_PROTOCOL) {
                    return Err(Halt::Malformed(format!("unsupported pickle protocol: {version}")));
                }
                self.protocol = version as u8;
            }
            Op::Frame => {
                let Operand::Int(length) = *operand else { unreachable!("FRAME reads a length") };
                // The C unpickler reads the whole frame before running any of it.
                if !input.has_at_least(length as u64)? {
                    return Err(Halt::Malformed(format!("FRAME of {length} bytes runs past the end of the data")));
                }
            }
        }
        Ok(())
    }

    fn push_cell(&mut self, value: Value) {
        self.cells.track(&value);
        self.stack.push(value);
    }

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn pop(&mut self) -> Result<Value, Halt> {
        if self.stack.len() <= self.fence() {
            return Err(underflow());
        }
        self.stack.pop().ok_or_else(underflow)
    }

    fn pop_n(&mut self, count: usize) -> Result<Vec<Value>, Halt> {
        let start = self.stack.len().checked_sub(count).filter(|&s| s >= self.fence()).ok_or_else(underflow)?;
        Ok(self.stack.split_off(start))
    }

    fn top(&self) -> Result<&Value, Halt> {
        if self.stack.len() <= self.fence() {
            return Err(underflow());
        }
        self.stack.last().ok_or_else(underflow)
    }

    /// `POP` discards the top item, or the last mark when nothing was pushed
    /// after it.
    fn pop_or_mark(&mut self) -> Result<(), Halt> {
        if self.marks.last() == Some(&self.stack.len()) {
            self.marks.pop();
            Ok(())
        } else {
            self.pop().map(drop)
        }
    }

    fn pop_mark(&mut self) -> Result<Vec<Value>, Halt> {
        let mark = self.marks.pop().ok_or_else(|| Halt::Malformed("could not find MARK".to_string()))?;
        Ok(self.stack.split_off(mark.min(self.stack.len())))
    }

    /// `pop_mark` for opcodes that do not keep the items.
    fn discard_to_mark(&mut self) -> Result<(), Halt> {
        let mark = self.marks.pop().ok_or_else(|| Halt::Malformed("could not find MARK".to_string()))?;
        self.stack.truncate(mark);
        Ok(())
    }

    fn memoize(&mut self, key: u64) -> Result<(), Halt> {
        let value = self.top()?.clone();
        self.memo.put(key, value);
        if self.memo.len > self.limits.max_memo {
            return Err(Halt::Limit(format!("memo larger than {} entries", self.limits.max_memo)));
        }
        Ok(())
    }

    /// `APPEND`, `SETITEM`, `BUILD`... on the object now on top. On a global
    /// they call its methods or rewrite its attributes.
    fn mutate(&mut self, info: &'static OpInfo, offset: u64) -> Result<(), Halt> {
        if let Value::Global(global) = self.top()? {
            let name = global.full_name();
            let message = format!("{} changes or calls methods of the global `{name}` itself", info.name);
            self.report(Rule::AttributeInjection, Severity::Critical, offset, info, Some(name), message);
        }
        Ok(())
    }

    fn set_items(&mut self, items: Vec<Value>) -> Result<(), Halt> {
        if let Value::Dict(dict) = self.top()? {
            let mut dict = dict.borrow_mut();
            let room = MAX_DICT_ITEMS.saturating_sub(dict.len());
            dict.extend(pairs(items).into_iter().take(room));
        }
        Ok(())
    }

    /// joblib writes an array's raw bytes (or an inline pickle, for object
    /// arrays) right after the `BUILD` of its `NumpyArrayWrapper`.
    fn after_build<R: Read>(&mut self, target: &Value, input: &mut Input<R>) -> Result<(), Halt> {
        if target.constructor().as_deref() != Some(crate::joblib::ARRAY_WRAPPER) {
            return Ok(());
        }
        let Value::Object(call) = target else { return Ok(()) };
        let state = call.state.borrow().clone().unwrap_or(Value::None);
        let layout = crate::joblib::array_layout(&state)
            .ok_or_else(|| Halt::Malformed("cannot tell the size of a joblib array from its wrapper".to_string()))?;
        match layout {
            crate::joblib::ArrayLayout::Raw { bytes, aligned } => {
                if aligned {
                    let padding = input.byte()?;
                    input.skip(u64::from(padding))?;
                }
                input.skip(bytes)?;
            }
            crate::joblib::ArrayLayout::Pickled => {
                let mut inner = Machine::new(self.policy, self.limits, Silent);
                let scan = inner.run(input);
                self.findings.extend(scan.findings);
                self.nested.extend(scan.nested);
                if let Outcome::Malformed(message) | Outcome::Limit(message) = scan.outcome {
                    return Err(Halt::Malformed(format!("joblib object array: {message}")));
                }
            }
        }
        Ok(())
    }

    fn global(&mut self, module: &Rc<str>, name: &Rc<str>, info: &'static OpInfo, offset: u64) -> Value {
        let key = (module.clone(), name.clone());
        let global = match self.grades.get(&key) {
            Some(global) => global.clone(),
            None => {
                let grade = self.policy.grade(module, name);
                let global = Rc::new(Global { module: module.to_string(), name: name.to_string(), grade });
                self.grades.insert(key, global.clone());
                global
            }
        };
        let full = global.full_name();
        match &global.grade {
            Grade::Allowed => {}
            Grade::Denied { severity, reason } => {
                let message = format!("{} imports `{full}`: {reason}", info.name);
                self.report(Rule::DangerousGlobal, *severity, offset, info, Some(full.clone()), message);
            }
            Grade::Unknown => {
                let message = format!("{} imports `{full}`, which is not on the allow-list", info.name);
                self.report(Rule::UnknownGlobal, Severity::Medium, offset, info, Some(full.clone()), message);
            }
        }
        if O::ACTIVE {
            self.note = Some(format!("-> {full} [{}]", grade_label(&global.grade)));
        }
        Value::Global(global)
    }

    fn unresolved_global(&mut self, info: &'static OpInfo, offset: u64) -> Value {
        let message = format!("{} names a global through a string too long to keep", info.name);
        self.report(Rule::UnknownGlobal, Severity::Medium, offset, info, None, message);
        Value::Global(Rc::new(Global {
            module: String::new(),
            name: "<unresolved>".to_string(),
            grade: Grade::Unknown,
        }))
    }

    fn call(&mut self, callable: Value, args: Value, info: &'static OpInfo, offset: u64) -> Value {
        match &callable {
            Value::Global(global) => {
                if self.policy.is_nested_loader(&global.module, &global.name) {
                    self.nested_load(global, &args, info, offset);
                }
                if O::ACTIVE {
                    let note = format!("call {}", global.full_name());
                    self.note = Some(match self.note.take() {
                        Some(previous) => format!("{previous}; {note}"),
                        None => note,
                    });
                }
            }
            other => {
                let what = match other {
                    Value::Object(_) => "the result of another call".to_string(),
                    other => format!("a {}", other.kind()),
                };
                let message = format!("{} calls {what} rather than a named global", info.name);
                self.report(Rule::ComputedCall, Severity::Medium, offset, info, Some(other.describe()), message);
            }
        }
        Value::Object(Rc::new(Call { callable, args, state: RefCell::new(None) }))
    }

    fn nested_load(&mut self, loader: &Global, args: &Value, info: &'static OpInfo, offset: u64) {
        let name = loader.full_name();
        match args.payload(4) {
            Some(bytes) => self.nested.push(NestedPayload { offset, loader: name, bytes }),
            None => {
                let message = format!("`{name}` unpickles a value whose bytes cannot be recovered from the stream");
                self.report(Rule::NestedPickle, Severity::High, offset, info, Some(name), message);
            }
        }
    }

    fn report(
        &mut self,
        rule: Rule,
        severity: Severity,
        offset: u64,
        info: &'static OpInfo,
        global: Option<String>,
        message: String,
    ) {
        let key = (rule, global.clone().unwrap_or_default());
        if self.reported.insert(key) {
            self.findings
                .push(Finding::new(rule, severity, message, offset).with_opcode(info.name).with_global(global));
        }
    }
}

fn grade_label(grade: &Grade) -> String {
    match grade {
        Grade::Allowed => "allowed".to_string(),
        Grade::Denied { severity, .. } => format!("denied, {severity}"),
        Grade::Unknown => "unknown".to_string(),
    }
}

fn pairs(items: Vec<Value>) -> Vec<(Value, Value)> {
    let mut items = items.into_iter();
    let mut out = Vec::new();
    while let (Some(key), Some(value)) = (items.next(), items.next()) {
        if out.len() == MAX_DICT_ITEMS {
            break;
        }
        out.push((key, value));
    }
    out
}

fn text_value(operand: &Operand) -> Value {
    match operand {
        Operand::Text(text) => Value::Str(text.clone()),
        Operand::Bytes(bytes) => Value::Bytes(bytes.clone()),
        _ => Value::Opaque,
    }
}

fn memo_key(operand: &Operand, what: &str) -> Result<u64, Halt> {
    match operand {
        Operand::Int(key) => u64::try_from(*key).map_err(|_| Halt::Malformed(format!("negative {what} argument"))),
        _ => Err(Halt::Malformed(format!("{what} argument is too large"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_referencing_dicts_are_freed() {
        let dict = Value::new_dict(Vec::new());
        let Value::Dict(cell) = &dict else { unreachable!() };
        let weak = Rc::downgrade(cell);
        cell.borrow_mut().push((Value::Str("self".into()), dict.clone()));
        let mut cells = Cells::default();
        cells.track(&dict);
        drop(dict);
        assert_eq!(weak.strong_count(), 1, "the cycle keeps the dict alive");
        drop(cells);
        assert_eq!(weak.strong_count(), 0);
    }

    #[test]
    fn memo_and_fence_follow_the_c_unpickler() {
        let policy = Policy::default();
        let limits = StreamLimits {
            max_opcodes: 1000,
            max_stack: 1000,
            max_memo: 1000,
            keep: KeepLimits { max_line: 100, max_kept: 100, max_payload: 100 },
        };
        let run = |data: &[u8]| Machine::new(&policy, limits, Silent).run(&mut Input::from_slice(data)).outcome;
        assert_eq!(run(b"\x80\x02K\x01q\x05h\x05."), Outcome::Complete);
        assert!(matches!(run(b"\x80\x02K\x01h\x05."), Outcome::Malformed(m) if m.contains("memo")));
        // POP cannot reach below the last mark; with nothing after it, it drops the mark.
        assert!(matches!(run(b"K\x01(0."), Outcome::Complete));
        assert!(matches!(run(b"K\x01(K\x0200."), Outcome::Complete));
        assert!(matches!(run(b"K\x01K\x01(R."), Outcome::Malformed(m) if m.contains("underflow")));
        assert!(matches!(run(b"\x80\x06N."), Outcome::Malformed(m) if m.contains("protocol")));
        assert!(
            matches!(run(b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00N."), Outcome::Malformed(m) if m.contains("FRAME"))
        );
        assert_eq!(run(b"\x80\x04\x95\x01\x00\x00\x00\x00\x00\x00\x00N."), Outcome::Complete);
    }
}
