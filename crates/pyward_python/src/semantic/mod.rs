//! Our own small name resolver: it answers "what qualified name does this
//! expression mean" (`s(x)` after `from os import system as s` is `os.system`).
//!
//! Bindings are recorded in source order during the one walk of the tree,
//! and function bodies are walked after their enclosing scope ends, as
//! Python runs them later; so a call sees the bindings in force when the
//! function would run.

mod builtins;
mod scope;

use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, Expr};

pub use builtins::{is_builtin, strip_builtin_module};
pub use scope::{Binding, Scope, ScopeId, ScopeKind};

pub struct SemanticModel {
    scopes: Vec<Scope>,
    current: ScopeId,
    /// The dotted name of the package that relative imports start from.
    package: Option<String>,
    /// How many `except` handlers the walk is inside.
    handler_depth: u32,
}

impl SemanticModel {
    /// `module` is the file's dotted module name (`pkg.sub.mod`);
    /// `is_package` is true for an `__init__.py`.
    pub fn new(module: &str, is_package: bool) -> Self {
        let package = if is_package {
            Some(module.to_string())
        } else {
            module.rsplit_once('.').map(|(parent, _)| parent.to_string())
        };
        let module_scope = Scope::new(ScopeKind::Module, None, module.to_string());
        Self { scopes: vec![module_scope], current: ScopeId(0), package, handler_depth: 0 }
    }

    pub fn current_scope(&self) -> ScopeId {
        self.current
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    fn scope_mut(&mut self, id: ScopeId) -> &mut Scope {
        &mut self.scopes[id.0 as usize]
    }

    /// Opens a scope inside the current one and makes it current.
    pub fn push_scope(&mut self, kind: ScopeKind, name: &str) -> ScopeId {
        let parent = self.scope(self.current);
        let path = if name.is_empty() { parent.path.clone() } else { dotted(&parent.path, name) };
        let id = ScopeId(u32::try_from(self.scopes.len()).unwrap_or(u32::MAX));
        self.scopes.push(Scope::new(kind, Some(self.current), path));
        self.current = id;
        id
    }

    /// Returns to the parent of the current scope.
    pub fn pop_scope(&mut self) {
        if let Some(parent) = self.scope(self.current).parent {
            self.current = parent;
        }
    }

    /// Makes `id` current (to walk a deferred function body).
    pub fn enter(&mut self, id: ScopeId) {
        self.current = id;
    }

    pub fn in_function(&self) -> bool {
        let mut id = Some(self.current);
        while let Some(scope_id) = id {
            let scope = self.scope(scope_id);
            if matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda) {
                return true;
            }
            id = scope.parent;
        }
        false
    }

    /// The qualified name a `def` or `class` named `name` gets here.
    pub fn definition_path(&self, name: &str) -> String {
        dotted(&self.scope(self.current).path, name)
    }

    /// Binds `name` in the scope an assignment here would bind it in.
    ///
    /// In an `except` handler an unknown value does not replace a module or
    /// qualified name: `try: import ssl` / `except ImportError: ssl = None`
    /// is the optional-import idiom, and code after it uses `ssl` as the module.
    pub fn bind(&mut self, name: &str, binding: Binding) {
        let target = self.binding_scope(name);
        let keep_qualified = binding == Binding::Local && self.handler_depth > 0;
        let bindings = &mut self.scope_mut(target).bindings;
        if keep_qualified && let Some(Binding::Qualified(_)) = bindings.get(name) {
            return;
        }
        bindings.insert(Name::new(name), binding);
    }

    /// Marks the start and end of an `except` handler's body.
    pub fn enter_handler(&mut self) {
        self.handler_depth += 1;
    }

    pub fn exit_handler(&mut self) {
        self.handler_depth = self.handler_depth.saturating_sub(1);
    }

    fn binding_scope(&self, name: &str) -> ScopeId {
        let scope = self.scope(self.current);
        if scope.globals.contains(name) {
            return ScopeId(0);
        }
        if scope.nonlocals.contains(name) {
            let mut parent = scope.parent;
            while let Some(id) = parent {
                let candidate = self.scope(id);
                if candidate.kind == ScopeKind::Function && candidate.bindings.contains_key(name) {
                    return id;
                }
                parent = candidate.parent;
            }
        }
        self.current
    }

    pub fn declare_global(&mut self, name: &str) {
        let current = self.current;
        self.scope_mut(current).globals.insert(Name::new(name));
    }

    pub fn declare_nonlocal(&mut self, name: &str) {
        let current = self.current;
        self.scope_mut(current).nonlocals.insert(Name::new(name));
    }

    /// Records `import a.b.c` (binds `a`) or `import a.b.c as d` (binds `d`).
    pub fn add_import(&mut self, alias: &ast::Alias) {
        let module = alias.name.as_str();
        match &alias.asname {
            Some(asname) => self.bind(asname.as_str(), Binding::Qualified(alias.name.id.clone())),
            None => {
                let top = module.split('.').next().unwrap_or(module);
                self.bind(top, Binding::Qualified(Name::new(top)));
            }
        }
    }

    /// Records `from module import name as asname` and star imports.
    pub fn add_import_from(&mut self, import: &ast::StmtImportFrom) {
        let module = self.absolute_module(import.level, import.module.as_ref().map(|m| m.as_str()));
        for alias in &import.names {
            let name = alias.name.as_str();
            if name == "*" {
                let current = self.current;
                if let Some(module) = &module {
                    self.scope_mut(current).star_imports.push(module.clone());
                }
                continue;
            }
            let bound = alias.asname.as_ref().map_or(name, |a| a.as_str());
            let binding = match &module {
                Some(module) => Binding::Qualified(Name::concat(&[module.as_str(), ".", name])),
                None => Binding::Local,
            };
            self.bind(bound, binding);
        }
    }

    /// The absolute module an import statement names, resolving leading dots
    /// against this file's package. `None` when it climbs above the root.
    pub fn absolute_module(&self, level: u32, module: Option<&str>) -> Option<String> {
        if level == 0 {
            return module.map(str::to_string);
        }
        let mut base: Vec<&str> = self.package.as_deref()?.split('.').collect();
        for _ in 1..level {
            base.pop()?;
        }
        if let Some(module) = module {
            base.push(module);
        }
        (!base.is_empty()).then(|| base.join("."))
    }

    /// What `name` means at this point, following Python's scoping rules.
    pub fn lookup(&self, name: &str) -> Option<&Binding> {
        let mut id = Some(self.current);
        let mut first = true;
        while let Some(scope_id) = id {
            let scope = self.scope(scope_id);
            if scope.globals.contains(name) {
                return self.scope(ScopeId(0)).bindings.get(name);
            }
            // Class bodies are not enclosing scopes for the functions inside them.
            let visible = first || scope.kind != ScopeKind::Class;
            if visible && let Some(binding) = scope.bindings.get(name) {
                return Some(binding);
            }
            first = false;
            id = scope.parent;
        }
        None
    }

    /// The qualified name `expr` refers to, if it is a name, an attribute
    /// chain or a dynamic import we can follow.
    pub fn resolve(&self, expr: &Expr) -> Option<String> {
        let mut qualified = String::new();
        if !self.resolve_into(expr, &mut qualified) {
            return None;
        }
        let stripped = strip_builtin_module(&qualified).len();
        if stripped != qualified.len() {
            qualified.drain(..qualified.len() - stripped);
        }
        Some(qualified)
    }

    /// Appends the unnormalised qualified name of `expr` to `out`; false when it has none.
    fn resolve_into(&self, expr: &Expr, out: &mut String) -> bool {
        match expr {
            Expr::Name(name) => self.resolve_name(name.id.as_str(), out),
            Expr::Attribute(attribute) => {
                if !self.resolve_into(&attribute.value, out) {
                    return false;
                }
                out.push('.');
                out.push_str(attribute.attr.as_str());
                true
            }
            Expr::Call(call) => self.resolve_dynamic(call, out),
            _ => false,
        }
    }

    fn resolve_name(&self, name: &str, out: &mut String) -> bool {
        // Room for most dotted names, so that building one does not reallocate.
        let start = |out: &mut String, root: &str| {
            out.reserve(root.len().max(48));
            out.push_str(root);
        };
        match self.lookup(name) {
            Some(Binding::Qualified(qualified)) => start(out, qualified),
            Some(Binding::Local | Binding::Deleted) => return false,
            None if is_builtin(name) || builtins::BUILTIN_MODULES.contains(&name) => start(out, name),
            // An unbound name may come from a star import: unknown, not guessed.
            None => return false,
        }
        true
    }

    /// `__import__('os')`, `importlib.import_module('os')` and
    /// `getattr(os, 'system')` evaluate to known objects; any other call of a
    /// known callable `f` evaluates to an instance written `f()`, so
    /// `tarfile.open(p).extractall` resolves to `tarfile.open().extractall`.
    fn resolve_dynamic(&self, call: &ast::ExprCall, out: &mut String) -> bool {
        let Some(callee) = self.resolve(&call.func) else { return false };
        if callee.ends_with("()") {
            return false;
        }
        match callee.as_str() {
            "__import__" | "importlib.import_module" | "importlib.__import__" => {
                let Some(module) = call.arguments.find_argument_value("name", 0).and_then(string_literal) else {
                    return false;
                };
                let has_fromlist = call.arguments.find_argument_value("fromlist", 3).is_some();
                if callee == "__import__" && !has_fromlist {
                    out.push_str(module.split('.').next().unwrap_or(module));
                } else {
                    out.push_str(module);
                }
                true
            }
            "getattr" => {
                let (Some(base), Some(attr)) =
                    (call.arguments.args.first(), call.arguments.args.get(1).and_then(string_literal))
                else {
                    return false;
                };
                if !self.resolve_into(base, out) {
                    return false;
                }
                out.push('.');
                out.push_str(attr);
                true
            }
            _ => {
                out.push_str(&callee);
                out.push_str("()");
                true
            }
        }
    }

    /// The binding an assignment `target = value` should record for `value`.
    pub fn binding_for_value(&self, value: &Expr) -> Binding {
        self.resolve(value).map_or(Binding::Local, |q| Binding::Qualified(Name::from(q)))
    }
}

/// `parent.name`, built without the formatting machinery (this runs for
/// every scope, and the dataflow builds qualified names at every call).
pub fn dotted(parent: &str, name: &str) -> String {
    let mut path = String::with_capacity(parent.len() + 1 + name.len());
    path.push_str(parent);
    path.push('.');
    path.push_str(name);
    path
}

fn string_literal(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(literal) => Some(literal.value.to_str()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::SemanticModel;

    #[test]
    fn relative_imports_resolve_against_the_package() {
        let module = SemanticModel::new("pkg.sub.mod", false);
        assert_eq!(module.absolute_module(0, Some("os")).as_deref(), Some("os"));
        assert_eq!(module.absolute_module(1, Some("x")).as_deref(), Some("pkg.sub.x"));
        assert_eq!(module.absolute_module(1, None).as_deref(), Some("pkg.sub"));
        assert_eq!(module.absolute_module(2, Some("y.z")).as_deref(), Some("pkg.y.z"));
        assert_eq!(module.absolute_module(4, Some("x")), None);
        let package = SemanticModel::new("pkg.sub", true);
        assert_eq!(package.absolute_module(1, Some("y")).as_deref(), Some("pkg.sub.y"));
        let script = SemanticModel::new("script", false);
        assert_eq!(script.absolute_module(1, Some("y")), None);
    }
}
