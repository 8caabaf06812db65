//! Reassembly policies: which fragment's bytes a system keeps where two
//! fragments of one datagram overlap. The table is data (`policies.toml`);
//! this module gives each rule its precise meaning.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The byte range `[start, end)` a fragment covers inside its datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    pub start: u32,
    pub end: u32,
}

impl Extent {
    pub fn overlaps(self, other: Extent) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// When a newer fragment replaces bytes an older one already supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NewerWins {
    /// The older bytes always stay (a newer fragment only fills holes).
    Never,
    /// The newer bytes always replace the older ones.
    Always,
    /// Only a newer fragment that starts strictly before the older one.
    StartsBefore,
    /// A newer fragment that starts before, or at the same offset as, the older one.
    StartsAtOrBefore,
    /// A newer fragment that starts at, or after, the older one's offset.
    StartsAtOrAfter,
    /// A newer fragment that starts before the older one and ends after it.
    StartsBeforeEndsAfter,
    /// A newer fragment that starts before the older one and ends at or after its end.
    StartsBeforeEndsAtOrAfter,
}

impl NewerWins {
    /// Whether `newer` takes the bytes it shares with `older`.
    pub fn decide(self, newer: Extent, older: Extent) -> bool {
        match self {
            Self::Never => false,
            Self::Always => true,
            Self::StartsBefore => newer.start < older.start,
            Self::StartsAtOrBefore => newer.start <= older.start,
            Self::StartsAtOrAfter => newer.start >= older.start,
            Self::StartsBeforeEndsAfter => newer.start < older.start && newer.end > older.end,
            Self::StartsBeforeEndsAtOrAfter => newer.start < older.start && newer.end >= older.end,
        }
    }
}

/// What a policy does when fragments overlap at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnOverlap {
    /// Keep the datagram; settle each shared byte with [`NewerWins`].
    Resolve,
    /// Abandon the datagram at any overlap other than an exact duplicate.
    Discard,
}

/// One row of `policies.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// The name used on the command line and in JSON (`bsd-right`).
    pub name: String,
    /// The name the seed's `reassembler.py --demo` prints (`BSD-Right`).
    pub label: String,
    /// Systems known to reassemble this way.
    pub systems: String,
    pub on_overlap: OnOverlap,
    pub newer_wins: NewerWins,
}

#[derive(Deserialize)]
struct PolicyTable {
    policy: Vec<Policy>,
}

/// Every policy, in the table's order.
pub fn all() -> &'static [Policy] {
    static TABLE: OnceLock<Vec<Policy>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table: PolicyTable =
            toml::from_str(include_str!("policies.toml")).expect("policies.toml is valid (checked by a unit test)");
        table.policy
    })
}

/// The policy called `name` (case-insensitive).
pub fn by_name(name: &str) -> Option<&'static Policy> {
    all().iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The names of every policy, for help texts and error messages.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|p| p.name.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extent(start: u32, end: u32) -> Extent {
        Extent { start, end }
    }

    #[test]
    fn table_loads_every_documented_policy() {
        assert_eq!(names(), ["first", "last", "linux", "bsd", "bsd-right", "windows", "solaris", "rfc5722"]);
        assert_eq!(by_name("RFC5722").map(|p| p.on_overlap), Some(OnOverlap::Discard));
    }

    #[test]
    fn rules_compare_starts_and_ends() {
        let same = (extent(8, 16), extent(8, 16));
        let earlier_start = (extent(0, 16), extent(8, 16));
        let covers = (extent(0, 24), extent(8, 16));
        let later_start = (extent(8, 24), extent(0, 16));
        let check = |rule: NewerWins, case: (Extent, Extent)| rule.decide(case.0, case.1);
        assert!(!check(NewerWins::Never, covers));
        assert!(check(NewerWins::Always, later_start));
        assert!(check(NewerWins::StartsBefore, earlier_start) && !check(NewerWins::StartsBefore, same));
        assert!(check(NewerWins::StartsAtOrBefore, same) && !check(NewerWins::StartsAtOrBefore, later_start));
        assert!(check(NewerWins::StartsAtOrAfter, later_start) && !check(NewerWins::StartsAtOrAfter, earlier_start));
        assert!(check(NewerWins::StartsBeforeEndsAfter, covers));
        assert!(!check(NewerWins::StartsBeforeEndsAfter, earlier_start));
        assert!(check(NewerWins::StartsBeforeEndsAtOrAfter, earlier_start));
        assert!(!check(NewerWins::StartsBeforeEndsAtOrAfter, same));
    }
}
