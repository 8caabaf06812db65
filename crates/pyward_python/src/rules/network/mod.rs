//! PW6xx: network clients, servers and protocols.

use crate::engine::Rule;

mod multiprocessing_no_authkey;
mod urlopen_no_timeout;

pub(crate) static RULES: &[&Rule] = &[&urlopen_no_timeout::RULE, &multiprocessing_no_authkey::RULE];
