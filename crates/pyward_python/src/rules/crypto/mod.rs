//! PW5xx: cryptography and TLS.

use crate::engine::Rule;

pub(crate) static RULES: &[&Rule] = &[];
