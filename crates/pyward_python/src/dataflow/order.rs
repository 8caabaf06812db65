//! The order in which a module's functions are first analysed: callees
//! before their callers, so a caller's first run already sees the summary
//! of the helper it calls. The order only saves runs; a caller that ran
//! before its callee's summary settled runs again (see [`super::Units`]).

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextSize;
use rustc_hash::FxHashMap;

use super::interp::FunctionSite;

/// The indices of `sites`, each after the sites it calls by name
/// (`helper(...)` for functions, `self.helper(...)`/`cls.helper(...)` for
/// methods of the same class), and after the earlier definitions of its
/// name. Calls in a cycle keep their source order. `gathered` holds the
/// calls of the bodies a walk that happened anyway saw; the other bodies are
/// walked here.
pub fn callees_first(sites: &[FunctionSite<'_>], gathered: Option<&CalledNames<'_>>) -> Vec<usize> {
    let mut functions: FxHashMap<&str, usize> = FxHashMap::default();
    let mut methods: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    // A name defined twice keeps its last definition's summary: the earlier runs first.
    let mut redefines: Vec<Option<usize>> = vec![None; sites.len()];
    for (i, site) in sites.iter().enumerate() {
        let name = site.def.name.as_str();
        redefines[i] = match site.class_path.as_deref() {
            None => functions.insert(name, i),
            Some(class) => methods.insert((class, name), i),
        };
    }
    let callees: Vec<Vec<usize>> =
        sites
            .iter()
            .zip(&redefines)
            .map(|(site, redefined)| {
                let walked;
                let calls = match gathered.and_then(|gathered| gathered.of(site.def)) {
                    Some(calls) => calls,
                    None => {
                        walked = NamedCalls::of_body(&site.def.body);
                        &walked
                    }
                };
                let mut callees: Vec<usize> =
                    calls
                        .functions
                        .iter()
                        .filter_map(|name| functions.get(name))
                        .chain(calls.methods.iter().filter_map(|name| {
                            site.class_path.as_deref().and_then(|class| methods.get(&(class, *name)))
                        }))
                        .copied()
                        .chain(*redefined)
                        .collect();
                callees.sort_unstable();
                callees.dedup();
                callees
            })
            .collect();
    crate::project::depth_first(&callees).postorder
}

/// The calls each function body makes by name, noted by a walk over the
/// module (the pattern rules' walk) so that ordering the functions needs
/// no walk of its own.
#[derive(Default)]
pub struct CalledNames<'a> {
    /// Functions by the start of their definition.
    by_start: FxHashMap<TextSize, usize>,
    bodies: Vec<NamedCalls<'a>>,
    current: Option<usize>,
}

impl<'a> CalledNames<'a> {
    /// The calls noted from now on are made by `function`'s body (`None`:
    /// by code outside any function body, or in a class body inside one).
    /// Returns the body calls were noted for until now.
    pub fn enter(&mut self, function: Option<&ast::StmtFunctionDef>) -> Option<usize> {
        let next = function.map(|def| {
            *self.by_start.entry(def.range.start()).or_insert_with(|| {
                self.bodies.push(NamedCalls::default());
                self.bodies.len() - 1
            })
        });
        std::mem::replace(&mut self.current, next)
    }

    /// Goes back to noting calls for the body [`Self::enter`] returned.
    pub fn resume(&mut self, body: Option<usize>) {
        self.current = body;
    }

    pub fn note(&mut self, call: &'a ast::ExprCall) {
        if let Some(body) = self.current {
            self.bodies[body].note(call);
        }
    }

    fn of(&self, def: &ast::StmtFunctionDef) -> Option<&NamedCalls<'a>> {
        self.by_start.get(&def.range.start()).map(|&body| &self.bodies[body])
    }
}

/// The names a function body calls directly: `name(...)` and `self.name(...)`.
#[derive(Default)]
struct NamedCalls<'a> {
    functions: Vec<&'a str>,
    methods: Vec<&'a str>,
}

impl<'a> NamedCalls<'a> {
    fn of_body(body: &'a [Stmt]) -> Self {
        let mut calls = NamedCalls::default();
        calls.visit_body(body);
        calls
    }

    fn note(&mut self, call: &'a ast::ExprCall) {
        match &*call.func {
            Expr::Name(name) => self.functions.push(name.id.as_str()),
            Expr::Attribute(ast::ExprAttribute { value, attr, .. }) if matches!(&**value, Expr::Name(owner) if matches!(owner.id.as_str(), "self" | "cls")) =>
            {
                self.methods.push(attr.as_str());
            }
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for NamedCalls<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // A nested definition's calls happen when it is called, which its own run sees.
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            self.note(call);
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::Stmt;

    use super::{CalledNames, NamedCalls};
    use crate::engine::{Engine, ModuleSource, WalkLimits, check_module};
    use crate::project::depth_first;

    /// Every function definition in `body`, nested ones included.
    fn definitions<'a>(body: &'a [Stmt], out: &mut Vec<&'a ruff_python_ast::StmtFunctionDef>) {
        for stmt in body {
            match stmt {
                Stmt::FunctionDef(def) => {
                    out.push(def);
                    definitions(&def.body, out);
                }
                Stmt::ClassDef(class) => definitions(&class.body, out),
                Stmt::If(s) => {
                    definitions(&s.body, out);
                    for clause in &s.elif_else_clauses {
                        definitions(&clause.body, out);
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn the_pattern_walk_notes_the_calls_a_walk_of_each_body_finds() {
        let source = r#"
def helper(x):
    return run(x) + cls_level()

class Job:
    def start(self):
        self.step(helper(1))
        return [self.finish(y) for y in (lambda: load())()]

    def step(self, value):
        def inner():
            return deep(value)
        class Local:
            setting = configure()
            def method(self):
                return self.other()
        return inner()

if True:
    def late():
        cls.build(); print(late)
"#;
        let parsed = ruff_python_parser::parse_module(source).expect("parses");
        let file =
            ModuleSource { source, path: "job.py", module_name: "job", is_package: false, python: Default::default() };
        let engine = Engine::new(Vec::new());
        let outcome = check_module(parsed.syntax(), &file, &engine, WalkLimits::default(), true);
        let gathered: CalledNames = outcome.called.expect("asked for");
        let mut defs = Vec::new();
        definitions(&parsed.syntax().body, &mut defs);
        assert_eq!(defs.len(), 6);
        for def in defs {
            let noted = gathered.of(def).unwrap_or_else(|| panic!("no calls noted for `{}`", def.name));
            let walked = NamedCalls::of_body(&def.body);
            fn sorted<'n>(names: &[&'n str]) -> Vec<&'n str> {
                let mut names = names.to_vec();
                names.sort_unstable();
                names
            }
            assert_eq!(sorted(&noted.functions), sorted(&walked.functions), "functions `{}` calls", def.name);
            assert_eq!(sorted(&noted.methods), sorted(&walked.methods), "methods `{}` calls", def.name);
        }
        let none = check_module(parsed.syntax(), &file, &engine, WalkLimits::default(), false);
        assert!(none.called.is_none());
    }

    #[test]
    fn callees_come_first_and_cycles_do_not_loop() {
        // 0 calls 1 and 2, 1 calls 2, 2 calls 0 (a cycle back to the root), 3 calls nothing.
        let edges = vec![vec![1, 2], vec![2], vec![0], vec![]];
        assert_eq!(depth_first(&edges).postorder, vec![2, 1, 0, 3]);
        let chain: Vec<Vec<usize>> = (0..100_000).map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] }).collect();
        let order = depth_first(&chain).postorder;
        assert_eq!(order.first(), Some(&99_999));
        assert_eq!(order.len(), 100_000);
    }
}
