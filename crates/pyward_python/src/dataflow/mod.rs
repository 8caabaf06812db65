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
mod exposed;
mod interp;
mod leave_out;
mod lookup;
mod order;
pub mod spec;
pub mod summary;
pub mod taint;
mod words;

use std::rc::Rc;

use ruff_python_ast::Stmt;
use ruff_python_ast::name::Name;
use ruff_source_file::LineIndex;
use ruff_text_size::TextRange;
use rustc_hash::{FxHashMap, FxHashSet};

pub use interp::{Fact, Hit};
pub use order::CalledNames;
pub use spec::{BUILTIN, Specs};
pub use summary::{Callee, ClassBases, FunctionSummary, ParamSink, Summaries, SummaryLookup, names_returning_source};
pub use taint::Kind;
use taint::Taint;
pub use words::{SourceWords, word_fingerprint};

use crate::engine::ModuleSource;
use crate::semantic::{SemanticModel, dotted};
use interp::Interp;
use leave_out::LeaveOut;

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
    /// The bases of the module's classes, for methods they inherit.
    pub bases: ClassBases,
    /// Where a bound stopped the analysis, and why.
    pub notes: Vec<(TextRange, String)>,
    /// Callees in other modules, and the summaries they were analysed with.
    pub external: Vec<ExternalCall>,
    /// The functions left out as idle (qualified names), and fingerprints of
    /// the names they use (see [`leave_out`]).
    pub left_out: Vec<String>,
    pub left_out_names: Vec<u64>,
}

/// What lets a module's idle functions be left out: its tokens and where
/// the pattern rules reported (sorted).
pub struct Idle<'a> {
    pub tokens: &'a ruff_python_ast::token::Tokens,
    pub reported: &'a [ruff_text_size::TextSize],
}

/// A call of a function of another module, as one module's analysis used it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExternalCall {
    pub callee: String,
    /// What its inputs held: bit 0 data from a source, bit 1 data of the
    /// caller's own parameters.
    pub flags: u8,
    /// The [`summary_stamp`] of the summary the analysis used.
    pub seen: u64,
}

impl ExternalCall {
    /// Whether analysing the caller again, with `now` the callee's summary, would change what it learns.
    pub fn is_stale(&self, now: Option<&FunctionSummary>) -> bool {
        // The cheap test first: most calls cannot learn anything from their callee's summary.
        now.map_or(self.seen != 0, |summary| summary_changes_caller(summary, self.flags))
            && summary_stamp(now) != self.seen
    }
}

/// A fingerprint of what callers learn from a summary; 0 for none.
pub fn summary_stamp(summary: Option<&FunctionSummary>) -> u64 {
    use std::hash::{Hash, Hasher};
    let Some(shape) = telling(summary) else { return 0 };
    let mut hasher = rustc_hash::FxHasher::default();
    shape.0.hash(&mut hasher);
    shape.1.hash(&mut hasher);
    shape.2.hash(&mut hasher);
    shape.3.hash(&mut hasher);
    for (param, kind) in &shape.4 {
        param.hash(&mut hasher);
        (*kind as u8).hash(&mut hasher);
    }
    hasher.finish().max(1)
}

/// Analyses one module's body with the summaries known for the project.
/// When `project` holds this module's own summaries from an earlier
/// analysis, runs start from them and callers rarely need a second run.
/// With `idle`, functions whose analysis can teach nothing are left out.
pub fn analyze_module(
    body: &[Stmt],
    file: &ModuleSource,
    index: &LineIndex,
    specs: &Specs,
    project: &dyn SummaryLookup,
    called: Option<&CalledNames<'_>>,
    idle: Option<Idle<'_>>,
) -> ModuleOutcome {
    let semantic = SemanticModel::new(file.module_name, file.is_package);
    let mut interp = Interp::new(specs, project, semantic, file.source, file.path, index);
    interp.reporting = true;
    interp.local_names = defined_names(body, file.module_name);
    interp.module_prefix = format!("{}.", file.module_name);
    let mut units = Units::default();
    let mut globals = tainted_part(&units.run_module(&mut interp, body));
    let mut leave_out = idle.as_ref().map(|idle| {
        let returning_source = project.returning_source();
        let blocking = (globals.iter().map(|(name, _)| name.as_str()))
            .chain(returning_source.iter().copied())
            .chain(interp.handler_classes());
        let takes_request = |site| !interp.entry_for(site).takes_no_request_data();
        let sites = &interp.functions;
        LeaveOut::new(file.source, idle.tokens, sites, &specs.source_words, blocking, idle.reported, takes_request)
    });
    let defined = interp.functions.len();
    for site in order::callees_first(&interp.functions, called) {
        if interp.exhausted() {
            break;
        }
        units.run_unless_idle(&mut interp, site, &globals, leave_out.as_mut());
    }
    // Nested functions, found as their parents ran.
    let mut next = defined;
    while next < interp.functions.len() && !interp.exhausted() {
        units.run_unless_idle(&mut interp, next, &globals, leave_out.as_mut());
        next += 1;
    }
    let mut rounds = 1;
    loop {
        let mut stale = units.stale(&interp);
        if stale.is_empty() || interp.exhausted() {
            break;
        }
        if rounds >= MAX_MODULE_ROUNDS {
            interp.notes.push((
                TextRange::default(),
                format!("function summaries did not settle in {MAX_MODULE_ROUNDS} rounds (recursion)"),
            ));
            break;
        }
        rounds += 1;
        if stale.first() == Some(&0) {
            let before = std::mem::replace(&mut globals, tainted_part(&units.run_module(&mut interp, body)));
            if !same_taint(&globals, &before) {
                // What was left out was judged with the old globals: everything runs.
                leave_out = None;
                stale = (0..=interp.functions.len()).collect();
            }
        }
        // Nested functions capture their parent's state: a parent run again runs them again.
        let mut again: FxHashSet<usize> = stale.into_iter().filter(|&u| u > 0).collect();
        let mut next = 0;
        while next < interp.functions.len() && !interp.exhausted() {
            let unit = next + 1;
            let never_ran = unit >= units.ran.len();
            if never_ran || again.contains(&unit) || again.contains(&interp.functions[next].parent) {
                again.insert(unit);
                units.run_unless_idle(&mut interp, next, &globals, leave_out.as_mut());
            }
            next += 1;
        }
    }
    if interp.exhausted() {
        interp.notes.push((TextRange::default(), "the module is too large to follow data through completely".into()));
    }
    let mut external: Vec<ExternalCall> = interp
        .external
        .iter()
        .filter(|(q, _)| !interp.local.contains_key(*q))
        .map(|(q, &flags)| ExternalCall { callee: q.clone(), flags, seen: summary_stamp(project.summary(q)) })
        .collect();
    external.sort_unstable();
    let (left_out, left_out_names) = match &leave_out {
        Some(leave_out) => (
            leave_out.left().iter().map(|&site| interp.functions[site].qualified.clone()).collect(),
            idle.map_or_else(Vec::new, |idle| leave_out.names_used(file.source, idle.tokens, &interp.functions)),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let (hits, facts) = units.findings();
    let bases = std::mem::take(&mut interp.bases);
    let summaries = interp.local.into_iter().map(|(name, summary)| (name, Rc::unwrap_or_clone(summary))).collect();
    ModuleOutcome { hits, facts, summaries, bases, notes: interp.notes, external, left_out, left_out_names }
}

/// A summary as callers see it: `None` when it tells nothing.
type Telling = Option<(u64, u32, Option<u32>, bool, Vec<(u32, Kind)>)>;

fn telling(summary: Option<&FunctionSummary>) -> Telling {
    summary.filter(|s| s.matters()).map(FunctionSummary::shape)
}

/// What each unit (the module body, then every function) found in its
/// last run, and the local summaries it relied on.
#[derive(Default)]
struct Units {
    ran: Vec<UnitRun>,
}

#[derive(Default)]
struct UnitRun {
    hits: Vec<Hit>,
    facts: FxHashMap<TextRange, Fact>,
    observed: Vec<(String, Telling)>,
}

impl Units {
    fn run_module<'a>(&mut self, interp: &mut Interp<'a>, body: &'a [Stmt]) -> interp::Env {
        Self::begin(interp, 0);
        let globals = interp.run_module(body);
        self.finish(interp, 0);
        globals
    }

    fn run_function(&mut self, interp: &mut Interp<'_>, site: usize, globals: &[(Name, Taint)]) {
        Self::begin(interp, site + 1);
        let entry = interp.entry_for(site);
        let summary = interp.run_function(site, globals, entry);
        // What it saw of itself (recursion) is its summary from before this run.
        self.finish(interp, site + 1);
        let name = interp.functions[site].qualified.clone();
        interp.define_local(name, summary);
    }

    /// Runs function `site`, unless `leave_out` finds it idle. A function
    /// that turns out to return source data has the left-out functions
    /// that name it run too.
    fn run_unless_idle<'a>(
        &mut self,
        interp: &mut Interp<'a>,
        site: usize,
        globals: &[(Name, Taint)],
        leave_out: Option<&mut LeaveOut<'a>>,
    ) {
        let Some(leave_out) = leave_out else {
            return self.run_function(interp, site, globals);
        };
        if leave_out.is_idle(site) {
            Self::begin(interp, site + 1);
            self.finish(interp, site + 1);
            leave_out.leave_out(site);
            return;
        }
        let mut pending = vec![site];
        while let Some(site) = pending.pop() {
            self.run_function(interp, site, globals);
            let function = &interp.functions[site];
            if interp.local.get(&function.qualified).is_some_and(|summary| summary.returns_source.is_some()) {
                pending.extend(leave_out.returns_source(function.def.name.as_str()));
            }
        }
    }

    fn begin(interp: &mut Interp<'_>, unit: usize) {
        interp.hits.clear();
        interp.facts.clear();
        interp.consulted.clear();
        interp.current_unit = unit;
    }

    fn finish(&mut self, interp: &mut Interp<'_>, unit: usize) {
        if self.ran.len() <= unit {
            self.ran.resize_with(unit + 1, UnitRun::default);
        }
        let observed = std::mem::take(&mut interp.consulted)
            .into_iter()
            .map(|q| {
                let shape = telling(interp.summary(&q));
                (q, shape)
            })
            .collect();
        self.ran[unit] =
            UnitRun { hits: std::mem::take(&mut interp.hits), facts: std::mem::take(&mut interp.facts), observed };
    }

    /// Units that relied on a summary that has changed since, in order.
    fn stale(&self, interp: &Interp<'_>) -> Vec<usize> {
        (0..self.ran.len())
            .filter(|&u| self.ran[u].observed.iter().any(|(q, shape)| telling(interp.summary(q)) != *shape))
            .collect()
    }

    fn findings(self) -> (Vec<Hit>, FxHashMap<TextRange, Fact>) {
        let mut hits = Vec::new();
        let mut facts = FxHashMap::default();
        for run in self.ran {
            hits.extend(run.hits);
            facts.extend(run.facts);
        }
        (hits, facts)
    }
}

/// The tainted part of a state (what functions see of the globals), sorted.
fn tainted_part(env: &interp::Env) -> Vec<(Name, Taint)> {
    let mut part: Vec<(Name, Taint)> =
        env.iter().filter(|(_, v)| v.is_tainted()).map(|(k, v)| (k.clone(), v.clone())).collect();
    part.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    part
}

fn same_taint(a: &[(Name, Taint)], b: &[(Name, Taint)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka == kb && va.same_shape(vb))
}

/// The qualified names of the functions and methods a module defines at its top level.
fn defined_names(body: &[Stmt], prefix: &str) -> rustc_hash::FxHashSet<String> {
    let mut names = rustc_hash::FxHashSet::default();
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(def) => {
                names.insert(dotted(prefix, def.name.as_str()));
            }
            Stmt::ClassDef(class) => {
                names.extend(defined_names(&class.body, &dotted(prefix, class.name.as_str())));
            }
            _ => {}
        }
    }
    names
}

/// Whether a module that called `summary`'s function with inputs `flags`
/// (see [`ExternalCall::flags`]) would learn something from it.
pub fn summary_changes_caller(summary: &FunctionSummary, flags: u8) -> bool {
    summary.returns_source.is_some()
        || (flags & 1 != 0 && summary.matters())
        || (flags & 2 != 0 && !summary.param_sinks.is_empty())
}
