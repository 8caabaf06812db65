//! The one walk of a module's tree. It keeps the semantic model in step
//! with the code it passes, and hands each node to the rules indexed for it.

use std::collections::VecDeque;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::kinds::{ExprKind, StmtKind};
use super::registry::Engine;
use super::rule::{Rule, Violation};
use super::site::{AttributeSite, CallSite, Context, ImportSite};
use crate::dataflow::CalledNames;
use crate::semantic::{Binding, ScopeId, ScopeKind, SemanticModel};
use crate::version::TargetPython;

/// One rule's violation, located.
#[derive(Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub violation: Violation,
    /// Where the finding points.
    pub range: TextRange,
    /// The statement (header, for compound statements) containing it:
    /// a suppression comment on any of its lines applies.
    pub statement: TextRange,
    /// For dataflow findings: the path from the source to the sink.
    pub trace: Option<Vec<pyward_report::TraceStep>>,
    /// Pattern rules whose finding on the same call this one replaces: their
    /// aliases and suppression codes still apply to it.
    pub replaces: Vec<&'static Rule>,
}

/// How deep the walk may go before it stops descending. CPython itself
/// refuses code nested far less deeply, so this only trips on hostile input.
#[derive(Debug, Clone, Copy)]
pub struct WalkLimits {
    pub max_depth: u32,
}

impl Default for WalkLimits {
    fn default() -> Self {
        Self { max_depth: 1_000 }
    }
}

pub struct WalkOutcome<'a> {
    pub diagnostics: Vec<Diagnostic>,
    /// The first place where nesting went past the limit.
    pub depth_exceeded_at: Option<TextRange>,
    /// The calls each function body makes by name, when asked for (the
    /// dataflow orders functions by them).
    pub called: Option<CalledNames<'a>>,
}

/// The file a tree came from.
pub struct ModuleSource<'a> {
    pub source: &'a str,
    /// The path reports show.
    pub path: &'a str,
    /// The dotted module name, for qualified names and relative imports.
    pub module_name: &'a str,
    pub is_package: bool,
    pub python: TargetPython,
}

/// Walks `module` once with `engine`'s rules; notes the calls function
/// bodies make by name when `note_calls` is set.
pub fn check_module<'a>(
    module: &'a ModModule,
    file: &ModuleSource<'a>,
    engine: &'a Engine,
    limits: WalkLimits,
    note_calls: bool,
) -> WalkOutcome<'a> {
    let mut checker = Checker {
        engine,
        semantic: SemanticModel::new(file.module_name, file.is_package),
        source: file.source,
        path: file.path,
        python: file.python,
        applicable: {
            let ascii = file.source.is_ascii();
            engine.rules().iter().map(|rule| rule.meta.applies.to(file.python, ascii)).collect()
        },
        limits,
        depth: 0,
        depth_exceeded_at: None,
        statement: TextRange::default(),
        ancestors: Vec::new(),
        block: &module.body,
        deferred: VecDeque::new(),
        diagnostics: Vec::new(),
        called: note_calls.then(CalledNames::default),
    };
    checker.run_source_checks();
    checker.visit_body(&module.body);
    while let Some((scope, function)) = checker.deferred.pop_front() {
        checker.semantic.enter(scope);
        checker.ancestors.clear();
        if let Some(called) = &mut checker.called {
            called.enter(Some(function));
        }
        checker.visit_body(&function.body);
    }
    WalkOutcome {
        diagnostics: checker.diagnostics,
        depth_exceeded_at: checker.depth_exceeded_at,
        called: checker.called,
    }
}

struct Checker<'a> {
    engine: &'a Engine,
    semantic: SemanticModel,
    source: &'a str,
    path: &'a str,
    python: TargetPython,
    /// Whether each selected rule concerns this file's Python, by rule index:
    /// asked for every rule at every node, so answered once.
    applicable: Vec<bool>,
    limits: WalkLimits,
    depth: u32,
    depth_exceeded_at: Option<TextRange>,
    statement: TextRange,
    /// The statements from the outermost of the current module or function
    /// body down to the one being visited.
    ancestors: Vec<&'a Stmt>,
    /// The statement list holding the statement being visited.
    block: &'a [Stmt],
    /// Function bodies run later than their definition: walk them last.
    deferred: VecDeque<(ScopeId, &'a ast::StmtFunctionDef)>,
    diagnostics: Vec<Diagnostic>,
    called: Option<CalledNames<'a>>,
}

impl<'a> Checker<'a> {
    fn context(&self) -> Context<'_> {
        Context {
            semantic: &self.semantic,
            source: self.source,
            path: self.path,
            python: self.python,
            ancestors: &self.ancestors,
            block: self.block,
            resolved_callee: None,
        }
    }

    fn report(&mut self, rule_index: usize, violation: Option<Violation>, range: TextRange) {
        let Some(violation) = violation else { return };
        if !self.applicable[rule_index] {
            return;
        }
        let rule = self.engine.rule(rule_index);
        let range = violation.range.unwrap_or(range);
        self.diagnostics.push(Diagnostic {
            rule,
            violation,
            range,
            statement: self.statement,
            trace: None,
            replaces: Vec::new(),
        });
    }

    fn applicable(&self, rule_index: usize) -> bool {
        self.applicable[rule_index]
    }

    fn run_source_checks(&mut self) {
        for &(rule, check) in &self.engine.sources {
            if self.applicable(rule) {
                for violation in check(&self.context()) {
                    let range = violation.range.unwrap_or_default();
                    self.report(rule, Some(violation), range);
                }
            }
        }
    }

    fn run_stmt_checks(&mut self, stmt: &Stmt) {
        for &(rule, check) in &self.engine.stmts[StmtKind::of(stmt) as usize] {
            if self.applicable(rule) {
                let violation = check(stmt, &self.context());
                self.report(rule, violation, stmt.range());
            }
        }
    }

    fn run_expr_checks(&mut self, expr: &Expr) {
        let callee = match expr {
            Expr::Call(call) => self.semantic.resolve(&call.func),
            _ => None,
        };
        for &(rule, check) in &self.engine.exprs[ExprKind::of(expr) as usize] {
            if self.applicable(rule) {
                let mut context = self.context();
                if let (Expr::Call(call), Some(callee)) = (expr, &callee) {
                    context.resolved_callee = Some((&call.func, callee));
                }
                let violation = check(expr, &context);
                self.report(rule, violation, expr.range());
            }
        }
        match expr {
            Expr::Call(call) => self.run_call_checks(call, callee),
            Expr::Attribute(attribute) if attribute.ctx.is_load() => self.run_attribute_checks(attribute),
            _ => {}
        }
    }

    fn run_call_checks(&mut self, call: &ast::ExprCall, callee: Option<String>) {
        let Some(callee) = callee else { return };
        let Some(entries) = self.engine.calls.get(callee.as_str()) else { return };
        for &(rule, check) in entries {
            if self.applicable(rule) {
                let context = self.context();
                let violation = check(&CallSite { call, callee: &callee, context: &context });
                self.report(rule, violation, call.range());
            }
        }
    }

    fn run_attribute_checks(&mut self, attribute: &ast::ExprAttribute) {
        let Some(entries) = self.engine.attributes.get(attribute.attr.as_str()) else { return };
        for &(rule, check) in entries {
            if self.applicable(rule) {
                let context = self.context();
                let violation = check(&AttributeSite { attribute, context: &context });
                self.report(rule, violation, attribute.range());
            }
        }
    }

    fn run_import_checks(&mut self, module: &str, member: Option<&str>, range: TextRange) {
        let qualified = member.map(|m| format!("{module}.{m}"));
        let keys = [Some(module), qualified.as_deref()];
        // `from pkg import sub` may match a rule under both `pkg` and `pkg.sub`: one finding.
        let mut reported: Vec<usize> = Vec::new();
        for key in keys.into_iter().flatten() {
            let Some(entries) = self.engine.imports.get(key) else { continue };
            for &(rule, check) in entries {
                if self.applicable(rule) && !reported.contains(&rule) {
                    let context = self.context();
                    let site = ImportSite { module, member, matched: key, range, context: &context };
                    let violation = check(&site);
                    if violation.is_some() {
                        reported.push(rule);
                    }
                    self.report(rule, violation, range);
                }
            }
        }
    }

    /// Binds every name an assignment target introduces.
    fn bind_target(&mut self, target: &Expr, binding: Binding) {
        match target {
            Expr::Name(name) => self.semantic.bind(name.id.as_str(), binding),
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.bind_target(element, Binding::Local);
                }
            }
            Expr::Starred(starred) => self.bind_target(&starred.value, Binding::Local),
            _ => {}
        }
    }

    fn bind_parameters(&mut self, parameters: &ast::Parameters) {
        for parameter in parameters.iter() {
            self.semantic.bind(parameter.name().as_str(), Binding::Local);
        }
    }

    fn visit_parameter_defaults(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
    }

    fn visit_function_def(&mut self, function: &'a ast::StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_expr(&decorator.expression);
        }
        self.visit_parameter_defaults(&function.parameters);
        let qualified = self.semantic.definition_path(function.name.as_str());
        self.semantic.bind(function.name.as_str(), Binding::Qualified(qualified.into()));
        let scope = self.semantic.push_scope(ScopeKind::Function, function.name.as_str());
        self.bind_parameters(&function.parameters);
        self.semantic.pop_scope();
        self.deferred.push_back((scope, function));
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_expr(&decorator.expression);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        self.semantic.push_scope(ScopeKind::Class, class.name.as_str());
        // A class body inside a function runs when the function does, but
        // the calls it makes are not the function's own.
        let caller = self.called.as_mut().and_then(|called| called.enter(None));
        self.visit_body(&class.body);
        if let Some(called) = &mut self.called {
            called.resume(caller);
        }
        self.semantic.pop_scope();
        let qualified = self.semantic.definition_path(class.name.as_str());
        self.semantic.bind(class.name.as_str(), Binding::Qualified(qualified.into()));
    }

    fn visit_comprehension_scope(&mut self, generators: &'a [ast::Comprehension], elements: &[&'a Expr]) {
        let Some((first, rest)) = generators.split_first() else { return };
        // The first iterable is evaluated in the enclosing scope.
        self.visit_expr(&first.iter);
        self.semantic.push_scope(ScopeKind::Comprehension, "");
        self.bind_target(&first.target, Binding::Local);
        for condition in &first.ifs {
            self.visit_expr(condition);
        }
        for generator in rest {
            self.visit_expr(&generator.iter);
            self.bind_target(&generator.target, Binding::Local);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        for element in elements {
            self.visit_expr(element);
        }
        self.semantic.pop_scope();
    }

    fn enter_nesting(&mut self, range: TextRange) -> bool {
        if self.depth >= self.limits.max_depth {
            self.depth_exceeded_at.get_or_insert(range);
            return false;
        }
        self.depth += 1;
        true
    }
}

/// What `with expr as name` binds: the object itself, also through
/// `contextlib.closing(obj)`, whose `__enter__` returns `obj`.
fn entered_value<'e>(expr: &'e Expr, semantic: &SemanticModel) -> &'e Expr {
    match expr {
        Expr::Call(call) if semantic.resolve(&call.func).as_deref() == Some("contextlib.closing") => {
            call.arguments.find_argument_value("thing", 0).unwrap_or(expr)
        }
        _ => expr,
    }
}

/// The part of a statement a suppression comment may sit on: the whole of a
/// simple statement, only the header of a compound one.
fn statement_header(stmt: &Stmt) -> TextRange {
    let body_start = match stmt {
        Stmt::FunctionDef(s) => s.body.first().map(Ranged::start),
        Stmt::ClassDef(s) => s.body.first().map(Ranged::start),
        Stmt::If(s) => s.body.first().map(Ranged::start),
        Stmt::While(s) => s.body.first().map(Ranged::start),
        Stmt::For(s) => s.body.first().map(Ranged::start),
        Stmt::With(s) => s.body.first().map(Ranged::start),
        Stmt::Try(s) => s.body.first().map(Ranged::start),
        Stmt::Match(s) => s.cases.first().map(Ranged::start),
        _ => None,
    };
    match body_start {
        Some(end) if end > stmt.start() => TextRange::new(stmt.start(), end),
        _ => stmt.range(),
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if !self.enter_nesting(stmt.range()) {
            return;
        }
        let enclosing = std::mem::replace(&mut self.statement, statement_header(stmt));
        self.ancestors.push(stmt);
        self.run_stmt_checks(stmt);
        match stmt {
            Stmt::FunctionDef(function) => self.visit_function_def(function),
            Stmt::ClassDef(class) => self.visit_class_def(class),
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.run_import_checks(alias.name.as_str(), None, alias.range());
                    self.semantic.add_import(alias);
                }
            }
            Stmt::ImportFrom(import) => {
                let module = self.semantic.absolute_module(import.level, import.module.as_ref().map(|m| m.as_str()));
                if let Some(module) = &module {
                    for alias in &import.names {
                        self.run_import_checks(module, Some(alias.name.as_str()), alias.range());
                    }
                }
                self.semantic.add_import_from(import);
            }
            Stmt::Global(global) => global.names.iter().for_each(|n| self.semantic.declare_global(n.as_str())),
            Stmt::Nonlocal(nonlocal) => nonlocal.names.iter().for_each(|n| self.semantic.declare_nonlocal(n.as_str())),
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                let binding = self.semantic.binding_for_value(&assign.value);
                for target in &assign.targets {
                    self.visit_target_parts(target);
                    self.bind_target(target, binding.clone());
                }
            }
            Stmt::AnnAssign(assign) => {
                self.visit_annotation(&assign.annotation);
                if let Some(value) = &assign.value {
                    self.visit_expr(value);
                    let binding = self.semantic.binding_for_value(value);
                    self.visit_target_parts(&assign.target);
                    self.bind_target(&assign.target, binding);
                }
            }
            Stmt::AugAssign(assign) => {
                self.visit_expr(&assign.value);
                self.visit_target_parts(&assign.target);
                self.bind_target(&assign.target, Binding::Local);
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.visit_target_parts(&for_stmt.target);
                self.bind_target(&for_stmt.target, Binding::Local);
                self.visit_body(&for_stmt.body);
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        // `__enter__` of files, archives and sockets returns the object itself.
                        let binding =
                            self.semantic.binding_for_value(entered_value(&item.context_expr, &self.semantic));
                        self.visit_target_parts(target);
                        self.bind_target(target, binding);
                    }
                }
                self.visit_body(&with.body);
            }
            Stmt::Try(try_stmt) => {
                self.visit_body(&try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(kind) = &handler.type_ {
                        self.visit_expr(kind);
                    }
                    if let Some(name) = &handler.name {
                        self.semantic.bind(name.as_str(), Binding::Local);
                    }
                    self.semantic.enter_handler();
                    self.visit_body(&handler.body);
                    self.semantic.exit_handler();
                }
                self.visit_body(&try_stmt.orelse);
                self.visit_body(&try_stmt.finalbody);
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    match target {
                        Expr::Name(name) => self.semantic.bind(name.id.as_str(), Binding::Deleted),
                        other => self.visit_expr(other),
                    }
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.ancestors.pop();
        self.statement = enclosing;
        self.depth -= 1;
    }

    fn visit_body(&mut self, body: &'a [Stmt]) {
        let enclosing = std::mem::replace(&mut self.block, body);
        visitor::walk_body(self, body);
        self.block = enclosing;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if !self.enter_nesting(expr.range()) {
            return;
        }
        self.run_expr_checks(expr);
        if let (Expr::Call(call), Some(called)) = (expr, &mut self.called) {
            called.note(call);
        }
        match expr {
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                self.bind_target(&named.target, Binding::Local);
            }
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameter_defaults(parameters);
                }
                self.semantic.push_scope(ScopeKind::Lambda, "");
                if let Some(parameters) = &lambda.parameters {
                    self.bind_parameters(parameters);
                }
                self.visit_expr(&lambda.body);
                self.semantic.pop_scope();
            }
            Expr::ListComp(comp) => self.visit_comprehension_scope(&comp.generators, &[&comp.elt]),
            Expr::SetComp(comp) => self.visit_comprehension_scope(&comp.generators, &[&comp.elt]),
            Expr::Generator(comp) => self.visit_comprehension_scope(&comp.generators, &[&comp.elt]),
            Expr::DictComp(comp) => match &comp.key {
                Some(key) => self.visit_comprehension_scope(&comp.generators, &[key, &comp.value]),
                None => self.visit_comprehension_scope(&comp.generators, &[&comp.value]),
            },
            _ => visitor::walk_expr(self, expr),
        }
        self.depth -= 1;
    }
}

impl<'a> Checker<'a> {
    /// Visits what an assignment target evaluates (`obj` and `key` of
    /// `obj[key] = v`), not the names it binds.
    fn visit_target_parts(&mut self, target: &'a Expr) {
        match target {
            Expr::Name(_) => {}
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.visit_target_parts(element);
                }
            }
            Expr::Starred(starred) => self.visit_target_parts(&starred.value),
            other => self.visit_expr(other),
        }
    }
}
