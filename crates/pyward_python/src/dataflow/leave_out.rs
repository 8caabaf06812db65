//! Functions whose analysis can teach nothing, left out. In a module no
//! other file imports, a function can be left out when
//! - nothing can call it: its name appears in the module only where it is
//!   defined or inside other idle functions, and it is not a dunder, nested
//!   or an entry point (route, view, request handler method);
//! - nothing in it can hold data from a source: no source, tainted global
//!   or function returning source data is named in it, and nothing defined
//!   in it can be an entry point (no decorator, request parameter or
//!   request handler class is named in it);
//! - no pattern rule that a dataflow proof could lower reported in it, so
//!   no finding waits for such a proof.
//!
//! Its analysis would then find nothing and produce a summary no caller
//! reads. The project checks the two assumptions the module cannot see
//! (see [`crate::check_files`]): a module that another file calls into, or
//! whose left-out functions name a function that returns source data,
//! is analysed again in full.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

use super::interp::FunctionSite;
use super::words::{NumberedWords, SourceWord, SourceWords, word_fingerprint};

/// The mark of what makes any function holding it run: a decorator.
const BLOCKS: u32 = u32::MAX;

pub struct LeaveOut<'a> {
    /// The words that matter, numbered: the module's function names first
    /// (`0..functions`), then the blocking and source words the module holds.
    words: FxHashMap<&'a str, u32>,
    functions: u32,
    /// Every token that matters, by offset: a numbered word or [`BLOCKS`].
    marks: Vec<(TextSize, u32)>,
    /// The numbered words that make a function containing them run.
    blocking: FxHashSet<u32>,
    /// For the sites known at the start (the module's functions and
    /// methods, not nested ones, so the spans never overlap): the span from the name to the end,
    /// whether nothing in it can hold source data, and whether it is idle
    /// (quiet, and named only inside idle functions).
    spans: Vec<(TextSize, TextSize)>,
    quiet: Vec<bool>,
    idle: Vec<bool>,
    /// The sites defining each function name.
    defining: Vec<Vec<usize>>,
    /// The functions left out, by site.
    left: Vec<usize>,
}

impl<'a> LeaveOut<'a> {
    /// Reads the module's tokens once. `blocking` are the names that may
    /// hold source data beyond the specs' sources: tainted globals and
    /// functions of other modules that return source data.
    /// `takes_request` tells the sites entered with request data.
    pub fn new<'b>(
        source: &'a str,
        tokens: &Tokens,
        sites: &[FunctionSite<'a>],
        sources: &SourceWords,
        blocking: impl IntoIterator<Item = &'b str>,
        reported: &[TextSize],
        takes_request: impl Fn(usize) -> bool,
    ) -> Self {
        let mut words = NumberedWords::default();
        for site in sites {
            words.number(site.def.name.as_str());
        }
        let functions = words.len();
        let mut blocking_words = NumberedWords::default();
        let mut blocked: FxHashSet<u32> = FxHashSet::default();
        for word in blocking {
            match words.get(word) {
                Some(function) => _ = blocked.insert(function),
                None => _ = blocking_words.number(word),
            }
        }
        let mut marks = Vec::new();
        let mut modules_named = vec![false; sources.modules];
        let mut source_ends: Vec<(u32, &SourceWord)> = Vec::new();
        for token in tokens.iter() {
            match token.kind() {
                TokenKind::Name => {
                    let word = &source[token.range()];
                    let role = sources.get(word);
                    if let Some(module) = role.and_then(|role| role.module) {
                        modules_named[module as usize] = true;
                    }
                    let number = match (words.get(word), role) {
                        (Some(number), _) => number,
                        (None, _) if blocking_words.get(word).is_some() => {
                            let number = words.number(word);
                            blocked.insert(number);
                            number
                        }
                        (None, Some(role)) if role.ends_source() => {
                            let number = words.number(word);
                            source_ends.push((number, role));
                            number
                        }
                        (None, _) => continue,
                    };
                    marks.push((token.start(), number));
                }
                // A decorator inside a function may make a nested function a route.
                TokenKind::At => marks.push((token.start(), BLOCKS)),
                _ => {}
            }
        }
        // A source word blocks where the module names the module of its source (or needs none).
        for (number, role) in source_ends {
            if role.always || role.ends_under.iter().any(|&module| modules_named[module as usize]) {
                blocked.insert(number);
            }
        }
        let spans: Vec<(TextSize, TextSize)> =
            sites.iter().map(|site| (site.def.name.start(), site.def.end())).collect();
        let mut defining = vec![Vec::new(); functions as usize];
        for (i, site) in sites.iter().enumerate() {
            if let Some(number) = words.get(site.def.name.as_str()) {
                defining[number as usize].push(i);
            }
        }
        let mut leave_out = Self {
            words: words.numbers,
            functions,
            marks,
            blocking: blocked,
            spans,
            quiet: Vec::new(),
            idle: Vec::new(),
            defining,
            left: Vec::new(),
        };
        leave_out.quiet = (sites.iter().enumerate())
            .map(|(i, site)| {
                let def = site.def;
                !def.name.starts_with("__")
                    && site.parent == 0
                    && !site.handler
                    && !reported_within(reported, def.range)
                    && !leave_out.blocked_within(leave_out.spans[i])
                    && !takes_request(i)
            })
            .collect();
        leave_out.settle();
        leave_out
    }

    /// Works out which quiet functions are idle: a function named outside
    /// every idle function may be called, so it is not; nor then are the
    /// functions named only inside it.
    fn settle(&mut self) {
        self.idle.clone_from(&self.quiet);
        loop {
            let mut idle_spans: Vec<(TextSize, TextSize)> =
                (0..self.spans.len()).filter(|&i| self.idle[i]).map(|i| self.spans[i]).collect();
            idle_spans.sort_unstable();
            let in_idle = |at: TextSize| {
                let after = idle_spans.partition_point(|&(start, _)| start <= at);
                after > 0 && idle_spans[after - 1].1 > at
            };
            let mut changed = false;
            for &(at, number) in &self.marks {
                if number >= self.functions || in_idle(at) {
                    continue;
                }
                for &site in &self.defining[number as usize] {
                    changed |= std::mem::replace(&mut self.idle[site], false);
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Whether the analysis of `site` can teach nothing.
    pub fn is_idle(&self, site: usize) -> bool {
        self.idle.get(site).copied().unwrap_or(false)
    }

    /// Records that `site` was left out.
    pub fn leave_out(&mut self, site: usize) {
        self.left.push(site);
    }

    /// Notes that the function named `name` returns source data; returns
    /// the left-out functions that are no longer idle, which must run after all.
    pub fn returns_source(&mut self, name: &str) -> Vec<usize> {
        let Some(&number) = self.words.get(name) else { return Vec::new() };
        if !self.blocking.insert(number) {
            return Vec::new();
        }
        for site in 0..self.spans.len() {
            if self.quiet[site] && self.blocked_within(self.spans[site]) {
                self.quiet[site] = false;
            }
        }
        self.settle();
        let (running, still_left): (Vec<usize>, Vec<usize>) =
            std::mem::take(&mut self.left).into_iter().partition(|&site| !self.idle[site]);
        self.left = still_left;
        running
    }

    /// The functions left out, by site.
    pub fn left(&self) -> &[usize] {
        &self.left
    }

    /// Fingerprints of the names the left-out functions use, sorted: a
    /// function of another module that starts returning source data under
    /// one of them makes the module run again in full.
    pub fn names_used(&self, source: &str, tokens: &Tokens, sites: &[FunctionSite<'_>]) -> Vec<u64> {
        let mut used = Vec::new();
        for &site in &self.left {
            let def = sites[site].def;
            let first = tokens.partition_point(|token| token.start() < def.name.start());
            for token in tokens[first..].iter().take_while(|token| token.start() < def.end()) {
                if token.kind() == TokenKind::Name {
                    used.push(word_fingerprint(&source[token.range()]));
                }
            }
        }
        used.sort_unstable();
        used.dedup();
        used
    }

    fn blocked_within(&self, (start, end): (TextSize, TextSize)) -> bool {
        let first = self.marks.partition_point(|&(at, _)| at < start);
        self.marks[first..]
            .iter()
            .take_while(|&&(at, _)| at < end)
            .any(|&(_, mark)| mark == BLOCKS || self.blocking.contains(&mark))
    }
}

/// Whether a pattern rule reported (at the sorted offsets `reported`) within `range`.
fn reported_within(reported: &[TextSize], range: TextRange) -> bool {
    let first = reported.partition_point(|&at| at < range.start());
    reported.get(first).is_some_and(|&at| at < range.end())
}

#[cfg(test)]
mod tests {
    use ruff_source_file::LineIndex;
    use ruff_text_size::TextSize;

    use crate::dataflow::{BUILTIN, Idle, ModuleOutcome, Summaries, analyze_module};
    use crate::engine::ModuleSource;

    /// The analysis of `source` (module `m`) with idle functions left out.
    fn analyse(source: &str, reported: &[TextSize], project: &Summaries) -> ModuleOutcome {
        let parsed = ruff_python_parser::parse_module(source).expect("parses");
        let file =
            ModuleSource { source, path: "m.py", module_name: "m", is_package: false, python: Default::default() };
        let index = LineIndex::from_source_text(source);
        let idle = Idle { tokens: parsed.tokens(), reported };
        analyze_module(&parsed.syntax().body, &file, &index, &BUILTIN, project, None, Some(idle))
    }

    /// The qualified names of the functions of `source` left out as idle.
    fn left_out(source: &str, reported: &[TextSize], project: &Summaries) -> Vec<String> {
        let mut names = analyse(source, reported, project).left_out;
        names.sort();
        names
    }

    const MODULE: &str = r#"
import os, sys, sqlite3

CONFIG = os.environ.get("CFG")

def read_arg():
    return sys.argv[1]

def test_plain():
    values = [1, 2]
    return len(values)

def used_helper(value):
    return value

def test_uses_arg():
    os.system(used_helper(read_arg()))

def test_uses_global():
    os.system(CONFIG)

def test_input():
    eval(input())

def helper(value):
    return value

def test_calls_helper():
    return helper(3)

def test_nested():
    def inner(a):
        return a
    class Local:
        pass
    return inner(Local())

def test_nested_route():
    @app.route("/x")
    def view(name):
        return name
    return view

def view(request):
    return request

def test_fetches():
    return fetch_remote()

class Case:
    def __str__(self):
        return "case"

    def test_method(self):
        return self.value

def late_helper():
    return 1

def test_late():
    fn = get_value
    late_helper()
    sqlite3.connect("app.db").execute(fn())

def get_value():
    return os.environ["V"]
"#;

    /// `helper` is named only inside a left-out function; `used_helper`
    /// inside one that runs. `test_late` and `late_helper` are left out
    /// until `get_value` turns out to return source data.
    #[test]
    fn only_functions_nobody_calls_and_no_source_reaches_are_left_out() {
        let names = left_out(MODULE, &[], &Summaries::default());
        let expected = [
            "m.Case.test_method",
            "m.helper",
            "m.test_calls_helper",
            "m.test_fetches",
            "m.test_nested",
            "m.test_plain",
        ];
        assert_eq!(names, expected);
    }

    #[test]
    fn a_function_left_out_before_its_callee_turned_out_to_return_source_data_runs() {
        let outcome = analyse(MODULE, &[], &Summaries::default());
        let sink = TextSize::try_from(MODULE.find("execute(fn())").expect("in module")).expect("fits");
        assert!(outcome.hits.iter().any(|hit| hit.range.contains(sink)), "{:?}", outcome.hits);
    }

    #[test]
    fn a_pattern_finding_keeps_its_function_for_the_dataflow_proof() {
        let at = TextSize::try_from(MODULE.find("len(values)").expect("in module")).expect("fits");
        let names = left_out(MODULE, &[at], &Summaries::default());
        assert!(!names.contains(&"m.test_plain".to_string()), "{names:?}");
        assert!(names.contains(&"m.test_nested".to_string()), "{names:?}");
    }

    #[test]
    fn a_function_of_another_module_returning_source_data_keeps_its_callers() {
        let mut project = Summaries::default();
        let returning = crate::dataflow::FunctionSummary { returns_source: Some(Vec::new()), ..Default::default() };
        project.insert("net.fetch_remote".to_string(), returning);
        let names = left_out(MODULE, &[], &project);
        assert!(!names.contains(&"m.test_fetches".to_string()), "{names:?}");
        assert!(names.contains(&"m.test_plain".to_string()), "{names:?}");
    }

    #[test]
    fn a_source_word_counts_only_where_the_module_names_the_source_module() {
        let without_sys = "def test_args(argv):\n    return argv[0]\n";
        assert_eq!(left_out(without_sys, &[], &Summaries::default()), ["m.test_args"]);
        let with_sys = "import sys\n\ndef test_args(argv):\n    return argv[0]\n";
        assert!(left_out(with_sys, &[], &Summaries::default()).is_empty());
    }

    #[test]
    fn names_used_are_fingerprinted_for_the_project_check() {
        let parsed = ruff_python_parser::parse_module(MODULE).expect("parses");
        let file = ModuleSource {
            source: MODULE,
            path: "m.py",
            module_name: "m",
            is_package: false,
            python: Default::default(),
        };
        let index = LineIndex::from_source_text(MODULE);
        let idle = Idle { tokens: parsed.tokens(), reported: &[] };
        let project = Summaries::default();
        let outcome = analyze_module(&parsed.syntax().body, &file, &index, &BUILTIN, &project, None, Some(idle));
        let has = |word: &str| outcome.left_out_names.binary_search(&super::word_fingerprint(word)).is_ok();
        assert!(has("fetch_remote") && has("helper") && has("values"));
        assert!(!has("read_arg"), "read_arg is named only in functions that run");
    }
}
