//! PW2xx: deserialisation that can run code.

use crate::engine::Rule;

mod cookie_pickle;
mod marshal_load;
mod pickle_file_verdict;
mod pickle_load;
mod shelve_open;
mod yaml_load;

pub(crate) static RULES: &[&Rule] = &[
    &pickle_load::RULE,
    &marshal_load::RULE,
    &shelve_open::RULE,
    &yaml_load::RULE,
    &cookie_pickle::RULE,
    &pickle_file_verdict::RULE,
];
