//! What every command shares at the end of a run: the output format, where
//! the report goes, and the exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use pyward_report::{Format, Report, text, write_atomic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Sarif,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

/// Output options accepted by every reporting command.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: FormatArg,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 0 even when findings are reported.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print only the report: no progress bar, no notes on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl OutputArgs {
    /// Renders the report and sends it to the chosen place.
    pub fn emit(&self, report: &Report) -> anyhow::Result<()> {
        let to_terminal = self.output.is_none() && std::io::stdout().is_terminal();
        let rendered = match self.format {
            FormatArg::Text => text::render(report, &text::TextStyle { color: to_terminal && colour_allowed() }),
            other => pyward_report::render(report, other.into()),
        };
        match &self.output {
            Some(path) => write_atomic(path, rendered.as_bytes())?,
            None => {
                let mut stdout = std::io::stdout().lock();
                // A closed pipe (`pyward check | head`) is not an error worth reporting.
                if let Err(error) = stdout.write_all(rendered.as_bytes()).and_then(|_| stdout.flush())
                    && error.kind() != std::io::ErrorKind::BrokenPipe
                {
                    return Err(error).context("cannot write the report to standard output");
                }
            }
        }
        Ok(())
    }

    /// The status for a run whose report has (or has not) findings that count.
    pub fn status(&self, has_counted_findings: bool) -> Status {
        if has_counted_findings && !self.exit_zero { Status::Findings } else { Status::Clean }
    }
}

fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The exit codes DESIGN.md promises for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: nothing at or above the thresholds.
    Clean,
    /// 1: findings at or above the thresholds.
    Findings,
    /// 2: usage, configuration or input errors stopped the work.
    Stopped,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        match status {
            Status::Clean => ExitCode::SUCCESS,
            Status::Findings => ExitCode::from(1),
            Status::Stopped => ExitCode::from(2),
        }
    }
}
