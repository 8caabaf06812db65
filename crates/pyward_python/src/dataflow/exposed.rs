//! The names a loop reads before writing them in the same pass.
//!
//! A loop is run until the state at its head settles. When a pass changes
//! the state only for names the loop never reads before writing them, the
//! next pass would compute exactly the same thing, so it can be skipped.
//! The scan is syntactic and errs towards "read": a name written only in
//! some branches, or read anywhere inside a nested block, counts as read.

use ruff_python_ast::name::Name;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use rustc_hash::FxHashSet;

/// Calls that read variables by name rather than through the syntax.
const READS_ANY_NAME: &[&str] = &["locals", "vars", "globals", "eval", "exec", "dir"];

/// What a loop may read from the state at its head.
#[derive(Debug, Default)]
pub struct ExposedReads {
    names: FxHashSet<Name>,
    /// `locals()`, `eval(...)` and the like: any name may be read.
    everything: bool,
}

impl ExposedReads {
    /// The reads of a loop whose every pass first evaluates `test` (a
    /// `while` condition), then assigns `target` (a `for` target), then runs `body`.
    pub fn of_loop(test: Option<&Expr>, target: Option<&Expr>, body: &[Stmt]) -> Self {
        let mut reads = NameReads::default();
        if let Some(test) = test {
            reads.visit_expr(test);
        }
        if let Some(target) = target {
            reads.store(target);
        }
        for stmt in body {
            match simple_assignment(stmt) {
                Some((targets, value)) => {
                    reads.visit_expr(value);
                    targets.into_iter().for_each(|target| reads.store(target));
                }
                None => reads.visit_stmt(stmt),
            }
        }
        Self { names: reads.names, everything: reads.everything }
    }

    /// Whether a change to the state entry `key` (a name or an access path
    /// such as `obj.attr` or `table["k"]`) can change what the loop does.
    pub fn may_read(&self, key: &str) -> bool {
        self.everything || self.names.contains(root_of(key))
    }
}

fn root_of(key: &str) -> &str {
    let end = key.find(['.', '[']).unwrap_or(key.len());
    &key[..end]
}

/// `a = ...`, `a, b = ...`, `a: T = ...` with only plain names as targets.
fn simple_assignment(stmt: &Stmt) -> Option<(Vec<&Expr>, &Expr)> {
    match stmt {
        Stmt::Assign(assign) if assign.targets.iter().all(is_plain_target) => {
            Some((assign.targets.iter().collect(), &assign.value))
        }
        Stmt::AnnAssign(assign) if is_plain_target(&assign.target) => {
            assign.value.as_deref().map(|value| (vec![&*assign.target], value))
        }
        _ => None,
    }
}

fn is_plain_target(target: &Expr) -> bool {
    match target {
        Expr::Name(_) => true,
        Expr::Tuple(t) => t.elts.iter().all(is_plain_target),
        Expr::List(l) => l.elts.iter().all(is_plain_target),
        Expr::Starred(s) => is_plain_target(&s.value),
        _ => false,
    }
}

#[derive(Default)]
struct NameReads {
    names: FxHashSet<Name>,
    everything: bool,
    /// Names written earlier in the same pass, on every path: their reads see that write.
    written: FxHashSet<Name>,
}

impl NameReads {
    /// Records the names a target writes; what else it reads (the object
    /// of `x.attr = ...`) is a read.
    fn store(&mut self, target: &Expr) {
        match target {
            Expr::Name(name) => {
                self.written.insert(name.id.clone());
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.store(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.store(e)),
            Expr::Starred(s) => self.store(&s.value),
            other => self.visit_expr(other),
        }
    }

    fn read(&mut self, name: &Name) {
        if !self.written.contains(name) {
            self.names.insert(name.clone());
        }
    }
}

impl Visitor<'_> for NameReads {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        if let Stmt::AugAssign(ast::StmtAugAssign { target, .. }) = stmt
            && let Expr::Name(name) = &**target
        {
            self.read(&name.id);
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Name(name) if matches!(name.ctx, ExprContext::Load | ExprContext::Del) => self.read(&name.id),
            Expr::Call(call) if matches!(&*call.func, Expr::Name(f) if READS_ANY_NAME.contains(&f.id.as_str())) => {
                self.everything = true;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_of(source: &str) -> ExposedReads {
        let parsed = ruff_python_parser::parse_module(source).expect("valid test source");
        let Some(Stmt::For(for_stmt)) = parsed.syntax().body.first() else { panic!("a for loop") };
        ExposedReads::of_loop(None, Some(&for_stmt.target), &for_stmt.body)
    }

    #[test]
    fn names_written_before_they_are_read_are_not_exposed() {
        let reads = reads_of("for line in lines:\n    parts = line.split()\n    total = count(parts)\n");
        assert!(!reads.may_read("line") && !reads.may_read("parts") && !reads.may_read("total"));
        assert!(reads.may_read("count"));
    }

    #[test]
    fn reads_before_writes_branches_and_paths_are_exposed() {
        let reads = reads_of("for x in xs:\n    total = total + x\n    if x:\n        seen = x\n    use(seen)\n");
        assert!(reads.may_read("total") && reads.may_read("seen") && reads.may_read("seen.attr"));
        let reads = reads_of("for x in xs:\n    n += 1\n    obj.attr = x\n");
        assert!(reads.may_read("n") && reads.may_read("obj['k']"));
        let reads = reads_of("for x in xs:\n    print(locals())\n");
        assert!(reads.may_read("anything"));
    }
}
