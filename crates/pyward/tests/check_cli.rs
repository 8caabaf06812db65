//! `pyward check` through the built binary.

mod support;

use std::path::Path;

use support::*;

fn write(dir: &Path, name: &str, contents: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn rules_of(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn demo_scan_reports_the_seed_examples() {
    let root = workspace_root();
    let output = run_in(&root, &["check", "demo", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let found = rules_of(&report);
    // `A|B`: a pattern rule, or the dataflow rule that replaces it on the same call.
    for (path, rule) in [
        ("demo/webapp/app.py", "PW101|PW151"),
        ("demo/webapp/app.py", "PW201|PW251"),
        ("demo/webapp/app.py", "PW301|PW351"),
        ("demo/legacy/monkeys.py", "PW104"),
        ("demo/legacy/reader.py", "PW201"),
        ("demo/legacy/reader.py", "PW302"),
    ] {
        assert!(
            found.iter().any(|(p, _, r)| p == path && rule.split('|').any(|one| r == one)),
            "missing {rule} in {path}: {found:?}"
        );
    }
    assert_eq!(report["tool"]["name"], "pyward");
    assert_eq!(report["summary"]["findings"].as_u64().unwrap() as usize, found.len());
    let errors = report["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["path"] == "demo/legacy/monkeys.py" && e["kind"] == "syntax"));
}

#[test]
fn python2_and_broken_files_still_yield_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "py2.py", b"import cPickle\nprint \"loading\"\nobj = cPickle.loads(data)\nx = input('age? ')\n");
    write(dir.path(), "typo.py", b"import os\ndef broken(:\n    pass\nos.system(cmd)\n");
    let output = run_in(dir.path(), &["check", ".", "--format", "json"]);
    let report = json(&output);
    let found = rules_of(&report);
    assert!(found.contains(&("py2.py".into(), 3, "PW201".into())), "{found:?}");
    assert!(found.contains(&("py2.py".into(), 4, "PW104".into())), "Python 2 input() not seen: {found:?}");
    assert!(found.contains(&("typo.py".into(), 4, "PW302".into())), "{found:?}");
    let errors = report["errors"].as_array().unwrap();
    let syntax: Vec<_> = errors.iter().filter(|e| e["kind"] == "syntax").collect();
    assert_eq!(syntax.len(), 2, "{errors:?}");
    assert!(syntax.iter().any(|e| e["path"] == "typo.py" && e["line"] == 2));
}

#[test]
fn python3_input_is_not_python2_input() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.py", b"x = input('age? ')\nprint(x)\n");
    let output = run_in(dir.path(), &["check", "ok.py"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = run_in(dir.path(), &["check", "ok.py", "--target-version", "py27", "--format", "json"]);
    assert_eq!(rules_of(&json(&output)), vec![("ok.py".to_string(), 1, "PW104".to_string())]);
}

#[test]
fn hostile_inputs_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "binary.py", b"\x7fELF\x02\x01\x01\x00\x00\x00garbage\xff\xfe");
    write(dir.path(), "latin.py", b"x = '\xe9t\xe9'\nimport os\nos.system(x)\n");
    write(dir.path(), "cookie.py", b"# -*- coding: latin-1 -*-\nx = '\xe9t\xe9'\nimport os\nos.system(x)\n");
    let mut long_sum = b"x = ".to_vec();
    long_sum.extend(b"1+".repeat(200_000));
    long_sum.extend(b"1\neval(x)\n");
    write(dir.path(), "sum.py", &long_sum);
    let mut brackets = b"y = ".to_vec();
    brackets.extend(b"[".repeat(10_000));
    brackets.extend(b"]".repeat(10_000));
    brackets.extend(b"\nexec(y)\n");
    write(dir.path(), "brackets.py", &brackets);
    #[cfg(unix)]
    {
        std::fs::create_dir(dir.path().join("pkg")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("pkg"), dir.path().join("pkg/again")).unwrap();
    }
    let output = run_in(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let report = json(&output);
    let errors: Vec<(String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap().to_string(), e["kind"].as_str().unwrap().to_string()))
        .collect();
    assert!(errors.contains(&("binary.py".into(), "decode".into())), "{errors:?}");
    assert!(errors.contains(&("latin.py".into(), "decode".into())), "{errors:?}");
    assert!(errors.iter().any(|(p, k)| p == "sum.py" && k == "nesting-limit"), "{errors:?}");
    assert!(errors.iter().any(|(p, k)| p == "brackets.py" && k == "nesting-limit"), "{errors:?}");
    #[cfg(unix)]
    assert!(errors.iter().any(|(_, k)| k == "symlink-loop"), "{errors:?}");
    assert!(!errors.iter().any(|(_, k)| k == "internal"), "{errors:?}");
    let found = rules_of(&report);
    assert!(found.contains(&("cookie.py".into(), 4, "PW302".into())), "{found:?}");
    assert!(found.contains(&("sum.py".into(), 2, "PW101".into())), "{found:?}");
    assert!(found.contains(&("brackets.py".into(), 2, "PW102".into())), "{found:?}");
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", b"import os\nos.system(cmd)\n");
    let output = run_in(dir.path(), &["check", "missing-folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing-folder"), "{}", stderr(&output));
    let output = run_in(dir.path(), &["check", "--select", "PW999"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("PW999"));
    let output = run_in(dir.path(), &["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    write(dir.path(), "pyproject.toml", b"[tool.pyward]\nselect = [\"PW3\"]\nseverity-level = \"high\"\n");
    let output = run_in(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("pyproject.toml:3") && message.contains("severity-level"), "{message}");
}

#[test]
fn configuration_selects_ignores_and_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let code = b"import os, pickle\nos.system(cmd)\npickle.loads(data)\neval(x)\n";
    write(dir.path(), "app/main.py", code);
    write(dir.path(), "app/tests/test_main.py", code);
    write(dir.path(), "build/gen.py", code);
    write(
        dir.path(),
        "pyproject.toml",
        b"[tool.pyward]\nignore = [\"B307\"]\nexclude = [\"build\"]\n\n[tool.pyward.per-file-ignores]\n\"app/tests/*\" = [\"PW2\"]\n",
    );
    let output = run_in(dir.path(), &["check", ".", "--format", "json"]);
    let found = rules_of(&json(&output));
    assert_eq!(
        found,
        vec![
            ("app/main.py".to_string(), 1, "PW207".to_string()),
            ("app/main.py".to_string(), 2, "PW302".to_string()),
            ("app/main.py".to_string(), 3, "PW201".to_string()),
            ("app/tests/test_main.py".to_string(), 2, "PW302".to_string()),
        ]
    );
    let output = run_in(dir.path(), &["check", ".", "--isolated", "--select", "pickle-load", "--format", "json"]);
    let found = rules_of(&json(&output));
    assert_eq!(found.len(), 3, "{found:?}");
    let output = run_in(dir.path(), &["check", "app/main.py", "--severity", "high", "--format", "json"]);
    let found = rules_of(&json(&output));
    assert_eq!(found, vec![("app/main.py".to_string(), 2, "PW302".to_string())]);
}

#[test]
fn suppressions_and_ignore_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.py",
        b"import pickle  # nosec B403\npickle.loads(a)  # nosec B301\npickle.loads(b)  # noqa: S301\n",
    );
    let output = run_in(dir.path(), &["check", "a.py"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = run_in(dir.path(), &["check", "a.py", "--ignore-suppressions", "--format", "json"]);
    assert_eq!(rules_of(&json(&output)).len(), 3);
}

#[test]
fn exit_zero_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", b"import os\nos.system(cmd)\n");
    let output = run_in(dir.path(), &["check", "a.py", "--exit-zero", "--format", "json", "--output", "report.json"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).is_empty());
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(written["summary"]["findings"], 1);
    let output = run_in(dir.path(), &["check", "a.py", "--output", "no/such/folder/report.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/folder/report.json"));
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let root = workspace_root();
    let one = run_in(&root, &["check", "demo", "--format", "json", "--jobs", "1"]);
    let many = run_in(&root, &["check", "demo", "--format", "json", "--jobs", "4"]);
    assert_eq!(stdout(&one), stdout(&many));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let root = workspace_root();
    let output = run_in(&root, &["check", "demo", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif = json(&output);
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let rule = rules.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id} not described"));
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| t == "security"));
        assert!(tags.iter().any(|t| t.as_str().unwrap().starts_with("external/cwe/cwe-")));
        assert!(rule["properties"]["security-severity"].is_number());
        assert!(result["partialFingerprints"].is_object());
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("demo/"), "{uri}");
    }
}

#[test]
fn text_output_matches_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "svc.py",
        b"import subprocess\nimport yaml\n\ndef handler(cmd, stream):\n    subprocess.call(cmd, shell=True)\n    return yaml.load(stream)\n",
    );
    let output = run_in(dir.path(), &["check", "svc.py"]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rules = json(&output);
    assert!(rules.as_array().unwrap().iter().any(|r| r["id"] == "PW201" && r["aliases"][0] == "B301"));
    let output = run_in(dir.path(), &["explain", "B301"]);
    let text = stdout(&output);
    assert!(text.starts_with("# PW201 pickle-load"), "{text}");
    assert!(text.contains("CWE-502") && text.contains("## Fix") && text.contains("cos\nsystem"), "{text}");
    for (id, command) in [("PWF001", "frag"), ("PWH001", "host"), ("PWP001", "pickle")] {
        let text = stdout(&run_in(dir.path(), &["explain", id]));
        assert!(text.starts_with(&format!("# {id} ")) && text.contains(&format!("pyward {command}")), "{text}");
    }
    let output = run_in(dir.path(), &["explain", "PW000"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run_in(dir.path(), &["--version"]);
    assert!(stdout(&output).starts_with("pyward "));
}

#[test]
fn notebooks_report_cells_and_skip_magics() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = br##"{"cells": [
        {"cell_type": "markdown", "source": ["# Analysis"]},
        {"cell_type": "code", "source": ["import pickle\n", "!pip install pandas\n", "%matplotlib inline"]},
        {"cell_type": "code", "source": ["data = pickle.load(open('model.pkl', 'rb'))\n", "files = !ls"]}
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
    write(dir.path(), "analysis.ipynb", notebook);
    let output = run_in(dir.path(), &["check", ".", "--format", "json"]);
    let report = json(&output);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "magics must not be syntax errors: {report}");
    let finding = &report["findings"][0];
    assert_eq!((finding["path"].as_str(), finding["line"].as_u64()), (Some("analysis.ipynb"), Some(1)));
    assert_eq!(finding["rule"], "PW201");
    assert_eq!(finding["details"]["cell"], 2);
    let text = stdout(&run_in(dir.path(), &["check", "analysis.ipynb"]));
    assert!(text.starts_with("analysis.ipynb:cell 2:1:8: PW201"), "{text}");
}

#[test]
fn loading_a_pickle_of_the_repository_reports_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    // The seed talk's bug.pickle: `cos\nsystem\n(S'ls -al /'\ntR.`
    write(dir.path(), "app/bug.pickle", b"cos\nsystem\n(S'ls -al /'\ntR.");
    write(dir.path(), "app/data.pickle", b"\x80\x04\x95\x0a\x00\x00\x00\x00\x00\x00\x00}\x94\x8c\x01a\x94K\x01s.");
    write(
        dir.path(),
        "app/load.py",
        b"import pickle\nobj = pickle.load(open('bug.pickle', 'rb'))\ndata = pickle.load(open('data.pickle', 'rb'))\nother = pickle.load(open('missing.pickle', 'rb'))\n",
    );
    let output = run_in(dir.path(), &["check", "app", "--select", "PW206", "--format", "json"]);
    let report = json(&output);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{report}");
    assert_eq!((findings[0]["line"].as_u64(), findings[0]["severity"].as_str()), (Some(2), Some("high")));
    assert!(findings[0]["message"].as_str().unwrap().contains("dangerous"), "{}", findings[0]["message"]);
    assert_eq!((findings[1]["line"].as_u64(), findings[1]["severity"].as_str()), (Some(3), Some("low")));
    assert!(findings[1]["message"].as_str().unwrap().contains("clean"));
}

#[test]
fn no_dataflow_keeps_the_pattern_rule() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app.py",
        b"import os\nfrom flask import request\n\ndef run():\n    os.system(request.args['cmd'])\n",
    );
    let with = rules_of(&json(&run_in(dir.path(), &["check", "app.py", "--format", "json", "--select", "PW3"])));
    assert_eq!(with, vec![("app.py".to_string(), 5, "PW351".to_string())], "dataflow replaces the pattern finding");
    let report = json(&run_in(dir.path(), &["check", "app.py", "--format", "json", "--select", "PW3"]));
    let aliases = report["findings"][0]["aliases"].as_array().unwrap();
    assert!(aliases.iter().any(|a| a == "B605"), "the replaced rule's aliases are kept: {aliases:?}");
    write(
        dir.path(),
        "quiet.py",
        b"import os\nfrom flask import request\nos.system(request.args['c'])  # nosec B605\n",
    );
    let quiet = json(&run_in(dir.path(), &["check", "quiet.py", "--format", "json", "--select", "PW3"]));
    assert_eq!(quiet["findings"].as_array().unwrap().len(), 0, "a Bandit code of the replaced rule suppresses it");
    let report =
        json(&run_in(dir.path(), &["check", "app.py", "--format", "json", "--select", "PW3", "--no-dataflow"]));
    assert_eq!(rules_of(&report), vec![("app.py".to_string(), 5, "PW302".to_string())]);
    assert!(report["findings"][0].get("trace").is_none());
}
