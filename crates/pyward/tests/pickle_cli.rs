//! `pyward pickle` through the built binary: verdicts, exit codes, JSON,
//! SARIF, policy files and the disassembler.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn corpus(label: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pyward_pickle/tests/corpus").join(label)
}

fn pyward(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyward")).arg("pickle").args(args).output().expect("pyward runs")
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = pyward(&all);
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().expect("exit code"), value)
}

fn verdicts(report: &Value) -> Vec<(String, String)> {
    report["files"]
        .as_array()
        .expect("files array")
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["verdict"].as_str().unwrap().to_string()))
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn every_malicious_corpus_file_is_dangerous() {
    let folder = corpus("malicious");
    let (code, report) = json(&[path_str(&folder)]);
    assert_eq!(code, 1);
    let listed = verdicts(&report);
    let on_disk = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(listed.len(), on_disk, "every malicious file is reported");
    let wrong: Vec<_> = listed.iter().filter(|(_, v)| v != "dangerous").collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn every_benign_corpus_file_is_clean() {
    let files: Vec<String> = std::fs::read_dir(corpus("benign"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, report) = json(&args);
    assert_eq!(code, 0, "{report}");
    let listed = verdicts(&report);
    assert_eq!(listed.len(), files.len());
    assert!(listed.iter().all(|(_, v)| v == "clean"), "{listed:?}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn findings_carry_global_offset_and_member() {
    let file = corpus("malicious").join("torch_zip_renamed_member.pt");
    let (_, report) = json(&[path_str(&file)]);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "PWP001");
    assert_eq!(finding["severity"], "critical");
    assert_eq!(finding["details"]["global"], "posix.system");
    assert_eq!(finding["details"]["member"], "archive/weights.bin");
    assert!(finding["details"]["offset"].as_u64().unwrap() > 0);
    assert_eq!(report["files"][0]["format"], "zip");
}

#[test]
fn suspicious_counts_only_with_strict() {
    let file = corpus("suspicious").join("unknown_class.pkl");
    let (code, report) = json(&[path_str(&file)]);
    assert_eq!(code, 0);
    assert_eq!(verdicts(&report)[0].1, "suspicious");
    let (strict, _) = json(&["--strict", path_str(&file)]);
    assert_eq!(strict, 1);
}

#[test]
fn policy_file_extends_the_allow_list() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "allow = [\"mypackage.**\"]\n").unwrap();
    let file = corpus("suspicious").join("unknown_class.pkl");
    let (code, report) = json(&["--strict", "--policy", path_str(&policy), path_str(&file)]);
    assert_eq!(code, 0);
    assert_eq!(verdicts(&report)[0].1, "clean");
    std::fs::write(&policy, "allow = 3\n").unwrap();
    let output = pyward(&["--policy", path_str(&policy), path_str(&file)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("policy.toml"));
}

#[test]
fn unreadable_or_unknown_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some notes\n").unwrap();
    let missing = dir.path().join("missing.pkl");
    let (code, report) = json(&[path_str(&text), path_str(&missing)]);
    assert_eq!(code, 2);
    assert_eq!(report["errors"].as_array().unwrap().len(), 2);
    assert!(verdicts(&report).iter().all(|(_, v)| v == "error"));
    // Met while walking a folder, such a file is skipped.
    let (code, report) = json(&[path_str(dir.path())]);
    assert_eq!(code, 0);
    assert!(verdicts(&report).is_empty());
}

#[test]
fn dangerous_wins_over_errors_for_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pkl");
    let evil = corpus("malicious").join("seed_proto0_os_system.pkl");
    let (code, _) = json(&[path_str(&missing), path_str(&evil)]);
    assert_eq!(code, 1);
}

#[test]
fn text_output_lists_verdicts_and_findings() {
    let file = corpus("malicious").join("memo_decoy.pkl");
    let output = pyward(&[path_str(&file)]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("memo_decoy.pkl: dangerous (pickle)"), "{text}");
    assert!(text.contains("PWP001 [critical] STACK_GLOBAL imports `builtins.eval`"), "{text}");
}

#[test]
fn sarif_describes_every_rule_with_results() {
    let file = corpus("malicious").join("build_setattr_on_class.pkl");
    let output = pyward(&["--format", "sarif", path_str(&file)]);
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for result in results {
        assert!(rules.contains(&result["ruleId"].as_str().unwrap()));
    }
}

#[test]
fn disassembly_annotates_resolved_globals() {
    let file = corpus("malicious").join("memo_decoy.pkl");
    let output = pyward(&["--disassemble", path_str(&file)]);
    assert_eq!(output.status.code(), Some(0));
    let listing = String::from_utf8_lossy(&output.stdout);
    let line = listing.lines().find(|l| l.contains("STACK_GLOBAL")).expect("STACK_GLOBAL line");
    assert!(line.contains("-> builtins.eval [denied, critical]"), "{line}");
    assert!(listing.lines().any(|l| l.contains("BINGET") && l.contains("memo[0] = \"builtins\"")), "{listing}");

    let (code, listing) = json(&["--disassemble", path_str(&corpus("malicious").join("broken_after_payload.pkl"))]);
    assert_eq!(code, 2);
    assert!(listing["malformed"].as_str().unwrap().contains("invalid opcode"));
    assert_eq!(listing["opcodes"][0]["opcode"], "GLOBAL");
}
