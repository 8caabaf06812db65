//! Filters, trend verdicts, and the files that cannot be read fully.

mod common;

use common::*;
use pyward_nvd::cwe::CweClass;
use pyward_nvd::trend::Verdict;
use pyward_nvd::{Bound, CpePattern, Dimension, Filters, Limits, Options, Review, parse_bound};

const NET: Score = Score("NETWORK", "LOW", "NONE", "NONE", "HIGH");
const LOCAL: Score = Score("LOCAL", "LOW", "NONE", "NONE", "HIGH");
const ADJ: Score = Score("ADJACENT_NETWORK", "LOW", "NONE", "NONE", "HIGH");

fn filtered(filters: Filters) -> (pyward_nvd::Collection, Options) {
    let dir = tempfile::tempdir().unwrap();
    let cves = [
        Cve::new("CVE-2018-1", "2018-06-01")
            .v3(NET)
            .cwe("CWE-79")
            .cpe("cpe:2.3:a:python:python:3.6:*:*:*:*:*:*:*")
            .text("Python urllib flaw"),
        Cve::new("CVE-2019-2", "2019-02-01")
            .v3(NET)
            .cwe("CWE-89")
            .cpe("cpe:2.3:a:djangoproject:django:2.2:*:*:*:*:python:*:*")
            .text("Django SQL injection"),
        Cve::new("CVE-2020-3", "2020-12-31")
            .v3(LOCAL)
            .cwe("CWE-502")
            .cpe("cpe:2.3:a:yaml:pyyaml:5.1:*:*:*:*:python:*:*")
            .text("PyYAML load"),
        Cve::new("CVE-2021-4", "2021-01-01")
            .v3(LOCAL)
            .cwe("CWE-79")
            .cpe("cpe:2.3:a:linux:linux_kernel:5.0:*:*:*:*:*:*:*")
            .text("kernel bug"),
        Cve::new("CVE-2021-5", "2021-05-05").v3(NET).cwe("CWE-79").text("python rejected entry").rejected(),
    ];
    let api2 = write(dir.path(), "f.json", &api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()));
    let legacy = write(dir.path(), "f1.json", &legacy_feed(&cves.iter().map(legacy_item).collect::<Vec<_>>()));
    let options = Options { filters, ..Options::default() };
    let collection = read(&[api2, legacy], &options);
    assert!(collection.errors.is_empty(), "{:?}", collection.errors);
    for stats in &collection.files {
        assert_eq!(stats.records, 5);
        assert_eq!(stats.records, stats.malformed + stats.rejected + stats.filtered_out + stats.counted);
    }
    (collection, options)
}

/// The CVE ids counted, through the year table (each fixture CVE has its own year but 2021).
fn years(filters: Filters) -> Vec<(String, u64)> {
    let (collection, options) = filtered(filters);
    counts(&collection, Dimension::Year, &options).into_iter().collect()
}

fn y(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v * 2)).collect()
}

#[test]
fn rejected_entries_are_excluded_unless_asked_for() {
    let (collection, _) = filtered(Filters::default());
    assert!(collection.files.iter().all(|f| f.rejected == 1));
    assert_eq!(years(Filters::default()), y(&[("2018", 1), ("2019", 1), ("2020", 1), ("2021", 1)]));
    let with_rejected = Filters { include_rejected: true, ..Filters::default() };
    assert_eq!(years(with_rejected), y(&[("2018", 1), ("2019", 1), ("2020", 1), ("2021", 2)]));
}

#[test]
fn keyword_matches_descriptions_case_insensitively() {
    let python = Filters { keywords: vec!["python".into()], ..Filters::default() };
    assert_eq!(years(python), y(&[("2018", 1)]));
    let any = Filters { keywords: vec!["django".into(), "kernel".into()], ..Filters::default() };
    assert_eq!(years(any), y(&[("2019", 1), ("2021", 1)]));
}

#[test]
fn cpe_matches_vendor_product_and_target_software() {
    let python = Filters { cpes: vec![CpePattern::parse("python:python").unwrap()], ..Filters::default() };
    assert_eq!(years(python), y(&[("2018", 1)]));
    let pypi = Filters { cpes: vec![CpePattern::parse("*:*:python").unwrap()], ..Filters::default() };
    assert_eq!(years(pypi), y(&[("2019", 1), ("2020", 1)]));
}

#[test]
fn cwe_filter_matches_any_listed() {
    let xss = Filters { cwes: vec![CweClass::Id(79), CweClass::Id(502)], ..Filters::default() };
    assert_eq!(years(xss), y(&[("2018", 1), ("2020", 1), ("2021", 1)]));
}

#[test]
fn since_and_until_are_inclusive_periods() {
    let since = Filters { since: parse_bound("2019-02", Bound::Start), ..Filters::default() };
    assert_eq!(years(since), y(&[("2019", 1), ("2020", 1), ("2021", 1)]));
    let until = Filters { until: parse_bound("2020", Bound::End), ..Filters::default() };
    assert_eq!(years(until), y(&[("2018", 1), ("2019", 1), ("2020", 1)]));
    let both = Filters {
        since: parse_bound("2019", Bound::Start),
        until: parse_bound("2020-12-30", Bound::End),
        ..Filters::default()
    };
    assert_eq!(years(both), y(&[("2019", 1)]));
}

/// Yearly shares: network 80, 70, 60, 50 %; local 10, 20, 30, 40 %; adjacent 10 % every year.
fn trend_feed() -> (pyward_nvd::Collection, Options) {
    let dir = tempfile::tempdir().unwrap();
    let mut cves = Vec::new();
    for (index, year) in (2015..2019).enumerate() {
        let network = 8 - index;
        for n in 0..10 {
            let score = if n < network {
                NET
            } else if n < 9 {
                LOCAL
            } else {
                ADJ
            };
            cves.push(Cve::new(&format!("CVE-{year}-{n}"), &format!("{year}-04-01")).v3(score));
        }
    }
    let path = write(dir.path(), "trend.json", &legacy_feed(&cves.iter().map(legacy_item).collect::<Vec<_>>()));
    let options = Options::default();
    (read(&[path], &options), options)
}

#[test]
fn trends_get_slopes_and_verdicts() {
    let (collection, options) = trend_feed();
    let review = Review::build(&collection.cube, &spec(&[Dimension::Vector], &options));
    let trend = |value: &str| {
        let row = review.tables[0].rows.iter().find(|r| r.value == value).unwrap();
        row.trend.clone().unwrap()
    };
    let network = trend("network");
    assert!((network.slope_pp_per_year + 10.0).abs() < 1e-9);
    assert_eq!(network.verdict, Verdict::Falling);
    assert_eq!(network.by_year.iter().map(|y| y.count).collect::<Vec<_>>(), [8, 7, 6, 5]);
    let local = trend("local");
    assert!((local.slope_pp_per_year - 10.0).abs() < 1e-9);
    assert_eq!(local.verdict, Verdict::Rising);
    assert_eq!(trend("adjacent").verdict, Verdict::Flat);
    assert!((trend("adjacent").by_year[0].share - 0.1).abs() < 1e-9);
}

#[test]
fn the_flat_threshold_decides_between_flat_and_moving() {
    let (collection, options) = trend_feed();
    let mut lenient = spec(&[Dimension::Vector], &options);
    lenient.flat_threshold = 20.0;
    let review = Review::build(&collection.cube, &lenient);
    assert!(review.tables[0].rows.iter().all(|r| r.trend.as_ref().unwrap().verdict == Verdict::Flat));
}

#[test]
fn too_few_years_give_no_verdict() {
    let (collection, options) = filtered(Filters { until: parse_bound("2019", Bound::End), ..Filters::default() });
    let review = Review::build(&collection.cube, &spec(&[Dimension::Vector], &options));
    assert!(review.tables[0].rows.iter().all(|r| r.trend.as_ref().unwrap().verdict == Verdict::TooFewYears));
}

#[test]
fn top_folds_rare_cwes_into_one_row() {
    let (collection, options) = filtered(Filters::default());
    let mut top = spec(&[Dimension::Cwe], &options);
    top.top = 1;
    let review = Review::build(&collection.cube, &top);
    let rows: Vec<(&str, u64)> = review.tables[0].rows.iter().map(|r| (r.value.as_str(), r.count)).collect();
    assert_eq!(rows, [("CWE-79", 4), ("(2 others)", 4)]);
}

fn kinds(collection: &pyward_nvd::Collection) -> Vec<&str> {
    collection.errors.iter().map(|e| e.kind.as_str()).collect()
}

#[test]
fn malformed_records_are_counted_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = api2_item(&Cve::new("CVE-2020-1", "2020-01-01").v3(NET)).to_string();
    let text = format!(
        "{{\"version\": \"2.0\", \"vulnerabilities\": [{good}, {{\"cve\": {{\"id\": 5}}}}, {{\"cve\": [1, 2]}}, {good}]}}"
    );
    let path = write(dir.path(), "bad-records.json", &text);
    let collection = read(&[path], &Options::default());
    let stats = &collection.files[0];
    assert_eq!((stats.records, stats.malformed, stats.counted), (4, 2, 2));
    assert!(stats.complete);
    assert_eq!(kinds(&collection), ["malformed-record", "malformed-record"]);
    assert!(collection.errors[0].message.contains("at byte"), "{}", collection.errors[0].message);
    assert!(collection.errors[0].path.ends_with("bad-records.json"));
}

#[test]
fn a_truncated_file_keeps_the_records_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let cves: Vec<_> = (0..3).map(|i| legacy_item(&Cve::new(&format!("CVE-2020-{i}"), "2020-01-01").v3(NET))).collect();
    let text = legacy_feed(&cves);
    let cut = text.rfind("CVE-2020-2").unwrap();
    let path = write(dir.path(), "cut.json", &text[..cut]);
    let collection = read(&[path], &Options::default());
    let stats = &collection.files[0];
    assert_eq!((stats.records, stats.counted, stats.complete), (2, 2, false));
    assert_eq!(kinds(&collection), ["json"]);
    assert!(collection.errors[0].message.contains("the 2 records before it were kept"));
}

#[test]
fn files_that_are_not_feeds_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let paths = [
        write(dir.path(), "array.json", "[1, 2, 3]"),
        write(dir.path(), "empty.json", ""),
        write(dir.path(), "other.json", "{\"name\": \"x\", \"list\": [1, {\"a\": \"]\"}], \"n\": -1.5e3}"),
        write(dir.path(), "garbage.json", "{\"vulnerabilities\" 7}"),
        dir.path().join("missing.json"),
    ];
    let collection = read(&paths, &Options::default());
    let mut found: Vec<(String, &str)> = collection
        .errors
        .iter()
        .map(|e| (std::path::Path::new(&e.path).file_name().unwrap().to_string_lossy().into_owned(), e.kind.as_str()))
        .collect();
    found.sort();
    let expected = [
        ("array.json", "json"),
        ("empty.json", "json"),
        ("garbage.json", "json"),
        ("missing.json", "io"),
        ("other.json", "not-a-feed"),
    ];
    assert_eq!(found, expected.map(|(a, b)| (a.to_string(), b)));
    assert_eq!(collection.counted(), 0);
}

#[test]
fn unknown_versions_are_reported_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut item = api2_item(&Cve::new("CVE-2020-1", "2020-01-01").v3(NET));
    item["cve"]["metrics"]["cvssMetricV50"] = serde_json::json!([{"cvssData": {"version": "5.0"}}]);
    item["cve"]["metrics"]["cvssMetricV31"][0]["cvssData"]["version"] = serde_json::json!("3.9");
    let text = api2_feed(&[item]).replace("\"version\": \"2.0\"", "\"version\": \"3.0\"");
    let path = write(dir.path(), "future.json", &text);
    let options = Options::default();
    let collection = read(&[path], &options);
    assert_eq!(collection.files[0].unknown_versions, 2);
    assert_eq!(kinds(&collection), ["unknown-version", "unknown-version"]);
    assert_eq!(counts(&collection, Dimension::Vector, &options), map(&[("unknown", 1)]));
}

#[test]
fn a_record_over_the_limit_stops_the_file_with_a_limit_error() {
    let dir = tempfile::tempdir().unwrap();
    let small = api2_item(&Cve::new("CVE-2020-1", "2020-01-01").v3(NET));
    let big = api2_item(&Cve::new("CVE-2020-2", "2020-01-01").v3(NET).text(&"x".repeat(50_000)));
    let path = write(dir.path(), "big.json", &api2_feed(&[small, big]));
    let options = Options {
        limits: Limits { max_record_bytes: 10_000, batch_bytes: 4096, ..Limits::default() },
        ..Options::default()
    };
    let collection = read(&[path], &options);
    assert_eq!(kinds(&collection), ["limit"]);
    assert_eq!(collection.counted(), 1);
}

#[test]
fn corrupt_gzip_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = api2_feed(&[api2_item(&Cve::new("CVE-2020-1", "2020-01-01").v3(NET))]);
    let gz = write_gz(dir.path(), "ok.json.gz", &text);
    let mut bytes = std::fs::read(&gz).unwrap();
    bytes.truncate(bytes.len() / 2);
    let broken = dir.path().join("broken.json.gz");
    std::fs::write(&broken, bytes).unwrap();
    let collection = read(&[broken], &Options::default());
    assert!(!collection.files[0].complete);
    assert_eq!(collection.errors.len(), 1);
}

#[test]
fn shares_of_known_values_ignore_years_without_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut cves = Vec::new();
    for year in 2012..2018 {
        for n in 0..4 {
            let cve = Cve::new(&format!("CVE-{year}-{n}"), &format!("{year}-01-01"));
            // v2 stops after 2014; half the v2 assessments are network every year.
            cves.push(if year <= 2014 { cve.v2(if n < 2 { NET } else { LOCAL }) } else { cve.v3(NET) });
        }
    }
    let path = write(dir.path(), "retire.json", &api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()));
    let options = Options { cvss: pyward_nvd::CvssChoice::V2, ..Options::default() };
    let collection = read(&[path], &options);
    let review = Review::build(&collection.cube, &spec(&[Dimension::Vector], &options));
    let trend = |value: &str| review.tables[0].rows.iter().find(|r| r.value == value).unwrap().trend.clone().unwrap();
    let network = trend("network");
    assert_eq!(network.by_year.len(), 3);
    assert!(network.by_year.iter().all(|y| (y.share - 0.5).abs() < 1e-9));
    assert_eq!(network.verdict, Verdict::Flat);
    let unknown = trend("unknown");
    assert_eq!(unknown.by_year.len(), 6);
    assert_eq!(unknown.verdict, Verdict::Rising);
}
