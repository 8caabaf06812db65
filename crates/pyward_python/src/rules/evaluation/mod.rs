//! PW1xx: evaluating code and input.

use crate::engine::Rule;

mod compile_call;
mod eval_call;
mod exec_call;
mod python2_input;

pub(crate) static RULES: &[&Rule] = &[&eval_call::RULE, &exec_call::RULE, &compile_call::RULE, &python2_input::RULE];
