//! Tables of process-starting functions the process rules share.

/// `subprocess` functions that take an argument list or a command string.
pub(crate) const SUBPROCESS_CALLS: &[&str] =
    &["subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output"];

/// Functions that always run their command through a shell.
pub(crate) const SHELL_CALLS: &[&str] = &[
    "os.system",
    "posix.system",
    "os.popen",
    "os.popen2",
    "os.popen3",
    "os.popen4",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
    "popen2.Popen3",
    "popen2.Popen4",
    "commands.getoutput",
    "commands.getstatusoutput",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
];

/// Functions that start a program without a shell.
pub(crate) const EXEC_CALLS: &[&str] = &[
    "os.execl",
    "os.execle",
    "os.execlp",
    "os.execlpe",
    "os.execv",
    "os.execve",
    "os.execvp",
    "os.execvpe",
    "os.spawnl",
    "os.spawnle",
    "os.spawnlp",
    "os.spawnlpe",
    "os.spawnv",
    "os.spawnve",
    "os.spawnvp",
    "os.spawnvpe",
    "os.startfile",
    "os.posix_spawn",
    "os.posix_spawnp",
];
