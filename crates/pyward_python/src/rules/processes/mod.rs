//! PW3xx: starting processes and shell commands.

use crate::engine::Rule;

mod common;
mod os_exec_spawn;
mod os_system;
mod paramiko_exec_command;
mod partial_executable_path;
mod pipes_template;
mod pty_spawn;
mod shell_true_other_call;
mod shell_wildcard_injection;
mod subprocess_import;
mod subprocess_shell_true;
mod subprocess_without_shell;

pub(crate) static RULES: &[&Rule] = &[
    &subprocess_shell_true::RULE,
    &os_system::RULE,
    &os_exec_spawn::RULE,
    &pty_spawn::RULE,
    &pipes_template::RULE,
    &paramiko_exec_command::RULE,
    &subprocess_without_shell::RULE,
    &shell_true_other_call::RULE,
    &partial_executable_path::RULE,
    &subprocess_import::RULE,
    &shell_wildcard_injection::RULE,
];
