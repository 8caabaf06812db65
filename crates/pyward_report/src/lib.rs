//! The common vocabulary of every pyward command: what a finding is, what an
//! input error is, and how a whole report is rendered as text, JSON or SARIF.
//!
//! Libraries build a [`Report`]; only the binary decides where it goes.

mod finding;
mod fingerprint;
mod output;
mod report;
pub mod sarif;
pub mod text;

pub use finding::{Confidence, ErrorEntry, Finding, RuleDescriptor, Severity, TraceStep};
pub use fingerprint::fingerprint;
pub use output::{OutputError, write_atomic};
pub use report::{Report, Summary, ToolInfo};

/// The three machine and human formats every command supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

/// Renders a report in the requested format. Text uses the plain style; the
/// binary calls [`text::render`] itself when it wants colour.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text::render(report, &text::TextStyle::plain()),
        Format::Json => report.to_json(),
        Format::Sarif => sarif::render(report),
    }
}
