use pyward_report::{Confidence, Severity};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::helpers::constant_truth;
use crate::engine::{Applies, Check, Context, ExprKind, Rule, RuleMeta, StmtKind, Violation};

/// ## What it finds
/// - A function whose only `yield` sits under a condition that is always
///   false (`if 0:`, `if False:`, `while 0:`, the `else` of `if True:`).
/// - `yield` outside any function.
///
/// ## Why it matters
/// A single `yield` anywhere in a function body makes the whole function a
/// generator, even when that `yield` can never run. Calling it then runs
/// none of its code: it returns a generator object, so the validation,
/// cleanup or write the function was supposed to perform silently never
/// happens. Before Python 3.8 the compiler also dropped such dead code
/// without complaint, so `yield` outside a function went unnoticed when
/// it sat under `if 0:`.
///
/// ## Example
/// ```python
/// def check_permissions(user):
///     if user.is_guest:
///         raise PermissionError(user)
///     if 0:
///         yield  # debugging leftover: check_permissions() now checks nothing
/// ```
///
/// A function whose body is nothing but the dead branch (`def __iter__(self):
/// if False: yield`) is the deliberate empty-generator idiom and is not
/// reported.
///
/// ## Fix
/// Delete the dead `yield`. If a generator is really intended, make the
/// intent explicit with a reachable `yield` or `return iter(())`.
///
/// ## References
/// - CWE-561: Dead Code
/// - CWE-670: Always-Incorrect Control Flow Implementation
pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "PW908",
        name: "yield-in-dead-code",
        summary: "A dead yield silently turns a function into a generator",
        severity: Severity::Medium,
        confidence: Confidence::High,
        cwe: &[561, 670],
        category: "language/instruction-validation",
        aliases: &[],
        applies: Applies::Always,
    },
    checks: &[
        Check::Stmt { kinds: &[StmtKind::FunctionDef], check: check_function },
        Check::Expr { kinds: &[ExprKind::Yield, ExprKind::YieldFrom], check: check_outside_function },
    ],
};

fn check_function(stmt: &Stmt, context: &Context) -> Option<Violation> {
    let Stmt::FunctionDef(function) = stmt else { return None };
    // Scanning the text is much cheaper than walking the body, and most functions have no yield.
    let text = context.source.get(function.range.start().to_usize()..function.range.end().to_usize())?;
    if memchr::memmem::find(text.as_bytes(), b"yield").is_none() || is_empty_generator_idiom(&function.body) {
        return None;
    }
    let mut finder = YieldFinder::default();
    finder.visit_body(&function.body);
    if finder.live {
        return None;
    }
    let dead = finder.dead?;
    Some(
        Violation::new(format!(
            "the only yield in {}() is unreachable, yet it makes the function a generator: calling it runs none \
             of its body",
            function.name
        ))
        .at(dead),
    )
}

/// `def __iter__(self): if False: yield` — a body with nothing but the
/// dead branch (and a docstring, `pass`, `return`) is a deliberate empty
/// generator.
fn is_empty_generator_idiom(body: &[Stmt]) -> bool {
    body.iter().all(|stmt| match stmt {
        Stmt::Expr(expr) => expr.value.is_string_literal_expr(),
        Stmt::Pass(_) => true,
        Stmt::Return(ret) => ret.value.is_none(),
        Stmt::If(if_stmt) => constant_truth(&if_stmt.test) == Some(false) && if_stmt.elif_else_clauses.is_empty(),
        Stmt::While(while_stmt) => constant_truth(&while_stmt.test) == Some(false) && while_stmt.orelse.is_empty(),
        _ => false,
    })
}

fn check_outside_function(_expr: &Expr, context: &Context) -> Option<Violation> {
    (!context.semantic.in_function())
        .then(|| Violation::new("yield outside a function: a SyntaxError, hidden by dead code before Python 3.8"))
}

/// Finds the yields of one function body, not of functions nested in it.
#[derive(Default)]
struct YieldFinder {
    /// Inside a branch that can never run.
    in_dead_branch: bool,
    live: bool,
    dead: Option<TextRange>,
}

impl YieldFinder {
    fn visit_branch(&mut self, body: &[Stmt], dead: bool) {
        let outer = self.in_dead_branch;
        self.in_dead_branch |= dead;
        self.visit_body(body);
        self.in_dead_branch = outer;
    }
}

impl<'a> Visitor<'a> for YieldFinder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::If(if_stmt) => {
                let truth = constant_truth(&if_stmt.test);
                self.visit_expr(&if_stmt.test);
                self.visit_branch(&if_stmt.body, truth == Some(false));
                let mut earlier_taken = truth == Some(true);
                for clause in &if_stmt.elif_else_clauses {
                    let clause_truth = clause.test.as_ref().map_or(Some(true), constant_truth);
                    if let Some(test) = &clause.test {
                        self.visit_expr(test);
                    }
                    self.visit_branch(&clause.body, earlier_taken || clause_truth == Some(false));
                    earlier_taken |= clause_truth == Some(true);
                }
            }
            Stmt::While(while_stmt) => {
                self.visit_expr(&while_stmt.test);
                self.visit_branch(&while_stmt.body, constant_truth(&while_stmt.test) == Some(false));
                self.visit_body(&while_stmt.orelse);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Lambda(_) => {}
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                if self.in_dead_branch {
                    self.dead.get_or_insert(expr.range());
                } else {
                    self.live = true;
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
