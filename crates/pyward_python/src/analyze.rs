//! One file, from bytes to findings: decode, parse (with error recovery),
//! recognise Python 2, walk once with the rules, then apply suppressions,
//! per-file ignores and thresholds.

use pyward_report::{Confidence, ErrorEntry, Finding, Severity, fingerprint};
use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashMap;

use std::sync::Arc;

use crate::dataflow::{self, Fact, Specs, Summaries, SummaryLookup};
use crate::engine::{
    Diagnostic, Engine, ModuleSource, Rule, Selector, Suppressions, Violation, WalkLimits, check_module,
};
use crate::files::{PathPatterns, SourceFile};
use crate::python2::looks_like_python2;
use crate::source::decode;
use crate::version::{PythonVersion, TargetPython};

/// Everything `pyward check` needs to analyse a file.
pub struct CheckSettings {
    pub engine: Engine,
    pub min_severity: Severity,
    pub min_confidence: Confidence,
    pub per_file_ignores: Vec<(PathPatterns, Vec<Selector>)>,
    pub target_version: Option<PythonVersion>,
    pub ignore_suppressions: bool,
    pub limits: WalkLimits,
    /// Sources, sinks and sanitisers for dataflow (built-in plus the project's own).
    pub dataflow_specs: Arc<Specs>,
    /// Leave out the dataflow of functions whose analysis can teach nothing
    /// (see `dataflow::leave_out`); the findings are the same either way.
    pub leave_out_idle: bool,
}

impl Default for CheckSettings {
    fn default() -> Self {
        Self {
            engine: Engine::all(),
            min_severity: Severity::Low,
            min_confidence: Confidence::Low,
            per_file_ignores: Vec::new(),
            target_version: None,
            ignore_suppressions: false,
            limits: WalkLimits::default(),
            dataflow_specs: dataflow::BUILTIN.clone(),
            leave_out_idle: true,
        }
    }
}

/// What one file produced.
#[derive(Debug, Default)]
pub struct FileReport {
    pub findings: Vec<Finding>,
    pub errors: Vec<ErrorEntry>,
}

/// What the dataflow analysis of a file tells the rest of the project.
#[derive(Debug, Default)]
pub struct ProjectFacts {
    /// Summaries of the file's functions that tell callers something, by qualified name.
    pub summaries: Summaries,
    /// The bases of the file's classes.
    pub bases: dataflow::ClassBases,
    /// Callees in other modules, and the summaries it used for them.
    pub external: Vec<dataflow::ExternalCall>,
    /// The names (last part) of its functions that return source data.
    pub returning_source: Vec<String>,
    /// Functions its dataflow left out as idle, and fingerprints of the names they use.
    pub left_out: Vec<String>,
    pub left_out_names: Vec<u64>,
}

/// The part of a file's analysis that other modules cannot change: the
/// pattern rules' diagnostics and the errors found on the way. A file
/// whose dataflow must run again with other modules' summaries keeps it,
/// so only the dataflow runs again.
#[derive(Default)]
pub(crate) struct PatternPass {
    diagnostics: Vec<Diagnostic>,
    errors: Vec<ErrorEntry>,
}

/// A file's results, and what the project-wide phase needs of it.
pub(crate) struct FileOutcome {
    pub report: FileReport,
    pub facts: ProjectFacts,
    /// Kept when the file calls into other modules (it may be analysed again).
    pub patterns: Option<PatternPass>,
}

impl FileOutcome {
    pub(crate) fn failed(error: ErrorEntry) -> Self {
        let report = FileReport { findings: Vec::new(), errors: vec![error] };
        FileOutcome { report, facts: ProjectFacts::default(), patterns: None }
    }
}

pub fn analyze_file(file: &SourceFile, settings: &CheckSettings) -> FileReport {
    analyze_file_in_project(file, None, settings, &Summaries::default(), None).report
}

/// Analyses a file (its contents `read` already, or read here); with
/// `patterns` from an earlier pass, runs only its dataflow again.
pub(crate) fn analyze_file_in_project(
    file: &SourceFile,
    read: Option<Vec<u8>>,
    settings: &CheckSettings,
    project: &dyn SummaryLookup,
    patterns: Option<PatternPass>,
) -> FileOutcome {
    match read.map_or_else(|| std::fs::read(&file.path), Ok) {
        Ok(bytes) if crate::notebook::is_notebook(&file.path) => {
            // Notebooks are leaves of the project: they take no part in cross-module summaries.
            let report = crate::notebook::analyze_notebook(file, &bytes, settings);
            FileOutcome { report, facts: ProjectFacts::default(), patterns: None }
        }
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => analyze_text(file, &text, settings, project, patterns),
            Err(error) => {
                let mut entry = ErrorEntry::new(&file.display, "decode", error.to_string());
                entry.line = error.line();
                FileOutcome::failed(entry)
            }
        },
        Err(error) => FileOutcome::failed(ErrorEntry::new(&file.display, "io", format!("cannot read: {error}"))),
    }
}

pub fn analyze_bytes(file: &SourceFile, bytes: &[u8], settings: &CheckSettings) -> FileReport {
    match decode(bytes) {
        Ok(text) => analyze_source(file, &text, settings),
        Err(error) => {
            let mut entry = ErrorEntry::new(&file.display, "decode", error.to_string());
            entry.line = error.line();
            FileReport { findings: Vec::new(), errors: vec![entry] }
        }
    }
}

pub fn analyze_source(file: &SourceFile, source: &str, settings: &CheckSettings) -> FileReport {
    analyze_source_in_project(file, source, settings, &Summaries::default()).0
}

/// Analyses one file, with the summaries of the project's other modules.
pub fn analyze_source_in_project(
    file: &SourceFile,
    source: &str,
    settings: &CheckSettings,
    project: &Summaries,
) -> (FileReport, ProjectFacts) {
    let outcome = analyze_text(file, source, settings, project, None);
    (outcome.report, outcome.facts)
}

fn analyze_text(
    file: &SourceFile,
    source: &str,
    settings: &CheckSettings,
    project: &dyn SummaryLookup,
    earlier: Option<PatternPass>,
) -> FileOutcome {
    let mut facts = ProjectFacts::default();
    let source_type = PySourceType::from(file.path.as_path());
    let parsed = parse_unchecked_source(source, source_type);
    let index = LineIndex::from_source_text(source);
    let mut target = TargetPython {
        version: settings.target_version,
        python2: settings.target_version.is_some_and(PythonVersion::is_python2),
    };
    if !parsed.errors().is_empty() {
        target.python2 |= looks_like_python2(source, parsed.errors(), &index);
    }
    let module = ModuleSource {
        source,
        path: &file.display,
        module_name: &file.module,
        is_package: file.is_package,
        python: target,
    };
    let with_dataflow = dataflow_selected(&settings.engine);
    let (pass, called) = match earlier {
        Some(pass) => (pass, None),
        None => pattern_pass(file, &parsed, &module, &index, settings, with_dataflow),
    };
    let PatternPass { mut diagnostics, mut errors } = pass;
    let mut kept = None;
    if with_dataflow {
        let body = &parsed.syntax().body;
        let leave_out = settings.leave_out_idle && project.may_leave_out();
        let reported: Vec<TextSize> = if leave_out { reported(&diagnostics) } else { Vec::new() };
        let idle = leave_out.then(|| dataflow::Idle { tokens: parsed.tokens(), reported: &reported });
        let specs = &settings.dataflow_specs;
        let flow = dataflow::analyze_module(body, &module, &index, specs, project, called.as_ref(), idle);
        // Only a file that calls into other modules, or left functions out, may be analysed again.
        if !flow.external.is_empty() || !flow.left_out.is_empty() {
            kept = Some(PatternPass { diagnostics: diagnostics.clone(), errors: errors.clone() });
        }
        for (range, note) in &flow.notes {
            let line = line_of(&index, range.start());
            errors.push(ErrorEntry::new(&file.display, "dataflow-limit", note.clone()).at_line(line));
        }
        diagnostics = merge_dataflow(diagnostics, &flow, &settings.engine);
        let mut summaries = flow.summaries;
        summaries.retain(|_, summary| summary.matters());
        facts = ProjectFacts {
            returning_source: dataflow::names_returning_source(&summaries).map(str::to_string).collect(),
            summaries,
            bases: flow.bases,
            external: flow.external,
            left_out: flow.left_out,
            left_out_names: flow.left_out_names,
        };
    }
    let findings = findings(file, source, &parsed, &index, diagnostics, settings);
    FileOutcome { report: FileReport { findings, errors }, facts, patterns: kept }
}

/// Whether the dataflow rule for `kind` covers a pattern rule about `rule_cwe`.
fn covers(rule_cwe: &[u32], kind: dataflow::Kind) -> bool {
    let taint_cwe = crate::rules::taint::rule_for(kind).meta.cwe;
    rule_cwe.iter().any(|c| taint_cwe.contains(c) || (*c == 95 && taint_cwe.contains(&94)))
}

/// Where the pattern rules reported what a dataflow proof could lower, sorted.
fn reported(diagnostics: &[Diagnostic]) -> Vec<TextSize> {
    let lowerable = |d: &&Diagnostic| dataflow::Kind::EVERY.iter().any(|&kind| covers(d.rule.meta.cwe, kind));
    let mut starts: Vec<TextSize> = diagnostics.iter().filter(lowerable).map(|d| d.range.start()).collect();
    starts.sort_unstable();
    starts
}

/// The pattern rules' walk, and the errors of parsing and walking; with the
/// calls function bodies make by name when `note_calls` is set.
fn pattern_pass<'a>(
    file: &SourceFile,
    parsed: &'a ruff_python_parser::Parsed<ruff_python_ast::ModModule>,
    module: &ModuleSource<'a>,
    index: &LineIndex,
    settings: &'a CheckSettings,
    note_calls: bool,
) -> (PatternPass, Option<dataflow::CalledNames<'a>>) {
    let mut errors = Vec::new();
    if let Some(first) = parsed.errors().first() {
        errors.push(syntax_error(file, first, parsed.errors().len(), module.python.python2, index));
    }
    let outcome = check_module(parsed.syntax(), module, &settings.engine, settings.limits, note_calls);
    if let Some(range) = outcome.depth_exceeded_at {
        let line = line_of(index, range.start());
        errors.push(
            ErrorEntry::new(
                &file.display,
                "nesting-limit",
                format!(
                    "code nested more than {} levels deep; the part below that depth was not analysed",
                    settings.limits.max_depth
                ),
            )
            .at_line(line),
        );
    }
    (PatternPass { diagnostics: outcome.diagnostics, errors }, outcome.called)
}

/// Findings from diagnostics, after suppressions, per-file ignores and thresholds.
fn findings(
    file: &SourceFile,
    source: &str,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::ModModule>,
    index: &LineIndex,
    diagnostics: Vec<Diagnostic>,
    settings: &CheckSettings,
) -> Vec<Finding> {
    let suppressions = if settings.ignore_suppressions {
        Suppressions::default()
    } else {
        Suppressions::from_tokens(parsed.tokens(), source, index)
    };
    let ignored_here: Vec<&Selector> = settings
        .per_file_ignores
        .iter()
        .filter(|(patterns, _)| patterns.matches(&file.path))
        .flat_map(|(_, selectors)| selectors)
        .collect();
    let mut builder = FindingBuilder { file, source, index, seen: FxHashMap::default() };
    let mut findings = Vec::new();
    for diagnostic in diagnostics {
        // A comment on the statement, or on the line where the finding starts.
        let finding_line = ruff_text_size::TextRange::empty(diagnostic.range.start());
        let rules = std::iter::once(diagnostic.rule).chain(diagnostic.replaces.iter().copied());
        if rules.clone().any(|rule| suppressions.suppresses(rule, diagnostic.statement, index))
            || rules.clone().any(|rule| suppressions.suppresses(rule, finding_line, index))
            || ignored_here.iter().any(|s| s.matches(diagnostic.rule))
        {
            continue;
        }
        let finding = builder.build(diagnostic);
        if finding.severity >= settings.min_severity && finding.confidence >= settings.min_confidence {
            findings.push(finding);
        }
    }
    findings
}

pub(crate) fn dataflow_selected(engine: &Engine) -> bool {
    crate::rules::taint::RULES.iter().any(|rule| engine.selects(rule.meta.id))
}

/// Adds the dataflow findings; a pattern finding on a call the dataflow
/// reports is dropped, and one on a call whose input is proven constant or
/// sanitised drops to low severity and says why.
fn merge_dataflow(patterns: Vec<Diagnostic>, flow: &dataflow::ModuleOutcome, engine: &Engine) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(patterns.len() + flow.hits.len());
    let reported: Vec<(TextRange, dataflow::Kind)> = flow
        .hits
        .iter()
        .filter(|hit| engine.selects(crate::rules::taint::rule_for(hit.kind).meta.id))
        .map(|hit| (hit.range, hit.kind))
        .collect();
    let mut replaced: Vec<(TextRange, &'static Rule)> = Vec::new();
    for mut diagnostic in patterns {
        let cwe = diagnostic.rule.meta.cwe;
        let within = |range: &TextRange| range.contains_range(diagnostic.range);
        if let Some((range, _)) = reported.iter().find(|(range, kind)| within(range) && covers(cwe, *kind)) {
            replaced.push((*range, diagnostic.rule));
            continue;
        }
        let constant_is_the_finding = CONSTANT_FINDINGS.contains(&diagnostic.rule.meta.id);
        let proof = flow.facts.iter().find_map(|(range, fact)| match fact {
            Fact::Constant(kind) if within(range) && covers(cwe, *kind) && !constant_is_the_finding => {
                Some("its input is a constant")
            }
            Fact::Sanitised(kind) if within(range) && covers(cwe, *kind) => Some("its input is sanitised"),
            _ => None,
        });
        if let Some(reason) = proof {
            diagnostic.violation.severity = Some(Severity::Low);
            diagnostic.violation.message = format!("{} (dataflow: {reason})", diagnostic.violation.message);
        }
        out.push(diagnostic);
    }
    for hit in &flow.hits {
        let rule = crate::rules::taint::rule_for(hit.kind);
        if !engine.selects(rule.meta.id) {
            continue;
        }
        let source = hit.trace.first().map_or("a source", |s| s.note.trim_start_matches("source: "));
        let line = hit.trace.first().map_or(0, |s| s.line);
        let message = format!(
            "{} from {source} (line {line}) reaches {}: {}",
            kind_phrase(hit.kind),
            hit.sink,
            rule.meta.summary
        );
        out.push(Diagnostic {
            rule,
            violation: Violation::new(message),
            range: hit.range,
            statement: hit.statement,
            trace: Some(hit.trace.clone()),
            replaces: replaced.iter().filter(|(range, _)| *range == hit.range).map(|(_, rule)| *rule).collect(),
        });
    }
    out
}

/// Pattern rules that report a constant itself (one beyond a C type's
/// range): dataflow proving their input constant confirms them.
const CONSTANT_FINDINGS: &[&str] = &["PW409", "PW410"];

/// A rule's own aliases, then those of the pattern rules its finding replaces.
fn aliases_with(own: &[&str], replaces: &[&'static Rule]) -> Vec<String> {
    let mut aliases: Vec<String> = own.iter().map(|a| a.to_string()).collect();
    for alias in replaces.iter().flat_map(|rule| rule.meta.aliases) {
        if !aliases.iter().any(|a| a == alias) {
            aliases.push(alias.to_string());
        }
    }
    aliases
}

fn kind_phrase(kind: dataflow::Kind) -> &'static str {
    match kind {
        dataflow::Kind::Number => "an untrusted number",
        _ => "untrusted data",
    }
}

fn syntax_error(
    file: &SourceFile,
    first: &ruff_python_parser::ParseError,
    count: usize,
    python2: bool,
    index: &LineIndex,
) -> ErrorEntry {
    let line = line_of(index, first.range().start());
    let more = if count > 1 { format!(" (and {} more)", count - 1) } else { String::new() };
    let dialect = if python2 { "Python 2 code; " } else { "" };
    ErrorEntry::new(
        &file.display,
        "syntax",
        format!("{}{more}; {dialect}analysed what the parser recovered", first.error),
    )
    .at_line(line)
}

fn line_of(index: &LineIndex, offset: TextSize) -> u32 {
    u32::try_from(index.line_index(offset).get()).unwrap_or(u32::MAX)
}

struct FindingBuilder<'a> {
    file: &'a SourceFile,
    source: &'a str,
    index: &'a LineIndex,
    /// How often each (rule, source line) pair was seen, for fingerprints.
    seen: FxHashMap<(&'static str, String), u32>,
}

impl FindingBuilder<'_> {
    fn build(&mut self, diagnostic: Diagnostic) -> Finding {
        let Diagnostic { rule, violation, range, trace, replaces, .. } = diagnostic;
        let meta = &rule.meta;
        let start = self.index.line_column(range.start(), self.source);
        let end = self.index.line_column(range.end(), self.source);
        let snippet = self.line_text(range);
        let occurrence = self.seen.entry((meta.id, snippet.trim().to_string())).or_insert(0);
        *occurrence += 1;
        let fingerprint = fingerprint(&[meta.id, &self.file.display, snippet.trim(), &occurrence.to_string()]);
        Finding {
            rule: meta.id.to_string(),
            name: meta.name.to_string(),
            severity: violation.severity.unwrap_or(meta.severity),
            confidence: violation.confidence.unwrap_or(meta.confidence),
            cwe: meta.cwe.to_vec(),
            category: meta.category.to_string(),
            aliases: aliases_with(meta.aliases, &replaces),
            path: self.file.display.clone(),
            line: u32::try_from(start.line.get()).unwrap_or(u32::MAX),
            column: u32::try_from(start.column.get()).unwrap_or(u32::MAX),
            end_line: u32::try_from(end.line.get()).unwrap_or(u32::MAX),
            end_column: u32::try_from(end.column.get()).unwrap_or(u32::MAX),
            message: violation.message,
            fingerprint,
            trace,
            details: serde_json::Map::new(),
            snippet: Some(snippet),
        }
    }

    fn line_text(&self, range: TextRange) -> String {
        let line = self.index.line_index(range.start());
        let line_range = self.index.line_range(line, self.source);
        self.source.get(line_range.start().to_usize()..line_range.end().to_usize()).unwrap_or("").to_string()
    }
}
