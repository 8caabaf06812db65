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
    let malformed = "sinks = [{ kind = \"xxe\", callees = [\"f\"], unless_built_with = [\"Parser\"] }]";
    assert!(pyward_python::dataflow::Specs::with_extra(malformed).is_err());
}

#[test]
fn a_project_adds_its_own_callback_runners() {
    let extra = r#"
[[callbacks]]
callees = ["myapp.jobs.enqueue"]
function = ["task", 0]
arguments = "*"
"#;
    let specs = pyward_python::dataflow::Specs::with_extra(extra).unwrap();
    let settings = CheckSettings { dataflow_specs: std::sync::Arc::new(specs), ..CheckSettings::default() };
    let source = "import os, sys\nfrom myapp.jobs import enqueue\n\ndef job(cmd):\n    os.system(cmd)\n\n\
                  enqueue(job, sys.argv[1])\nenqueue(job, 'uptime')\n";
    let report = analyse("jobs.py", source, &settings);
    let lines: Vec<(u32, &str)> =
        report.findings.iter().filter(|f| f.rule == "PW351").map(|f| (f.line, f.rule.as_str())).collect();
    assert_eq!(lines, vec![(7, "PW351")]);
    assert!(pyward_python::dataflow::Specs::with_extra("[[callbacks]]\ncallees = [\"f\"]\n").is_err());
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
    let report = analyse("hostile.py", &source, &CheckSettings::default());
    // Without the bounds this would not finish; with them the flow through the loops is still found.
    let reported = report.findings.iter().any(|f| f.rule == "PW351" && f.line == 64);
    let stopped = report.errors.iter().any(|e| e.kind == "dataflow-limit");
    assert!(reported || stopped, "{:?} {:?}", report.findings, report.errors);
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

/// The suite in resources/test/dataflow_independent was written by someone
/// who had not read the engine, as a check on how it fares on code it was
/// not built around. Not every case passes; the rates must not fall below
/// what bench/RESULTS.md records. When written: TPR 0.78, FPR 0.07; after
/// the general fixes its misses prompted: TPR 0.88, FPR 0.00; with `recv`
/// on a socket of unknown type read as a source, and parsers built to
/// resolve entities no longer exempting lxml calls: TPR 1.00.
#[test]
fn the_independent_suite_keeps_its_rates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/dataflow_independent");
    let (mut vulnerable, mut reported, mut safe, mut flagged) = (0, 0, 0, 0);
    for entry in std::fs::read_dir(root).expect("suite exists") {
        let project = entry.unwrap().path();
        let found = discover(std::slice::from_ref(&project), &PathPatterns::empty(), 10 << 20);
        let reports = check_files(&found.files, &CheckSettings::default(), 1, &|| {});
        for (file, report) in found.files.iter().zip(&reports) {
            let source = std::fs::read_to_string(&file.path).unwrap();
            let actual: BTreeSet<(u32, String)> =
                report.findings.iter().map(|f| (f.line, f.rule.clone())).filter(|(_, r)| is_dataflow_rule(r)).collect();
            let expected = labels(&source, "# expect:");
            let twins = labels(&source, "# safe:");
            vulnerable += expected.len();
            reported += expected.intersection(&actual).count();
            safe += twins.len();
            flagged += twins.intersection(&actual).count();
        }
    }
    assert!(vulnerable >= 40 && safe >= 40, "the suite is missing cases");
    let tpr = reported as f64 / vulnerable as f64;
    let fpr = flagged as f64 / safe as f64;
    assert!(tpr >= 0.98, "true-positive rate fell to {tpr:.2} ({reported}/{vulnerable})");
    assert!(fpr <= 0.02, "false-positive rate rose to {fpr:.2} ({flagged}/{safe})");
}

/// Data returned through four modules: each module is analysed after the
/// ones it imports, so the chain is followed without rounds of re-analysis.
#[test]
fn modules_are_analysed_after_the_modules_they_import() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test/cross_module");
    let found = discover(std::slice::from_ref(&project), &PathPatterns::empty(), 10 << 20);
    for jobs in [1, 2] {
        let reports = check_files(&found.files, &CheckSettings::default(), jobs, &|| {});
        let chain = found.files.iter().position(|f| f.path.ends_with("app/chain.py")).expect("chain.py found");
        let rules: Vec<&str> = reports[chain].findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(rules.contains(&"PW151"), "input() through four modules reaches eval: {rules:?}");
        let trace = reports[chain].findings.iter().find(|f| f.rule == "PW151").and_then(|f| f.trace.clone());
        assert!(trace.is_some_and(|t| t.first().is_some_and(|s| s.path.ends_with("reader.py"))));
        let limits: Vec<_> = reports.iter().flat_map(|r| &r.errors).filter(|e| e.kind == "dataflow-limit").collect();
        assert!(limits.is_empty(), "{limits:?}");
    }
}

/// Dataflow proving an input constant lowers pattern findings about input,
/// never those about the constant itself (a value beyond a C type).
#[test]
fn a_constant_proof_does_not_lower_a_finding_about_the_constant() {
    let source = "import os, time\nlimit = 2**63\ntime.gmtime(limit)\nos.system('date')\n";
    let report = analyse("limits.py", source, &CheckSettings::default());
    let severity = |rule: &str| report.findings.iter().find(|f| f.rule == rule).map(|f| f.severity);
    assert!(severity("PW409").is_some_and(|s| s > pyward_report::Severity::Low), "{:?}", report.findings);
    assert_eq!(severity("PW302"), Some(pyward_report::Severity::Low), "{:?}", report.findings);
}

/// Writes `files` (relative path, text) into a new temporary directory.
fn write_project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("creates folders");
        std::fs::write(path, text).expect("writes");
    }
    dir
}

/// The dataflow findings (file name, line, rule) of the project in `dir`,
/// with idle functions left out or not.
fn dataflow_findings(dir: &Path, leave_out_idle: bool, jobs: usize) -> Vec<(String, u32, String)> {
    let found = discover(&[dir.to_path_buf()], &PathPatterns::empty(), 10 << 20);
    let settings = CheckSettings { leave_out_idle, ..CheckSettings::default() };
    let reports = check_files(&found.files, &settings, jobs, &|| {});
    let mut findings = Vec::new();
    for (file, report) in found.files.iter().zip(&reports) {
        let name = file.path.strip_prefix(dir).unwrap_or(&file.path).display().to_string();
        for finding in report.findings.iter().filter(|f| is_dataflow_rule(&f.rule)) {
            findings.push((name.clone(), finding.line, finding.rule.clone()));
        }
    }
    findings.sort();
    findings
}

/// Every suite's reports, in full, are the same whether idle functions are
/// left out or not: leaving them out only saves time.
#[test]
fn leaving_out_idle_functions_changes_no_report() {
    let resources = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/test");
    let mut projects = projects();
    projects.push(resources.join("cross_module"));
    projects.extend(std::fs::read_dir(resources.join("dataflow_independent")).unwrap().map(|e| e.unwrap().path()));
    for project in projects {
        let found = discover(std::slice::from_ref(&project), &PathPatterns::empty(), 10 << 20);
        let render = |leave_out_idle: bool| {
            let settings = CheckSettings { leave_out_idle, ..CheckSettings::default() };
            let reports = check_files(&found.files, &settings, 2, &|| {});
            format!("{reports:?}")
        };
        assert_eq!(render(true), render(false), "{} reports differently", project.display());
    }
}

/// `pkg.tool` is imported by no file the import scan reads (only `pkg`
/// is), so `run_query` is left out at first; the call from main.py shows the
/// project it was needed, and it is analysed after all.
#[test]
fn a_left_out_function_another_file_calls_is_analysed_after_all() {
    let dir = write_project(&[
        ("pkg/__init__.py", ""),
        (
            "pkg/tool.py",
            "import sqlite3\n\n\ndef run_query(query):\n    return sqlite3.connect('app.db').execute(query)\n",
        ),
        ("main.py", "import pkg\n\npkg.tool.run_query(input())\n"),
    ]);
    let expected = vec![("main.py".to_string(), 3, "PW751".to_string())];
    for jobs in [1, 2] {
        assert_eq!(dataflow_findings(dir.path(), false, jobs), expected);
        assert_eq!(dataflow_findings(dir.path(), true, jobs), expected);
    }
}

/// checks.py's test names `setting`, which returns source data from a
/// module the first pass does not show checks.py (a submodule reached
/// through its package): the project analyses checks.py again in full.
#[test]
fn a_left_out_function_naming_an_unseen_source_returning_function_runs() {
    let dir = write_project(&[
        ("pkg/__init__.py", ""),
        ("pkg/conf.py", "import os\n\n\ndef setting():\n    return os.environ['X']\n"),
        (
            "checks.py",
            "import sqlite3\nimport pkg\n\n\ndef test_setting():\n    sqlite3.connect('a.db').execute(pkg.conf.setting())\n",
        ),
    ]);
    let expected = vec![("checks.py".to_string(), 6, "PW751".to_string())];
    for jobs in [1, 2] {
        assert_eq!(dataflow_findings(dir.path(), false, jobs), expected);
        assert_eq!(dataflow_findings(dir.path(), true, jobs), expected);
    }
}
