//! What a rule is: its metadata, and the checks through which the one walk
//! of the tree reaches it.

use pyward_report::{Confidence, RuleDescriptor, Severity};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::TextRange;

use super::kinds::{ExprKind, StmtKind};
use super::site::{AttributeSite, CallSite, Context, ImportSite};
use crate::version::{PythonVersion, TargetPython};

/// Which files a rule concerns: by the Python versions they are written
/// for, or by their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    Always,
    /// Files with text beyond ASCII only (rules about Unicode characters).
    NonAscii,
    /// Python 2 code only (files detected as Python 2, or a `py2x` target).
    Python2,
    /// Code for this version and later.
    Since(PythonVersion),
    /// Code for versions up to and including this one.
    Until(PythonVersion),
}

impl Applies {
    /// Whether the rule concerns code for `target` whose text is all ASCII
    /// (`ascii`) or not. An unknown version counts as any Python 3, so
    /// version-bounded rules still fire.
    pub fn to(self, target: TargetPython, ascii: bool) -> bool {
        match self {
            Self::Always => true,
            Self::NonAscii => !ascii,
            Self::Python2 => target.python2,
            Self::Since(first) => !target.python2 && target.version.is_none_or(|v| v >= first),
            Self::Until(last) => target.version.is_none_or(|v| v <= last),
        }
    }
}

pub struct RuleMeta {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: &'static [u32],
    /// `group/item` from the seed's Secure Coding Review checklist.
    pub category: &'static str,
    /// Bandit ids and Ruff codes of the equivalent checks.
    pub aliases: &'static [&'static str],
    pub applies: Applies,
}

/// A problem a check found; the rule's metadata fills in the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub message: String,
    /// Where to report it, when not on the node that triggered the check.
    pub range: Option<TextRange>,
    pub severity: Option<Severity>,
    pub confidence: Option<Confidence>,
}

impl Violation {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), range: None, severity: None, confidence: None }
    }

    pub fn at(mut self, range: TextRange) -> Self {
        self.range = Some(range);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }
}

pub type CallCheck = fn(&CallSite) -> Option<Violation>;
pub type ImportCheck = fn(&ImportSite) -> Option<Violation>;
pub type AttributeCheck = fn(&AttributeSite) -> Option<Violation>;
pub type StmtCheck = fn(&Stmt, &Context) -> Option<Violation>;
pub type ExprCheck = fn(&Expr, &Context) -> Option<Violation>;
/// Runs once per file on the whole source (for what the tree does not show,
/// such as comments and invisible characters); each violation names its range.
pub type SourceCheck = fn(&Context) -> Vec<Violation>;

/// How the walk reaches a rule. Name tables are data: the engine indexes
/// them once, so a call costs one hash lookup however many rules there are.
pub enum Check {
    /// Calls whose callee resolves to one of these qualified names.
    Call { callees: &'static [&'static str], check: CallCheck },
    /// `import m` / `from m import x` where `m` or `m.x` is listed.
    Import { names: &'static [&'static str], check: ImportCheck },
    /// Attribute reads `obj.attr` with one of these attribute names.
    Attribute { attributes: &'static [&'static str], check: AttributeCheck },
    /// Statements of these kinds.
    Stmt { kinds: &'static [StmtKind], check: StmtCheck },
    /// Expressions of these kinds.
    Expr { kinds: &'static [ExprKind], check: ExprCheck },
    /// The whole file, once.
    Source(SourceCheck),
}

pub struct Rule {
    pub meta: RuleMeta,
    pub checks: &'static [Check],
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("id", &self.meta.id).field("name", &self.meta.name).finish()
    }
}

impl Rule {
    /// The rule's documentation, from the doc comment above it.
    pub fn documentation(&self) -> &'static str {
        crate::rules::documentation(self.meta.id)
    }

    pub fn descriptor(&self) -> RuleDescriptor {
        let meta = &self.meta;
        RuleDescriptor {
            id: meta.id.to_string(),
            name: meta.name.to_string(),
            summary: meta.summary.to_string(),
            help: self.documentation().to_string(),
            severity: meta.severity,
            cwe: meta.cwe.to_vec(),
            category: meta.category.to_string(),
            aliases: meta.aliases.iter().map(|a| a.to_string()).collect(),
        }
    }
}
