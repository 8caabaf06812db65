//! The rule table (`rules.toml`) and the findings built from events.

use std::sync::OnceLock;

use pyward_report::{Confidence, RuleDescriptor, Severity};
use serde::Deserialize;

use crate::event::EventKind;

pub const CATEGORY: &str = "architecture/nic";

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub event: EventKind,
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub confidence: Confidence,
    pub cwe: Vec<u32>,
    pub summary: String,
    pub help: String,
}

impl Rule {
    pub fn descriptor(&self) -> RuleDescriptor {
        RuleDescriptor {
            id: self.id.clone(),
            name: self.name.clone(),
            summary: self.summary.clone(),
            help: self.help.trim().to_string(),
            severity: self.severity,
            cwe: self.cwe.clone(),
            category: CATEGORY.to_string(),
            aliases: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct RuleTable {
    rule: Vec<Rule>,
}

pub fn all() -> &'static [Rule] {
    static TABLE: OnceLock<Vec<Rule>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table: RuleTable = toml::from_str(include_str!("rules.toml")).expect("rules.toml is valid (unit test)");
        table.rule
    })
}

/// The rule reporting `kind`.
pub fn for_event(kind: EventKind) -> &'static Rule {
    all().iter().find(|r| r.event == kind).expect("every event kind has a rule (unit test)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_kind_has_exactly_one_rule_with_a_unique_id() {
        use EventKind::*;
        let kinds = [
            Ambiguous,
            InconsistentOverlap,
            ConsistentOverlap,
            TinyFragment,
            HeaderOverwrite,
            OddLength,
            Oversize,
            ConflictingEnd,
            AtomicFragment,
            Incomplete,
            FragmentCap,
            InFlightCap,
            HostMismatch,
        ];
        for kind in kinds {
            assert_eq!(all().iter().filter(|r| r.event == kind).count(), 1, "{kind:?}");
        }
        let mut ids: Vec<&str> = all().iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all().len());
        assert!(ids.iter().all(|id| id.starts_with("PWF") && id.len() == 6));
    }
}
