//! PW7xx: web frameworks and injection.

use crate::engine::Rule;

pub(crate) static RULES: &[&Rule] = &[];
