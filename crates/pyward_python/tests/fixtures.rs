//! Every fixture under resources/test/fixtures states its expectations
//! inline: a line ending in `# expect: PW201` (or `# expect: PW201, PW301`)
//! must get exactly those rules, and every other line must get none.
//! A first line `# fixture: target-version=py27` sets the target.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pyward_python::version::PythonVersion;
use pyward_python::{CheckSettings, SourceFile, analyze_source};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures folder exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py" || e == "pyi"))
        .collect();
    files.sort();
    files
}

fn expected(source: &str) -> BTreeSet<(u32, String)> {
    let mut expected = BTreeSet::new();
    for (number, line) in source.lines().enumerate() {
        if let Some((_, codes)) = line.rsplit_once("# expect:") {
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                expected.insert((number as u32 + 1, code.to_string()));
            }
        }
    }
    expected
}

fn settings_for(source: &str) -> CheckSettings {
    let mut settings = CheckSettings::default();
    let first = source.lines().next().unwrap_or("");
    if let Some(version) = first.strip_prefix("# fixture: target-version=") {
        settings.target_version = Some(PythonVersion::parse(version).expect("valid fixture target"));
    }
    settings
}

#[test]
fn every_fixture_meets_its_expectations() {
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 10, "fixtures are missing");
    for path in all {
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let file = SourceFile { path: path.clone(), display: name.clone(), module: stem, is_package: false };
        let report = analyze_source(&file, &source, &settings_for(&source));
        let actual: BTreeSet<(u32, String)> = report.findings.iter().map(|f| (f.line, f.rule.clone())).collect();
        let wanted = expected(&source);
        for (line, rule) in wanted.difference(&actual) {
            failures.push(format!("{name}:{line}: expected {rule}, not reported"));
        }
        for (line, rule) in actual.difference(&wanted) {
            let message = &report.findings.iter().find(|f| f.line == *line && &f.rule == rule).unwrap().message;
            failures.push(format!("{name}:{line}: unexpected {rule}: {message}"));
        }
    }
    assert!(failures.is_empty(), "fixture mismatches:\n{}", failures.join("\n"));
}
