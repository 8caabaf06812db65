//! `pyward nvd`: vulnerability statistics from NVD CVE feeds on disk. Reading,
//! counting and rendering live in pyward_nvd; this module parses arguments
//! and writes the results.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use pyward_nvd::chart;
use pyward_nvd::cwe::CweClass;
use pyward_nvd::record::Date;
use pyward_nvd::render::Cells;
use pyward_nvd::review;
use pyward_nvd::{
    Bound, Collection, CpePattern, CvssChoice, Dimension, Filters, Options, Review, ReviewSpec, parse_bound, read_feeds,
};
use pyward_report::{ErrorEntry, Report, write_atomic};
use serde_json::{Value, json};

use crate::output::{FormatArg, OutputArgs, Status};

/// Vulnerability statistics from NVD CVE feeds on disk: the seed's review by
/// access vector, complexity, severity, weakness and year, with trends.
///
/// Reads NVD API 2.0 files (`vulnerabilities[].cve`) and the 1.1 yearly feeds
/// (`CVE_Items`), plain or gzip, streamed. Without --by, prints the whole
/// review (year, av, ac, severity, cwe, pr, ui); with --by one dimension, or
/// two crossed. Each CVE counts once per dimension (`unknown` where data is
/// missing). The JSON report adds `nvd` (cvss, filters, files, totals,
/// tables with shares and trends, crossing) beside `findings` and `errors`.
#[derive(Debug, Args)]
pub struct NvdArgs {
    /// Feed files (.json, .json.gz) or directories holding them.
    #[arg(required = true, value_name = "FEED")]
    pub paths: Vec<PathBuf>,
    /// One dimension, or two to cross (rows,columns): year, month, av, ac, severity, cwe, pr, ui.
    #[arg(long, value_name = "DIM[,DIM]", value_delimiter = ',', value_parser = parse_dimension)]
    pub by: Vec<Dimension>,
    /// Which CVSS version the vector, complexity, severity, privileges and interaction come from.
    #[arg(long, value_enum, default_value = "best")]
    pub cvss: CvssArg,
    /// Count only CVEs whose English description contains WORD (case-insensitive; repeat for any of several).
    #[arg(long = "keyword", value_name = "WORD")]
    pub keywords: Vec<String>,
    /// Count only CVEs with a vulnerable CPE matching VENDOR:PRODUCT[:TARGET_SW]; `*` matches any
    /// (`python:python`, `*:*:python` for packages built for Python). Repeat for any of several.
    #[arg(long = "cpe", value_name = "VENDOR:PRODUCT[:TARGET_SW]", value_parser = parse_cpe)]
    pub cpes: Vec<CpePattern>,
    /// Count only CVEs with one of these weaknesses (`79`, `CWE-89`, `NVD-CWE-Other`; comma-separated or repeated).
    #[arg(long = "cwe", value_name = "CWE", value_delimiter = ',', value_parser = parse_cwe)]
    pub cwes: Vec<CweClass>,
    /// Count only CVEs published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<Date>,
    /// Count only CVEs published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; a year or month is included whole).
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<Date>,
    /// Count rejected CVEs too (excluded by default).
    #[arg(long)]
    pub include_rejected: bool,
    /// Show the N most frequent CWEs and fold the others into one row (0: show all).
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub top: usize,
    /// Yearly-share slope, in percentage points per year, within which a trend is called flat.
    #[arg(long, value_name = "PP", default_value_t = pyward_nvd::trend::DEFAULT_FLAT_THRESHOLD, value_parser = parse_threshold)]
    pub flat_threshold: f64,
    /// Write the cells of a crossing (text, CSV) as shares of their row instead of counts:
    /// with `--by year,DIM`, each value's share of each year.
    #[arg(long)]
    pub percent: bool,
    /// Also draw CVEs per year, stacked by a dimension's values, as an SVG chart.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// The dimension the chart stacks (default: the first non-time --by dimension, else av).
    #[arg(long, value_name = "DIM", value_parser = parse_dimension, requires = "chart")]
    pub chart_by: Option<Dimension>,
    /// Report format: aligned tables, CSV, JSON, or SARIF (findings and errors only).
    #[arg(long, value_enum, default_value = "text")]
    pub format: NvdFormat,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 0 even when findings are reported.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print only the report: no notes on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CvssArg {
    V2,
    V3,
    V4,
    Best,
}

impl From<CvssArg> for CvssChoice {
    fn from(arg: CvssArg) -> Self {
        match arg {
            CvssArg::V2 => CvssChoice::V2,
            CvssArg::V3 => CvssChoice::V3,
            CvssArg::V4 => CvssChoice::V4,
            CvssArg::Best => CvssChoice::Best,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NvdFormat {
    Text,
    Csv,
    Json,
    Sarif,
}

fn parse_dimension(text: &str) -> Result<Dimension, String> {
    Dimension::parse(text)
        .ok_or_else(|| format!("unknown dimension {text:?} (year, month, av, ac, severity, cwe, pr, ui)"))
}

fn parse_cpe(text: &str) -> Result<CpePattern, String> {
    CpePattern::parse(text).ok_or_else(|| format!("{text:?} is not VENDOR:PRODUCT[:TARGET_SW] with one part set"))
}

fn parse_cwe(text: &str) -> Result<CweClass, String> {
    CweClass::parse(text).ok_or_else(|| format!("{text:?} is not a CWE (79, CWE-79, NVD-CWE-Other)"))
}

fn parse_since(text: &str) -> Result<Date, String> {
    parse_bound(text, Bound::Start).ok_or_else(|| format!("{text:?} is not YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn parse_until(text: &str) -> Result<Date, String> {
    parse_bound(text, Bound::End).ok_or_else(|| format!("{text:?} is not YYYY, YYYY-MM or YYYY-MM-DD"))
}

fn parse_threshold(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
        _ => Err(format!("{text:?} is not a non-negative number")),
    }
}

pub fn run(args: NvdArgs) -> anyhow::Result<Status> {
    check_dimensions(&args.by)?;
    let options = Options {
        cvss: args.cvss.into(),
        filters: Filters {
            keywords: args.keywords.iter().map(|k| k.to_lowercase()).collect(),
            cpes: args.cpes.clone(),
            cwes: args.cwes.clone(),
            since: args.since,
            until: args.until,
            include_rejected: args.include_rejected,
        },
        ..Options::default()
    };
    let spec = ReviewSpec {
        dimensions: args.by.clone(),
        top: args.top,
        flat_threshold: args.flat_threshold,
        cvss: options.cvss,
    };
    let collection = read_feeds(&args.paths, &options);
    let review = Review::build(&collection.cube, &spec);
    let mut report = Report::new("nvd");
    report.files_examined = collection.files.len();
    report.errors = collection.errors.clone();
    if let Some(path) = &args.chart {
        if let Some(error) = draw_chart(path, &args, &collection, &spec)? {
            report.errors.push(error);
        } else if !args.quiet {
            eprintln!("pyward: chart written to {}", path.display());
        }
    }
    report.extra.insert("nvd".to_string(), nvd_json(&collection, &options, &review));
    report.finish();
    emit(&args, &report, &collection, &review)?;
    let nothing_read = collection.files.iter().all(|f| f.records == 0) && !report.errors.is_empty();
    if nothing_read {
        return Ok(Status::Stopped);
    }
    Ok(OutputArgs { format: FormatArg::Json, output: None, exit_zero: args.exit_zero, quiet: args.quiet }
        .status(!report.findings.is_empty()))
}

fn check_dimensions(by: &[Dimension]) -> anyhow::Result<()> {
    match by {
        [first, second] if first == second => bail!("--by names {first} twice"),
        [_, _, _, ..] => bail!("--by takes one dimension, or two to cross"),
        _ => Ok(()),
    }
}

/// The dimension the chart stacks.
fn chart_dimension(args: &NvdArgs) -> Dimension {
    args.chart_by.or_else(|| args.by.iter().copied().find(|d| !d.is_time())).unwrap_or(Dimension::Vector)
}

/// Writes the chart; a chart with nothing to draw becomes an error entry.
fn draw_chart(
    path: &Path,
    args: &NvdArgs,
    collection: &Collection,
    spec: &ReviewSpec,
) -> anyhow::Result<Option<ErrorEntry>> {
    let dimension = chart_dimension(args);
    let table = review::table(&collection.cube, dimension, spec);
    let title = format!("CVEs per year by {} (CVSS {})", dimension.title(), spec.cvss.label());
    match chart::render_svg(&title, &chart::series_of(&table)) {
        Ok(svg) => {
            write_atomic(path, svg.as_bytes())?;
            Ok(None)
        }
        Err(message) => Ok(Some(ErrorEntry::new(path.display().to_string(), "chart", message))),
    }
}

fn nvd_json(collection: &Collection, options: &Options, review: &Review) -> Value {
    let sum = |field: fn(&pyward_nvd::FileStats) -> u64| collection.files.iter().map(field).sum::<u64>();
    let mut nvd = json!({
        "filters": options.filters,
        "files": collection.files,
        "totals": {
            "records": sum(|f| f.records),
            "malformed": sum(|f| f.malformed),
            "rejected": sum(|f| f.rejected),
            "filtered_out": sum(|f| f.filtered_out),
            "counted": sum(|f| f.counted),
            "missing_metrics": sum(|f| f.missing_metrics),
        },
    });
    if let (Some(object), Ok(Value::Object(review))) = (nvd.as_object_mut(), serde_json::to_value(review)) {
        object.extend(review);
    }
    nvd
}

fn emit(args: &NvdArgs, report: &Report, collection: &Collection, review: &Review) -> anyhow::Result<()> {
    let shared =
        |format| OutputArgs { format, output: args.output.clone(), exit_zero: args.exit_zero, quiet: args.quiet };
    match args.format {
        NvdFormat::Json => shared(FormatArg::Json).emit(report),
        NvdFormat::Sarif => shared(FormatArg::Sarif).emit(report),
        NvdFormat::Csv => write_out(args.output.as_deref(), &pyward_nvd::render::csv::render(review, cells(args))),
        NvdFormat::Text => {
            let mut text = pyward_nvd::render::text::render(&collection.files, review, cells(args));
            text.push('\n');
            text.push_str(&pyward_report::render(report, pyward_report::Format::Text));
            write_out(args.output.as_deref(), &text)
        }
    }
}

fn cells(args: &NvdArgs) -> Cells {
    if args.percent { Cells::RowShares } else { Cells::Counts }
}

fn write_out(path: Option<&Path>, text: &str) -> anyhow::Result<()> {
    if let Some(path) = path {
        write_atomic(path, text.as_bytes())?;
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
        // A closed pipe (`pyward nvd ... | head`) is not an error worth reporting.
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(error).context("cannot write the report to standard output");
        }
    }
    Ok(())
}
