//! PW8xx: credentials and information leaks.

mod common;
mod hardcoded_password_argument;
mod hardcoded_password_default;
mod hardcoded_password_string;
mod hardcoded_secret_shape;
mod hardcoded_temp_path;
mod password_option_not_secret;

use crate::engine::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &hardcoded_password_string::RULE,
    &hardcoded_password_argument::RULE,
    &hardcoded_password_default::RULE,
    &hardcoded_temp_path::RULE,
    &password_option_not_secret::RULE,
    &hardcoded_secret_shape::RULE,
];
