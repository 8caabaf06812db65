use ruff_python_ast::name::Name;
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// What a name is bound to, as far as a security rule cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// Refers to a module or an object with a known qualified name
    /// (imports, `def`/`class`, and aliases such as `run = os.system`).
    Qualified(Name),
    /// A local value we know nothing about (parameter, loop target...).
    Local,
    /// Removed by `del`.
    Deleted,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<ScopeId>,
    /// The dotted path of this scope's owner, for qualified names of definitions.
    pub path: String,
    pub bindings: FxHashMap<Name, Binding>,
    pub globals: FxHashSet<Name>,
    pub nonlocals: FxHashSet<Name>,
    /// Modules imported with `from m import *` in this scope.
    pub star_imports: Vec<String>,
}

impl Scope {
    pub fn new(kind: ScopeKind, parent: Option<ScopeId>, path: String) -> Self {
        Self {
            kind,
            parent,
            path,
            bindings: FxHashMap::default(),
            globals: FxHashSet::default(),
            nonlocals: FxHashSet::default(),
            star_imports: Vec::new(),
        }
    }
}
