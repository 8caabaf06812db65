//! `pyward pickle`: scan pickles and model files without ever running them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use pyward_pickle::{FileScan, Limits, Options, Policy, Verdict, disasm, rules};
use pyward_report::{ErrorEntry, Report, text, write_atomic};
use rayon::prelude::*;
use serde_json::Value;

use crate::output::{FormatArg, OutputArgs, Status};

/// Scan pickles and model files (raw pickle, PyTorch zip/legacy/tar, NumPy
/// .npy/.npz, joblib, 7z, tar, zip, Keras .keras) without ever running them.
///
/// Formats are recognised by content, never by extension. Each file gets a
/// verdict: dangerous (a high or critical finding), suspicious (other
/// findings), clean, or error. JSON output adds `files`: per file its path,
/// format, verdict, number of pickles, findings (rule, severity, message,
/// global, offset, opcode, location) and notes. Exit status: 1 when a file is
/// dangerous (or suspicious, with --strict), else 2 when a file could not be
/// scanned, else 0.
#[derive(Debug, Args)]
pub struct PickleArgs {
    /// Files or directories (directories are walked; `.git` is skipped, and
    /// only files holding a pickle or a finding are reported).
    #[arg(value_name = "PATH", required_unless_present = "disassemble")]
    pub paths: Vec<PathBuf>,
    /// Print an annotated opcode listing of a raw pickle file instead.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub disassemble: Option<PathBuf>,
    /// Most lines the listing shows.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_lines: usize,
    /// Count suspicious files like dangerous ones for the exit status.
    #[arg(long)]
    pub strict: bool,
    /// TOML file extending the policy lists: `allow = [...]`, `[deny]` with
    /// `critical`/`high`/`medium`/`low` lists, `nested_loaders = [...]`,
    /// `[extensions]` mapping copyreg codes to "module.name".
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Opcodes emulated per pickle stream.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_opcodes)]
    pub max_opcodes: u64,
    /// Containers, compressions and nested pickles inside one another.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_depth)]
    pub max_depth: usize,
    /// Bytes produced by one decompression stream.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_decompressed)]
    pub max_decompressed: u64,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: PickleArgs) -> anyhow::Result<Status> {
    let options = options(&args)?;
    if let Some(file) = &args.disassemble {
        return disassemble(file, &options, &args);
    }
    let targets = collect_targets(&args.paths);
    let scans: Vec<(Target, FileScan)> = targets
        .into_par_iter()
        .map(|target| {
            let scan = pyward_pickle::scan_file(&target.path, &options);
            (target, scan)
        })
        .collect();
    let reported: Vec<&(Target, FileScan)> =
        scans.iter().filter(|(target, scan)| target.explicit || worth_reporting(scan)).collect();
    let report = build_report(&reported);
    emit(&args.output, &report, &reported)?;
    Ok(status(&args, &reported))
}

fn options(args: &PickleArgs) -> anyhow::Result<Options> {
    let policy = match &args.policy {
        Some(path) => Policy::with_file(path)?,
        None => Policy::default(),
    };
    let limits = Limits {
        max_opcodes: args.max_opcodes,
        max_depth: args.max_depth,
        max_decompressed: args.max_decompressed,
        ..Limits::default()
    };
    Ok(Options { policy, limits })
}

struct Target {
    path: PathBuf,
    /// Named on the command line (always reported), or found in a directory.
    explicit: bool,
}

fn collect_targets(paths: &[PathBuf]) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut targets);
        } else {
            targets.push(Target { path: path.clone(), explicit: true });
        }
    }
    targets
}

fn walk(folder: &Path, targets: &mut Vec<Target>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        targets.push(Target { path: folder.to_path_buf(), explicit: true });
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Ok(kind) = std::fs::symlink_metadata(&path).map(|m| m.file_type()) else { continue };
        if kind.is_dir() && path.file_name().is_some_and(|n| n != ".git") {
            walk(&path, targets);
        } else if kind.is_file() {
            targets.push(Target { path, explicit: false });
        }
    }
}

/// Files met while walking a folder are listed only if they held something.
fn worth_reporting(scan: &FileScan) -> bool {
    scan.pickles > 0 || !scan.findings.is_empty() || (scan.error.is_some() && scan.recognized)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn build_report(scans: &[&(Target, FileScan)]) -> Report {
    let mut report = Report::new("pickle");
    report.rules = rules::descriptors();
    report.files_examined = scans.len();
    let mut files = Vec::new();
    for (target, scan) in scans.iter().map(|pair| (&pair.0, &pair.1)) {
        let path = display(&target.path);
        report.findings.extend(pyward_pickle::report_findings(scan, &path));
        if let Some(message) = &scan.error {
            let kind = if scan.recognized { "scan" } else { "unrecognized" };
            report.errors.push(ErrorEntry::new(&path, kind, message));
        }
        files.push(pyward_pickle::file_entry(scan, &path));
    }
    report.extra.insert("files".to_string(), Value::Array(files));
    report.finish();
    report
}

/// Text output starts with one verdict line per file; JSON and SARIF are the
/// shared renderers.
fn emit(output: &OutputArgs, report: &Report, scans: &[&(Target, FileScan)]) -> anyhow::Result<()> {
    if output.format != FormatArg::Text {
        return output.emit(report);
    }
    let mut rendered = String::new();
    for (target, scan) in scans.iter().map(|pair| (&pair.0, &pair.1)) {
        rendered.push_str(&format!("{}: {} ({})\n", display(&target.path), scan.verdict().as_str(), scan.format));
    }
    rendered.push_str(&text::render(report, &text::TextStyle::plain()));
    write_out(output, &rendered)
}

fn write_out(output: &OutputArgs, rendered: &str) -> anyhow::Result<()> {
    match &output.output {
        Some(path) => write_atomic(path, rendered.as_bytes())?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(error) = stdout.write_all(rendered.as_bytes()).and_then(|_| stdout.flush())
                && error.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(error).context("cannot write to standard output");
            }
        }
    }
    Ok(())
}

fn status(args: &PickleArgs, scans: &[&(Target, FileScan)]) -> Status {
    let counted = |verdict: Verdict| verdict == Verdict::Dangerous || (args.strict && verdict == Verdict::Suspicious);
    if scans.iter().any(|(_, scan)| counted(scan.verdict())) {
        return args.output.status(true);
    }
    if scans.iter().any(|(_, scan)| scan.verdict() == Verdict::Error) {
        return Status::Stopped;
    }
    Status::Clean
}

fn disassemble(file: &Path, options: &Options, args: &PickleArgs) -> anyhow::Result<Status> {
    let reader = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let (lines, ending) = disasm::disassemble(std::io::BufReader::new(reader), options, args.max_lines);
    let rendered = match args.output.format {
        FormatArg::Text => disasm::render(&lines, ending.as_deref()),
        _ => {
            let listing = serde_json::json!({"path": display(file), "opcodes": lines, "malformed": ending});
            format!("{}\n", serde_json::to_string_pretty(&listing)?)
        }
    };
    write_out(&args.output, &rendered)?;
    Ok(if ending.is_some() { Status::Stopped } else { Status::Clean })
}
