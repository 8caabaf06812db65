//! PW9xx: language and interpreter pitfalls.

use crate::engine::Rule;

mod removed_unsafe_module;

pub(crate) static RULES: &[&Rule] = &[&removed_unsafe_module::RULE];
