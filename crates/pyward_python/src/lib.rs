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
mod project;
mod python2;
pub mod rules;
pub mod semantic;
pub mod source;
pub mod version;

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use pyward_report::ErrorEntry;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

pub use analyze::{
    CheckSettings, FileReport, ProjectFacts, analyze_bytes, analyze_file, analyze_source, analyze_source_in_project,
};
use analyze::{FileOutcome, PatternPass};
pub use files::{Discovery, PathPatterns, SourceFile, discover, discover_on};

/// Stack for each analysis thread: hostile nesting is walked, and its tree
/// dropped, recursively.
const ANALYSIS_STACK_BYTES: usize = 512 * 1024 * 1024;

/// Rounds of re-analysis that carry function summaries across modules.
const MAX_PROJECT_ROUNDS: u32 = 3;

/// Analyses `files` in parallel on `jobs` threads (0: one per core).
/// `progress` is called once per file. The result is in the order of `files`.
/// A panic in one file becomes an `internal` error for it.
///
/// A module is analysed after the modules it imports, so the function
/// summaries of the modules it calls are known when its dataflow runs;
/// each file is read once (by the scan of its imports) and its contents and
/// tree are dropped once it is analysed. Import cycles (and
/// imports the scan misses) are settled afterwards: files that used a
/// summary that has changed since have their dataflow run again, for a few
/// bounded rounds, keeping their pattern rules' results.
pub fn check_files(
    files: &[SourceFile],
    settings: &CheckSettings,
    jobs: usize,
    progress: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    let run = || {
        let first = FirstPass::new(files, settings);
        rayon::scope(|scope| {
            for file in first.ready() {
                first.spawn(scope, file, progress);
            }
        });
        let imports = Imports { cut: first.imports, all: first.all_imports };
        let mut state = ProjectState::new(first.modules, first.sizes, imports);
        for (i, outcome) in first.outcomes.into_iter().enumerate() {
            state.record(i, outcome.into_inner().unwrap_or_else(|| FileOutcome::failed(unscheduled(&files[i]))));
        }
        state.settle(files, settings);
        // Freeing what every module learnt takes a while and nobody waits for it.
        let learnt = (
            std::mem::take(&mut state.summaries),
            std::mem::take(&mut state.bases),
            std::mem::take(&mut state.external),
            std::mem::take(&mut state.kept),
        );
        let _ = std::thread::Builder::new().name("pyward-free".into()).spawn(move || drop(learnt));
        std::mem::take(&mut state.reports)
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(ANALYSIS_STACK_BYTES).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

/// The first analysis of every file, each started as soon as the files of
/// the modules it imports are done.
struct FirstPass<'a> {
    files: &'a [SourceFile],
    settings: &'a CheckSettings,
    /// The files each file waits for (its imports, cycles cut).
    imports: Vec<Vec<usize>>,
    /// The files each file imports.
    all_imports: Vec<Vec<usize>>,
    importers: Vec<Vec<usize>>,
    /// Whether another file imports each file (cycles kept).
    imported: Vec<bool>,
    waiting_for: Vec<AtomicUsize>,
    modules: ModuleFiles<'a>,
    /// What the import scan read of each file, until its analysis takes it:
    /// reading a file once costs less than the memory it holds (up to
    /// [`KEPT_CONTENTS_BYTES`] in all).
    contents: Vec<Mutex<Option<Vec<u8>>>>,
    /// Bytes in each file, as the scan read it.
    sizes: Vec<usize>,
    outcomes: Vec<OnceLock<FileOutcome>>,
}

impl<'a> FirstPass<'a> {
    fn new(files: &'a [SourceFile], settings: &'a CheckSettings) -> Self {
        let modules = ModuleFiles::new(files);
        let kept = AtomicUsize::new(0);
        // Without the dataflow, files need no order and nothing is read ahead.
        let scanned: Vec<Scanned> = if analyze::dataflow_selected(&settings.engine) {
            files.par_iter().map(|file| scan(file, &kept, KEPT_CONTENTS_BYTES)).collect()
        } else {
            files.iter().map(|_| Scanned::default()).collect()
        };
        let names: Vec<&[String]> = scanned.iter().map(|file| file.imports.as_slice()).collect();
        let all_imports = project::imported_files(&modules.files, &names);
        let mut imported = vec![false; files.len()];
        for &dep in all_imports.iter().flatten() {
            imported[dep] = true;
        }
        let imports = if all_imports.iter().any(|deps| !deps.is_empty()) {
            project::acyclic(all_imports.clone())
        } else {
            all_imports.clone()
        };
        let sizes = scanned.iter().map(|file| file.size).collect();
        let contents = scanned.into_iter().map(|file| Mutex::new(file.contents)).collect();
        let mut importers = vec![Vec::new(); files.len()];
        for (file, deps) in imports.iter().enumerate() {
            for &dep in deps {
                importers[dep].push(file);
            }
        }
        Self {
            files,
            settings,
            waiting_for: imports.iter().map(|deps| AtomicUsize::new(deps.len())).collect(),
            imports,
            all_imports,
            importers,
            imported,
            modules,
            sizes,
            contents,
            outcomes: (0..files.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Files that import no other file of the project.
    fn ready(&self) -> Vec<usize> {
        (0..self.files.len()).filter(|&i| self.imports[i].is_empty()).collect()
    }

    fn spawn<'s>(&'s self, scope: &rayon::Scope<'s>, file: usize, progress: &'s (dyn Fn() + Sync)) {
        scope.spawn(move |scope| {
            let view = ImportedSummaries { pass: self, file, visible: files_before(&self.imports, file) };
            let read = self.contents[file].lock().ok().and_then(|mut contents| contents.take());
            let outcome = analyze_guarded(&self.files[file], read, self.settings, &view, None);
            let _ = self.outcomes[file].set(outcome);
            progress();
            for &importer in &self.importers[file] {
                if self.waiting_for[importer].fetch_sub(1, Ordering::AcqRel) == 1 {
                    self.spawn(scope, importer, progress);
                }
            }
        });
    }
}

/// The files `file` imports (`imports`: each file's imports, cycles cut)
/// and the files those import, sorted: in the first pass, all analysed
/// before it starts, whichever thread ran them. (Two levels let a module
/// see the base classes of the classes it imports; deeper chains are
/// settled by the project rounds.)
fn files_before(imports: &[Vec<usize>], file: usize) -> Vec<usize> {
    let direct = &imports[file];
    let mut before: Vec<usize> = direct.iter().chain(direct.iter().flat_map(|&dep| &imports[dep])).copied().collect();
    before.sort_unstable();
    before.dedup();
    before
}

/// The most file contents the import scan keeps for the analysis; files
/// read past it are read again when their turn comes, so a very large
/// project is never held in memory whole.
const KEPT_CONTENTS_BYTES: usize = 64 << 20;

/// What the import scan learnt of one file.
#[derive(Default)]
struct Scanned {
    /// The modules it imports.
    imports: Vec<String>,
    /// Its size in bytes.
    size: usize,
    /// Its contents, for the analysis to take; `None` past the budget (the
    /// analysis reads the file again, and reports why when it cannot).
    contents: Option<Vec<u8>>,
}

/// Scans `file`'s imports, keeping its contents while `kept` (the bytes
/// kept so far) stays within `budget`.
fn scan(file: &SourceFile, kept: &AtomicUsize, budget: usize) -> Scanned {
    if notebook::is_notebook(&file.path) {
        return Scanned::default();
    }
    let Ok(contents) = std::fs::read(&file.path) else { return Scanned::default() };
    let imports = project::scan_imports(&contents, &file.module, file.is_package);
    let size = contents.len();
    let fits = kept.fetch_add(size, Ordering::Relaxed) + size <= budget;
    Scanned { imports, size, contents: fits.then_some(contents) }
}

/// The summaries one file sees in the first pass: those of the modules it
/// imports and the modules they import (all analysed before it), so the
/// result does not depend on which thread finished first.
struct ImportedSummaries<'p, 'a> {
    pass: &'p FirstPass<'a>,
    /// The file analysed.
    file: usize,
    visible: Vec<usize>,
}

impl ImportedSummaries<'_, '_> {
    /// The outcome of `file`, when it is one of the files analysed before this one.
    fn outcome(&self, file: usize) -> Option<&FileOutcome> {
        self.visible.binary_search(&file).ok().and_then(|_| self.pass.outcomes[file].get())
    }
}

/// The files of a project's modules, by module name.
struct ModuleFiles<'a> {
    files: FxHashMap<&'a str, usize>,
    /// Each file's module name.
    names: Vec<&'a str>,
    /// The modules directly inside each package: (file, last name).
    children: FxHashMap<&'a str, Vec<(usize, &'a str)>>,
}

impl<'a> ModuleFiles<'a> {
    fn new(files: &'a [SourceFile]) -> Self {
        let mut children: FxHashMap<&'a str, Vec<(usize, &'a str)>> = FxHashMap::default();
        for (i, file) in files.iter().enumerate() {
            if let Some((parent, last)) = file.module.rsplit_once('.') {
                children.entry(parent).or_default().push((i, last));
            }
        }
        Self {
            files: files.iter().enumerate().map(|(i, file)| (file.module.as_str(), i)).collect(),
            names: files.iter().map(|file| file.module.as_str()).collect(),
            children,
        }
    }

    /// The files of the modules directly inside the package of `file`, with their last names.
    fn submodules(&self, file: usize) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.children.get(self.names[file]).into_iter().flatten().copied()
    }

    /// The file that defines `qualified` (a function or method of a project module).
    fn defining_file(&self, qualified: &str) -> Option<usize> {
        let mut module = qualified;
        while let Some((parent, _)) = module.rsplit_once('.') {
            module = parent;
            if let Some(&file) = self.files.get(module) {
                return Some(file);
            }
        }
        None
    }
}

impl dataflow::SummaryLookup for ImportedSummaries<'_, '_> {
    fn find(&self, qualified: &str) -> dataflow::Callee<'_> {
        let Some(file) = self.pass.modules.defining_file(qualified) else { return dataflow::Callee::Outside };
        dataflow::Callee::Project(self.outcome(file).and_then(|o| o.facts.summaries.get(qualified)))
    }

    fn may_leave_out(&self) -> bool {
        !self.pass.imported[self.file]
    }

    fn returning_source(&self) -> Vec<&str> {
        let summaries = self.visible.iter().filter_map(|&file| self.pass.outcomes[file].get());
        summaries.flat_map(|outcome| outcome.facts.returning_source.iter().map(String::as_str)).collect()
    }

    fn bases(&self, class: &str) -> Option<&[String]> {
        let file = self.pass.modules.defining_file(class)?;
        self.outcome(file)?.facts.bases.get(class).map(Vec::as_slice)
    }
}

fn unscheduled(file: &SourceFile) -> ErrorEntry {
    ErrorEntry::new(&file.display, "internal", "pyward did not get to analyse this file; please report it")
}

/// What the project-wide phase knows: every file's report, its summaries,
/// and what it used of other files' summaries.
struct ProjectState<'a> {
    modules: ModuleFiles<'a>,
    reports: Vec<FileReport>,
    summaries: Vec<dataflow::Summaries>,
    bases: Vec<dataflow::ClassBases>,
    external: Vec<Vec<dataflow::ExternalCall>>,
    kept: Vec<Option<PatternPass>>,
    /// The functions each file's dataflow left out as idle, and
    /// fingerprints of the names they use.
    left_out: Vec<Vec<String>>,
    left_out_names: Vec<Vec<u64>>,
    /// The names (last part) of each file's functions that return source data.
    returning_source: Vec<Vec<String>>,
    /// The files defining what each file calls in other files, sorted;
    /// `None` until the file's calls are first checked for staleness.
    callee_files: Vec<Option<Vec<usize>>>,
    /// Bytes in each file: the largest files of a round start first.
    sizes: Vec<usize>,
    imports: Imports,
}

/// The files each file imports, as the import scan read them.
struct Imports {
    /// Cycles cut: the order of the first pass.
    cut: Vec<Vec<usize>>,
    all: Vec<Vec<usize>>,
}

impl<'a> ProjectState<'a> {
    /// The state of a project whose files have `sizes` bytes and import `imports`.
    fn new(modules: ModuleFiles<'a>, sizes: Vec<usize>, imports: Imports) -> Self {
        let files = sizes.len();
        Self {
            modules,
            reports: (0..files).map(|_| FileReport::default()).collect(),
            summaries: (0..files).map(|_| dataflow::Summaries::default()).collect(),
            bases: (0..files).map(|_| dataflow::ClassBases::default()).collect(),
            external: vec![Vec::new(); files],
            kept: (0..files).map(|_| None).collect(),
            left_out: vec![Vec::new(); files],
            left_out_names: vec![Vec::new(); files],
            returning_source: vec![Vec::new(); files],
            callee_files: vec![None; files],
            sizes,
            imports,
        }
    }

    fn record(&mut self, file: usize, outcome: FileOutcome) {
        let FileOutcome { report, facts, patterns } = outcome;
        self.summaries[file] = facts.summaries;
        self.bases[file] = facts.bases;
        self.reports[file] = report;
        self.external[file] = facts.external;
        self.returning_source[file] = facts.returning_source;
        self.left_out[file] = facts.left_out;
        self.left_out_names[file] = facts.left_out_names;
        self.kept[file] = patterns;
        self.callee_files[file] = None;
    }

    /// Runs the dataflow of files that used a summary that has changed
    /// since, until none did or the rounds run out (noted on the files).
    fn settle(&mut self, files: &[SourceFile], settings: &CheckSettings) {
        // Files analysed again in the last round: only their summaries can have changed since.
        let mut redone = vec![false; files.len()];
        for round in 1..=MAX_PROJECT_ROUNDS {
            let mut pending = self.stale_files(&redone);
            pending.extend(self.wrongly_left_out(round == 1, &redone));
            pending.sort_unstable();
            pending.dedup();
            if pending.is_empty() {
                return;
            }
            if round == MAX_PROJECT_ROUNDS {
                for &i in &pending {
                    self.reports[i].errors.push(ErrorEntry::new(
                        &files[i].display,
                        "dataflow-limit",
                        format!("summaries across modules did not settle in {MAX_PROJECT_ROUNDS} rounds"),
                    ));
                }
                return;
            }
            let mut inputs: Vec<(usize, PatternPass)> =
                pending.iter().filter_map(|&i| self.kept[i].take().map(|pass| (i, pass))).collect();
            // A round lasts as long as its slowest thread: hand out the large files first, one at a time.
            inputs.sort_by_key(|&(i, _)| std::cmp::Reverse(self.sizes[i]));
            let state = &*self;
            let again: Vec<(usize, FileOutcome)> = inputs
                .into_par_iter()
                .with_max_len(1)
                .map(|(i, pass)| (i, analyze_guarded(&files[i], None, settings, state, Some(pass))))
                .collect();
            redone.fill(false);
            for (i, outcome) in again {
                redone[i] = true;
                self.record(i, outcome);
            }
        }
    }

    /// Files whose dataflow left out functions it should have run, as the
    /// whole project shows: another file calls one of them, or they name a
    /// function that returns source data in a file they can reach and
    /// whose summaries the file has not seen (in the first round: those
    /// the first pass did not show it; later: those analysed again in the
    /// last round, `redone`). Analysed again, they leave nothing out.
    fn wrongly_left_out(&self, first_round: bool, redone: &[bool]) -> Vec<usize> {
        let leaving: Vec<usize> =
            (0..self.left_out.len()).filter(|&f| self.kept[f].is_some() && !self.left_out[f].is_empty()).collect();
        if leaving.is_empty() {
            return Vec::new();
        }
        // Only what changed since the last check can show a mistake.
        let changed = |file: usize| first_round || redone[file];
        let mut wrong = vec![false; self.left_out.len()];
        let left: FxHashMap<&str, usize> =
            leaving.iter().flat_map(|&f| self.left_out[f].iter().map(move |q| (q.as_str(), f))).collect();
        for (_, calls) in self.external.iter().enumerate().filter(|&(caller, _)| changed(caller)) {
            for call in calls {
                if let Some(&file) = left.get(call.callee.as_str()) {
                    wrong[file] = true;
                }
            }
        }
        let returning: Vec<Vec<u64>> = (0..self.returning_source.len())
            .map(|f| {
                let names = changed(f).then_some(&self.returning_source[f]);
                names.into_iter().flatten().map(|name| dataflow::word_fingerprint(name)).collect()
            })
            .collect();
        let mut all_returning: Vec<u64> = returning.iter().flatten().copied().collect();
        all_returning.sort_unstable();
        all_returning.dedup();
        for &file in &leaving {
            let names = &self.left_out_names[file];
            // Most files name none of them: no need to work out which files they reach.
            if wrong[file] || !all_returning.iter().any(|name| names.binary_search(name).is_ok()) {
                continue;
            }
            let seen = if first_round { files_before(&self.imports.cut, file) } else { Vec::new() };
            wrong[file] = self
                .reachable_files(file)
                .into_iter()
                .filter(|other| seen.binary_search(other).is_err())
                .any(|other| returning[other].iter().any(|name| names.binary_search(name).is_ok()));
        }
        leaving.into_iter().filter(|&file| wrong[file]).collect()
    }

    /// The files whose functions `file`'s code can call: those it imports,
    /// their submodules it names, and the files of its classes' ancestors.
    fn reachable_files(&self, file: usize) -> Vec<usize> {
        let names = &self.left_out_names[file];
        let mut reachable = self.imports.all[file].clone();
        for &imported in &self.imports.all[file] {
            reachable.extend(
                self.modules
                    .submodules(imported)
                    .filter(|(_, last)| names.binary_search(&dataflow::word_fingerprint(last)).is_ok())
                    .map(|(sub, _)| sub),
            );
        }
        let mut classes: Vec<&String> = self.bases[file].values().flatten().collect();
        let mut met: FxHashSet<&String> = FxHashSet::default();
        while let Some(class) = classes.pop() {
            if !met.insert(class) {
                continue;
            }
            if let Some(defining) = self.modules.defining_file(class) {
                reachable.push(defining);
                classes.extend(self.bases[defining].get(class.as_str()).into_iter().flatten());
            }
        }
        reachable.sort_unstable();
        reachable.dedup();
        reachable
    }

    /// Files whose dataflow used a summary that has changed since. A file
    /// whose calls were checked in an earlier round is checked again only
    /// when it calls into a file of `redone`, the files analysed again since.
    fn stale_files(&mut self, redone: &[bool]) -> Vec<usize> {
        let Self { modules, summaries, external, kept, callee_files, .. } = self;
        callee_files
            .par_iter_mut()
            .enumerate()
            .filter_map(|(i, known)| {
                kept[i].as_ref()?;
                let stale = match known {
                    Some(callees) if !callees.iter().any(|&f| redone[f]) => false,
                    _ => {
                        let (callees, stale) = check_calls(modules, summaries, &external[i]);
                        *known = Some(callees);
                        stale
                    }
                };
                stale.then_some(i)
            })
            .collect()
    }
}

/// The files defining what `calls` call (sorted), and whether any call's
/// summary has changed since it was used.
fn check_calls(
    modules: &ModuleFiles<'_>,
    summaries: &[dataflow::Summaries],
    calls: &[dataflow::ExternalCall],
) -> (Vec<usize>, bool) {
    let mut callees = Vec::new();
    let mut stale = false;
    for call in calls {
        let file = modules.defining_file(&call.callee);
        callees.extend(file);
        stale |= call.is_stale(file.and_then(|f| summaries[f].get(&call.callee)));
    }
    callees.sort_unstable();
    callees.dedup();
    (callees, stale)
}

impl dataflow::SummaryLookup for ProjectState<'_> {
    fn find(&self, qualified: &str) -> dataflow::Callee<'_> {
        match self.modules.defining_file(qualified) {
            Some(file) => dataflow::Callee::Project(self.summaries[file].get(qualified)),
            None => dataflow::Callee::Outside,
        }
    }

    fn bases(&self, class: &str) -> Option<&[String]> {
        self.bases[self.modules.defining_file(class)?].get(class).map(Vec::as_slice)
    }
}

fn analyze_guarded(
    file: &SourceFile,
    read: Option<Vec<u8>>,
    settings: &CheckSettings,
    project: &dyn dataflow::SummaryLookup,
    patterns: Option<PatternPass>,
) -> FileOutcome {
    match std::panic::catch_unwind(AssertUnwindSafe(|| {
        analyze::analyze_file_in_project(file, read, settings, project, patterns)
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::{SourceFile, scan};

    fn source_file(dir: &std::path::Path, name: &str, text: &str) -> SourceFile {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("writes");
        SourceFile { display: path.display().to_string(), path, module: "app.views".into(), is_package: false }
    }

    #[test]
    fn the_scan_keeps_contents_only_within_its_budget() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = "from . import models\nimport os\n";
        let first = source_file(dir.path(), "views.py", text);
        let second = source_file(dir.path(), "other.py", text);
        let kept = AtomicUsize::new(0);
        let within = scan(&first, &kept, text.len());
        assert_eq!(within.contents.as_deref(), Some(text.as_bytes()));
        assert_eq!(within.size, text.len());
        assert!(within.imports.contains(&"app.models".to_string()), "{:?}", within.imports);
        let past = scan(&second, &kept, text.len());
        assert_eq!(past.contents, None, "past the budget the analysis reads the file itself");
        assert_eq!(past.size, text.len());
        assert_eq!(past.imports, within.imports);
        let missing = SourceFile { path: dir.path().join("gone.py"), ..first };
        assert!(scan(&missing, &AtomicUsize::new(0), usize::MAX).contents.is_none());
    }
}
