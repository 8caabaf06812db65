//! PW9xx: language and interpreter pitfalls.

use crate::engine::Rule;

mod assert_used;
mod common;
mod confusable_identifier;
mod decimal_float_compare;
mod python2_mixed_ordering;
mod removed_stdlib_module;
mod removed_unsafe_module;
mod trojan_source;
mod try_except_continue;
mod try_except_pass;
mod yield_in_dead_code;

pub(crate) static RULES: &[&Rule] = &[
    &removed_unsafe_module::RULE,
    &removed_stdlib_module::RULE,
    &assert_used::RULE,
    &try_except_pass::RULE,
    &try_except_continue::RULE,
    &trojan_source::RULE,
    &confusable_identifier::RULE,
    &yield_in_dead_code::RULE,
    &decimal_float_compare::RULE,
    &python2_mixed_ordering::RULE,
];
