//! Rule selection (`select`/`ignore` by id, name, alias, category or prefix)
//! and the dispatch tables the walk uses.

use rustc_hash::FxHashMap;

use super::kinds::{ExprKind, StmtKind};
use super::rule::{AttributeCheck, CallCheck, Check, ExprCheck, ImportCheck, Rule, SourceCheck, StmtCheck};

/// One entry of `select`/`ignore`, as a user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(pub String);

impl Selector {
    /// Whether this selector names `rule`: by id, name, Bandit/Ruff alias,
    /// category (`language/serialization` or just `language`), `ALL`, or a
    /// prefix of an id or alias (`PW3`, `B6`, `S`).
    pub fn matches(&self, rule: &Rule) -> bool {
        let wanted = self.0.trim();
        let meta = &rule.meta;
        let exact = |candidate: &str| candidate.eq_ignore_ascii_case(wanted);
        if wanted.eq_ignore_ascii_case("ALL") || exact(meta.id) || exact(meta.name) {
            return true;
        }
        if meta.aliases.iter().any(|alias| exact(alias)) {
            return true;
        }
        if exact(meta.category) || meta.category.split('/').next().is_some_and(exact) {
            return true;
        }
        let is_code_prefix = !wanted.is_empty() && wanted.chars().all(|c| c.is_ascii_alphanumeric());
        let upper = wanted.to_ascii_uppercase();
        is_code_prefix && (meta.id.starts_with(&upper) || meta.aliases.iter().any(|a| a.starts_with(&upper)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionError {
    /// A selector that names no rule: most likely a typo.
    Unknown(String),
}

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unknown(selector) => write!(
                f,
                "`{selector}` names no rule (use a rule id like PW301, a name, a Bandit/Ruff code, a category or \
                 a prefix; `pyward rules` lists them)"
            ),
        }
    }
}

/// Resolves `select` (all rules when empty) minus `ignore`.
pub fn select(
    all: &[&'static Rule],
    select: &[Selector],
    ignore: &[Selector],
) -> Result<Vec<&'static Rule>, SelectionError> {
    for selector in select.iter().chain(ignore) {
        if !all.iter().any(|rule| selector.matches(rule)) {
            return Err(SelectionError::Unknown(selector.0.clone()));
        }
    }
    Ok(all
        .iter()
        .copied()
        .filter(|rule| select.is_empty() || select.iter().any(|s| s.matches(rule)))
        .filter(|rule| !ignore.iter().any(|s| s.matches(rule)))
        .collect())
}

/// The selected rules, indexed by what triggers them.
pub struct Engine {
    rules: Vec<&'static Rule>,
    pub(super) calls: FxHashMap<&'static str, Vec<(usize, CallCheck)>>,
    pub(super) imports: FxHashMap<&'static str, Vec<(usize, ImportCheck)>>,
    pub(super) attributes: FxHashMap<&'static str, Vec<(usize, AttributeCheck)>>,
    /// Indexed by `StmtKind as usize`.
    pub(super) stmts: Vec<Vec<(usize, StmtCheck)>>,
    /// Indexed by `ExprKind as usize`.
    pub(super) exprs: Vec<Vec<(usize, ExprCheck)>>,
    pub(super) sources: Vec<(usize, SourceCheck)>,
}

impl Engine {
    pub fn new(rules: Vec<&'static Rule>) -> Self {
        let mut engine = Self {
            rules: Vec::new(),
            calls: FxHashMap::default(),
            imports: FxHashMap::default(),
            attributes: FxHashMap::default(),
            stmts: vec![Vec::new(); StmtKind::COUNT],
            exprs: vec![Vec::new(); ExprKind::COUNT],
            sources: Vec::new(),
        };
        for (index, rule) in rules.iter().enumerate() {
            for check in rule.checks {
                engine.index(index, check);
            }
        }
        engine.rules = rules;
        engine
    }

    /// Every rule pyward has.
    /// Whether the rule with this id is selected.
    pub fn selects(&self, id: &str) -> bool {
        self.rules.iter().any(|rule| rule.meta.id == id)
    }

    pub fn all() -> Self {
        Self::new(crate::rules::ALL.to_vec())
    }

    fn index(&mut self, rule: usize, check: &Check) {
        match check {
            Check::Call { callees, check } => {
                for callee in *callees {
                    self.calls.entry(callee).or_default().push((rule, *check));
                }
            }
            Check::Import { names, check } => {
                for name in *names {
                    self.imports.entry(name).or_default().push((rule, *check));
                }
            }
            Check::Attribute { attributes, check } => {
                for attribute in *attributes {
                    self.attributes.entry(attribute).or_default().push((rule, *check));
                }
            }
            Check::Stmt { kinds, check } => {
                for kind in *kinds {
                    self.stmts[*kind as usize].push((rule, *check));
                }
            }
            Check::Expr { kinds, check } => {
                for kind in *kinds {
                    self.exprs[*kind as usize].push((rule, *check));
                }
            }
            Check::Source(check) => self.sources.push((rule, *check)),
        }
    }

    pub fn rules(&self) -> &[&'static Rule] {
        &self.rules
    }

    pub fn rule(&self, index: usize) -> &'static Rule {
        self.rules[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selector(text: &str) -> Selector {
        Selector(text.to_string())
    }

    #[test]
    fn selects_by_every_kind_of_name() {
        let all = &crate::rules::ALL;
        let pickle = all.iter().find(|r| r.meta.name == "pickle-load").expect("pickle-load exists");
        for text in ["PW201", "pickle-load", "B301", "S301", "language/serialization", "language", "PW2", "B3", "all"] {
            assert!(selector(text).matches(pickle), "{text} should select pickle-load");
        }
        for text in ["PW3", "B6", "vulnerability", "PW2011"] {
            assert!(!selector(text).matches(pickle), "{text} should not select pickle-load");
        }
    }

    #[test]
    fn unknown_selector_is_an_error() {
        let error = select(&crate::rules::ALL, &[selector("PW999")], &[]).unwrap_err();
        assert_eq!(error, SelectionError::Unknown("PW999".into()));
    }

    #[test]
    fn ignore_removes_from_select() {
        let chosen = select(&crate::rules::ALL, &[selector("PW2")], &[selector("B301")]).unwrap();
        assert!(!chosen.is_empty());
        assert!(chosen.iter().all(|r| r.meta.id.starts_with("PW2") && r.meta.name != "pickle-load"));
    }
}
