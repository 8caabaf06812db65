//! The `pyward` command line: argument parsing, dispatch and exit codes.
//! Every analysis lives in a library crate; this crate only talks to the
//! terminal and the file system for output.

mod commands;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// A fast security auditor for Python: source, pickles, captures, hosts and CVE feeds.
#[derive(Parser)]
#[command(name = "pyward", version, about, propagate_version = true, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse Python source files for security problems.
    Check(commands::check::CheckArgs),
    /// List every rule pyward knows.
    Rules(commands::rules::RulesArgs),
    /// Explain one rule: what it finds, why it matters, how to fix it.
    Explain(commands::rules::ExplainArgs),
    /// Scan pickles and model files without ever running them.
    Pickle(commands::pickle::PickleArgs),
    /// Reassemble IP fragments from captures under every OS policy.
    Frag(commands::frag::FragArgs),
    /// Audit this machine's entropy pool and kernel hardening settings.
    Host(commands::host::HostArgs),
    /// Vulnerability statistics from NVD CVE feeds on disk.
    Nvd(commands::nvd::NvdArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Rules(args) => commands::rules::run_rules(args),
        Command::Explain(args) => commands::rules::run_explain(args),
        Command::Pickle(args) => commands::pickle::run(args),
        Command::Frag(args) => commands::frag::run(args),
        Command::Host(args) => commands::host::run(args),
        Command::Nvd(args) => commands::nvd::run(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("pyward: error: {error:#}");
            output::Status::Stopped.into()
        }
    }
}
