//! Flow-sensitive taint propagation over a function's (or module body's)
//! control flow. The flow graph is the structured one of the tree: each
//! statement maps the state before it to the state after it; branches merge,
//! loops iterate to a fixed point (bounded), `return`/`raise`/`break`/
//! `continue` leave the normal flow, and conditions fixed by literals prune
//! the branch that cannot run.

use std::rc::Rc;

use pyward_report::TraceStep;
use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, CmpOp, Expr, Stmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use super::consts::constant_truth;
use super::exposed::ExposedReads;
use super::lookup::ProjectView;
use super::spec::{ArgRef, ArgSlot, Callback, CallbackArguments, Construction, REQUEST_NAMES, Sink, Specs};
use super::summary::{Callee, FunctionSummary, ParamSink, SummaryLookup};
use super::taint::{Kind, Taint, steps};
use crate::semantic::{Binding, ScopeId, ScopeKind, SemanticModel, dotted};

/// Variables (and access paths `x.attr`, `x['key']`) to their values.
pub type Env = FxHashMap<Name, Taint>;

/// Times a loop body is re-run before its state is taken as stable.
const MAX_LOOP_ROUNDS: u32 = 6;
/// Statements and expressions evaluated per module before giving up.
const MAX_WORK: u64 = 3_000_000;
/// Nesting of expressions followed.
const MAX_DEPTH: u32 = 400;

/// A tainted value reaching a sink.
#[derive(Debug, Clone)]
pub struct Hit {
    pub kind: Kind,
    pub range: TextRange,
    pub statement: TextRange,
    pub sink: String,
    pub trace: Vec<TraceStep>,
}

/// What the analysis proved about a sink call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Tainted(Kind),
    Constant(Kind),
    Sanitised(Kind),
}

/// How a function is entered.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Parameters that hold request data, with the note for the trace.
    /// Parameters that hold request data: index, note for the trace, sink kinds their validation clears.
    pub tainted_params: Vec<(usize, String, u32)>,
    /// Parameters that are request objects (their attributes are sources).
    pub request_params: Vec<usize>,
    /// A route whose returned string is an HTML body.
    pub html_route: bool,
    /// Methods of an HTTP request handler (`self.path` is a source).
    pub handler: bool,
    /// The class a method belongs to (for `self.method()` calls).
    pub class_path: Option<String>,
}

impl Entry {
    /// Whether no parameter holds request data or a request.
    pub fn takes_no_request_data(&self) -> bool {
        self.tainted_params.is_empty() && self.request_params.is_empty()
    }
}

#[derive(Default)]
struct Frame {
    returns: Option<Taint>,
    all_returns_constant: bool,
    any_return: bool,
    loops: Vec<(Vec<Env>, Vec<Env>)>,
    request_names: FxHashSet<String>,
    self_name: Option<String>,
    entry: Entry,
    param_sinks: Vec<ParamSink>,
    summarising: bool,
    /// Names last assigned a construction some sink's exemption does not
    /// trust (`parser = XMLParser(resolve_entities=True)`).
    unsafe_built: FxHashSet<Name>,
}

pub struct Interp<'a> {
    pub specs: &'a Specs,
    pub project: ProjectView<'a>,
    /// The summaries of this module's functions, shared with the calls that apply them.
    pub local: FxHashMap<String, Rc<FunctionSummary>>,
    pub semantic: SemanticModel,
    pub source: &'a str,
    pub path: &'a str,
    pub index: &'a LineIndex,
    /// Record findings (the last round) or only summaries.
    pub reporting: bool,
    pub hits: Vec<Hit>,
    pub facts: FxHashMap<TextRange, Fact>,
    pub notes: Vec<(TextRange, String)>,
    pub work: u64,
    depth: u32,
    statement: TextRange,
    frame: Frame,
    /// Functions met while walking: (definition, defining scope, captured env, class path, handler class).
    pub functions: Vec<FunctionSite<'a>>,
    seen_functions: FxHashMap<u32, usize>,
    classes: FxHashMap<String, bool>,
    /// The bases of this module's classes, resolved (`mod.Child` -> [`mod.Base`]).
    pub bases: FxHashMap<String, Vec<String>>,
    /// What each loop reads from the state at its head, by the start of its body.
    loop_reads: FxHashMap<TextSize, Rc<ExposedReads>>,
    /// What this module's classes keep in their attributes, when every
    /// method assigns the same kind of object: (`mod.Shop`, `db`) -> `sqlite3.connect()`.
    attribute_objects: FxHashMap<String, FxHashMap<Name, String>>,
    /// Functions defined in this module.
    pub local_names: FxHashSet<String>,
    /// `module.`: what every qualified name defined here starts with.
    pub module_prefix: String,
    /// Callees defined in this module whose summaries the current run consulted.
    pub consulted: FxHashSet<String>,
    /// The unit being run: 0 for the module body, `i + 1` for function `i`.
    pub current_unit: usize,
    /// Variables that had attributes or keys stored (only these need their
    /// access paths looked up).
    composite: FxHashSet<String>,
    /// Callees outside this module (another module may summarise them),
    /// with what their inputs held: bit 0 data from a source, bit 1 data of
    /// the function's own parameters.
    pub external: FxHashMap<String, u8>,
    /// Where methods not defined by their class come from (see [`Self::inherited_from`]).
    inherited: FxHashMap<String, Option<(String, bool)>>,
}

/// A summary a call applies: another module's, or one of this module's (shared, as it may change).
enum Known<'a> {
    Project(&'a FunctionSummary),
    Local(Rc<FunctionSummary>),
}

impl std::ops::Deref for Known<'_> {
    type Target = FunctionSummary;

    fn deref(&self) -> &FunctionSummary {
        match self {
            Known::Project(summary) => summary,
            Known::Local(summary) => summary,
        }
    }
}

pub struct FunctionSite<'a> {
    pub def: &'a ast::StmtFunctionDef,
    pub qualified: String,
    pub scope: ScopeId,
    pub captured: Env,
    pub class_path: Option<String>,
    pub handler: bool,
    /// The unit whose run defined it (its captured state comes from there).
    pub parent: usize,
}

impl<'a> Interp<'a> {
    pub fn new(
        specs: &'a Specs,
        project: &'a dyn SummaryLookup,
        semantic: SemanticModel,
        source: &'a str,
        path: &'a str,
        index: &'a LineIndex,
    ) -> Self {
        Self {
            specs,
            project: ProjectView::new(project),
            local: FxHashMap::default(),
            semantic,
            source,
            path,
            index,
            reporting: false,
            hits: Vec::new(),
            facts: FxHashMap::default(),
            notes: Vec::new(),
            work: 0,
            depth: 0,
            statement: TextRange::default(),
            frame: Frame::default(),
            functions: Vec::new(),
            seen_functions: FxHashMap::default(),
            classes: FxHashMap::default(),
            bases: FxHashMap::default(),
            attribute_objects: FxHashMap::default(),
            loop_reads: FxHashMap::default(),
            local_names: FxHashSet::default(),
            module_prefix: String::new(),
            consulted: FxHashSet::default(),
            current_unit: 0,
            composite: FxHashSet::default(),
            external: FxHashMap::default(),
            inherited: FxHashMap::default(),
        }
    }

    pub fn exhausted(&self) -> bool {
        self.work > MAX_WORK
    }

    fn step(&self, range: TextRange, note: String) -> TraceStep {
        let at = self.index.line_column(range.start(), self.source);
        TraceStep {
            path: self.path.to_string(),
            line: u32::try_from(at.line.get()).unwrap_or(u32::MAX),
            column: u32::try_from(at.column.get()).unwrap_or(u32::MAX),
            note,
        }
    }

    fn text(&self, range: TextRange) -> &str {
        self.source.get(range.start().to_usize()..range.end().to_usize()).unwrap_or("")
    }

    fn short_text(&self, range: TextRange) -> String {
        let text = self.text(range);
        let first = text.lines().next().unwrap_or("");
        if first.chars().count() > 60 || first.len() < text.len() {
            format!("{}…", first.chars().take(57).collect::<String>())
        } else {
            first.to_string()
        }
    }

    // ----- module and functions -----

    /// Runs the module body; returns its final state (the globals functions see).
    pub fn run_module(&mut self, body: &'a [Stmt]) -> Env {
        self.frame = Frame::default();
        self.semantic.enter(ScopeId(0));
        self.block(body, Env::default()).unwrap_or_default()
    }

    /// Analyses one function from `site`; returns its summary.
    /// `globals` is the tainted part of the module's state: constants there
    /// may change before the call, so only taint matters inside.
    pub fn run_function(&mut self, site_index: usize, globals: &[(Name, Taint)], entry: Entry) -> FunctionSummary {
        let site = &self.functions[site_index];
        let def = site.def;
        let scope = site.scope;
        let mut env: Env = globals.iter().cloned().collect();
        env.extend(site.captured.iter().filter(|(_, v)| v.is_tainted()).map(|(k, v)| (k.clone(), v.clone())));
        self.semantic.enter(scope);
        self.semantic.push_scope(ScopeKind::Function, def.name.as_str());
        let params: Vec<String> = def.parameters.iter().map(|p| p.name().to_string()).collect();
        let bound = site.class_path.is_some() && !is_staticmethod(def, &self.semantic);
        let mut frame =
            Frame { all_returns_constant: true, entry: entry.clone(), summarising: true, ..Frame::default() };
        if bound {
            frame.self_name = params.first().cloned();
        }
        for (i, name) in params.iter().enumerate() {
            self.semantic.bind(name, Binding::Local);
            self.forget(&mut env, name);
            let mut value = Taint { params: if i < 64 { 1 << i } else { 0 }, ..Taint::default() };
            if let Some((_, note, clears)) = entry.tainted_params.iter().find(|(p, ..)| *p == i) {
                let step = self.step(def.parameters.iter().nth(i).map_or(def.range, |p| p.range()), note.clone());
                value.origin = Some(super::taint::extend(&None, step));
                value.cleared = *clears;
            }
            if entry.request_params.contains(&i) {
                frame.request_names.insert(name.clone());
            }
            env.insert(Name::new(name), value);
        }
        let saved = std::mem::replace(&mut self.frame, frame);
        let end = self.block(&def.body, env);
        let frame = std::mem::replace(&mut self.frame, saved);
        self.semantic.pop_scope();
        let _ = end;
        let returns = frame.returns.unwrap_or_default();
        FunctionSummary {
            params,
            bound,
            returns_params: returns.params,
            returns_cleared: returns.pcleared,
            returns_source: returns.origin.as_ref().map(steps),
            returns_source_cleared: returns.cleared,
            returns_constant: frame.any_return && frame.all_returns_constant,
            param_sinks: frame.param_sinks,
        }
    }

    /// How a function's parameters are entered, from its decorators and signature.
    pub fn entry_for(&self, site_index: usize) -> Entry {
        let site = &self.functions[site_index];
        let def = site.def;
        let mut entry = Entry { class_path: site.class_path.clone(), handler: site.handler, ..Entry::default() };
        let skip = usize::from(site.class_path.is_some());
        let mut route = false;
        for decorator in &def.decorator_list {
            let func = match &decorator.expression {
                Expr::Call(call) => &*call.func,
                other => other,
            };
            if let Expr::Attribute(attribute) = func {
                let name = attribute.attr.as_str();
                if self.specs.route_decorators.contains(name) && decorator_looks_like_route(&decorator.expression) {
                    route = true;
                    entry.html_route |= self.specs.html_routes.contains(name);
                }
            }
        }
        for (i, parameter) in def.parameters.iter().enumerate() {
            let name = parameter.name().as_str();
            let annotated_request = parameter
                .annotation()
                .and_then(|a| self.semantic.resolve(a))
                .is_some_and(|q| self.specs.request_types.contains(&q));
            // By name only when unannotated: `req: ReportRequest` is a request body, not the request.
            let named_request = parameter.annotation().is_none() && REQUEST_NAMES.contains(&name);
            let is_request = annotated_request || (i == skip && named_request);
            if is_request {
                entry.request_params.push(i);
                continue;
            }
            let depends = parameter.default().is_some_and(|d| {
                matches!(d, Expr::Call(c) if self.semantic.resolve(&c.func).is_some_and(|q| q.ends_with("Depends")))
            });
            let view_argument = i > skip && entry.request_params.contains(&skip);
            if (route || view_argument) && i >= skip && !depends {
                let clears = parameter.default().map_or(0, bounded_number);
                entry.tainted_params.push((i, format!("source: request parameter `{name}`"), clears));
            }
        }
        entry
    }

    // ----- statements -----

    fn block(&mut self, body: &'a [Stmt], env: Env) -> Option<Env> {
        let mut state = Some(env);
        for stmt in body {
            let env = state?;
            self.work += 1;
            if self.exhausted() {
                return None;
            }
            state = self.stmt(stmt, env);
        }
        state
    }

    fn stmt(&mut self, stmt: &'a Stmt, mut env: Env) -> Option<Env> {
        let enclosing = std::mem::replace(&mut self.statement, statement_range(stmt));
        let result = self.stmt_inner(stmt, &mut env).then_some(env);
        let result = match stmt {
            Stmt::If(s) => self.if_stmt(s, result?),
            Stmt::While(s) => self.while_stmt(s, result?),
            Stmt::For(s) => self.for_stmt(s, result?),
            Stmt::Try(s) => self.try_stmt(s, result?),
            Stmt::With(s) => self.block(&s.body, result?),
            Stmt::Match(s) => self.match_stmt(s, result?),
            _ => result,
        };
        self.statement = enclosing;
        result
    }

    /// The simple part of a statement; false when the flow stops here.
    fn stmt_inner(&mut self, stmt: &'a Stmt, env: &mut Env) -> bool {
        match stmt {
            Stmt::Expr(s) => {
                self.expr(&s.value, env);
                !self.terminates(&s.value)
            }
            Stmt::Assign(s) => {
                let value = self.expr(&s.value, env);
                let binding = self.semantic.binding_for_value(&s.value);
                let unsafe_built = self.is_unsafe_build(&s.value);
                for target in &s.targets {
                    self.assign(target, value.clone(), env, Some(&s.value));
                    self.bind_names(target, &binding);
                    if let Expr::Name(name) = target {
                        if unsafe_built {
                            self.frame.unsafe_built.insert(name.id.clone());
                        } else if !self.frame.unsafe_built.is_empty() {
                            self.frame.unsafe_built.remove(name.id.as_str());
                        }
                    }
                }
                true
            }
            Stmt::AnnAssign(s) => {
                if let Some(value_expr) = &s.value {
                    let value = self.expr(value_expr, env);
                    self.assign(&s.target, value, env, Some(value_expr));
                    let binding = self.semantic.binding_for_value(value_expr);
                    self.bind_names(&s.target, &binding);
                }
                true
            }
            Stmt::AugAssign(s) => {
                let value = self.expr(&s.value, env);
                let current = self.expr(&s.target, env);
                if s.op == ast::Operator::Mult {
                    self.check_repetition(&s.target, &s.value, &value, env);
                }
                self.assign(&s.target, current.combine(&value), env, None);
                self.bind_names(&s.target, &Binding::Local);
                true
            }
            Stmt::Return(s) => {
                let value = s.value.as_ref().map_or_else(Taint::constant, |v| self.expr(v, env));
                if self.frame.entry.html_route
                    && value.reaches(Kind::Xss)
                    && let Some(returned) = &s.value
                {
                    // `return body, 404` and `return body, 404, headers`: the body comes first.
                    let returned = match &**returned {
                        Expr::Tuple(t) if !t.elts.is_empty() => &t.elts[0],
                        other => other,
                    };
                    // A response object stores headers and cookies beside its body: only the value itself counts.
                    let body = match returned {
                        Expr::Name(name) => env.get(name.id.as_str()).cloned().unwrap_or_default(),
                        Expr::Tuple(_) => Taint::default(),
                        other => self.expr_quiet(other, env),
                    };
                    if !matches!(returned, Expr::Call(_) | Expr::Dict(_) | Expr::List(_) | Expr::Tuple(_)) {
                        self.sink_hit(Kind::Xss, returned.range(), "the response body", &body, env);
                    }
                }
                self.add_return(value);
                false
            }
            Stmt::Raise(s) => {
                if let Some(e) = &s.exc {
                    self.expr(e, env);
                }
                false
            }
            Stmt::Break(_) => {
                if let Some(frame) = self.frame.loops.last_mut() {
                    frame.0.push(env.clone());
                }
                false
            }
            Stmt::Continue(_) => {
                if let Some(frame) = self.frame.loops.last_mut() {
                    frame.1.push(env.clone());
                }
                false
            }
            Stmt::Delete(s) => {
                for target in &s.targets {
                    if let Some(key) = access_path(target) {
                        env.retain(|k, _| !is_path_of(k, &key));
                    }
                    if let Expr::Name(name) = target {
                        self.semantic.bind(name.id.as_str(), Binding::Deleted);
                    }
                }
                true
            }
            Stmt::Import(s) => {
                for alias in &s.names {
                    self.semantic.add_import(alias);
                    let bound = alias.asname.as_ref().map_or_else(
                        || alias.name.as_str().split('.').next().unwrap_or_default().to_string(),
                        |a| a.to_string(),
                    );
                    env.remove(bound.as_str());
                }
                true
            }
            Stmt::ImportFrom(s) => {
                self.semantic.add_import_from(s);
                for alias in &s.names {
                    env.remove(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                }
                true
            }
            Stmt::Global(s) => {
                s.names.iter().for_each(|n| self.semantic.declare_global(n.as_str()));
                true
            }
            Stmt::Nonlocal(s) => {
                s.names.iter().for_each(|n| self.semantic.declare_nonlocal(n.as_str()));
                true
            }
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.expr(&decorator.expression, env);
                }
                self.define_function(def, env);
                true
            }
            Stmt::ClassDef(class) => {
                self.class_def(class, env);
                true
            }
            Stmt::Assert(s) => {
                self.expr(&s.test, env);
                if constant_truth(&s.test) == Some(false) {
                    return false;
                }
                self.refine(&s.test, true, env);
                true
            }
            Stmt::If(s) => {
                self.expr(&s.test, env);
                true
            }
            Stmt::While(s) => {
                self.expr(&s.test, env);
                true
            }
            Stmt::For(s) => {
                self.expr(&s.iter, env);
                true
            }
            Stmt::With(s) => {
                for item in &s.items {
                    let value = self.expr(&item.context_expr, env);
                    if let Some(target) = &item.optional_vars {
                        self.assign(target, value, env, Some(&item.context_expr));
                        let binding = self.semantic.binding_for_value(&item.context_expr);
                        self.bind_names(target, &binding);
                    }
                }
                true
            }
            Stmt::Match(s) => {
                self.expr(&s.subject, env);
                true
            }
            _ => true,
        }
    }

    fn add_return(&mut self, value: Taint) {
        self.frame.any_return = true;
        self.frame.all_returns_constant &= value.is_constant();
        self.frame.returns = Some(match &self.frame.returns {
            Some(previous) => previous.merge(&value),
            None => value,
        });
    }

    fn terminates(&self, expr: &Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        self.semantic.resolve(&call.func).is_some_and(|q| self.specs.terminators.contains(&q))
    }

    fn if_stmt(&mut self, s: &'a ast::StmtIf, env: Env) -> Option<Env> {
        let mut clauses: Vec<(Option<&'a Expr>, &'a [Stmt])> = vec![(Some(&s.test), &s.body)];
        for clause in &s.elif_else_clauses {
            clauses.push((clause.test.as_ref(), &clause.body));
        }
        let mut remaining = Some(env);
        let mut out: Option<Env> = None;
        let mut has_else = false;
        for (index, (test, body)) in clauses.into_iter().enumerate() {
            let Some(mut current) = remaining.take() else { break };
            let Some(test) = test else {
                has_else = true;
                out = merge_states(out, self.block(body, current));
                break;
            };
            if index > 0 {
                self.expr(test, &mut current);
            }
            match constant_truth(test) {
                Some(true) => {
                    has_else = true;
                    out = merge_states(out, self.block(body, current));
                    break;
                }
                Some(false) => remaining = Some(current),
                None => {
                    let mut taken = current.clone();
                    self.refine(test, true, &mut taken);
                    out = merge_states(out, self.block(body, taken));
                    self.refine(test, false, &mut current);
                    remaining = Some(current);
                }
            }
        }
        if !has_else {
            out = merge_states(out, remaining);
        }
        out
    }

    fn loop_body(
        &mut self,
        entry: Env,
        head_parts: LoopHead<'a>,
        body: &'a [Stmt],
        before_each: &mut dyn FnMut(&mut Self, &mut Env),
    ) -> (Env, Vec<Env>) {
        let mut head = entry;
        let mut breaks = Vec::new();
        for round in 0..=MAX_LOOP_ROUNDS {
            let mut start = head.clone();
            before_each(self, &mut start);
            self.frame.loops.push((Vec::new(), Vec::new()));
            let exit = self.block(body, start);
            let (loop_breaks, continues) = self.frame.loops.pop().unwrap_or_default();
            breaks = loop_breaks;
            let mut back = exit;
            for c in continues {
                back = merge_states(back, Some(c));
            }
            let next = match back {
                Some(back) => merge_env(&head, &back),
                None => head.clone(),
            };
            if same_env(&next, &head) || self.exhausted() {
                return (head, breaks);
            }
            // Another pass would read nothing that changed: it would end where this one did.
            if self.changes_are_unread(&next, &head, head_parts, body) {
                return (next, breaks);
            }
            if round == MAX_LOOP_ROUNDS {
                self.notes.push((self.statement, format!("a loop did not settle in {MAX_LOOP_ROUNDS} rounds")));
            }
            head = next;
        }
        (head, breaks)
    }

    /// Whether `next` differs from `head` only in entries the loop never
    /// reads before writing them.
    fn changes_are_unread(&mut self, next: &Env, head: &Env, parts: LoopHead<'a>, body: &'a [Stmt]) -> bool {
        let Some(first) = body.first() else { return false };
        let reads = self
            .loop_reads
            .entry(first.start())
            .or_insert_with(|| Rc::new(ExposedReads::of_loop(parts.test, parts.target, body)))
            .clone();
        let changed_in_next =
            next.iter().filter(|(key, value)| head.get(*key).is_none_or(|old| !old.same_shape(value)));
        let dropped = head.keys().filter(|key| !next.contains_key(*key));
        changed_in_next.map(|(key, _)| key).chain(dropped).all(|key| !reads.may_read(key))
    }

    fn while_stmt(&mut self, s: &'a ast::StmtWhile, env: Env) -> Option<Env> {
        let truth = constant_truth(&s.test);
        if truth == Some(false) {
            return self.block(&s.orelse, env);
        }
        let test = &*s.test;
        let parts = LoopHead { test: Some(test), target: None };
        let (head, breaks) = self.loop_body(env, parts, &s.body, &mut |this, start| {
            this.expr(test, start);
            this.refine(test, true, start);
        });
        let mut out = if truth == Some(true) {
            None
        } else {
            let mut done = head;
            self.refine(test, false, &mut done);
            self.block(&s.orelse, done)
        };
        for b in breaks {
            out = merge_states(out, Some(b));
        }
        out
    }

    fn for_stmt(&mut self, s: &'a ast::StmtFor, mut env: Env) -> Option<Env> {
        let element = self.expr(&s.iter, &mut env);
        self.bind_names(&s.target, &Binding::Local);
        let target = &s.target;
        let parts = LoopHead { test: None, target: Some(target) };
        let (head, breaks) = self.loop_body(env, parts, &s.body, &mut |this, start| {
            this.assign(target, element.clone(), start, None);
        });
        let mut out = self.block(&s.orelse, head);
        for b in breaks {
            out = merge_states(out, Some(b));
        }
        out
    }

    fn try_stmt(&mut self, s: &'a ast::StmtTry, env: Env) -> Option<Env> {
        let body_end = self.block(&s.body, env.clone());
        // An exception may leave the body anywhere: handlers start from either end.
        let handler_entry = merge_states(Some(env), body_end.clone()).unwrap_or_default();
        let mut out = match body_end {
            Some(end) => self.block(&s.orelse, end),
            None => None,
        };
        for handler in &s.handlers {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            let mut start = handler_entry.clone();
            if let Some(name) = &handler.name {
                self.semantic.bind(name.as_str(), Binding::Local);
                start.remove(name.as_str());
            }
            out = merge_states(out, self.block(&handler.body, start));
        }
        if s.finalbody.is_empty() {
            return out;
        }
        match out {
            Some(state) => self.block(&s.finalbody, state),
            None => {
                self.block(&s.finalbody, handler_entry);
                None
            }
        }
    }

    fn match_stmt(&mut self, s: &'a ast::StmtMatch, env: Env) -> Option<Env> {
        let mut out = None;
        let mut exhaustive = false;
        for case in &s.cases {
            exhaustive |=
                case.guard.is_none() && matches!(&case.pattern, ast::Pattern::MatchAs(p) if p.pattern.is_none());
            let mut start = env.clone();
            if let Some(guard) = &case.guard {
                self.expr(guard, &mut start);
            }
            out = merge_states(out, self.block(&case.body, start));
        }
        if !exhaustive {
            out = merge_states(out, Some(env));
        }
        out
    }

    fn define_function(&mut self, def: &'a ast::StmtFunctionDef, env: &Env) {
        let qualified = self.semantic.definition_path(def.name.as_str());
        self.semantic.bind(def.name.as_str(), Binding::Qualified(qualified.as_str().into()));
        let in_function = self.semantic.in_function();
        let class_path = self.current_class();
        let handler = class_path.as_ref().is_some_and(|c| self.classes.get(c).copied().unwrap_or(false));
        let captured = if in_function { env.clone() } else { Env::default() };
        let scope = self.semantic.current_scope();
        let parent = self.current_unit;
        let site = FunctionSite { def, qualified, scope, captured, class_path, handler, parent };
        let key = u32::from(def.range.start());
        match self.seen_functions.get(&key) {
            Some(&index) => self.functions[index] = site,
            None => {
                self.seen_functions.insert(key, self.functions.len());
                self.functions.push(site);
            }
        }
    }

    /// The names of this module's request handler classes (the last part of their paths).
    pub fn handler_classes(&self) -> impl Iterator<Item = &str> {
        self.classes.iter().filter(|(_, handler)| **handler).map(|(path, _)| path.rsplit('.').next().unwrap_or(path))
    }

    fn current_class(&self) -> Option<String> {
        let scope = self.semantic.scope(self.semantic.current_scope());
        (scope.kind == ScopeKind::Class).then(|| scope.path.clone())
    }

    fn class_def(&mut self, class: &'a ast::StmtClassDef, env: &mut Env) {
        for decorator in &class.decorator_list {
            self.expr(&decorator.expression, env);
        }
        let mut handler = false;
        let mut bases = Vec::new();
        if let Some(arguments) = &class.arguments {
            for base in &arguments.args {
                if let Some(q) = self.semantic.resolve(base) {
                    handler |= self.specs.handler_bases.contains(&q) || self.classes.get(&q).copied().unwrap_or(false);
                    if q != "object" {
                        bases.push(q);
                    }
                }
            }
        }
        self.semantic.push_scope(ScopeKind::Class, class.name.as_str());
        let path = self.semantic.scope(self.semantic.current_scope()).path.clone();
        if !bases.is_empty() {
            self.bases.insert(path.clone(), bases);
            self.inherited.clear();
        }
        self.record_attribute_objects(&path, class);
        self.classes.insert(path, handler);
        let saved_frame = std::mem::take(&mut self.frame);
        self.block(&class.body, env.clone());
        self.frame = saved_frame;
        self.semantic.pop_scope();
        let qualified = self.semantic.definition_path(class.name.as_str());
        self.semantic.bind(class.name.as_str(), Binding::Qualified(qualified.into()));
        env.remove(class.name.as_str());
    }

    fn bind_names(&mut self, target: &Expr, binding: &Binding) {
        match target {
            Expr::Name(name) => {
                let name = name.id.as_str();
                // Binding an unknown local over nothing (or another unknown local) changes no resolution.
                let unchanged =
                    *binding == Binding::Local && matches!(self.semantic.lookup(name), None | Some(Binding::Local));
                if !unchanged {
                    self.semantic.bind(name, binding.clone());
                }
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.bind_names(e, &Binding::Local)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.bind_names(e, &Binding::Local)),
            Expr::Starred(s) => self.bind_names(&s.value, &Binding::Local),
            _ => {}
        }
    }

    /// `target = value`: a strong update of names and constant access paths.
    fn assign(&mut self, target: &'a Expr, value: Taint, env: &mut Env, value_expr: Option<&'a Expr>) {
        match target {
            Expr::Name(name) => {
                let key = name.id.as_str();
                self.forget(env, key);
                let value = if value.origin.is_some() {
                    value.through(self.step(target.range(), format!("assigned to `{key}`")))
                } else {
                    value
                };
                if value.is_tainted() || value.is_proven_safe() {
                    env.insert(name.id.clone(), value);
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let parts = match value_expr {
                    Some(Expr::Tuple(t)) if t.elts.len() == elts.len() => Some(&t.elts),
                    Some(Expr::List(l)) if l.elts.len() == elts.len() => Some(&l.elts),
                    _ => None,
                };
                for (i, element) in elts.iter().enumerate() {
                    let part = match parts {
                        Some(parts) => self.expr_quiet(&parts[i], env),
                        None => value.clone(),
                    };
                    self.assign(element, part, env, None);
                }
            }
            Expr::Starred(s) => self.assign(&s.value, value, env, None),
            Expr::Attribute(attribute) => {
                self.expr(&attribute.value, env);
                self.note_composite(target);
                if let Some(key) = access_path(target) {
                    env.retain(|k, _| !is_path_of(k, &key));
                    if value.is_tainted() || value.is_proven_safe() {
                        env.insert(key, value);
                    }
                }
            }
            Expr::Subscript(subscript) => {
                self.expr(&subscript.slice, env);
                self.note_composite(target);
                self.subscript_sink(subscript, &value, env);
                match access_path(target) {
                    Some(key) => {
                        env.insert(key, value);
                    }
                    None => {
                        if let Some(base) = access_path(&subscript.value) {
                            let merged = env.get(&base).map_or(value.clone(), |old| old.merge(&value));
                            if merged.is_tainted() {
                                env.insert(base, merged);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn note_composite(&mut self, target: &Expr) {
        if let Some(root) = root_name(target)
            && !self.composite.contains(root)
        {
            self.composite.insert(root.to_string());
        }
    }

    /// Drops what `env` knows of `key` and of the access paths under it.
    fn forget(&self, env: &mut Env, key: &str) {
        if self.composite.contains(root_of_path(key)) {
            env.retain(|k, _| !is_path_of(k, key));
        } else {
            env.remove(key);
        }
    }

    /// Evaluates an expression already evaluated for its effects (no new findings).
    fn expr_quiet(&mut self, expr: &'a Expr, env: &mut Env) -> Taint {
        let reporting = std::mem::replace(&mut self.reporting, false);
        let summarising = std::mem::replace(&mut self.frame.summarising, false);
        let value = self.expr(expr, env);
        self.reporting = reporting;
        self.frame.summarising = summarising;
        value
    }

    fn subscript_sink(&mut self, subscript: &'a ast::ExprSubscript, value: &Taint, env: &mut Env) {
        let base = &*subscript.value;
        let kind = if let Some(kind) = self.semantic.resolve(base).and_then(|q| self.specs.subscript_sinks.get(&q)) {
            Some(*kind)
        } else if let Expr::Attribute(attribute) = base {
            match attribute.attr.as_str() {
                "session" if self.is_request_expr(&attribute.value) => Some(Kind::Trust),
                "headers" => Some(Kind::Header),
                _ => None,
            }
        } else {
            None
        };
        if let Some(kind) = kind {
            let what = self.short_text(base.range());
            self.sink_hit(kind, subscript.range(), &format!("{what}[…]"), value, env);
        }
    }

    fn is_request_expr(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self.frame.request_names.contains(name.id.as_str()),
            Expr::Attribute(a) => {
                a.attr.as_str() == "request"
                    && matches!(&*a.value, Expr::Name(n) if Some(n.id.as_str()) == self.frame.self_name.as_deref())
            }
            _ => false,
        }
    }

    // ----- conditions -----

    /// Narrows `env` to the branch where `test` is `truth`: allow-list
    /// membership, equality with a constant, containment and bound checks.
    fn refine(&mut self, test: &'a Expr, truth: bool, env: &mut Env) {
        match test {
            Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::Not, operand, .. }) => self.refine(operand, !truth, env),
            Expr::BoolOp(b) if (b.op == ast::BoolOp::And) == truth => {
                for value in &b.values {
                    self.refine(value, truth, env);
                }
            }
            Expr::Compare(c) if c.ops.len() == 1 => self.refine_compare(c, truth, env),
            Expr::Call(call) => self.refine_call(call, truth, env),
            _ => {}
        }
    }

    fn refine_compare(&mut self, c: &'a ast::ExprCompare, truth: bool, env: &mut Env) {
        let op = c.ops[0];
        let right = &c.comparators[0];
        match op {
            CmpOp::In | CmpOp::NotIn => {
                let holds = (op == CmpOp::In) == truth;
                if holds && !is_literal_string(&c.left) {
                    if access_path(&c.left).is_some() {
                        self.clear_expr(&c.left, Kind::ALL, env);
                    } else {
                        // `urlparse(url).hostname in ALLOWED`: where the data goes is allow-listed.
                        for checked in exprs_in(&c.left) {
                            self.clear_expr(checked, Kind::Ssrf.bit() | Kind::Redirect.bit(), env);
                        }
                    }
                }
                // `'..' in path` false: no parent-directory step.
                if !holds && is_literal_containing(&c.left, "..") {
                    self.clear_expr(right, Kind::Path.bit(), env);
                }
            }
            CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot => {
                let equal = matches!(op, CmpOp::Eq | CmpOp::Is) == truth;
                if equal
                    && is_constant_expr(right)
                    && let Some(key) = access_path(&c.left)
                {
                    env.retain(|k, _| !is_path_of(k, &key));
                    env.insert(key, Taint::constant());
                    self.note_composite(&c.left);
                }
            }
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
                self.clear_expr(&c.left, Kind::Number.bit(), env);
                self.clear_expr(right, Kind::Number.bit(), env);
            }
        }
    }

    /// Marks the value of `expr` (a variable or access path) safe for `kinds` from here on.
    fn clear_expr(&mut self, expr: &'a Expr, kinds: u32, env: &mut Env) {
        let Some(key) = access_path(expr) else { return };
        if env.keys().any(|k| is_path_of(k, &key)) {
            clear(env, &key, kinds);
            return;
        }
        self.note_composite(expr);
        let value = self.expr_quiet(expr, env);
        if value.is_tainted() {
            env.insert(key, value.sanitised(kinds));
        }
    }

    fn refine_call(&mut self, call: &'a ast::ExprCall, truth: bool, env: &mut Env) {
        if !truth {
            return;
        }
        if let Expr::Attribute(attribute) = &*call.func {
            let method = attribute.attr.as_str();
            if let Some(guard) = self.specs.guard_methods.get(method).copied() {
                self.clear_expr(&attribute.value, guard.clears, env);
                return;
            }
            if method == "startswith" {
                // A prefix check allow-lists where a URL goes; on a normalised path it is a
                // containment check too (`route.startswith("/files/")` alone does not stop `..`).
                let receiver = &*attribute.value;
                let normalised = self.expr_quiet(receiver, env).normalised;
                let kinds = Kind::Ssrf.bit() | Kind::Redirect.bit() | if normalised { Kind::Path.bit() } else { 0 };
                for checked in exprs_in(receiver) {
                    self.clear_expr(checked, kinds, env);
                }
                return;
            }
        }
        let Some(q) = self.semantic.resolve(&call.func) else { return };
        if let Some(guard) = self.specs.guard_callees.get(&q).copied() {
            if let Some(checked) = call.arguments.args.get(guard.argument.unwrap_or(0)) {
                self.clear_expr(checked, guard.clears, env);
            }
        } else if q == "os.path.commonpath" || q == "os.path.commonprefix" {
            for arg in &call.arguments.args {
                for checked in exprs_in(arg) {
                    self.clear_expr(checked, Kind::Path.bit(), env);
                }
            }
        }
    }

    // ----- expressions -----

    pub fn expr(&mut self, expr: &'a Expr, env: &mut Env) -> Taint {
        self.work += 1;
        if self.depth >= MAX_DEPTH || self.exhausted() {
            return Taint::default();
        }
        self.depth += 1;
        let value = self.expr_inner(expr, env);
        self.depth -= 1;
        value
    }

    fn expr_inner(&mut self, expr: &'a Expr, env: &mut Env) -> Taint {
        match expr {
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => Taint::constant(),
            Expr::FString(f) => {
                let mut value = Taint::constant();
                for element in f.value.elements() {
                    if let ast::InterpolatedStringElement::Interpolation(part) = element {
                        let part = self.expr(&part.expression, env);
                        value = value.combine(&part);
                    }
                }
                value
            }
            Expr::Name(name) => self.name(name.id.as_str(), env),
            Expr::Attribute(attribute) => self.attribute(expr, attribute, env),
            Expr::Subscript(subscript) => {
                let base = self.expr(&subscript.value, env);
                self.expr(&subscript.slice, env);
                let stored = root_name(expr).is_some_and(|root| self.composite.contains(root));
                match access_path(expr).filter(|_| stored).and_then(|k| env.get(&k)) {
                    Some(value) => value.clone(),
                    None => Taint { proof: Default::default(), ..base },
                }
            }
            Expr::Call(call) => self.call(expr, call, env),
            Expr::BinOp(b) => {
                let left = self.expr(&b.left, env);
                let right = self.expr(&b.right, env);
                if b.op == ast::Operator::Mult {
                    self.check_repetition(&b.left, &b.right, &right, env);
                    self.check_repetition(&b.right, &b.left, &left, env);
                }
                left.combine(&right)
            }
            Expr::BoolOp(b) => {
                let mut value: Option<Taint> = None;
                for part in &b.values {
                    let part = self.expr(part, env);
                    value = Some(value.map_or(part.clone(), |v| v.combine(&part)));
                }
                value.unwrap_or_default()
            }
            Expr::UnaryOp(u) => {
                let value = self.expr(&u.operand, env);
                if u.op == ast::UnaryOp::Not { Taint::default() } else { value }
            }
            Expr::Compare(c) => {
                self.expr(&c.left, env);
                for comparator in &c.comparators {
                    self.expr(comparator, env);
                }
                Taint::default()
            }
            Expr::If(i) => {
                self.expr(&i.test, env);
                match constant_truth(&i.test) {
                    Some(true) => self.expr(&i.body, env),
                    Some(false) => self.expr(&i.orelse, env),
                    None => {
                        let a = self.expr(&i.body, env);
                        let b = self.expr(&i.orelse, env);
                        a.merge(&b)
                    }
                }
            }
            Expr::List(ast::ExprList { elts, .. })
            | Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => self.all_of(elts.iter(), env),
            Expr::Dict(d) => {
                let mut value = Taint::constant();
                for item in &d.items {
                    if let Some(key) = &item.key {
                        let key = self.expr(key, env);
                        value = value.combine(&key);
                    }
                    let v = self.expr(&item.value, env);
                    value = value.combine(&v);
                }
                value
            }
            Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt], env),
            Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt], env),
            Expr::Generator(c) => self.comprehension(&c.generators, &[&c.elt], env),
            Expr::DictComp(c) => match &c.key {
                Some(key) => self.comprehension(&c.generators, &[key, &c.value], env),
                None => self.comprehension(&c.generators, &[&c.value], env),
            },
            Expr::Lambda(l) => {
                let mut inner = env.clone();
                if let Some(parameters) = &l.parameters {
                    for p in parameters.iter() {
                        inner.remove(p.name().as_str());
                    }
                }
                let saved = std::mem::take(&mut self.frame.summarising);
                self.expr(&l.body, &mut inner);
                self.frame.summarising = saved;
                Taint::default()
            }
            Expr::Named(n) => {
                let value = self.expr(&n.value, env);
                self.assign(&n.target, value.clone(), env, None);
                value
            }
            Expr::Await(a) => self.expr(&a.value, env),
            Expr::Starred(s) => self.expr(&s.value, env),
            Expr::Yield(y) => {
                if let Some(value) = &y.value {
                    let value = self.expr(value, env);
                    self.add_return(value);
                }
                Taint::default()
            }
            Expr::YieldFrom(y) => {
                let value = self.expr(&y.value, env);
                self.add_return(value);
                Taint::default()
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(part, env);
                }
                Taint::default()
            }
            Expr::TString(_) | Expr::IpyEscapeCommand(_) => Taint::default(),
        }
    }

    fn all_of(&mut self, items: impl Iterator<Item = &'a Expr>, env: &mut Env) -> Taint {
        let mut value = Taint::constant();
        for item in items {
            let part = self.expr(item, env);
            value = value.combine(&part);
        }
        value
    }

    fn comprehension(&mut self, generators: &'a [ast::Comprehension], elements: &[&'a Expr], env: &mut Env) -> Taint {
        let mut inner = env.clone();
        for generator in generators {
            let element = self.expr(&generator.iter, &mut inner);
            self.assign(&generator.target, element, &mut inner, None);
            for condition in &generator.ifs {
                self.expr(condition, &mut inner);
                self.refine(condition, true, &mut inner);
            }
        }
        let mut value = Taint::default();
        for element in elements {
            let part = self.expr(element, &mut inner);
            value = value.merge(&part);
        }
        value
    }

    fn name(&self, name: &str, env: &Env) -> Taint {
        let mut value = env.get(name).cloned().unwrap_or_default();
        // Data stored in the object's attributes or keys is part of it.
        if env.len() > 1 && self.composite.contains(name) {
            for (key, part) in env {
                if part.is_tainted() && key.len() > name.len() && is_path_of(key, name) && key != name {
                    value = value.merge(part);
                }
            }
        }
        value
    }

    fn attribute(&mut self, expr: &'a Expr, attribute: &'a ast::ExprAttribute, env: &mut Env) -> Taint {
        if root_name(expr).is_some_and(|root| self.composite.contains(root))
            && let Some(value) = access_path(expr).and_then(|k| env.get(&k))
        {
            return value.clone();
        }
        if self.specs.source_attributes.contains(attribute.attr.as_str())
            && let Some(source) = self.attribute_source(expr, attribute)
        {
            return source;
        }
        let base = self.expr(&attribute.value, env);
        Taint { proof: Default::default(), ..base }
    }

    fn attribute_source(&self, expr: &Expr, attribute: &ast::ExprAttribute) -> Option<Taint> {
        let attr = attribute.attr.as_str();
        let note = if let Some(q) = self.semantic.resolve(expr) {
            let prefix = self.specs.source_prefix(&q)?;
            return Some(self.source_value(prefix, expr.range()));
        } else if self.is_request_expr(&attribute.value) && self.specs.request_attributes.contains(attr) {
            format!("source: request.{attr}")
        } else if self.frame.entry.handler
            && self.specs.handler_attributes.contains(attr)
            && matches!(&*attribute.value, Expr::Name(n) if Some(n.id.as_str()) == self.frame.self_name.as_deref())
        {
            format!("source: self.{attr} of an HTTP request handler")
        } else {
            return None;
        };
        Some(Taint::source(super::taint::extend(&None, self.step(expr.range(), note))))
    }

    /// The value read from a source; data a local user gives a script
    /// (`sys.argv`, `input()`, the environment) is theirs to use for files,
    /// URLs, sizes and logs, so only injections count for it.
    fn source_value(&self, prefix: &str, range: TextRange) -> Taint {
        let mut value = Taint::source(super::taint::extend(&None, self.step(range, format!("source: {prefix}"))));
        if self.specs.local_sources.contains(prefix) {
            value.cleared = super::spec::LOCAL_CLEARS;
        }
        value
    }

    // ----- calls -----

    fn callee(&self, func: &Expr) -> Option<String> {
        if let Expr::Attribute(attribute) = func
            && let Some(class) = &self.frame.entry.class_path
        {
            match &*attribute.value {
                // `self.method()`
                Expr::Name(base) if Some(base.id.as_str()) == self.frame.self_name.as_deref() => {
                    return Some(dotted(class, attribute.attr.as_str()));
                }
                // `self.db.execute()`, with `self.db = sqlite3.connect(...)` in the class
                Expr::Attribute(held) if !self.attribute_objects.is_empty() && self.is_self(&held.value) => {
                    if let Some(object) = self.attribute_object(class, &held.attr) {
                        return Some(dotted(object, attribute.attr.as_str()));
                    }
                }
                _ => {}
            }
        }
        self.semantic.resolve(func)
    }

    fn is_self(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(name) if Some(name.id.as_str()) == self.frame.self_name.as_deref())
    }

    /// The object `class` (or a class it inherits from in this module) keeps in `attr`.
    fn attribute_object(&self, class: &str, attr: &str) -> Option<&str> {
        self.class_and_ancestors(class)
            .into_iter()
            .find_map(|class| self.attribute_objects.get(class.as_str()).and_then(|held| held.get(attr)))
            .map(String::as_str)
    }

    /// The bases of `class`: from this module's definitions, or from the
    /// module of the project that defines it.
    fn bases_of(&self, class: &str) -> Option<&[String]> {
        match self.bases.get(class) {
            Some(bases) => Some(bases),
            None if class.starts_with(self.module_prefix.as_str()) => None,
            None => self.project.bases(class),
        }
    }

    /// `class`, then its bases, depth first in declaration order (Python's
    /// order for single inheritance and simple mixins), bounded.
    fn class_and_ancestors(&self, class: &str) -> Vec<String> {
        const MAX_CLASSES: usize = 16;
        let mut order = Vec::new();
        let mut pending = vec![class];
        while let Some(next) = pending.pop() {
            if order.len() == MAX_CLASSES {
                break;
            }
            order.push(next.to_string());
            if let Some(bases) = self.bases_of(next) {
                pending.extend(bases.iter().rev().map(String::as_str));
            }
        }
        order
    }

    /// Scans the methods of `class` for `self.attr = f(...)`: an attribute
    /// always assigned calls of the same known callable holds an `f()`.
    fn record_attribute_objects(&mut self, path: &str, class: &ast::StmtClassDef) {
        let mut found: FxHashMap<Name, Option<String>> = FxHashMap::default();
        for stmt in &class.body {
            let Stmt::FunctionDef(method) = stmt else { continue };
            let Some(receiver) = method.parameters.posonlyargs.iter().chain(&method.parameters.args).next() else {
                continue;
            };
            let receiver = receiver.parameter.name.as_str();
            let mut assignments = Vec::new();
            collect_attribute_assignments(&method.body, receiver, &mut assignments);
            for (attr, value) in assignments {
                let object = match value {
                    Expr::Call(call) => self.semantic.resolve(&call.func).map(|q| format!("{q}()")),
                    _ => None,
                };
                let entry = found.entry(attr.clone()).or_insert_with(|| object.clone());
                if *entry != object {
                    *entry = None;
                }
            }
        }
        let held: FxHashMap<Name, String> =
            found.into_iter().filter_map(|(attr, object)| object.map(|object| (attr, object))).collect();
        if !held.is_empty() {
            self.attribute_objects.insert(path.to_string(), held);
        }
    }

    /// The summary a call of `qualified` uses: this module's, else the project's.
    pub fn summary(&self, qualified: &str) -> Option<&FunctionSummary> {
        self.local.get(qualified).map(|s| &**s).or_else(|| self.project.summary(qualified))
    }

    fn call(&mut self, expr: &'a Expr, call: &'a ast::ExprCall, env: &mut Env) -> Taint {
        let receiver = match &*call.func {
            Expr::Attribute(attribute) => Some(self.expr(&attribute.value, env)),
            other => {
                self.expr(other, env);
                None
            }
        };
        let args: SmallVec<[Taint; 4]> = call.arguments.args.iter().map(|a| self.expr(a, env)).collect();
        let keywords: SmallVec<[Taint; 2]> = call.arguments.keywords.iter().map(|k| self.expr(&k.value, env)).collect();
        let callee = self.callee(&call.func);
        // The function a summary would be kept under: `mod.Class.method` for `mod.Class().method`.
        let instance_method = callee.as_deref().and_then(method_of_instance);
        let summarised = instance_method.as_ref().or(callee.as_ref());
        if let Some(q) = summarised
            && q.starts_with(self.module_prefix.as_str())
            && !self.consulted.contains(q)
        {
            self.consulted.insert(q.clone());
        }
        let method = match &*call.func {
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        let inputs =
            CallInputs { call, by_keyword: true, receiver: receiver.as_ref(), args: &args, keywords: &keywords };
        // A method the project defines is known by its summary, not by its name
        // (`Job().execute(code)` is not `cursor.execute(sql)`).
        let specs: &'a Specs = self.specs;
        let method_sinks = method.and_then(|m| specs.sink_methods.get(m));
        let own_method = method_sinks.is_some() && summarised.is_some_and(|q| self.project_defines(q));
        // Most callees are in no table: one lookup says so.
        let tabled = callee.as_ref().filter(|q| specs.names_callee(q));
        let by_method = method.zip(method_sinks).filter(|_| !own_method);
        self.check_sinks(callee.as_deref(), tabled.is_some(), by_method, &inputs, env);
        if let Some(callback) = tabled.and_then(|q| self.specs.callbacks.get(q)) {
            self.call_back(callback, expr, &inputs, env);
        }
        if let Some(q) = &callee {
            if let Some(prefix) = self.specs.source_prefix(q) {
                return self.source_value(prefix, expr.range());
            }
            // What a file or a query returns is not the data that named it.
            if tabled.is_some()
                && self.specs.sink_callees.get(q).is_some_and(|s| s.iter().any(|s| s.kind.result_is_clean()))
            {
                return Taint::default();
            }
        }

        if callee.is_none()
            && let Some(method) = method
            && self.specs.source_methods.contains(method)
        {
            let note = format!("source: .{method}() on a socket");
            return Taint::source(super::taint::extend(&None, self.step(expr.range(), note)));
        }
        if let (Some(method), Some(Expr::Name(base))) = (method, attribute_base(&call.func))
            && self.specs.self_sources.contains(method)
            && Some(base.id.as_str()) == self.frame.self_name.as_deref()
        {
            let note = format!("source: self.{method}()");
            return Taint::source(super::taint::extend(&None, self.step(expr.range(), note)));
        }
        if let Some(method) = method {
            self.mutate_receiver(call, method, &inputs, env);
        }
        let all = inputs.merged();
        if let Some(clears) = tabled.and_then(|q| self.specs.sanitizer_callees.get(q)) {
            return if all.is_tainted() { all.sanitised(*clears) } else { all };
        }
        if let Some(q) = summarised {
            let in_module = self.local_names.contains(q) || self.local.contains_key(q);
            let elsewhere = if in_module { Callee::Outside } else { self.project.find(q) };
            if matches!(elsewhere, Callee::Project(_)) && q.contains('.') && !q.contains("()") {
                let flags = u8::from(all.origin.is_some()) | (u8::from(all.params != 0) << 1);
                match self.external.get_mut(q.as_str()) {
                    Some(known) => *known |= flags,
                    None => {
                        self.external.insert(q.clone(), flags);
                    }
                }
            }
            let summary = match elsewhere {
                Callee::Project(summary) => summary.map(Known::Project),
                Callee::Outside => self.local.get(q).cloned().map(Known::Local),
            };
            if let Some(summary) = summary {
                if !summary.matters() {
                    return Taint { proof: Default::default(), ..all };
                }
                let bound = instance_method.is_some() || self.is_bound_call(call);
                return self.apply_summary(q, &summary, bound, expr, &inputs);
            }
            if let Some((defined, summary)) = self.inherited_summary(q) {
                if !summary.matters() {
                    return Taint { proof: Default::default(), ..all };
                }
                let bound = instance_method.is_some() || self.is_bound_call(call);
                return self.apply_summary(&defined, &summary, bound, expr, &inputs);
            }
        }
        if let Some(clears) = method.and_then(|m| self.specs.sanitizer_methods.get(m)) {
            return if all.is_tainted() { all.sanitised(*clears) } else { Taint::default() };
        }
        if let Some(method) = method
            && let Some(cleared) = self.str_method_sanitiser(method, call)
        {
            return all.sanitised(cleared);
        }
        if callee.as_deref().is_some_and(|q| NORMALISERS.contains(&q)) || matches!(method, Some("resolve")) {
            return Taint { proof: Default::default(), normalised: true, ..all };
        }
        // What a query or a file method returns is not the data that named it (`cursor.execute(sql)`).
        if tabled.is_none_or(|q| !self.specs.sink_callees.contains_key(q))
            && method_sinks.is_some_and(|s| s.iter().any(|s| s.kind.result_is_clean()))
        {
            return Taint::default();
        }
        if method == Some("get") {
            // `table.get(key, default)` gives the table's data, or the default: not the key.
            let mut value = inputs.receiver.cloned().unwrap_or_default();
            for part in inputs.args.iter().skip(1).chain(inputs.keywords) {
                value = value.combine(part);
            }
            return Taint { proof: Default::default(), ..value };
        }
        Taint { proof: Default::default(), ..all }
    }

    /// Whether the project defines the function or method `qualified`, or a base class of it does.
    fn project_defines(&mut self, qualified: &str) -> bool {
        self.local_names.contains(qualified)
            || self.local.contains_key(qualified)
            || self.inherited_summary(qualified).is_some()
    }

    /// `Thread(target=f, args=(x,))` and the like: `f` is called with `x`,
    /// so what `x` holds reaches the sinks `f`'s summary records.
    fn call_back(&mut self, callback: &Callback, expr: &'a Expr, inputs: &CallInputs<'_, 'a>, env: &mut Env) {
        let call = inputs.call;
        let Some(function) = slot_expr(call, &callback.function) else { return };
        let Some(target) = self.callee(function) else { return };
        let (name, bound) = match method_of_instance(&target) {
            Some(method) => (method, true),
            None => (target, matches!(function, Expr::Attribute(a) if self.is_self(&a.value))),
        };
        let Some(summary) = self.summary_for_callback(&name) else { return };
        if summary.param_sinks.is_empty() {
            return;
        }
        let passed: Vec<Taint> = match &callback.arguments {
            CallbackArguments::Rest => {
                let after = callback.function.position.map_or(0, |p| p + 1);
                inputs.args.iter().skip(after).cloned().collect()
            }
            CallbackArguments::Tuple(slot) => match slot_expr(call, slot) {
                Some(Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. })) => {
                    elts.iter().map(|element| self.expr_quiet(element, env)).collect()
                }
                Some(other) => vec![self.expr_quiet(other, env); summary.params.len()],
                None => return,
            },
        };
        // Rest: the runner's own keywords go to the function too (`partial(f, cmd=x)`).
        let by_keyword = matches!(callback.arguments, CallbackArguments::Rest);
        let keywords = if by_keyword { inputs.keywords } else { &[] };
        let synthesised = CallInputs { call, by_keyword, receiver: None, args: &passed, keywords };
        self.apply_summary(&name, &summary, bound, expr, &synthesised);
    }

    /// The summary of a function handed to a callback runner, noted as consulted.
    fn summary_for_callback(&mut self, name: &str) -> Option<Known<'a>> {
        if name.starts_with(self.module_prefix.as_str()) {
            self.consulted.insert(name.to_string());
            if let Some(summary) = self.local.get(name) {
                return Some(Known::Local(summary.clone()));
            }
            return self.inherited_summary(name).map(|(_, summary)| summary);
        }
        let summary = self.project.summary(name).map(Known::Project);
        if summary.is_some() {
            *self.external.entry(name.to_string()).or_default() |= 3;
        }
        summary
    }

    /// The summary `qualified` (`mod.Child.run`) inherits when the class does
    /// not define the method: that of the first ancestor that does, with the
    /// name it is defined under.
    fn inherited_summary(&mut self, qualified: &str) -> Option<(String, Known<'a>)> {
        let (defined, local) = match self.inherited.get(qualified) {
            Some(known) => known.clone()?,
            None => {
                let found = self.inherited_from(qualified);
                self.inherited.insert(qualified.to_string(), found.clone());
                found?
            }
        };
        let summary = if local {
            // Consulted even before it has a summary: the caller runs again once it gets one.
            if !self.consulted.contains(&defined) {
                self.consulted.insert(defined.clone());
            }
            Known::Local(self.local.get(&defined).cloned().unwrap_or_default())
        } else {
            Known::Project(self.project.summary(&defined)?)
        };
        Some((defined, summary))
    }

    /// The ancestor method `qualified` inherits, and whether this module defines it.
    fn inherited_from(&mut self, qualified: &str) -> Option<(String, bool)> {
        let (class, method) = qualified.rsplit_once('.')?;
        self.bases_of(class)?;
        for base in self.class_and_ancestors(class).into_iter().skip(1) {
            let candidate = dotted(&base, method);
            if candidate.starts_with(self.module_prefix.as_str()) {
                if self.local_names.contains(&candidate) || self.local.contains_key(&candidate) {
                    return Some((candidate, true));
                }
            } else if let Callee::Project(found) = self.project.find(&candidate) {
                // Flagged even without a summary: the caller runs again once it gets one.
                *self.external.entry(candidate.clone()).or_default() |= 3;
                if found.is_some() {
                    return Some((candidate, false));
                }
            }
        }
        None
    }

    /// Records the summary of a function of this module (a name defined
    /// twice, a property's getter and setter, keeps its last definition).
    pub fn define_local(&mut self, qualified: String, summary: FunctionSummary) {
        if !self.local_names.contains(&qualified) {
            // Only a new method can change where a method is inherited from.
            if qualified.rsplit_once('.').is_some_and(|(owner, _)| self.classes.contains_key(owner)) {
                self.inherited.clear();
            }
            self.local_names.insert(qualified.clone());
        }
        self.local.insert(qualified, Rc::new(summary));
    }

    /// `s.replace('\n', '')` and friends remove what log and header injection need.
    fn str_method_sanitiser(&self, method: &str, call: &ast::ExprCall) -> Option<u32> {
        if method != "replace" && method != "translate" {
            return None;
        }
        let first = call.arguments.args.first()?;
        let text = match first {
            Expr::StringLiteral(s) => s.value.to_str(),
            _ => return None,
        };
        (text.contains('\n') || text.contains('\r')).then_some(Kind::Log.bit() | Kind::Header.bit())
    }

    fn mutate_receiver(&mut self, call: &'a ast::ExprCall, method: &str, inputs: &CallInputs, env: &mut Env) {
        const MUTATORS: &[&str] =
            &["append", "extend", "insert", "add", "update", "setdefault", "appendleft", "extendleft", "write", "push"];
        if !MUTATORS.contains(&method) {
            return;
        }
        let Some(base) = attribute_base_expr(&call.func) else { return };
        let Some(key) = access_path(base) else { return };
        if !matches!(base, Expr::Name(_)) {
            self.note_composite(base);
        }
        let added = inputs.args_merged();
        if added.is_tainted() {
            let merged = env.get(&key).map_or(added.clone(), |old| old.merge(&added));
            env.insert(key, merged);
        }
    }

    fn apply_summary(
        &mut self,
        qualified: &str,
        summary: &FunctionSummary,
        bound_call: bool,
        expr: &Expr,
        inputs: &CallInputs,
    ) -> Taint {
        let offset = u32::from(summary.bound && bound_call);
        let argument_of = |param: u32| -> Option<Taint> {
            if inputs.by_keyword
                && let Some(name) = summary.params.get(param as usize)
                && let Some(i) = inputs
                    .call
                    .arguments
                    .keywords
                    .iter()
                    .position(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name))
            {
                return Some(inputs.keywords[i].clone());
            }
            if param < offset {
                return inputs.receiver.cloned();
            }
            inputs.args.get((param - offset) as usize).cloned()
        };
        let mut result = match &summary.returns_source {
            Some(path) => {
                let mut taint = Taint::default();
                for step in path {
                    taint.origin = Some(super::taint::extend(&taint.origin, step.clone()));
                }
                taint.cleared = summary.returns_source_cleared;
                taint
            }
            None if summary.returns_constant => Taint::constant(),
            None => Taint::default(),
        };
        for param in 0..summary.params.len().min(64) {
            if summary.returns_params & (1 << param) != 0
                && let Some(arg) = argument_of(param as u32)
            {
                let arg = if arg.is_tainted() { arg.sanitised(summary.returns_cleared) } else { arg };
                result = if result.is_tainted() || arg.is_tainted() { result.merge(&arg) } else { result };
            }
        }
        let short = qualified.rsplit('.').next().unwrap_or(qualified);
        for sink in &summary.param_sinks {
            let Some(arg) = argument_of(sink.param) else { continue };
            let param_name = summary.params.get(sink.param as usize).map_or("?", String::as_str);
            let note = || format!("passed to {short}() as `{param_name}`");
            self.hit_through(sink, &arg, expr.range(), &note);
        }
        if result.origin.is_some() {
            result = result.through(self.step(expr.range(), format!("returned by {short}()")));
        }
        result
    }

    fn is_bound_call(&self, call: &ast::ExprCall) -> bool {
        matches!(&*call.func, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if Some(n.id.as_str()) == self.frame.self_name.as_deref()))
    }

    fn hit_through(&mut self, sink: &ParamSink, arg: &Taint, at: TextRange, note: &dyn Fn() -> String) {
        if arg.reaches(sink.kind)
            && let Some(origin) = &arg.origin
        {
            let mut trace = steps(origin);
            trace.push(self.step(at, note()));
            trace.extend(sink.steps.iter().cloned());
            self.record_hit(Hit {
                kind: sink.kind,
                range: at,
                statement: self.statement,
                sink: sink.sink.clone(),
                trace,
            });
        }
        let params = arg.params_for(sink.kind);
        if params != 0 && self.frame.summarising {
            let mut trace = vec![self.step(at, note())];
            trace.extend(sink.steps.iter().cloned());
            self.add_param_sinks(params, sink.kind, &sink.sink, trace);
        }
    }

    fn add_param_sinks(&mut self, params: u64, kind: Kind, sink: &str, steps: Vec<TraceStep>) {
        for param in 0..64u32 {
            if params & (1 << param) != 0 {
                let exists = self.frame.param_sinks.iter().any(|s| s.param == param && s.kind == kind);
                if !exists && self.frame.param_sinks.len() < 64 {
                    self.frame.param_sinks.push(ParamSink {
                        param,
                        kind,
                        steps: steps.clone(),
                        sink: sink.to_string(),
                    });
                }
            }
        }
    }

    fn record_hit(&mut self, hit: Hit) {
        self.facts.insert(hit.range, Fact::Tainted(hit.kind));
        if !self.reporting {
            return;
        }
        if !self.hits.iter().any(|h| h.range == hit.range && h.kind == hit.kind) {
            self.hits.push(hit);
        }
    }

    /// A tainted value reaching a sink of `kind` at `range`.
    fn sink_hit(&mut self, kind: Kind, range: TextRange, sink: &str, value: &Taint, _env: &mut Env) {
        if value.reaches(kind)
            && let Some(origin) = &value.origin
        {
            let mut trace = steps(origin);
            trace.push(self.step(range, format!("reaches {sink}")));
            self.record_hit(Hit { kind, range, statement: self.statement, sink: sink.to_string(), trace });
        }
        let params = value.params_for(kind);
        if params != 0 && self.frame.summarising {
            let trace = vec![self.step(range, format!("reaches {sink}"))];
            self.add_param_sinks(params, kind, sink, trace);
        }
    }

    /// Whether `value` is a call (or a name last assigned one) that `builds` does not trust.
    fn built_unsafely(&self, value: &Expr, builds: &[Construction]) -> bool {
        match value {
            Expr::Name(name) => !builds.is_empty() && self.frame.unsafe_built.contains(name.id.as_str()),
            Expr::Call(call) => self.matches_construction(call, builds),
            _ => false,
        }
    }

    fn is_unsafe_build(&self, value: &Expr) -> bool {
        match value {
            Expr::Call(call) => self.matches_construction(call, &self.specs.unsafe_builds),
            _ => false,
        }
    }

    fn matches_construction(&self, call: &ast::ExprCall, builds: &[Construction]) -> bool {
        if builds.is_empty() || call.arguments.keywords.is_empty() {
            return false;
        }
        // Most method calls end in another name: no need to resolve them. (A bare name may be
        // an alias, `from lxml.etree import XMLParser as P`, so it is always resolved.)
        if let Expr::Attribute(attribute) = &*call.func
            && !builds.iter().any(|build| build.callee.rsplit('.').next() == Some(attribute.attr.as_str()))
        {
            return false;
        }
        let Some(callee) = self.semantic.resolve(&call.func) else { return false };
        builds.iter().any(|build| {
            build.callee == callee
                && call
                    .arguments
                    .find_keyword(&build.keyword)
                    .is_some_and(|k| self.text(k.value.range()).trim() == build.value)
        })
    }

    /// Checks the sinks of `callee` (when `tabled`: see [`Specs::names_callee`]), or else those of
    /// the method name (`by_method`: the name and its sinks, looked up once by the caller).
    fn check_sinks(
        &mut self,
        callee: Option<&str>,
        tabled: bool,
        by_method: Option<(&str, &'a Vec<Sink>)>,
        inputs: &CallInputs<'_, 'a>,
        env: &mut Env,
    ) {
        let specs: &'a Specs = self.specs;
        let by_callee = callee.filter(|_| tabled).and_then(|q| specs.sink_callees.get(q));
        let method = by_method.map(|(m, _)| m);
        let sinks: &'a [Sink] = match (by_callee, by_method) {
            (Some(sinks), _) => sinks,
            (None, Some((_, sinks))) => sinks,
            (None, None) => return,
        };
        if sinks.is_empty() {
            return;
        }
        let name = || callee.map_or_else(|| format!(".{}()", method.unwrap_or("")), |q| format!("{q}()"));
        for sink in sinks {
            self.check_sink(sink, &name, inputs, env);
        }
    }

    fn check_sink(&mut self, sink: &Sink, name: &dyn Fn() -> String, inputs: &CallInputs<'_, 'a>, env: &mut Env) {
        let call = inputs.call;
        if let Some((keyword, text)) = &sink.unless_keyword
            && let Some(k) = call.arguments.find_keyword(keyword)
            && self.text(k.value.range()).contains(text.as_str())
            && !self.built_unsafely(&k.value, &sink.unsafe_builds)
        {
            return;
        }
        let mut checked: Vec<Taint> = Vec::new();
        for arg in &sink.args {
            let value = match arg {
                ArgRef::Receiver => inputs.receiver.cloned(),
                ArgRef::Position(i) => {
                    inputs.args.get(*i).cloned().map(|v| (v, call.arguments.args.get(*i))).map(|(v, e)| {
                        match (sink.program, e) {
                            (true, Some(e)) => self.program_part(call, e, v, env),
                            _ => v,
                        }
                    })
                }
                ArgRef::Keyword(k) => call
                    .arguments
                    .keywords
                    .iter()
                    .position(|kw| kw.arg.as_ref().is_some_and(|a| a.as_str() == k))
                    .map(|i| inputs.keywords[i].clone()),
            };
            if let Some(value) = value {
                checked.push(value);
            }
        }
        if checked.is_empty() {
            return;
        }
        let numbers_only_ok = |v: &Taint| !sink.numbers_only || v.cleared & Kind::Code.bit() != 0;
        let range = call.range();
        let mut any = false;
        for value in &checked {
            if numbers_only_ok(value) && (value.reaches(sink.kind) || value.params_for(sink.kind) != 0) {
                self.sink_hit(sink.kind, range, &name(), value, env);
                any |= value.reaches(sink.kind);
            }
        }
        if !any && !self.facts.contains_key(&range) {
            if checked.iter().all(Taint::is_constant) {
                self.facts.insert(range, Fact::Constant(sink.kind));
            } else if checked
                .iter()
                .all(|v| v.is_proven_safe() || (v.is_tainted() && !v.reaches(sink.kind) && v.params == 0))
            {
                self.facts.insert(range, Fact::Sanitised(sink.kind));
            }
        }
    }

    /// The part of a process's arguments that names what runs.
    fn program_part(&mut self, call: &ast::ExprCall, arg: &'a Expr, value: Taint, env: &mut Env) -> Taint {
        let shell = call.arguments.find_keyword("shell").is_some_and(|k| constant_truth(&k.value) == Some(true));
        if shell {
            return value;
        }
        match arg {
            Expr::List(l) if !l.elts.is_empty() => self.expr_quiet(&l.elts[0], env),
            Expr::Tuple(t) if !t.elts.is_empty() => self.expr_quiet(&t.elts[0], env),
            _ => Taint::default(),
        }
    }

    /// `seq * n` with a literal sequence and a tainted count, and ctypes
    /// arrays `c_char * n`: memory sized by the attacker.
    fn check_repetition(&mut self, sequence: &Expr, count: &Expr, count_value: &Taint, env: &mut Env) {
        let literal_sequence =
            matches!(sequence, Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::List(_) | Expr::Tuple(_));
        let ctypes = self.semantic.resolve(sequence).is_some_and(|q| q.starts_with("ctypes."));
        if (literal_sequence || ctypes) && count_value.is_tainted() {
            let what = if ctypes { "a ctypes array size" } else { "a sequence repetition count" };
            let range = TextRange::new(sequence.start().min(count.start()), sequence.end().max(count.end()));
            self.sink_hit(Kind::Number, range, what, count_value, env);
        }
    }
}

/// What every pass of a loop does before its body: evaluate a `while`
/// condition, or assign a `for` target.
#[derive(Clone, Copy)]
struct LoopHead<'a> {
    test: Option<&'a Expr>,
    target: Option<&'a Expr>,
}

struct CallInputs<'c, 'a> {
    call: &'a ast::ExprCall,
    /// Whether `call`'s keywords are the arguments (false for a callback's synthesised call).
    by_keyword: bool,
    receiver: Option<&'c Taint>,
    args: &'c [Taint],
    keywords: &'c [Taint],
}

impl CallInputs<'_, '_> {
    fn args_merged(&self) -> Taint {
        let mut value = Taint::constant();
        for part in self.args.iter().chain(self.keywords) {
            value = value.combine(part);
        }
        value
    }

    fn merged(&self) -> Taint {
        let args = self.args_merged();
        match self.receiver {
            Some(receiver) => args.combine(receiver),
            None => args,
        }
    }
}

/// Calls that return an absolute path without `..` steps.
const NORMALISERS: &[&str] = &[
    "os.path.realpath",
    "os.path.abspath",
    "os.path.normpath",
    "posixpath.realpath",
    "posixpath.abspath",
    "posixpath.normpath",
];

/// `mod.Class.method` for a method called on an instance, `mod.Class().method`.
fn method_of_instance(qualified: &str) -> Option<String> {
    let at = last_instance_dot(qualified.as_bytes())?;
    let (class, method) = (&qualified[..at], &qualified[at + 3..]);
    // A resolved name holds `(` only as `()`.
    (!method.contains('.') && memchr::memchr(b'(', class.as_bytes()).is_none()).then(|| dotted(class, method))
}

/// Where the last `().` of `name` starts. (This runs for every call
/// expression: a substring searcher costs more to build than this scan.)
fn last_instance_dot(name: &[u8]) -> Option<usize> {
    let mut end = name.len();
    while let Some(close) = memchr::memrchr(b')', &name[..end]) {
        if close > 0 && name[close - 1] == b'(' && name.get(close + 1) == Some(&b'.') {
            return Some(close - 1);
        }
        end = close;
    }
    None
}

/// Sink kinds a framework's validation of a parameter clears: FastAPI's
/// `Query(..., le=500)` (and `Path`, `Header`, `Body`, `Form`) bounds a number.
fn bounded_number(default: &Expr) -> u32 {
    let Expr::Call(call) = default else { return 0 };
    let declared = match &*call.func {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return 0,
    };
    let bounded = ["le", "lt"].iter().any(|k| call.arguments.find_keyword(k).is_some());
    if bounded && matches!(declared, "Query" | "Path" | "Header" | "Body" | "Form" | "Cookie") {
        Kind::Number.bit()
    } else {
        0
    }
}

fn attribute_base(func: &Expr) -> Option<&Expr> {
    match func {
        Expr::Attribute(a) => Some(&a.value),
        _ => None,
    }
}

fn attribute_base_expr(func: &Expr) -> Option<&Expr> {
    attribute_base(func)
}

/// The variable at the root of an access path.
fn root_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(a) => root_name(&a.value),
        Expr::Subscript(s) => root_name(&s.value),
        _ => None,
    }
}

/// `x`, `x.a.b`, `x['k']` (constant keys) as a key of the state.
pub fn access_path(expr: &Expr) -> Option<Name> {
    match expr {
        Expr::Name(name) => Some(name.id.clone()),
        _ => {
            let mut path = String::with_capacity(32);
            write_access_path(expr, &mut path).then(|| Name::from(path))
        }
    }
}

fn write_access_path(expr: &Expr, out: &mut String) -> bool {
    use std::fmt::Write;
    match expr {
        Expr::Name(name) => out.push_str(name.id.as_str()),
        Expr::Attribute(a) => {
            if !write_access_path(&a.value, out) {
                return false;
            }
            out.push('.');
            out.push_str(a.attr.as_str());
        }
        Expr::Subscript(s) => {
            if !write_access_path(&s.value, out) {
                return false;
            }
            let _ = match &*s.slice {
                // What `{:?}` writes, without the formatting machinery when nothing needs escaping.
                Expr::StringLiteral(k) if prints_as_is(k.value.to_str()) => {
                    out.push_str("[\"");
                    out.push_str(k.value.to_str());
                    out.push_str("\"]");
                    Ok(())
                }
                Expr::StringLiteral(k) => write!(out, "[{:?}]", k.value.to_str()),
                Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(i), .. }) => write!(out, "[{i}]"),
                _ => return false,
            };
        }
        _ => return false,
    }
    true
}

/// Whether `{:?}` writes `text` unchanged between its quotes.
fn prints_as_is(text: &str) -> bool {
    text.bytes().all(|b| b == b' ' || (b.is_ascii_graphic() && b != b'"' && b != b'\\'))
}

/// The variable an access path starts from (`x` of `x.a['k']`).
fn root_of_path(key: &str) -> &str {
    key.find(['.', '[']).map_or(key, |end| &key[..end])
}

/// Whether `key` is `base` or an access path under it.
fn is_path_of(key: &str, base: &str) -> bool {
    key.starts_with(base) && matches!(key.as_bytes().get(base.len()), None | Some(b'.') | Some(b'['))
}

/// The variables and access paths an expression is built from (`p` in `realpath(p)`).
fn exprs_in(expr: &Expr) -> Vec<&Expr> {
    let mut out = Vec::new();
    collect_exprs(expr, &mut out, 0);
    out
}

fn collect_exprs<'e>(expr: &'e Expr, out: &mut Vec<&'e Expr>, depth: u32) {
    if depth > 20 {
        return;
    }
    match expr {
        Expr::Name(_) | Expr::Attribute(_) if access_path(expr).is_some() => out.push(expr),
        Expr::Attribute(a) => collect_exprs(&a.value, out, depth + 1),
        Expr::Call(c) => c.arguments.args.iter().for_each(|a| collect_exprs(a, out, depth + 1)),
        Expr::List(l) => l.elts.iter().for_each(|a| collect_exprs(a, out, depth + 1)),
        _ => {}
    }
}

fn clear(env: &mut Env, key: &str, kinds: u32) {
    let keys: Vec<Name> = env.keys().filter(|k| is_path_of(k, key)).cloned().collect();
    for k in keys {
        if let Some(value) = env.remove(&k) {
            let value = value.sanitised(kinds);
            env.insert(k, value);
        }
    }
}

fn is_literal_string(expr: &Expr) -> bool {
    matches!(expr, Expr::StringLiteral(_))
}

fn is_literal_containing(expr: &Expr, text: &str) -> bool {
    matches!(expr, Expr::StringLiteral(s) if s.value.to_str().contains(text))
}

fn is_constant_expr(expr: &Expr) -> bool {
    matches!(
        expr,
        Expr::StringLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::BytesLiteral(_)
    )
}

fn decorator_looks_like_route(decorator: &Expr) -> bool {
    match decorator {
        Expr::Call(call) => match call.arguments.args.first() {
            Some(Expr::StringLiteral(s)) => s.value.to_str().starts_with('/'),
            Some(_) => false,
            None => call.arguments.find_keyword("path").is_some() || call.arguments.find_keyword("rule").is_some(),
        },
        _ => false,
    }
}

fn is_staticmethod(def: &ast::StmtFunctionDef, semantic: &SemanticModel) -> bool {
    def.decorator_list.iter().any(|d| semantic.resolve(&d.expression).is_some_and(|q| q == "staticmethod"))
}

fn statement_range(stmt: &Stmt) -> TextRange {
    match stmt {
        Stmt::If(s) => s.test.range(),
        Stmt::While(s) => s.test.range(),
        Stmt::For(s) => TextRange::new(s.start(), s.iter.end()),
        Stmt::With(s) => s.items.last().map_or(s.range(), |i| TextRange::new(s.start(), i.end())),
        Stmt::Try(s) => TextRange::new(s.start(), s.start()),
        Stmt::FunctionDef(s) => TextRange::new(s.start(), s.parameters.end()),
        Stmt::ClassDef(s) => TextRange::new(s.start(), s.name.end()),
        Stmt::Match(s) => s.subject.range(),
        other => other.range(),
    }
}

/// The argument expression in `slot`: its keyword, else its position.
fn slot_expr<'e>(call: &'e ast::ExprCall, slot: &ArgSlot) -> Option<&'e Expr> {
    let keyword = slot.keyword.as_deref().and_then(|k| call.arguments.find_keyword(k)).map(|k| &k.value);
    keyword.or_else(|| slot.position.and_then(|p| call.arguments.args.get(p)))
}

/// `receiver.attr = value` statements anywhere in `body` (not in nested functions or classes).
fn collect_attribute_assignments<'b>(body: &'b [Stmt], receiver: &str, out: &mut Vec<(&'b Name, &'b Expr)>) {
    for stmt in body {
        match stmt {
            Stmt::Assign(assign) => {
                for target in &assign.targets {
                    if let Expr::Attribute(attribute) = target
                        && matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == receiver)
                    {
                        out.push((&attribute.attr.id, &assign.value));
                    }
                }
            }
            Stmt::AnnAssign(assign) => {
                if let (Expr::Attribute(attribute), Some(value)) = (&*assign.target, &assign.value)
                    && matches!(&*attribute.value, Expr::Name(n) if n.id.as_str() == receiver)
                {
                    out.push((&attribute.attr.id, value));
                }
            }
            Stmt::If(s) => {
                collect_attribute_assignments(&s.body, receiver, out);
                for clause in &s.elif_else_clauses {
                    collect_attribute_assignments(&clause.body, receiver, out);
                }
            }
            Stmt::Try(s) => {
                collect_attribute_assignments(&s.body, receiver, out);
                for handler in &s.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    collect_attribute_assignments(&handler.body, receiver, out);
                }
                collect_attribute_assignments(&s.orelse, receiver, out);
                collect_attribute_assignments(&s.finalbody, receiver, out);
            }
            Stmt::With(s) => collect_attribute_assignments(&s.body, receiver, out),
            Stmt::For(s) => collect_attribute_assignments(&s.body, receiver, out),
            Stmt::While(s) => collect_attribute_assignments(&s.body, receiver, out),
            _ => {}
        }
    }
}

/// The state where either may hold; what is neither tainted nor proven is left out.
fn merge_env(a: &Env, b: &Env) -> Env {
    let mut out = a.clone();
    merge_into(&mut out, b.clone());
    out
}

/// [`merge_env`] in place, reusing `a`'s table.
fn merge_into(a: &mut Env, mut b: Env) {
    a.retain(|key, value| {
        *value = match b.remove(key) {
            Some(other) => value.merge(&other),
            None => value.merge(&Taint::default()),
        };
        value.is_tainted() || value.is_proven_safe()
    });
    for (key, value) in b {
        if value.is_tainted() {
            a.insert(key, value.merge(&Taint::default()));
        }
    }
}

fn merge_states(a: Option<Env>, b: Option<Env>) -> Option<Env> {
    match (a, b) {
        (Some(mut a), Some(b)) => {
            merge_into(&mut a, b);
            Some(a)
        }
        (Some(a), None) => Some(a),
        (None, b) => b,
    }
}

fn same_env(a: &Env, b: &Env) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.same_shape(w)))
}

#[cfg(test)]
mod tests {
    use super::method_of_instance;

    #[test]
    fn a_method_called_on_an_instance_is_kept_under_its_class() {
        assert_eq!(method_of_instance("jobs.Job().run").as_deref(), Some("jobs.Job.run"));
        assert_eq!(method_of_instance("a.b.Shop().db").as_deref(), Some("a.b.Shop.db"));
        // Not a method of the instance: an attribute of what the method returns, or no instance at all.
        assert_eq!(method_of_instance("jobs.Job().runner.go"), None);
        assert_eq!(method_of_instance("tarfile.open().x().extractall"), None);
        assert_eq!(method_of_instance("os.system"), None);
        assert_eq!(method_of_instance("f()"), None);
        assert_eq!(method_of_instance("().").as_deref(), Some("."));
    }

    #[test]
    fn keys_print_as_debug_formatting_would() {
        for key in ["name", "a b", "x-y.z[0]", "it's"] {
            assert!(super::prints_as_is(key), "{key}");
            assert_eq!(format!("\"{key}\""), format!("{key:?}"));
        }
        for key in ["quote\"d", "back\\slash", "tab\t", "é"] {
            assert!(!super::prints_as_is(key), "{key}");
        }
    }
}
