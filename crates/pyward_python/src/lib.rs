//! `pyward check`'s analysis of Python source: loading (PEP 263, BOM),
//! parsing with error recovery, name resolution, and the rule engine.
//!
//! ```no_run
//! use pyward_python::{check_files, discover, CheckSettings, PathPatterns};
//! let found = discover(&["src".into()], &PathPatterns::empty(), 10 << 20);
//! let reports = check_files(&found.files, &CheckSettings::default(), 0, &|| {});
//! ```

mod analyze;
pub mod config;
pub mod dataflow;
pub mod engine;
mod files;
mod python2;
pub mod rules;
pub mod semantic;
pub mod source;
pub mod version;

use std::panic::AssertUnwindSafe;

use pyward_report::ErrorEntry;
use rayon::prelude::*;

pub use analyze::{
    CheckSettings, FileReport, ProjectFacts, analyze_bytes, analyze_file, analyze_source, analyze_source_in_project,
};
pub use files::{Discovery, PathPatterns, SourceFile, discover};

/// Stack for each analysis thread: hostile nesting is walked, and its tree
/// dropped, recursively.
const ANALYSIS_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Analyses `files` in parallel on `jobs` threads (0: one per core).
/// `progress` is called once per finished file. The result is in the order
/// of `files`. A panic in one file becomes an `internal` error for it.
pub fn check_files(
    files: &[SourceFile],
    settings: &CheckSettings,
    jobs: usize,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let analyse = || {
        files
            .par_iter()
            .map(|file| {
                let report = analyze_guarded(file, settings);
                progress();
                report
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(ANALYSIS_STACK_BYTES).build() {
        Ok(pool) => pool.install(analyse),
        Err(_) => analyse(),
    }
}

fn analyze_guarded(file: &SourceFile, settings: &CheckSettings) -> FileReport {
    match std::panic::catch_unwind(AssertUnwindSafe(|| analyze_file(file, settings))) {
        Ok(report) => report,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            FileReport {
                findings: Vec::new(),
                errors: vec![ErrorEntry::new(
                    &file.display,
                    "internal",
                    format!("pyward failed on this file ({reason}); please report it"),
                )],
            }
        }
    }
}
