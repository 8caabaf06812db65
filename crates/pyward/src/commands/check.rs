//! `pyward check`: find Python files, analyse them, report.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use pyward_python::config::{Config, DEFAULT_MAX_FILE_SIZE, find_config, load_config};
use pyward_python::engine::{Engine, Rule, Selector, select};
use pyward_python::version::PythonVersion;
use pyward_python::{CheckSettings, PathPatterns, check_files, discover_on};
use pyward_report::{Confidence, Report, Severity};

use crate::output::{OutputArgs, Status};

/// Files below this count finish too fast for a progress bar to help.
const PROGRESS_MIN_FILES: usize = 200;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to analyse (folders are searched for .py and .pyi files).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Only these rules: ids, names, Bandit/Ruff codes, categories or prefixes (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Skip these rules (same forms as --select).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,
    /// Report only findings of at least this severity.
    #[arg(long, value_parser = parse_severity)]
    pub severity: Option<Severity>,
    /// Report only findings of at least this confidence.
    #[arg(long, value_parser = parse_confidence)]
    pub confidence: Option<Confidence>,
    /// The Python version the code is written for (py27 ... py314).
    #[arg(long, value_parser = parse_version, value_name = "VERSION")]
    pub target_version: Option<PythonVersion>,
    /// Also skip paths matching these globs (added to the configuration's).
    #[arg(long, value_delimiter = ',', value_name = "GLOBS")]
    pub exclude: Vec<String>,
    /// Largest file to analyse, in bytes or with a unit (10MiB).
    #[arg(long, value_parser = parse_size, value_name = "SIZE")]
    pub max_file_size: Option<u64>,
    /// Use this configuration file instead of searching for one.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
    /// Pattern rules only: skip the dataflow (taint) analysis and its rules.
    #[arg(long)]
    pub no_dataflow: bool,
    /// Report findings even where a suppression comment (# nosec, # noqa, # pyward: ignore) hides them.
    #[arg(long)]
    pub ignore_suppressions: bool,
    /// Number of threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::parse(text).filter(|s| *s != Severity::Critical).ok_or_else(|| "expected low, medium or high".into())
}

fn parse_confidence(text: &str) -> Result<Confidence, String> {
    Confidence::parse(text).ok_or_else(|| "expected low, medium or high".into())
}

fn parse_version(text: &str) -> Result<PythonVersion, String> {
    PythonVersion::parse(text).ok_or_else(|| "expected a version from py27 to py314, such as py312".into())
}

fn parse_size(text: &str) -> Result<u64, String> {
    pyward_python::config::parse_size(text).ok_or_else(|| "expected a byte count such as 10485760 or 10MiB".into())
}

pub fn run(args: CheckArgs) -> anyhow::Result<Status> {
    for path in &args.paths {
        if std::fs::symlink_metadata(path).is_err() {
            bail!("`{}` does not exist; pass files or folders to analyse", path.display());
        }
    }
    let config = configuration(&args)?;
    let settings = settings(&args, &config)?;
    let root = config.root().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let mut excludes = config.exclude.clone();
    excludes.extend(args.exclude.iter().cloned());
    let excludes = PathPatterns::new(&root, &excludes).context("invalid exclude glob")?;
    let max_size = args.max_file_size.or(config.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE);

    let discovery = discover_on(&args.paths, &excludes, max_size, args.jobs);
    let progress = progress_bar(discovery.files.len(), args.output.quiet);
    let reports = check_files(&discovery.files, &settings, args.jobs, &|| progress.inc(1));
    progress.finish_and_clear();

    let mut report = Report::new("check");
    report.files_examined = discovery.files.len();
    report.errors = discovery.errors;
    report.findings.reserve_exact(reports.iter().map(|r| r.findings.len()).sum());
    for file_report in reports {
        report.findings.extend(file_report.findings);
        report.errors.extend(file_report.errors);
    }
    report.rules = settings.engine.rules().iter().map(|rule| rule.descriptor()).collect();
    report.finish();
    args.output.emit(&report)?;
    Ok(args.output.status(!report.findings.is_empty()))
}

fn configuration(args: &CheckArgs) -> anyhow::Result<Config> {
    if args.isolated {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => find_config(args.paths.first().map_or(Path::new("."), PathBuf::as_path)),
    };
    match path {
        Some(path) => Ok(load_config(&path)?),
        None => Ok(Config::default()),
    }
}

fn settings(args: &CheckArgs, config: &Config) -> anyhow::Result<CheckSettings> {
    let selectors = |list: &Option<Vec<String>>, fallback: &[Selector]| match list {
        Some(list) => list.iter().map(|s| Selector(s.clone())).collect(),
        None => fallback.to_vec(),
    };
    let chosen = select(
        &pyward_python::rules::ALL,
        &selectors(&args.select, &config.select),
        &selectors(&args.ignore, &config.ignore),
    )
    .map_err(|error| anyhow::anyhow!("{}{error}", origin(config, args)))?;
    let chosen: Vec<&'static Rule> = if args.no_dataflow {
        chosen.into_iter().filter(|rule| !pyward_python::rules::is_dataflow(rule)).collect()
    } else {
        chosen
    };
    let root = config.root().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let mut per_file_ignores = Vec::new();
    for (glob, rules) in &config.per_file_ignores {
        for selector in rules {
            if !pyward_python::rules::ALL.iter().any(|rule: &&Rule| selector.matches(rule)) {
                bail!("{}per-file-ignores: `{}` names no rule", origin(config, args), selector.0);
            }
        }
        let patterns = PathPatterns::new(&root, std::slice::from_ref(glob))
            .with_context(|| format!("invalid per-file-ignores glob `{glob}`"))?;
        per_file_ignores.push((patterns, rules.clone()));
    }
    Ok(CheckSettings {
        engine: Engine::new(chosen),
        min_severity: args.severity.or(config.severity).unwrap_or(Severity::Low),
        min_confidence: args.confidence.or(config.confidence).unwrap_or(Confidence::Low),
        per_file_ignores,
        target_version: args.target_version.or(config.target_version),
        ignore_suppressions: args.ignore_suppressions,
        limits: Default::default(),
        dataflow_specs: config.dataflow.clone().unwrap_or_else(|| pyward_python::dataflow::BUILTIN.clone()),
        leave_out_idle: true,
    })
}

/// "pyproject.toml: " when a setting came from a file, for error messages.
fn origin(config: &Config, args: &CheckArgs) -> String {
    match (&config.path, args.select.is_some() || args.ignore.is_some()) {
        (Some(path), false) => format!("{}: ", path.display()),
        _ => String::new(),
    }
}

fn progress_bar(files: usize, quiet: bool) -> ProgressBar {
    if quiet || files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {eta}") {
        bar.set_style(style);
    }
    bar
}
