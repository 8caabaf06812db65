//! An annotated opcode listing for analysts: offset, opcode, argument,
//! stack effect, stack depth and what the emulator resolved.

use std::fmt::Write;
use std::io::Read;

use crate::Options;
use crate::input::Input;
use crate::operand::Operand;
use crate::vm::{Machine, Observer, Outcome, Step};

/// One line of the listing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub offset: u64,
    pub opcode: &'static str,
    pub argument: String,
    pub effect: &'static str,
    pub depth: usize,
    pub note: Option<String>,
}

#[derive(Default)]
struct Recorder {
    lines: Vec<Line>,
    max_lines: usize,
}

impl Observer for Recorder {
    const ACTIVE: bool = true;
    fn step(&mut self, step: &Step<'_>) {
        if self.lines.len() < self.max_lines {
            self.lines.push(Line {
                offset: step.offset,
                opcode: step.info.name,
                argument: describe(step.operand),
                effect: step.info.effect,
                depth: step.stack_depth,
                note: step.note.clone(),
            });
        }
    }
}

fn describe(operand: &Operand) -> String {
    match operand {
        Operand::None => String::new(),
        Operand::Int(value) => value.to_string(),
        Operand::BigInt => "<big int>".to_string(),
        Operand::Float(value) => value.to_string(),
        Operand::Text(text) => format!("{:?}", shorten(text)),
        Operand::Bytes(bytes) => format!("b{:?}", shorten(&String::from_utf8_lossy(bytes))),
        Operand::Skipped(len) => format!("<{len} bytes>"),
        Operand::Pair(module, name) => format!("{module} {name}"),
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

/// The listing of every pickle stacked in `reader`, at most `max_lines`
/// lines, and how the last stream ended.
pub fn disassemble<R: Read>(reader: R, options: &Options, max_lines: usize) -> (Vec<Line>, Option<String>) {
    let mut input = Input::new(reader, None, 0);
    let mut lines = Vec::new();
    loop {
        let recorder = Recorder { lines: Vec::new(), max_lines: max_lines.saturating_sub(lines.len()) };
        let mut machine = Machine::new(&options.policy, options.limits_for_streams(), recorder);
        let scan = machine.run(&mut input);
        lines.extend(machine.into_observer().lines);
        match scan.outcome {
            Outcome::Complete => {}
            Outcome::Malformed(message) | Outcome::Limit(message) => {
                return (lines, Some(format!("stops at byte {}: {message}", scan.end)));
            }
        }
        match input.peek(crate::operand::SNIFF_LEN) {
            Ok(next) if !next.is_empty() && crate::sniff::another_pickle(next) && lines.len() < max_lines => {}
            _ => return (lines, None),
        }
    }
}

/// The listing as text, one opcode a line.
pub fn render(lines: &[Line], ending: Option<&str>) -> String {
    let mut out = String::new();
    for line in lines {
        let _ = write!(
            out,
            "{:>8}  {:<18} {:<40} {:<28} {:>5}",
            line.offset, line.opcode, line.argument, line.effect, line.depth
        );
        if let Some(note) = &line.note {
            let _ = write!(out, "  {note}");
        }
        out.push('\n');
    }
    if let Some(ending) = ending {
        let _ = writeln!(out, "malformed: {ending}");
    }
    out
}
