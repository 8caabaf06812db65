//! `pyward host`: audit the entropy pool and kernel settings, or watch the
//! pool tick by tick without draining it. The checks and the sampler live in
//! pyward_host; this module only parses arguments and prints.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Args;
use pyward_host::watch::{
    EntropySampler, Sample, Watch, WatchSummary, open_entropy_avail, stop_on_interrupt, utc_timestamp,
};
use pyward_host::{Audit, AuditOptions, HostRoot, PoolModel, Status as CheckStatus};
use serde_json::json;

use crate::output::{FormatArg, OutputArgs, Status};

const JSON_MEMBERS: &str = "\
JSON report: beside `findings` and `errors`, `host` holds the root, osrelease, kernel, entropy_model \
(counting | csprng | unknown), threshold and the check counts; `checks` lists every check with id, name, \
category, severity, subject, path, status (pass | fail | not-available), read, expected and note. \
A value that cannot be read (container, non-Linux) is not-available, never a finding.

Exit codes: 0 no failed check (or no reading below the threshold with --watch), 1 findings, \
2 usage or input errors. --watch prints one line per tick (JSON lines with --format json) \
and a summary, also after Ctrl-C.";

/// The longest accepted watch interval: one day.
const MAX_INTERVAL_SECONDS: f64 = 86_400.0;

/// Arguments of `pyward host`.
#[derive(Debug, Args)]
#[command(after_long_help = JSON_MEMBERS)]
pub struct HostArgs {
    /// Directory standing in for `/`: every /proc, /sys and /dev read goes below it
    /// (a mounted image, a container's root, a test tree).
    #[arg(long, value_name = "DIR", default_value = "/")]
    pub proc_root: PathBuf,
    /// Entropy level, in bits, below which a counting pool is reported.
    #[arg(long, value_name = "BITS", default_value_t = pyward_host::DEFAULT_THRESHOLD)]
    pub threshold: u32,
    /// Watch entropy_avail instead of auditing: one process re-reads one open
    /// descriptor each tick (no process spawned, no file opened per tick).
    /// Prints a line per tick and a summary; stops on Ctrl-C.
    #[arg(long)]
    pub watch: bool,
    /// Seconds between two readings of --watch (fractions allowed).
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_interval, requires = "watch")]
    pub interval: Duration,
    /// Stop --watch after N readings (default: until Ctrl-C).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), requires = "watch")]
    pub count: Option<u64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_interval(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text.parse().map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(seconds > 0.0 && seconds <= MAX_INTERVAL_SECONDS) {
        return Err(format!("the interval must be above 0 and at most {MAX_INTERVAL_SECONDS} seconds"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

pub fn run(args: HostArgs) -> anyhow::Result<Status> {
    if !args.proc_root.is_dir() {
        bail!("--proc-root {}: not a directory", args.proc_root.display());
    }
    let root = HostRoot::new(&args.proc_root);
    if args.watch { run_watch(&args, &root) } else { run_audit(&args, &root) }
}

fn run_audit(args: &HostArgs, root: &HostRoot) -> anyhow::Result<Status> {
    let audit = pyward_host::audit(root, &AuditOptions { threshold: args.threshold });
    if args.output.format == FormatArg::Text && !args.output.quiet {
        eprint!("{}", checks_table(&audit));
    }
    let report = audit.into_report();
    args.output.emit(&report)?;
    Ok(args.output.status(!report.findings.is_empty()))
}

/// The text-mode overview of every check, passed or not, for standard error.
fn checks_table(audit: &Audit) -> String {
    let kernel = audit.osrelease.as_deref().unwrap_or("unknown kernel");
    let mut out = format!("host {} ({kernel}, entropy model {})\n", audit.root, audit.pool_model.as_str());
    for check in &audit.checks {
        let status = match check.status {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "FAIL",
            CheckStatus::NotAvailable => "n/a ",
        };
        let read = check.read.as_deref().unwrap_or("-");
        out.push_str(&format!(
            "  {} {status}  {} = {read} (expected {})",
            check.rule.id, check.subject, check.expected
        ));
        if let Some(note) = &check.note {
            out.push_str(&format!(" [{note}]"));
        }
        out.push('\n');
    }
    out.push('\n');
    out
}

fn run_watch(args: &HostArgs, root: &HostRoot) -> anyhow::Result<Status> {
    let json_lines = match args.output.format {
        FormatArg::Text => false,
        FormatArg::Json => true,
        FormatArg::Sarif => bail!("--watch prints text or JSON lines; SARIF describes an audit (drop --watch)"),
    };
    if args.output.output.is_some() {
        bail!("--watch writes to standard output; redirect it instead of using --output");
    }
    let file = open_entropy_avail(root)?;
    let stop = stop_on_interrupt().context("cannot install the Ctrl-C handler")?;
    if !args.output.quiet {
        note_pool_model(root);
    }
    let mut watch = Watch::new(EntropySampler::new(file, args.threshold), args.interval, args.count, &stop);
    let mut stdout = std::io::stdout().lock();
    let mut failure = None;
    for sample in watch.by_ref() {
        let line = match sample {
            Ok(sample) if json_lines => sample_json(&sample),
            Ok(sample) => sample_text(&sample, args.threshold),
            Err(error) => {
                failure = Some(error);
                break;
            }
        };
        if !args.output.quiet && writeln!(stdout, "{line}").is_err() {
            // The reader went away (`| head`): nobody is left to read a summary.
            return Ok(Status::Clean);
        }
    }
    let summary = watch.summary();
    let printed = if json_lines { summary_json(&summary) } else { summary_text(&summary) };
    let _ = writeln!(stdout, "{printed}").and_then(|_| stdout.flush());
    if let Some(error) = failure {
        return Err(error.into());
    }
    Ok(args.output.status(summary.alerts > 0))
}

/// Tells the user, once, when the kernel's pool no longer depletes.
fn note_pool_model(root: &HostRoot) {
    let (kernel, model) = pyward_host::host_pool_model(root);
    if model == PoolModel::Csprng {
        let kernel = kernel.map_or_else(|| "this kernel".to_string(), |k| format!("kernel {k}"));
        eprintln!(
            "note: {kernel} uses the 5.18+ CSPRNG: entropy_avail stays at {} once seeded and no longer depletes",
            pyward_host::CSPRNG_BITS
        );
    }
}

fn sample_text(sample: &Sample, threshold: u32) -> String {
    let delta = sample.delta.map_or_else(|| "-".to_string(), |d| format!("{d:+}"));
    let mut line =
        format!("{}  bits {:>5}  delta {delta:>6}  min {:>5}", utc_timestamp(sample.time), sample.bits, sample.min);
    if sample.below_threshold {
        line.push_str(&format!("  ALERT below {threshold} bits"));
    }
    line
}

fn sample_json(sample: &Sample) -> String {
    json!({
        "time": utc_timestamp(sample.time),
        "tick": sample.tick,
        "bits": sample.bits,
        "delta": sample.delta,
        "min": sample.min,
        "alert": sample.below_threshold,
    })
    .to_string()
}

fn summary_text(summary: &WatchSummary) -> String {
    let show = |value: Option<u32>| value.map_or_else(|| "-".to_string(), |v| v.to_string());
    let median = summary.median.map_or_else(|| "-".to_string(), |m| format!("{m}"));
    format!(
        "summary: {} samples, min {}, median {median}, max {}, {} below {} bits",
        summary.samples,
        show(summary.min),
        show(summary.max),
        summary.alerts,
        summary.threshold
    )
}

fn summary_json(summary: &WatchSummary) -> String {
    json!({ "summary": summary }).to_string()
}
