//! Every rule, one per file, grouped by hundreds of their ids; each is
//! documented by the doc comment above its `static RULE`.

use std::sync::LazyLock;

use crate::engine::Rule;

mod credentials;
mod crypto;
mod evaluation;
mod files;
mod http_clients;
mod language;
mod network;
mod processes;
mod serialization;
pub mod taint;
mod web;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// The groups, each listing its rules. Add a group here when its first rule comes.
const GROUPS: &[&[&Rule]] = &[
    evaluation::RULES,
    serialization::RULES,
    processes::RULES,
    files::RULES,
    crypto::RULES,
    network::RULES,
    web::RULES,
    credentials::RULES,
    language::RULES,
    taint::RULES,
];

/// Whether `rule` is one of the dataflow (taint) rules, which need the
/// dataflow analysis to run.
pub fn is_dataflow(rule: &Rule) -> bool {
    taint::RULES.iter().any(|taint| taint.meta.id == rule.meta.id)
}

/// Every rule pyward has, in id order.
pub static ALL: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut rules: Vec<&'static Rule> = GROUPS.iter().flat_map(|group| group.iter().copied()).collect();
    rules.sort_by_key(|rule| rule.meta.id);
    rules
});

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn ids_and_names_are_unique_and_documented() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.meta.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "duplicate rule id");
        let mut names: Vec<&str> = ALL.iter().map(|r| r.meta.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "duplicate rule name");
        for rule in ALL.iter() {
            let doc = rule.documentation();
            assert!(doc.contains("## What it finds"), "{} has no documentation", rule.meta.id);
            assert!(doc.contains("## Fix"), "{} documents no fix", rule.meta.id);
            assert!(rule.meta.category.contains('/'), "{} category is not group/item", rule.meta.id);
            let group = &rule.meta.id[..3];
            assert!(matches!(group, "PW1" | "PW2" | "PW3" | "PW4" | "PW5" | "PW6" | "PW7" | "PW8" | "PW9"));
        }
    }
}
