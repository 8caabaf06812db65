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
mod notebook;
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
use analyze::{FileOutcome, PatternPass};
pub use files::{Discovery, PathPatterns, SourceFile, discover};

/// Stack for each analysis thread: hostile nesting is walked, and its tree
/// dropped, recursively.
const ANALYSIS_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Rounds of re-analysis that carry function summaries across modules.
const MAX_PROJECT_ROUNDS: u32 = 3;

/// Analyses `files` in parallel on `jobs` threads (0: one per core).
/// `progress` is called once per file. The result is in the order of `files`.
/// A panic in one file becomes an `internal` error for it.
///
/// Two phases keep memory bounded: every file is analysed alone (its tree
/// dropped, its function summaries kept); then the files that call
/// functions of other scanned modules with a telling summary have their
/// dataflow run again with the project's summaries, for a few bounded
/// rounds. Their pattern rules' results are kept from the first phase.
pub fn check_files(
    files: &[SourceFile],
    settings: &CheckSettings,
    jobs: usize,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let run = || {
        let empty = dataflow::Summaries::default();
        let first: Vec<FileOutcome> = files
            .par_iter()
            .map(|file| {
                let result = analyze_guarded(file, settings, &empty, None);
                progress();
                result
            })
            .collect();
        let mut reports = Vec::with_capacity(first.len());
        let mut facts = Vec::with_capacity(first.len());
        let mut kept = Vec::with_capacity(first.len());
        for outcome in first {
            reports.push(outcome.report);
            facts.push(outcome.facts);
            kept.push(outcome.patterns);
        }
        let mut project = dataflow::Summaries::default();
        for fact in &mut facts {
            project.extend(std::mem::take(&mut fact.summaries));
        }
        project.retain(|_, summary| summary.matters());
        let mut changed: Option<rustc_hash::FxHashSet<String>> = None;
        for round in 1..=MAX_PROJECT_ROUNDS {
            let pending: Vec<usize> = (0..files.len())
                .filter(|&i| {
                    kept[i].is_some()
                        && facts[i].external.iter().any(|(callee, flags)| {
                            project.get(callee).is_some_and(|s| dataflow::summary_changes_caller(s, *flags))
                                && changed.as_ref().is_none_or(|c| c.contains(callee))
                        })
                })
                .collect();
            if pending.is_empty() {
                break;
            }
            if round == MAX_PROJECT_ROUNDS {
                for &i in &pending {
                    reports[i].errors.push(ErrorEntry::new(
                        &files[i].display,
                        "dataflow-limit",
                        format!("summaries across modules did not settle in {MAX_PROJECT_ROUNDS} rounds"),
                    ));
                }
                break;
            }
            let inputs: Vec<(usize, PatternPass)> =
                pending.iter().filter_map(|&i| kept[i].take().map(|pass| (i, pass))).collect();
            let again: Vec<(usize, FileOutcome)> = inputs
                .into_par_iter()
                .map(|(i, pass)| (i, analyze_guarded(&files[i], settings, &project, Some(pass))))
                .collect();
            let mut now_changed = rustc_hash::FxHashSet::default();
            for (i, mut outcome) in again {
                for (name, summary) in std::mem::take(&mut outcome.facts.summaries) {
                    let telling = summary.matters();
                    let before = project.get(&name).map(dataflow::FunctionSummary::shape);
                    if before != telling.then(|| summary.shape()) {
                        now_changed.insert(name.clone());
                        if telling {
                            project.insert(name, summary);
                        } else {
                            project.remove(&name);
                        }
                    }
                }
                reports[i] = outcome.report;
                facts[i].external = outcome.facts.external;
                kept[i] = outcome.patterns;
            }
            if now_changed.is_empty() {
                break;
            }
            changed = Some(now_changed);
        }
        reports
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(ANALYSIS_STACK_BYTES).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

fn analyze_guarded(
    file: &SourceFile,
    settings: &CheckSettings,
    project: &dataflow::Summaries,
    patterns: Option<PatternPass>,
) -> FileOutcome {
    match std::panic::catch_unwind(AssertUnwindSafe(|| {
        analyze::analyze_file_in_project(file, settings, project, patterns)
    })) {
        Ok(outcome) => outcome,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            FileOutcome::failed(ErrorEntry::new(
                &file.display,
                "internal",
                format!("pyward failed on this file ({reason}); please report it"),
            ))
        }
    }
}
