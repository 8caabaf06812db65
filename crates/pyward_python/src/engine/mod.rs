//! The rule engine: rule metadata, selection, and the single walk that
//! dispatches each node to the rules interested in its kind.

mod checker;
pub mod helpers;
pub mod kinds;
mod registry;
pub mod rule;
pub mod site;
mod suppression;

pub use checker::{Diagnostic, ModuleSource, WalkLimits, check_module};
pub use kinds::{ExprKind, StmtKind};
pub use registry::{Engine, SelectionError, Selector, select};
pub use rule::{Applies, Check, Rule, RuleMeta, Violation};
pub use site::{AttributeSite, CallSite, Context, ImportSite};
pub use suppression::Suppressions;
