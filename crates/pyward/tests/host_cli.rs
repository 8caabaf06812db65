//! `pyward host` run as a program against fake `/proc`, `/sys` and `/dev` trees.

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Lines};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, Output, Stdio};

use serde_json::Value;

const ENTROPY_AVAIL: &str = "proc/sys/kernel/random/entropy_avail";

/// Settings of a hardened host, as (path under the root, value).
const HARDENED: &[(&str, &str)] = &[
    ("proc/sys/kernel/osrelease", "4.19.0-27-amd64"),
    (ENTROPY_AVAIL, "3000"),
    ("proc/sys/kernel/random/poolsize", "4096"),
    ("proc/412/comm", "haveged"),
    ("proc/sys/kernel/randomize_va_space", "2"),
    ("proc/sys/kernel/kptr_restrict", "1"),
    ("proc/sys/kernel/dmesg_restrict", "1"),
    ("proc/sys/fs/suid_dumpable", "0"),
    ("proc/sys/kernel/yama/ptrace_scope", "1"),
    ("proc/sys/kernel/core_pattern", "|/usr/lib/systemd/systemd-coredump %P"),
    ("proc/sys/net/ipv4/tcp_syncookies", "1"),
    ("proc/sys/net/ipv4/ipfrag_high_thresh", "4194304"),
    ("proc/sys/net/ipv4/ipfrag_low_thresh", "3145728"),
    ("proc/sys/net/ipv4/ipfrag_time", "30"),
    ("proc/sys/net/ipv6/ip6frag_high_thresh", "4194304"),
    ("proc/sys/net/ipv6/ip6frag_low_thresh", "3145728"),
    ("proc/sys/net/ipv6/ip6frag_time", "60"),
    ("proc/sys/net/ipv4/conf/all/rp_filter", "1"),
    ("proc/sys/net/ipv4/conf/default/rp_filter", "1"),
    ("proc/sys/net/ipv4/conf/all/accept_redirects", "0"),
    ("proc/sys/net/ipv4/conf/default/accept_redirects", "0"),
    ("proc/sys/net/ipv6/conf/all/accept_redirects", "0"),
    ("proc/sys/net/ipv6/conf/default/accept_redirects", "0"),
    ("proc/sys/net/ipv4/conf/all/send_redirects", "0"),
    ("proc/sys/net/ipv4/conf/default/send_redirects", "0"),
    ("proc/sys/net/ipv4/conf/all/accept_source_route", "0"),
    ("proc/sys/net/ipv4/conf/default/accept_source_route", "0"),
    ("proc/sys/net/ipv6/conf/all/accept_source_route", "0"),
    ("proc/sys/net/ipv6/conf/default/accept_source_route", "0"),
];

fn hardened_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, value) in HARDENED {
        write(dir.path(), path, &format!("{value}\n"));
    }
    dir
}

fn write(root: &Path, path: &str, contents: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn pyward(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyward"))
        .arg("host")
        .arg("--proc-root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn hardened_host_is_clean_and_lists_every_check() {
    let root = hardened_root();
    let output = pyward(root.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = json_of(&output);
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
    let checks = json["checks"].as_array().unwrap();
    assert_eq!(checks.len(), HARDENED.len() - 4 + 3, "one check per setting plus three entropy checks");
    for check in checks {
        assert_eq!(check["status"], "pass", "{check}");
        for member in ["id", "read", "expected", "path", "subject"] {
            assert!(check[member].is_string(), "{member} in {check}");
        }
    }
    assert_eq!(json["host"]["entropy_model"], "counting");
}

#[test]
fn failed_check_is_a_finding_and_exit_code_1() {
    let root = hardened_root();
    write(root.path(), "proc/sys/kernel/randomize_va_space", "0\n");
    let output = pyward(root.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json = json_of(&output);
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "PWH101");
    assert_eq!(finding["category"], "architecture/kernel");
    assert_eq!(finding["path"], "/proc/sys/kernel/randomize_va_space");
    assert_eq!(finding["details"]["read"], "0");
    assert_eq!(finding["details"]["expected"], "2");
    assert!(finding["details"]["fix"].as_str().unwrap().contains("randomize_va_space=2"));

    let output = pyward(root.path(), &["--format", "json", "--exit-zero"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn text_report_on_stdout_and_check_table_on_stderr() {
    let root = hardened_root();
    write(root.path(), ENTROPY_AVAIL, "120\n");
    let output = pyward(root.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("PWH001 [medium]"), "{text}");
    assert!(text.contains("\"120\", expected >= 200 bits"), "{text}");
    let table = stderr(&output);
    assert!(table.contains("PWH001 FAIL  kernel.random.entropy_avail = 120"), "{table}");
    assert!(table.contains("PWH101 pass  kernel.randomize_va_space = 2"), "{table}");

    let quiet = pyward(root.path(), &["--quiet"]);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(stdout(&quiet), text);
}

#[test]
fn modern_constant_pool_is_not_an_alarm() {
    let root = hardened_root();
    write(root.path(), "proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
    write(root.path(), ENTROPY_AVAIL, "256\n");
    write(root.path(), "proc/sys/kernel/random/poolsize", "256\n");
    let output = pyward(root.path(), &["--format", "json", "--threshold", "1024"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let json = json_of(&output);
    assert_eq!(json["host"]["entropy_model"], "csprng");
    let level = json["checks"].as_array().unwrap().iter().find(|c| c["id"] == "PWH001").unwrap();
    assert_eq!(level["status"], "pass");
    assert!(level["note"].as_str().unwrap().contains("no longer depletes"));
}

#[test]
fn unreadable_tree_is_not_available_not_failing() {
    let root = tempfile::tempdir().unwrap();
    let output = pyward(root.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json = json_of(&output);
    assert!(json["checks"].as_array().unwrap().iter().all(|c| c["status"] == "not-available"));
    assert_eq!(json["host"]["checks"]["not_available"], json["checks"].as_array().unwrap().len());
}

#[test]
fn sarif_describes_each_rule_with_results() {
    let root = hardened_root();
    write(root.path(), "proc/sys/net/ipv4/tcp_syncookies", "0\n");
    write(root.path(), "proc/sys/kernel/core_pattern", "core\n");
    let output = pyward(root.path(), &["--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif = json_of(&output);
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let results: Vec<&str> = run["results"].as_array().unwrap().iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert_eq!(results, vec!["PWH106", "PWH201"]);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let syncookies = rules.iter().find(|r| r["id"] == "PWH201").unwrap();
    assert_eq!(syncookies["name"], "syncookies-off");
    assert!(syncookies["properties"]["security-severity"].is_number());
    assert!(syncookies["help"]["text"].as_str().unwrap().contains("Fix:"));
    assert_eq!(run["automationDetails"]["id"], "pyward/host/");
}

#[test]
fn report_goes_to_the_output_file() {
    let root = hardened_root();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("host.json");
    let output = pyward(root.path(), &["--format", "json", "--output", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(json["checks"].is_array());
}

#[test]
fn usage_errors_exit_2() {
    let root = hardened_root();
    let missing = root.path().join("no-such-dir");
    let output = pyward(&missing, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no-such-dir"), "{}", stderr(&output));
    for args in [
        &["--interval", "1"][..],
        &["--watch", "--format", "sarif", "--count", "1"],
        &["--watch", "--interval", "0", "--count", "1"],
        &["--watch", "--interval", "soon", "--count", "1"],
        &["--watch", "--count", "0"],
    ] {
        let output = pyward(root.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn watch_without_entropy_file_is_an_error_naming_it() {
    let root = tempfile::tempdir().unwrap();
    let output = pyward(root.path(), &["--watch", "--count", "1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("entropy_avail"), "{}", stderr(&output));
}

#[test]
fn watch_prints_json_lines_and_a_summary() {
    let root = hardened_root();
    write(root.path(), ENTROPY_AVAIL, "150\n");
    let output = pyward(root.path(), &["--watch", "--interval", "0.01", "--count", "3", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "a reading below the threshold is a finding");
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    for (index, line) in lines[..3].iter().enumerate() {
        assert_eq!(line["tick"], index as u64 + 1);
        assert_eq!(
            (line["bits"].as_u64(), line["min"].as_u64(), line["alert"].as_bool()),
            (Some(150), Some(150), Some(true))
        );
        assert!(line["time"].as_str().unwrap().ends_with('Z'));
    }
    assert!(lines[0]["delta"].is_null());
    assert_eq!(lines[1]["delta"], 0);
    let summary = &lines[3]["summary"];
    assert_eq!((summary["samples"].as_u64(), summary["alerts"].as_u64()), (Some(3), Some(3)));
    assert_eq!(
        (summary["min"].as_u64(), summary["median"].as_f64(), summary["max"].as_u64()),
        (Some(150), Some(150.0), Some(150))
    );
}

#[test]
fn watch_text_lines_alert_below_the_threshold() {
    let root = hardened_root();
    write(root.path(), ENTROPY_AVAIL, "180\n");
    let output = pyward(root.path(), &["--watch", "--interval", "0.01", "--count", "2", "--threshold", "190"]);
    let text = stdout(&output);
    assert_eq!(text.lines().filter(|l| l.contains("bits   180") && l.ends_with("ALERT below 190 bits")).count(), 2);
    assert!(text.lines().last().unwrap().starts_with("summary: 2 samples, min 180, median 180, max 180"), "{text}");
}

fn next_json(lines: &mut Lines<BufReader<ChildStdout>>) -> Value {
    let line = lines.next().expect("the watcher ended early").unwrap();
    serde_json::from_str(&line).unwrap()
}

/// The proof that `--watch` keeps one descriptor: mid-run, another file is
/// renamed over the path while the original inode is rewritten in place. A
/// watcher re-opening the path would show the renamed file's value; one
/// re-reading its open descriptor shows the in-place value. Ctrl-C then ends
/// the watch with its summary.
#[test]
fn watch_rereads_the_open_descriptor_and_stops_on_ctrl_c() {
    let root = hardened_root();
    let path: PathBuf = root.path().join(ENTROPY_AVAIL);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyward"))
        .args(["host", "--watch", "--interval", "0.02", "--format", "json", "--proc-root"])
        .arg(root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for _ in 0..2 {
        assert_eq!(next_json(&mut lines)["bits"], 3000);
    }

    let original_inode = OpenOptions::new().write(true).open(&path).unwrap();
    let replacement = path.with_file_name("entropy_avail.replacement");
    std::fs::write(&replacement, "1111\n").unwrap();
    std::fs::rename(&replacement, &path).unwrap();
    original_inode.write_all_at(b"2222\n", 0).unwrap();

    // Same-length writes; a reading racing the write may be torn, never 1111.
    let mut readings = Vec::new();
    while readings.iter().filter(|&&bits| bits == 2222).count() < 3 {
        assert!(readings.len() < 1000, "the in-place value never showed: {readings:?}");
        readings.push(next_json(&mut lines)["bits"].as_u64().unwrap());
    }
    assert!(!readings.contains(&1111), "the watcher re-opened the path: {readings:?}");

    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let rest: Vec<Value> = lines.map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
    let summary = &rest.last().expect("a summary after Ctrl-C")["summary"];
    assert_eq!((summary["min"].as_u64(), summary["max"].as_u64()), (Some(2222), Some(3000)));
    assert_eq!(child.wait().unwrap().code(), Some(0), "Ctrl-C is a clean stop");
}

/// Under strace: one execve (pyward itself), no fork/clone of any kind, and
/// entropy_avail opened exactly once over all the ticks.
#[test]
fn watch_spawns_nothing_and_opens_the_file_once_under_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("note: strace is not installed; the syscall sub-check is skipped (the rename test still ran)");
        return;
    }
    let root = hardened_root();
    let trace_dir = tempfile::tempdir().unwrap();
    let trace = trace_dir.path().join("trace.txt");
    let output = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=execve,clone,clone3,fork,vfork,open,openat,openat2", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_pyward"))
        .args(["host", "--watch", "--interval", "0.01", "--count", "6", "--format", "json", "--proc-root"])
        .arg(root.path())
        .output()
        .unwrap();
    let errors = stderr(&output);
    if errors.contains("Operation not permitted") && errors.contains("ptrace") {
        eprintln!("note: strace cannot trace here (ptrace is not permitted); the syscall sub-check is skipped");
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{errors}");
    assert_eq!(stdout(&output).lines().count(), 7, "six ticks and a summary");
    let calls = std::fs::read_to_string(&trace).unwrap();
    let named = |name: &str| calls.lines().filter(|l| l.contains(&format!(" {name}("))).count();
    assert_eq!(named("execve"), 1, "{calls}");
    for spawn in ["clone", "clone3", "fork", "vfork"] {
        assert_eq!(named(spawn), 0, "{spawn}: {calls}");
    }
    let opens = calls.lines().filter(|l| l.contains("open") && l.contains("random/entropy_avail")).count();
    assert_eq!(opens, 1, "{calls}");
}
