//! The order in which a module's functions are first analysed: callees
//! before their callers, so a caller's first run already sees the summary
//! of the helper it calls. The order only saves runs; a caller that ran
//! before its callee's summary settled runs again (see [`super::Units`]).

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use rustc_hash::FxHashMap;

use super::interp::FunctionSite;

/// The indices of `sites`, each after the sites it calls by name
/// (`helper(...)` for functions, `self.helper(...)`/`cls.helper(...)` for
/// methods of the same class), and after the earlier definitions of its
/// name. Calls in a cycle keep their source order.
pub fn callees_first(sites: &[FunctionSite<'_>]) -> Vec<usize> {
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
                let mut calls = NamedCalls::default();
                calls.visit_body(&site.def.body);
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

/// The names a function body calls directly: `name(...)` and `self.name(...)`.
#[derive(Default)]
struct NamedCalls<'a> {
    functions: Vec<&'a str>,
    methods: Vec<&'a str>,
}

impl<'a> Visitor<'a> for NamedCalls<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        // A nested definition's calls happen when it is called, which its own run sees.
        if !matches!(stmt, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(ast::ExprCall { func, .. }) = expr {
            match &**func {
                Expr::Name(name) => self.functions.push(name.id.as_str()),
                Expr::Attribute(ast::ExprAttribute { value, attr, .. }) if matches!(&**value, Expr::Name(owner) if matches!(owner.id.as_str(), "self" | "cls")) =>
                {
                    self.methods.push(attr.as_str());
                }
                _ => {}
            }
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use crate::project::depth_first;

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
