//! `pyward nvd` through the built binary, on feeds written by the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn cve(id: &str, date: &str, vector: &str, cwe: &str, cpe: &str, text: &str) -> Value {
    json!({"cve": {
        "id": id, "published": format!("{date}T00:00:00.000"), "vulnStatus": "Analyzed",
        "descriptions": [{"lang": "en", "value": text}],
        "metrics": {"cvssMetricV31": [{"type": "Primary", "cvssData": {"version": "3.1", "attackVector": vector,
            "attackComplexity": "LOW", "privilegesRequired": "NONE", "userInteraction": "NONE",
            "baseSeverity": "HIGH", "baseScore": 7.5}}]},
        "weaknesses": [{"type": "Primary", "description": [{"lang": "en", "value": cwe}]}],
        "configurations": [{"nodes": [{"cpeMatch": [{"vulnerable": true, "criteria": cpe}]}]}],
    }})
}

/// Network falls, local rises over 2016-2019; one rejected entry.
fn feed(dir: &Path) -> PathBuf {
    let mut items = Vec::new();
    for (index, year) in (2016..2020).enumerate() {
        for n in 0..10 {
            let vector = if n < 8 - 2 * index { "NETWORK" } else { "LOCAL" };
            let (cwe, cpe, text) = if n == 0 {
                ("CWE-502", "cpe:2.3:a:pyyaml:pyyaml:5.1:*:*:*:*:python:*:*", "PyYAML load in Python")
            } else {
                ("CWE-79", "cpe:2.3:a:acme:portal:1.0:*:*:*:*:*:*:*", "portal XSS")
            };
            items.push(cve(&format!("CVE-{year}-{n:04}"), &format!("{year}-06-01"), vector, cwe, cpe, text));
        }
    }
    let mut rejected =
        cve("CVE-2019-9999", "2019-01-01", "NETWORK", "CWE-79", "cpe:2.3:a:x:y:1:*:*:*:*:*:*:*", "** REJECT **");
    rejected["cve"]["vulnStatus"] = json!("Rejected");
    items.push(rejected);
    let path = dir.join("feed.json");
    std::fs::write(&path, json!({"format": "NVD_CVE", "version": "2.0", "vulnerabilities": items}).to_string())
        .unwrap();
    path
}

fn pyward(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pyward")).arg("nvd").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn json_report(args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = pyward(&all);
    (code, serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}")))
}

fn table<'a>(report: &'a Value, dimension: &str) -> &'a Value {
    report["nvd"]["tables"].as_array().unwrap().iter().find(|t| t["dimension"] == dimension).unwrap()
}

fn row<'a>(table: &'a Value, value: &str) -> &'a Value {
    table["rows"].as_array().unwrap().iter().find(|r| r["value"] == value).unwrap()
}

#[test]
fn text_review_shows_every_dimension_with_trends() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (code, stdout, _) = pyward(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("NVD review: 40 CVEs counted (CVSS best) from 1 file"), "{stdout}");
    for title in [
        "By publication year",
        "By access/attack vector",
        "By access/attack complexity",
        "By severity",
        "By weakness (CWE)",
        "By privileges/authentication required",
        "By user interaction",
    ] {
        assert!(stdout.contains(title), "{title} missing:\n{stdout}");
    }
    let network = stdout.lines().find(|l| l.trim_start().starts_with("network")).unwrap();
    assert!(network.ends_with("falling"), "{network}");
    assert!(network.contains("2016 80.0%") && network.contains("2019 20.0%"), "{network}");
    assert!(stdout.contains("Deserialization of Untrusted Data"));
}

#[test]
fn json_keeps_findings_and_errors_and_adds_nvd() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (code, report) = json_report(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(report["findings"], json!([]));
    assert_eq!(report["errors"], json!([]));
    let totals = &report["nvd"]["totals"];
    assert_eq!(
        (totals["records"].as_u64(), totals["rejected"].as_u64(), totals["counted"].as_u64()),
        (Some(41), Some(1), Some(40))
    );
    let vector = table(&report, "av");
    assert_eq!(vector["total"], 40);
    assert_eq!(row(vector, "local")["trend"]["verdict"], "rising");
    assert_eq!(row(vector, "local")["trend"]["slope_pp_per_year"].as_f64().map(|s| (s * 100.0).round()), Some(2000.0));
    assert_eq!(report["nvd"]["files"][0]["format"], "api-2.0");
}

#[test]
fn by_two_dimensions_crosses_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (_, report) = json_report(&[path.to_str().unwrap(), "--by", "year,av"]);
    let crossing = &report["nvd"]["crossing"];
    assert_eq!(crossing["column_values"], json!(["network", "local"]));
    assert_eq!(crossing["cells"][0], json!({"value": "2016", "counts": [8, 2], "total": 10}));
    assert_eq!(crossing["column_totals"], json!([20, 20]));
    assert_eq!(crossing["total"], 40);
}

#[test]
fn csv_has_one_line_per_value_or_a_wide_crossing() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (code, stdout, _) = pyward(&[path.to_str().unwrap(), "--by", "av", "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "dimension,value,name,count,share,slope_pp_per_year,trend");
    assert_eq!(lines[1], "av,network,,20,0.500000,-20.0000,falling");
    assert_eq!(lines.len(), 3);
    let (_, stdout, _) = pyward(&[path.to_str().unwrap(), "--by", "year,av", "--format", "csv"]);
    assert_eq!(stdout.lines().next(), Some("year,av=network,av=local,total"));
    assert_eq!(stdout.lines().nth(1), Some("2016,8,2,10"));
}

#[test]
fn filters_narrow_the_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let p = path.to_str().unwrap();
    let counted = |extra: &[&str]| {
        let mut args = vec![p];
        args.extend_from_slice(extra);
        json_report(&args).1["nvd"]["totals"]["counted"].as_u64().unwrap()
    };
    assert_eq!(counted(&["--keyword", "PYTHON"]), 4);
    assert_eq!(counted(&["--cpe", "*:*:python"]), 4);
    assert_eq!(counted(&["--cpe", "acme:portal"]), 36);
    assert_eq!(counted(&["--cwe", "CWE-502,79"]), 40);
    assert_eq!(counted(&["--cwe", "502"]), 4);
    assert_eq!(counted(&["--since", "2018"]), 20);
    assert_eq!(counted(&["--until", "2016-06"]), 10);
    assert_eq!(counted(&["--include-rejected"]), 41);
}

#[test]
fn chart_is_written_as_svg_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let chart = dir.path().join("av.svg");
    let (code, _, stderr) = pyward(&[path.to_str().unwrap(), "--by", "year,av", "--chart", chart.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("network (falling)") && svg.contains("local (rising)"));
    assert!(svg.contains("access/attack vector"));
}

#[test]
fn broken_files_are_reported_and_the_rest_counted() {
    let dir = tempfile::tempdir().unwrap();
    let good = feed(dir.path());
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"vulnerabilities\": [{\"cve\": {\"id\": 1}}, ").unwrap();
    let (code, report) = json_report(&[good.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(code, 0);
    let kinds: Vec<&str> = report["errors"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["json", "malformed-record"]);
    assert_eq!(report["nvd"]["totals"]["counted"], 40);
    assert_eq!(report["nvd"]["files"][1]["complete"], false);
}

#[test]
fn nothing_readable_stops_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let (code, stdout, _) = pyward(&[missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stdout.contains("cannot open the file"), "{stdout}");
}

#[test]
fn bad_dimensions_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let p = path.to_str().unwrap();
    assert_eq!(pyward(&[p, "--by", "year,av,ac"]).0, 2);
    assert_eq!(pyward(&[p, "--by", "av,av"]).0, 2);
    let (code, _, stderr) = pyward(&[p, "--by", "colour"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown dimension"), "{stderr}");
}

#[test]
fn sarif_is_a_valid_run_without_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (code, stdout, _) = pyward(&[path.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code, 0);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"], json!([]));
}

#[test]
fn percent_writes_crossing_cells_as_row_shares() {
    let dir = tempfile::tempdir().unwrap();
    let path = feed(dir.path());
    let (_, stdout, _) = pyward(&[path.to_str().unwrap(), "--by", "year,av", "--percent"]);
    let line = stdout.lines().find(|l| l.trim_start().starts_with("2017")).unwrap();
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cells, ["2017", "60.0%", "40.0%", "10"]);
    let (_, stdout, _) = pyward(&[path.to_str().unwrap(), "--by", "year,av", "--percent", "--format", "csv"]);
    assert_eq!(stdout.lines().nth(4), Some("2019,0.200000,0.800000,10"));
}
