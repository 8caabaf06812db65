//! What a check sees: the node that triggered it and the file around it.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;

use crate::semantic::SemanticModel;
use crate::version::TargetPython;

/// The file being analysed, as every check sees it.
pub struct Context<'a> {
    pub semantic: &'a SemanticModel,
    pub source: &'a str,
    pub path: &'a str,
    /// The Python the file is written for (target or detected).
    pub python: TargetPython,
    /// The statements enclosing the node being checked, outermost first,
    /// ending with the statement that holds it (or is it). A function body
    /// starts afresh: its definition's surroundings do not enclose it.
    pub ancestors: &'a [&'a Stmt],
    /// The statement list (module, function or block body) holding the
    /// innermost statement of `ancestors`.
    pub block: &'a [Stmt],
    /// The callee of the call being checked, already resolved: several
    /// rules look at every call, and resolving allocates.
    pub resolved_callee: Option<(&'a Expr, &'a str)>,
}

impl Context<'_> {
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        if let Some((callee, qualified)) = self.resolved_callee
            && std::ptr::eq(callee, expr)
        {
            return Some(qualified.to_string());
        }
        self.semantic.resolve(expr)
    }

    /// The source text of `range`.
    pub fn text(&self, range: TextRange) -> &str {
        self.source.get(range.start().to_usize()..range.end().to_usize()).unwrap_or("")
    }
}

/// A call whose callee resolved to a qualified name some rule listed.
pub struct CallSite<'a> {
    pub call: &'a ast::ExprCall,
    /// The qualified name of the callee, e.g. `subprocess.Popen`.
    pub callee: &'a str,
    pub context: &'a Context<'a>,
}

impl<'a> CallSite<'a> {
    /// The argument passed by keyword `name` or else at `position`.
    pub fn argument(&self, name: &str, position: usize) -> Option<&'a Expr> {
        self.call.arguments.find_argument_value(name, position)
    }

    pub fn keyword(&self, name: &str) -> Option<&'a Expr> {
        self.call.arguments.find_keyword(name).map(|k| &k.value)
    }

    /// Whether the call passes `**kwargs` (which may hold any keyword).
    pub fn has_double_star(&self) -> bool {
        self.call.arguments.keywords.iter().any(|k| k.arg.is_none())
    }

    /// Whether the call passes `*args` (which may fill any position).
    pub fn has_star(&self) -> bool {
        self.call.arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)))
    }

    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        self.context.resolve(expr)
    }

    pub fn range(&self) -> TextRange {
        ruff_text_size::Ranged::range(self.call)
    }
}

/// One imported name: `import m` gives module `m`; `from m import x` gives
/// module `m` and member `x`.
pub struct ImportSite<'a> {
    pub module: &'a str,
    pub member: Option<&'a str>,
    /// The entry of the rule's table that matched (`m` or `m.x`).
    pub matched: &'a str,
    pub range: TextRange,
    pub context: &'a Context<'a>,
}

/// An attribute read `value.attr`.
pub struct AttributeSite<'a> {
    pub attribute: &'a ast::ExprAttribute,
    pub context: &'a Context<'a>,
}
