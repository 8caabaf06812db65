//! Every file of the generated corpus gets the verdict its folder names.
//! Regenerate the corpus with `tests/corpus/generate.py` (see its header).

use std::path::{Path, PathBuf};

use pyward_pickle::{Options, Verdict, scan_file};

fn corpus(label: &str) -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(label);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", folder.display());
    files
}

fn check(label: &str, expected: Verdict) {
    let options = Options::default();
    let mut wrong = Vec::new();
    for path in corpus(label) {
        let scan = scan_file(&path, &options);
        if scan.verdict() != expected {
            wrong.push(format!(
                "{}: {} ({}) {:?} {:?}",
                path.file_name().unwrap().to_string_lossy(),
                scan.verdict().as_str(),
                scan.format,
                scan.error,
                scan.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "expected {}:\n{}", expected.as_str(), wrong.join("\n"));
}

#[test]
fn every_malicious_file_is_dangerous() {
    check("malicious", Verdict::Dangerous);
}

#[test]
fn every_benign_file_is_clean() {
    check("benign", Verdict::Clean);
}

#[test]
fn every_suspicious_file_is_suspicious() {
    check("suspicious", Verdict::Suspicious);
}
