//! The labelled dataflow suite: each folder under resources/test/dataflow
//! is one project, analysed as a whole (summaries cross its modules). A line
//! ending in `# expect: PW751` must get that dataflow rule; a line ending in
//! `# safe: PW751` (a safe twin) must not; no other line may get a dataflow
//! rule. Pattern rules are not compared here (tests/fixtures.rs does that).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pyward_python::{CheckSettings, PathPatterns, check_files, discover};

/// Dataflow rule ids end in 50–99.
fn is_dataflow_rule(id: &str) -> bool {
    id.len() == 5 && id[3..].parse::<u32>().is_ok_and(|n| n >= 50)
}

fn labels(source: &str, marker: &str) -> BTreeSet<(u32, String)> {
    let mut out = BTreeSet::new();
    for (number, line) in source.lines().enumerate() {
        if let Some((_, codes)) = line.rsplit_once(marker) {
            for code in codes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                out.insert((number as u32 + 1, code.to_string()));
            }
        }
    }
    out
}

fn projects() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/dataflow");
    let mut projects: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("suite exists").map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    projects.sort();
    projects
}

#[test]
fn every_labelled_case_is_classified_right() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for project in projects() {
        let found = discover(std::slice::from_ref(&project), &PathPatterns::empty(), 10 << 20);
        let reports = check_files(&found.files, &CheckSettings::default(), 1, &|| {});
        for (file, report) in found.files.iter().zip(&reports) {
            let source = std::fs::read_to_string(&file.path).unwrap();
            let name = file.path.strip_prefix(&project).unwrap_or(&file.path).display().to_string();
            let name = format!("{}/{name}", project.file_name().unwrap().to_string_lossy());
            let actual: BTreeSet<(u32, String)> = report
                .findings
                .iter()
                .filter(|f| is_dataflow_rule(&f.rule))
                .map(|f| (f.line, f.rule.clone()))
                .collect();
            let expected = labels(&source, "# expect:");
            let safe = labels(&source, "# safe:");
            cases += expected.len() + safe.len();
            for (line, rule) in expected.difference(&actual) {
                failures.push(format!("{name}:{line}: expected {rule}, not reported"));
            }
            for (line, rule) in actual.difference(&expected) {
                let why = if safe.contains(&(*line, rule.clone())) { "safe twin flagged" } else { "unexpected" };
                failures.push(format!("{name}:{line}: {why}: {rule}"));
            }
            for error in &report.errors {
                if error.kind == "internal" || error.kind == "dataflow-limit" {
                    failures.push(format!("{name}: {}: {}", error.kind, error.message));
                }
            }
        }
    }
    assert!(cases >= 50, "the suite is missing cases");
    assert!(failures.is_empty(), "dataflow suite mismatches:\n{}", failures.join("\n"));
}

fn analyse(name: &str, source: &str, settings: &CheckSettings) -> pyward_python::FileReport {
    let file = pyward_python::SourceFile {
        path: PathBuf::from(name),
        display: name.to_string(),
        module: name.trim_end_matches(".py").to_string(),
        is_package: false,
    };
    pyward_python::analyze_source(&file, source, settings)
}

#[test]
fn a_project_adds_its_own_sources_sinks_and_sanitisers() {
    let extra = r#"
sources = ["myapp.http.current_request"]
sinks = [{ kind = "command", callees = ["myapp.shell.run"], args = [0, "cmd"] }]
sanitizers = [{ callees = ["myapp.text.clean"], clears = ["command"] }]
"#;
    let specs = pyward_python::dataflow::Specs::with_extra(extra).unwrap();
    let settings = CheckSettings { dataflow_specs: std::sync::Arc::new(specs), ..CheckSettings::default() };
    let source = "from myapp.http import current_request\nfrom myapp.shell import run\nfrom myapp.text import clean\n\
                  run(current_request.args['x'])\nrun(clean(current_request.args['x']))\n";
    let report = analyse("wrappers.py", source, &settings);
    let lines: Vec<(u32, &str)> = report.findings.iter().map(|f| (f.line, f.rule.as_str())).collect();
    assert_eq!(lines, vec![(4, "PW351")]);
    assert!(report.findings[0].trace.as_ref().is_some_and(|t| t.len() >= 2));
    assert!(pyward_python::dataflow::Specs::with_extra("sinks = [{ kind = \"nope\" }]").is_err());
}

#[test]
fn hostile_nesting_and_recursion_stay_bounded() {
    // Thirty nested loops would take 7^30 rounds without the work bound.
    let mut source = String::from("import os, sys\nx = sys.argv[1]\ny = 'a'\n");
    for depth in 0..30 {
        let indent = "    ".repeat(depth);
        source.push_str(&format!("{indent}while y:\n{indent}    x, y = y, x + '{depth}'\n"));
    }
    source.push_str("os.system(x)\n");
    // Mutual recursion whose summaries keep growing along a chain.
    for i in 0..40 {
        source.push_str(&format!("def f{i}(a, b):\n    return f{}(b, a) + a\n", (i + 1) % 40));
    }
    let started = std::time::Instant::now();
    let report = analyse("hostile.py", &source, &CheckSettings::default());
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "took {:?}", started.elapsed());
    assert!(report.errors.iter().all(|e| e.kind != "internal"));
}

/// A file analysed again for other modules' summaries keeps its pattern
/// findings and its suppressions, and reports nothing twice.
#[test]
fn a_second_pass_over_a_file_keeps_its_pattern_findings() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/cross_module");
    let found = discover(std::slice::from_ref(&project), &PathPatterns::empty(), 10 << 20);
    let reports = check_files(&found.files, &CheckSettings::default(), 1, &|| {});
    let main = found.files.iter().position(|f| f.path.ends_with("app/main.py")).expect("main.py found");
    let mut lines: Vec<(u32, &str)> = reports[main].findings.iter().map(|f| (f.line, f.rule.as_str())).collect();
    lines.sort_unstable();
    let pickle_rules: Vec<&str> =
        lines.iter().filter(|(line, _)| *line == 7).map(|(_, rule)| *rule).filter(|r| !is_dataflow_rule(r)).collect();
    assert!(lines.contains(&(6, "PW351")), "the call into app.shell is followed: {lines:?}");
    assert!(!pickle_rules.is_empty(), "the pattern finding on pickle.loads is kept: {lines:?}");
    assert!(lines.iter().all(|(line, _)| *line != 8), "the suppression still applies: {lines:?}");
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(unique, lines, "nothing is reported twice");
}
