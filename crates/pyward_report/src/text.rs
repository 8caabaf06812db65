//! The compiler-style text report.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::{Finding, Report, Severity};

/// Whether to colour the output (only when writing to a terminal).
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub color: bool,
}

impl TextStyle {
    pub fn plain() -> Self {
        Self { color: false }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

pub fn render(report: &Report, style: &TextStyle) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        write_finding(&mut out, finding, style);
    }
    for error in &report.errors {
        let place = match error.line {
            Some(line) => format!("{}:{line}", error.path),
            None => error.path.clone(),
        };
        let _ = writeln!(out, "{}: {place}: {}: {}", style.paint("1;31", "error"), error.kind, error.message);
    }
    write_summary(&mut out, report, style);
    out
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "1;35",
        Severity::High => "1;31",
        Severity::Medium => "1;33",
        Severity::Low => "1;36",
    }
}

fn write_finding(out: &mut String, finding: &Finding, style: &TextStyle) {
    let path = match finding.details.get("cell") {
        Some(cell) => format!("{}:cell {cell}", finding.path),
        None => finding.path.clone(),
    };
    let place = if finding.line > 0 { format!("{path}:{}:{}", finding.line, finding.column) } else { path };
    let tag = style.paint(severity_colour(finding.severity), &format!("[{}]", finding.severity));
    let _ =
        writeln!(out, "{}: {} {tag} {}", style.paint("1", &place), style.paint("1", &finding.rule), finding.message);
    if let Some(snippet) = &finding.snippet {
        write_snippet(out, finding, snippet, style);
    }
    if let Some(trace) = &finding.trace {
        let steps: Vec<String> =
            trace.iter().map(|s| format!("{} ({}:{})", s.note, short_path(&s.path, &finding.path), s.line)).collect();
        let _ = writeln!(out, "      flow: {}", steps.join(" → "));
    }
}

fn short_path<'a>(step: &'a str, finding: &str) -> &'a str {
    if step == finding { "line" } else { step }
}

fn write_snippet(out: &mut String, finding: &Finding, snippet: &str, style: &TextStyle) {
    let number = finding.line.to_string();
    let gutter = " ".repeat(number.len());
    let line = snippet.trim_end_matches(['\r', '\n']).replace('\t', " ");
    let start = finding.column.saturating_sub(1) as usize;
    let length = if finding.end_line == finding.line && finding.end_column > finding.column {
        (finding.end_column - finding.column) as usize
    } else {
        line.chars().count().saturating_sub(start).max(1)
    };
    let carets = style.paint(severity_colour(finding.severity), &"^".repeat(length.clamp(1, 200)));
    let _ = writeln!(out, "{gutter} |\n{number} | {line}\n{gutter} | {}{carets}", " ".repeat(start));
}

fn write_summary(out: &mut String, report: &Report, style: &TextStyle) {
    let summary = &report.summary;
    let mut severities: Vec<String> = Vec::new();
    for severity in Severity::ALL.iter().rev() {
        if let Some(count) = summary.by_severity.get(severity.as_str()) {
            severities.push(format!("{count} {severity}"));
        }
    }
    let files = plural(summary.files, input_noun(&report.command));
    let headline = match summary.findings {
        0 => format!("No findings in {files}."),
        n => format!("Found {} in {files}: {}.", plural(n, "finding"), severities.join(", ")),
    };
    if !report.findings.is_empty() || !report.errors.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", style.paint("1", &headline));
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in &report.findings {
        *groups.entry(finding.category_group()).or_default() += 1;
    }
    if !groups.is_empty() {
        let parts: Vec<String> = groups.iter().map(|(g, n)| format!("{g} {n}")).collect();
        let _ = writeln!(out, "By review category: {}.", parts.join(", "));
    }
    if !report.errors.is_empty() {
        let _ = writeln!(
            out,
            "{} could not be processed fully (see the errors above).",
            plural(report.errors.len(), "input")
        );
    }
}

/// What each command counts as its inputs in the summary line.
fn input_noun(command: &str) -> &'static str {
    match command {
        "frag" => "capture",
        "host" => "setting",
        "nvd" => "feed",
        _ => "file",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
