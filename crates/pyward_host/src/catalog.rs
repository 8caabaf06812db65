//! The table of checks, loaded from `checks.toml`.

use std::sync::OnceLock;

use pyward_report::{RuleDescriptor, Severity};
use serde::Deserialize;

const TABLE: &str = include_str!("checks.toml");

/// What a finding of one check says about itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub category: String,
    pub cwe: Vec<u32>,
    pub summary: String,
    pub rationale: String,
    pub fix: String,
}

impl Rule {
    pub fn descriptor(&self) -> RuleDescriptor {
        RuleDescriptor {
            id: self.id.clone(),
            name: self.name.clone(),
            summary: self.summary.clone(),
            help: format!("{}\n\n{}\n\n**Fix:** {}", self.summary, self.rationale, self.fix),
            severity: self.severity,
            cwe: self.cwe.clone(),
            category: self.category.clone(),
            aliases: Vec::new(),
        }
    }
}

/// What value a setting must have.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    OneOf(Vec<String>),
    AtLeast(i64),
    AtMost(i64),
    StartsWithAny(Vec<String>),
    /// An integer lower than the value of the named sysctl.
    Below(String),
}

/// One kernel setting compared with an expectation.
#[derive(Debug, Clone, Deserialize)]
pub struct SettingCheck {
    /// Dotted name as `sysctl` prints it (`net.ipv4.tcp_syncookies`).
    pub sysctl: String,
    pub expect: Expect,
    #[serde(flatten)]
    pub rule: Rule,
}

/// Every check `pyward host` knows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub entropy: Vec<Rule>,
    pub setting: Vec<SettingCheck>,
}

impl Catalog {
    /// The entropy rule with this id; the ids are fixed by `checks.toml`.
    pub fn entropy_rule(&self, id: &str) -> &Rule {
        self.entropy.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("checks.toml lacks entropy rule {id}"))
    }

    pub fn descriptors(&self) -> Vec<RuleDescriptor> {
        self.entropy.iter().chain(self.setting.iter().map(|s| &s.rule)).map(Rule::descriptor).collect()
    }
}

/// The table compiled into the binary; its validity is checked by the tests below.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| toml::from_str(TABLE).expect("checks.toml is valid (see catalog tests)"))
}

/// Where a dotted sysctl name lives under `/proc/sys`.
pub fn sysctl_path(sysctl: &str) -> String {
    format!("/proc/sys/{}", sysctl.replace('.', "/"))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::entropy::{ENTROPY_SOURCE_RULE, POOL_LEVEL_RULE, POOL_SIZE_RULE};

    #[test]
    fn table_parses_with_unique_ids_and_names() {
        let catalog = catalog();
        let rules: Vec<&Rule> = catalog.entropy.iter().chain(catalog.setting.iter().map(|s| &s.rule)).collect();
        let ids: HashSet<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        let names: HashSet<&str> = rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(ids.len(), rules.len());
        assert_eq!(names.len(), rules.len());
        for rule in rules {
            assert!(rule.id.starts_with("PWH") && rule.id.len() == 6, "{}", rule.id);
            assert!(rule.category.starts_with("architecture/"), "{}", rule.id);
            assert!(!rule.rationale.is_empty() && !rule.fix.is_empty(), "{}", rule.id);
        }
    }

    #[test]
    fn entropy_rules_used_by_the_code_exist() {
        for id in [POOL_LEVEL_RULE, POOL_SIZE_RULE, ENTROPY_SOURCE_RULE] {
            assert_eq!(catalog().entropy_rule(id).id, id);
        }
    }

    #[test]
    fn comparisons_name_settings_of_the_table() {
        let known: HashSet<&str> = catalog().setting.iter().map(|s| s.sysctl.as_str()).collect();
        for check in &catalog().setting {
            if let Expect::Below(other) = &check.expect {
                assert!(known.contains(other.as_str()), "{} compares with unknown {other}", check.rule.id);
            }
        }
    }

    #[test]
    fn sysctl_names_map_to_proc_paths() {
        assert_eq!(sysctl_path("net.ipv4.conf.all.rp_filter"), "/proc/sys/net/ipv4/conf/all/rp_filter");
    }
}
