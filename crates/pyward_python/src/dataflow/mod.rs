//! Taint analysis: data from where it enters (request parameters, `input()`,
//! `sys.argv`...) to where it does harm (`eval`, `os.system`, SQL...).
//!
//! Per module: the module body and every function are interpreted over
//! their control flow ([`interp`]); each function gets a summary (which
//! parameters reach its return value and which reach sinks), iterated to a
//! fixed point inside the module. Across modules, [`crate::check_files`]
//! feeds every module's summaries to the others and re-analyses the modules
//! that use them.

mod consts;
mod interp;
pub mod spec;
pub mod summary;
pub mod taint;

use ruff_python_ast::Stmt;
use ruff_source_file::LineIndex;
use ruff_text_size::TextRange;
use rustc_hash::FxHashMap;

pub use interp::{Fact, Hit};
pub use spec::{BUILTIN, Specs};
pub use summary::{FunctionSummary, ParamSink, Summaries};
pub use taint::Kind;

use crate::engine::ModuleSource;
use crate::semantic::SemanticModel;
use interp::Interp;

/// Rounds of summary computation inside a module before giving up.
const MAX_MODULE_ROUNDS: u32 = 6;

/// What the analysis of one module found and learnt.
#[derive(Debug, Default)]
pub struct ModuleOutcome {
    pub hits: Vec<Hit>,
    /// Sink calls: tainted, or proven constant or sanitised.
    pub facts: FxHashMap<TextRange, Fact>,
    /// The summaries of the module's functions, by qualified name.
    pub summaries: Summaries,
    /// Where a bound stopped the analysis, and why.
    pub notes: Vec<(TextRange, String)>,
    /// Callees in other modules that had no summary yet, with what their
    /// inputs held (bit 0: source data, bit 1: parameter data).
    pub external: Vec<(String, u8)>,
}

/// Analyses one module's body with the summaries known for the project.
pub fn analyze_module(
    body: &[Stmt],
    file: &ModuleSource,
    index: &LineIndex,
    specs: &Specs,
    project: &Summaries,
) -> ModuleOutcome {
    let semantic = SemanticModel::new(file.module_name, file.is_package);
    let mut interp = Interp::new(specs, project, semantic, file.source, file.path, index);
    interp.reporting = true;
    interp.local_names = defined_names(body, file.module_name);
    let mut rounds = 0;
    loop {
        rounds += 1;
        interp.hits.clear();
        interp.facts.clear();
        interp.calls_local = false;
        let globals = interp.run_module(body);
        // A name defined twice (a property's getter and setter) keeps its last definition.
        let mut this_round = Summaries::default();
        let mut next = 0;
        while next < interp.functions.len() && !interp.exhausted() {
            let entry = interp.entry_for(next);
            let summary = interp.run_function(next, &globals, entry);
            let name = interp.functions[next].qualified.clone();
            interp.local_names.insert(name.clone());
            this_round.insert(name, summary);
            next += 1;
        }
        // A summary that tells nothing is used like no summary at all.
        let telling = |s: &FunctionSummary| s.matters().then(|| s.shape());
        let changed = this_round.iter().any(|(name, s)| interp.local.get(name).and_then(telling) != telling(s))
            || interp.local.iter().any(|(name, s)| !this_round.contains_key(name) && s.matters());
        interp.local = this_round;
        if interp.exhausted() {
            interp
                .notes
                .push((TextRange::default(), "the module is too large to follow data through completely".into()));
            break;
        }
        if !changed || !interp.calls_local {
            break;
        }
        if rounds >= MAX_MODULE_ROUNDS {
            interp.notes.push((
                TextRange::default(),
                format!("function summaries did not settle in {MAX_MODULE_ROUNDS} rounds (recursion)"),
            ));
            break;
        }
    }
    let mut external: Vec<(String, u8)> = interp.external.into_iter().collect();
    external.sort_unstable();
    ModuleOutcome { hits: interp.hits, facts: interp.facts, summaries: interp.local, notes: interp.notes, external }
}

/// The qualified names of the functions and methods a module defines at its top level.
fn defined_names(body: &[Stmt], prefix: &str) -> rustc_hash::FxHashSet<String> {
    let mut names = rustc_hash::FxHashSet::default();
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(def) => {
                names.insert(format!("{prefix}.{}", def.name.as_str()));
            }
            Stmt::ClassDef(class) => {
                names.extend(defined_names(&class.body, &format!("{prefix}.{}", class.name.as_str())));
            }
            _ => {}
        }
    }
    names
}

/// Whether a module that called `summary`'s function with inputs `flags`
/// (see [`ModuleOutcome::external`]) would learn something from it.
pub fn summary_changes_caller(summary: &FunctionSummary, flags: u8) -> bool {
    summary.returns_source.is_some()
        || (flags & 1 != 0 && summary.matters())
        || (flags & 2 != 0 && !summary.param_sinks.is_empty())
}
