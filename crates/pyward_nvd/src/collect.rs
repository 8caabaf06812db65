//! Reading many feeds into one count cube, files and batches in parallel.

use std::path::{Path, PathBuf};

use pyward_report::ErrorEntry;
use rayon::prelude::*;
use serde::Serialize;

use crate::cvss::CvssChoice;
use crate::feed::FeedFormat;
use crate::filter::{Decision, Filters};
use crate::input;
use crate::record::Cube;
use crate::split::{Batch, BufferPool, Limits, SplitError, Splitter};

/// What to read and how to count it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub cvss: CvssChoice,
    pub filters: Filters,
    pub limits: Limits,
}

/// How many malformed records are described one by one per file.
const MALFORMED_LISTED: usize = 10;

/// What happened to the records of one file. `records` always equals
/// `malformed + rejected + filtered_out + counted`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileStats {
    pub path: String,
    pub format: Option<FeedFormat>,
    pub version: Option<String>,
    pub compressed: bool,
    /// Bytes read (after decompression).
    pub bytes: u64,
    pub records: u64,
    pub malformed: u64,
    pub rejected: u64,
    pub filtered_out: u64,
    pub counted: u64,
    /// Counted CVEs without an assessment in the chosen CVSS version.
    pub missing_metrics: u64,
    /// Metric blocks of an unknown CVSS version, ignored.
    pub unknown_versions: u64,
    /// Whether the file was read to its end.
    pub complete: bool,
}

/// Every file's statistics and the count of CVEs per combination of facts.
#[derive(Debug, Default)]
pub struct Collection {
    pub files: Vec<FileStats>,
    pub cube: Cube,
    pub errors: Vec<ErrorEntry>,
}

impl Collection {
    pub fn counted(&self) -> u64 {
        self.cube.values().sum()
    }
}

/// Reads every feed under `paths`. Never fails: problems become [`ErrorEntry`]s.
pub fn read_feeds(paths: &[PathBuf], options: &Options) -> Collection {
    let (files, mut errors) = input::collect(paths);
    let results: Vec<(FileStats, Cube, Vec<ErrorEntry>)> =
        files.par_iter().map(|path| read_file(path, options)).collect();
    let mut collection = Collection::default();
    for (stats, cube, file_errors) in results {
        collection.files.push(stats);
        merge_cube(&mut collection.cube, cube);
        errors.extend(file_errors);
    }
    collection.errors = errors;
    collection
}

fn merge_cube(into: &mut Cube, from: Cube) {
    for (facts, count) in from {
        *into.entry(facts).or_default() += count;
    }
}

/// The counts of one batch, or of several merged.
#[derive(Default)]
struct Partial {
    stats: FileStats,
    cube: Cube,
    malformed: Vec<(u64, String)>,
    failure: Option<SplitError>,
}

impl Partial {
    fn merge(mut self, other: Partial) -> Partial {
        let (a, b) = (&mut self.stats, other.stats);
        a.records += b.records;
        a.malformed += b.malformed;
        a.rejected += b.rejected;
        a.filtered_out += b.filtered_out;
        a.counted += b.counted;
        a.missing_metrics += b.missing_metrics;
        a.unknown_versions += b.unknown_versions;
        merge_cube(&mut self.cube, other.cube);
        self.malformed.extend(other.malformed);
        self.malformed.sort();
        self.malformed.truncate(MALFORMED_LISTED);
        self.failure = self.failure.or(other.failure);
        self
    }
}

fn read_file(path: &Path, options: &Options) -> (FileStats, Cube, Vec<ErrorEntry>) {
    let name = path.display().to_string();
    let opened = match input::open(path) {
        Ok(opened) => opened,
        Err(e) => {
            let stats = FileStats { path: name.clone(), ..FileStats::default() };
            return (stats, Cube::default(), vec![ErrorEntry::new(name, "io", format!("cannot open the file: {e}"))]);
        }
    };
    let pool = BufferPool::default();
    let mut splitter = Splitter::new(opened.reader, options.limits, pool.clone());
    let batches = std::iter::from_fn(|| splitter.next_batch().transpose());
    let partial = batches
        .par_bridge()
        .map(|item| match item {
            Ok(batch) => {
                let partial = count_batch(&batch, options);
                pool.give(batch.data);
                partial
            }
            Err(failure) => Partial { failure: Some(failure), ..Partial::default() },
        })
        .reduce(Partial::default, Partial::merge);
    let stats = FileStats {
        path: name,
        format: splitter.header.format,
        version: splitter.header.version.clone(),
        compressed: opened.compressed,
        bytes: splitter.bytes_read(),
        complete: partial.failure.is_none(),
        ..partial.stats
    };
    let errors = file_errors(&stats, &partial);
    (stats, partial.cube, errors)
}

fn count_batch(batch: &Batch, options: &Options) -> Partial {
    let mut partial = Partial::default();
    let stats = &mut partial.stats;
    for range in &batch.records {
        stats.records += 1;
        let Some(bytes) = batch.data.get(range.clone()) else { continue };
        let record = match batch.format.parse_record(bytes) {
            Ok(record) => record,
            Err(error) => {
                stats.malformed += 1;
                if partial.malformed.len() < MALFORMED_LISTED {
                    partial.malformed.push((batch.offset + range.start as u64, describe_json_error(&error)));
                }
                continue;
            }
        };
        stats.unknown_versions += u64::from(record.unknown_versions);
        match options.filters.decide(&record) {
            Decision::Rejected => stats.rejected += 1,
            Decision::FilteredOut => stats.filtered_out += 1,
            Decision::Counted => {
                stats.counted += 1;
                if record.assessments.select(options.cvss).is_none() {
                    stats.missing_metrics += 1;
                }
                *partial.cube.entry(record.facts(options.cvss)).or_default() += 1;
            }
        }
    }
    partial
}

/// serde_json's message with its position made relative to the record.
fn describe_json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(message, _)| message);
    format!("{message} (line {}, column {} of the record)", error.line(), error.column())
}

fn file_errors(stats: &FileStats, partial: &Partial) -> Vec<ErrorEntry> {
    let path = stats.path.as_str();
    let mut errors = Vec::new();
    if let Some(failure) = &partial.failure {
        let kind = match failure {
            SplitError::Io(_) => "io",
            SplitError::Syntax { .. } => "json",
            SplitError::Limit { .. } => "limit",
        };
        let kept = format!("stopped reading; the {} records before it were kept", stats.records);
        errors.push(ErrorEntry::new(path, kind, format!("{failure}: {kept}")));
    } else if stats.format.is_none() {
        errors.push(ErrorEntry::new(path, "not-a-feed", "no `vulnerabilities` or `CVE_Items` array in this file"));
    }
    for (offset, message) in &partial.malformed {
        errors.push(ErrorEntry::new(path, "malformed-record", format!("the record at byte {offset}: {message}")));
    }
    if let Some(unlisted) = stats.malformed.checked_sub(partial.malformed.len() as u64).filter(|n| *n > 0) {
        errors.push(ErrorEntry::new(path, "malformed-record", format!("{unlisted} more malformed records not listed")));
    }
    if let (Some(format), Some(version)) = (stats.format, &stats.version)
        && !format.knows_version(version)
    {
        let message = format!("format version {version:?} is not one pyward knows for {}; read anyway", format.label());
        errors.push(ErrorEntry::new(path, "unknown-version", message));
    }
    if stats.unknown_versions > 0 {
        let message = format!("{} CVSS metric blocks of an unknown version were ignored", stats.unknown_versions);
        errors.push(ErrorEntry::new(path, "unknown-version", message));
    }
    errors
}
