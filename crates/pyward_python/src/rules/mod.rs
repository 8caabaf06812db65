//! Every rule, one per file, each documented by the doc comment above its
//! `static RULE`.

use crate::engine::Rule;

mod compile_call;
mod cookie_pickle;
mod ctypes_value_truncation;
mod eval_call;
mod exec_call;
mod insecure_temp_file;
mod marshal_load;
mod multiprocessing_no_authkey;
mod os_exec_spawn;
mod os_system;
mod pickle_load;
mod pipes_template;
mod pty_spawn;
mod python2_input;
mod removed_unsafe_module;
mod shelve_open;
mod subprocess_shell_true;
mod tarfile_unsafe_extract;
mod urlopen_no_timeout;
mod yaml_load;
mod zipfile_extract;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// Every rule pyward has, in id order.
pub static ALL: &[&Rule] = &[
    &eval_call::RULE,
    &exec_call::RULE,
    &compile_call::RULE,
    &python2_input::RULE,
    &pickle_load::RULE,
    &marshal_load::RULE,
    &shelve_open::RULE,
    &yaml_load::RULE,
    &cookie_pickle::RULE,
    &subprocess_shell_true::RULE,
    &os_system::RULE,
    &os_exec_spawn::RULE,
    &pty_spawn::RULE,
    &pipes_template::RULE,
    &insecure_temp_file::RULE,
    &tarfile_unsafe_extract::RULE,
    &zipfile_extract::RULE,
    &ctypes_value_truncation::RULE,
    &urlopen_no_timeout::RULE,
    &multiprocessing_no_authkey::RULE,
    &removed_unsafe_module::RULE,
];

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
        for rule in ALL {
            let doc = rule.documentation();
            assert!(doc.contains("## What it finds"), "{} has no documentation", rule.meta.id);
            assert!(doc.contains("## Fix"), "{} documents no fix", rule.meta.id);
            assert!(rule.meta.category.contains('/'), "{} category is not group/item", rule.meta.id);
        }
    }
}
