//! Function summaries: what a function does with the data of its
//! parameters, in terms other modules can use without its tree.

use pyward_report::TraceStep;
use rustc_hash::FxHashMap;

use super::taint::Kind;

/// A parameter whose data reaches a sink inside the function (or deeper).
#[derive(Debug, Clone, PartialEq)]
pub struct ParamSink {
    pub param: u32,
    pub kind: Kind,
    /// From the parameter's entry to the sink, in the file that holds it.
    pub steps: Vec<TraceStep>,
    /// The sink's callee, for messages.
    pub sink: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionSummary {
    /// Parameter names, in order (`self` included for methods).
    pub params: Vec<String>,
    /// Whether the first parameter is bound by the call (`self`/`cls`).
    pub bound: bool,
    /// Parameters whose data may be returned.
    pub returns_params: u64,
    /// Sink kinds the returned parameter data was sanitised for.
    pub returns_cleared: u32,
    /// A source read inside flows to the return value (its path).
    pub returns_source: Option<Vec<TraceStep>>,
    /// Sink kinds that returned source data was sanitised for.
    pub returns_source_cleared: u32,
    /// Every return gives a constant.
    pub returns_constant: bool,
    pub param_sinks: Vec<ParamSink>,
}

impl FunctionSummary {
    /// Whether callers learn anything from it beyond "data passes through".
    pub fn shape(&self) -> (u64, u32, Option<u32>, bool, Vec<(u32, Kind)>) {
        let mut sinks: Vec<(u32, Kind)> = self.param_sinks.iter().map(|s| (s.param, s.kind)).collect();
        sinks.sort_by_key(|(p, k)| (*p, *k as u8));
        sinks.dedup();
        let source = self.returns_source.is_some().then_some(self.returns_source_cleared);
        (self.returns_params, self.returns_cleared, source, self.returns_constant, sinks)
    }

    /// Whether a caller learns more from it than "every argument may be returned".
    pub fn matters(&self) -> bool {
        let every = if self.params.len() >= 64 { u64::MAX } else { (1u64 << self.params.len()) - 1 };
        !self.param_sinks.is_empty()
            || self.returns_source.is_some()
            || self.returns_constant
            || self.returns_cleared != 0
            || self.returns_params != every
    }

    /// The index of the parameter an argument binds to.
    pub fn param_index(&self, name: &str) -> Option<u32> {
        self.params.iter().position(|p| p == name).and_then(|i| u32::try_from(i).ok())
    }
}

/// Summaries by qualified name (`pkg.mod.func`, `pkg.mod.Class.method`).
pub type Summaries = FxHashMap<String, FunctionSummary>;

/// The bases of a module's classes, resolved (`mod.Child` -> [`base.Base`]).
pub type ClassBases = FxHashMap<String, Vec<String>>;

/// What the project knows of a callee defined in another module.
#[derive(Clone, Copy)]
pub enum Callee<'s> {
    /// Defined outside the project (`os.path.join`): it never gets a summary.
    Outside,
    /// A function of a project module, with its summary when it tells something.
    Project(Option<&'s FunctionSummary>),
}

/// Where a module's analysis finds the summaries of other modules' functions.
/// The names (last part) of the functions in `summaries` that return source data.
pub fn names_returning_source(summaries: &Summaries) -> impl Iterator<Item = &str> {
    summaries
        .iter()
        .filter(|(_, summary)| summary.returns_source.is_some())
        .map(|(name, _)| name.rsplit('.').next().unwrap_or(name))
}

pub trait SummaryLookup: Sync {
    fn find(&self, qualified: &str) -> Callee<'_>;

    /// The bases of the project class `class` (qualified), when its module is known.
    fn bases(&self, _class: &str) -> Option<&[String]> {
        None
    }

    /// Whether the module analysed with this view may leave out its idle
    /// functions: no other file imports it, and the project checks
    /// afterwards what the module cannot see (see `dataflow::leave_out`).
    fn may_leave_out(&self) -> bool {
        false
    }

    /// The names (last part) of the project's functions whose summaries return source data.
    fn returning_source(&self) -> Vec<&str> {
        Vec::new()
    }

    /// The summary of the function named `qualified`, when it tells something.
    fn summary(&self, qualified: &str) -> Option<&FunctionSummary> {
        match self.find(qualified) {
            Callee::Project(summary) => summary,
            Callee::Outside => None,
        }
    }
}

impl SummaryLookup for Summaries {
    /// A map of summaries cannot tell project modules from others: every callee may be one.
    fn find(&self, qualified: &str) -> Callee<'_> {
        Callee::Project(self.get(qualified))
    }

    fn returning_source(&self) -> Vec<&str> {
        names_returning_source(self).collect()
    }
}
