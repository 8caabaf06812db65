//! PW2xx: deserialisation that can run code.

use crate::engine::Rule;

mod cookie_pickle;
mod huggingface_unpinned;
mod marshal_load;
mod model_unsafe_load;
mod pickle_family_load;
mod pickle_file_verdict;
mod pickle_import;
mod pickle_load;
mod pickle_old_protocol;
mod shelve_open;
mod torch_load;
mod yaml_load;

pub(crate) static RULES: &[&Rule] = &[
    &pickle_load::RULE,
    &marshal_load::RULE,
    &shelve_open::RULE,
    &yaml_load::RULE,
    &cookie_pickle::RULE,
    &pickle_file_verdict::RULE,
    &pickle_import::RULE,
    &torch_load::RULE,
    &huggingface_unpinned::RULE,
    &pickle_family_load::RULE,
    &model_unsafe_load::RULE,
    &pickle_old_protocol::RULE,
];
