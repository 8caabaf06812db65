//! PW3xx: starting processes and shell commands.

use crate::engine::Rule;

mod os_exec_spawn;
mod os_system;
mod pipes_template;
mod pty_spawn;
mod subprocess_shell_true;

pub(crate) static RULES: &[&Rule] =
    &[&subprocess_shell_true::RULE, &os_system::RULE, &os_exec_spawn::RULE, &pty_spawn::RULE, &pipes_template::RULE];
