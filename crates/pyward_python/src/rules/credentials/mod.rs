//! PW8xx: credentials and information leaks.

use crate::engine::Rule;

pub(crate) static RULES: &[&Rule] = &[];
