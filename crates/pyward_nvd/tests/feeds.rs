//! Reading both feed layouts and counting along every dimension.

mod common;

use common::*;
use pyward_nvd::{CvssChoice, Dimension, Options, Review};

const NET_LOW: Score = Score("NETWORK", "LOW", "NONE", "NONE", "CRITICAL");
const ADJ_HIGH: Score = Score("ADJACENT_NETWORK", "HIGH", "LOW", "REQUIRED", "HIGH");
const LOCAL_LOW: Score = Score("LOCAL", "LOW", "HIGH", "REQUIRED", "MEDIUM");
const PHYS: Score = Score("PHYSICAL", "HIGH", "NONE", "NONE", "LOW");
const V2_NET: Score = Score("NETWORK", "MEDIUM", "SINGLE", "REQUIRED", "HIGH");
const V2_LOCAL: Score = Score("LOCAL", "LOW", "MULTIPLE", "NONE", "LOW");

/// Six CVEs over three years covering every value the tests check.
fn sample() -> Vec<Cve> {
    vec![
        Cve::new("CVE-2019-0001", "2019-01-15")
            .v3(NET_LOW)
            .v2(V2_NET)
            .cwe("CWE-79")
            .cpe("cpe:2.3:a:python:python:3.7:*:*:*:*:*:*:*")
            .text("A Python flaw"),
        Cve::new("CVE-2019-0002", "2019-03-02").v3(ADJ_HIGH).cwe("CWE-89").cwe("CWE-20"),
        Cve::new("CVE-2020-0003", "2020-03-09")
            .v3(LOCAL_LOW)
            .v2(V2_LOCAL)
            .cwe("NVD-CWE-Other")
            .cpe("cpe:2.3:a:pallets:jinja:2.10:*:*:*:*:python:*:*"),
        Cve::new("CVE-2020-0004", "2020-07-30").v2(V2_NET).cwe("NVD-CWE-noinfo"),
        Cve::new("CVE-2021-0005", "2021-11-11").v3(PHYS).cwe("CWE-787").text("kernel PYTHON binding"),
        Cve::new("CVE-2021-0006", "2021-12-31"),
    ]
}

fn both_layouts() -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let cves = sample();
    let api2 = write(dir.path(), "api2.json", &api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()));
    let legacy = write(dir.path(), "legacy.json", &legacy_feed(&cves.iter().map(legacy_item).collect::<Vec<_>>()));
    (dir, vec![api2, legacy])
}

/// Each layout on its own must give the same counts.
fn for_each_layout(check: impl Fn(&pyward_nvd::Collection, &Options)) {
    let (_dir, paths) = both_layouts();
    for path in &paths {
        let options = Options::default();
        let collection = read(std::slice::from_ref(path), &options);
        assert!(collection.errors.is_empty(), "{path:?}: {:?}", collection.errors);
        check(&collection, &options);
    }
}

#[test]
fn counts_by_year_and_month() {
    for_each_layout(|c, o| {
        assert_eq!(counts(c, Dimension::Year, o), map(&[("2019", 2), ("2020", 2), ("2021", 2)]));
        assert_eq!(
            counts(c, Dimension::Month, o),
            map(&[("2019-01", 1), ("2019-03", 1), ("2020-03", 1), ("2020-07", 1), ("2021-11", 1), ("2021-12", 1)])
        );
    });
}

#[test]
fn counts_by_vector_with_best_cvss() {
    for_each_layout(|c, o| {
        let expected = map(&[("network", 2), ("adjacent", 1), ("local", 1), ("physical", 1), ("unknown", 1)]);
        assert_eq!(counts(c, Dimension::Vector, o), expected);
    });
}

#[test]
fn counts_by_complexity_severity_privileges_interaction() {
    for_each_layout(|c, o| {
        // CVE-2020-0004 has v2 only (medium complexity, single authentication).
        assert_eq!(counts(c, Dimension::Complexity, o), map(&[("low", 2), ("medium", 1), ("high", 2), ("unknown", 1)]));
        assert_eq!(
            counts(c, Dimension::Severity, o),
            map(&[("low", 1), ("medium", 1), ("high", 2), ("critical", 1), ("unknown", 1)])
        );
        assert_eq!(
            counts(c, Dimension::Privileges, o),
            map(&[("none", 2), ("low", 1), ("high", 1), ("single", 1), ("unknown", 1)])
        );
        assert_eq!(counts(c, Dimension::Interaction, o), map(&[("none", 2), ("required", 3), ("unknown", 1)]));
    });
}

#[test]
fn counts_by_cwe_once_per_cve_with_names() {
    for_each_layout(|c, o| {
        assert_eq!(
            counts(c, Dimension::Cwe, o),
            map(&[("CWE-79", 1), ("CWE-89", 1), ("CWE-787", 1), ("other", 1), ("unknown", 2)])
        );
        let review = Review::build(&c.cube, &spec(&[Dimension::Cwe], o));
        let xss = review.tables[0].rows.iter().find(|r| r.value == "CWE-79").unwrap();
        assert_eq!(xss.name, Some("Cross-site Scripting"));
    });
}

#[test]
fn cvss_choice_selects_the_version() {
    let (_dir, paths) = both_layouts();
    let v2 = Options { cvss: CvssChoice::V2, ..Options::default() };
    let collection = read(&paths[..1], &v2);
    assert_eq!(counts(&collection, Dimension::Vector, &v2), map(&[("network", 2), ("local", 1), ("unknown", 3)]));
    assert_eq!(collection.files[0].missing_metrics, 3);
    let v3 = Options { cvss: CvssChoice::V3, ..Options::default() };
    let collection = read(&paths[..1], &v3);
    assert_eq!(
        counts(&collection, Dimension::Vector, &v3),
        map(&[("network", 1), ("adjacent", 1), ("local", 1), ("physical", 1), ("unknown", 2)])
    );
}

#[test]
fn cvss_v4_is_read_and_preferred_by_best() {
    let dir = tempfile::tempdir().unwrap();
    let cve = Cve::new("CVE-2024-0001", "2024-02-02").v3(NET_LOW).v4(Score("LOCAL", "LOW", "NONE", "PASSIVE", "HIGH"));
    let path = write(dir.path(), "v4.json", &api2_feed(&[api2_item(&cve)]));
    let best = Options::default();
    let collection = read(std::slice::from_ref(&path), &best);
    assert_eq!(counts(&collection, Dimension::Vector, &best), map(&[("local", 1)]));
    assert_eq!(counts(&collection, Dimension::Interaction, &best), map(&[("passive", 1)]));
    let v3 = Options { cvss: CvssChoice::V3, ..Options::default() };
    assert_eq!(counts(&read(&[path], &v3), Dimension::Vector, &v3), map(&[("network", 1)]));
}

#[test]
fn crossing_two_dimensions_reconciles() {
    for_each_layout(|c, o| {
        let review = Review::build(&c.cube, &spec(&[Dimension::Year, Dimension::Vector], o));
        let crossing = review.crossing.as_ref().unwrap();
        assert_eq!((crossing.rows, crossing.columns), ("year", "av"));
        assert_eq!(crossing.column_values, ["network", "adjacent", "local", "physical", "unknown"]);
        let rows: Vec<(&str, &[u64])> =
            crossing.cells.iter().map(|r| (r.value.as_str(), r.counts.as_slice())).collect();
        assert_eq!(
            rows,
            [("2019", &[1, 1, 0, 0, 0][..]), ("2020", &[1, 0, 1, 0, 0][..]), ("2021", &[0, 0, 0, 1, 1][..])]
        );
        assert_eq!(crossing.column_totals, [2, 1, 1, 1, 1]);
        assert_eq!(crossing.total, 6);
        assert!(crossing.cells.iter().all(|r| r.total == r.counts.iter().sum::<u64>()));
        // The non-time dimension also gets its own table with trends.
        assert_eq!(review.tables.len(), 1);
        assert_eq!(review.tables[0].dimension, "av");
    });
}

#[test]
fn every_dimension_totals_the_counted_cves() {
    for_each_layout(|c, o| {
        let review = Review::build(&c.cube, &spec(&[], o));
        assert_eq!(review.tables.len(), Dimension::REVIEW.len());
        for table in &review.tables {
            assert_eq!(table.total, 6, "{}", table.dimension);
            assert_eq!(table.rows.iter().map(|r| r.count).sum::<u64>(), 6, "{}", table.dimension);
            let shares: f64 = table.rows.iter().map(|r| r.share).sum();
            assert!((shares - 1.0).abs() < 1e-9, "{}", table.dimension);
        }
        let stats = &c.files[0];
        assert_eq!(stats.records, stats.malformed + stats.rejected + stats.filtered_out + stats.counted);
    });
}

#[test]
fn gzip_and_plain_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let text = api2_feed(&sample().iter().map(api2_item).collect::<Vec<_>>());
    let gz = write_gz(dir.path(), "feed.json.gz", &text);
    let options = Options::default();
    let collection = read(&[gz], &options);
    assert!(collection.files[0].compressed);
    assert_eq!(collection.counted(), 6);
    assert_eq!(counts(&collection, Dimension::Year, &options), map(&[("2019", 2), ("2020", 2), ("2021", 2)]));
}

#[test]
fn directories_are_walked_for_feeds() {
    let (dir, _paths) = both_layouts();
    write(dir.path(), "notes.txt", "not a feed");
    let collection = read(&[dir.path().to_path_buf()], &Options::default());
    assert_eq!(collection.files.len(), 2);
    assert_eq!(collection.counted(), 12);
}

#[test]
fn small_batches_give_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let cves: Vec<Cve> = (0..300)
        .map(|i| Cve::new(&format!("CVE-2020-{i:04}"), "2020-05-05").v3(if i % 3 == 0 { NET_LOW } else { LOCAL_LOW }))
        .collect();
    let path = write(dir.path(), "many.json", &api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()));
    let tiny = Options {
        limits: pyward_nvd::Limits { batch_bytes: 1000, ..pyward_nvd::Limits::default() },
        ..Options::default()
    };
    let collection = read(&[path], &tiny);
    assert!(collection.errors.is_empty(), "{:?}", collection.errors);
    assert_eq!(counts(&collection, Dimension::Vector, &tiny), map(&[("network", 100), ("local", 200)]));
}

#[test]
fn a_cve_without_a_date_counts_as_unknown_year_and_is_left_out_by_periods() {
    let dir = tempfile::tempdir().unwrap();
    let mut undated = Cve::new("CVE-2020-0009", "2020-01-01").v3(NET_LOW);
    undated.published = None;
    let cves = [Cve::new("CVE-2020-0001", "2020-01-01").v3(NET_LOW), undated];
    let path = write(dir.path(), "dates.json", &api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()));
    let options = Options::default();
    let collection = read(std::slice::from_ref(&path), &options);
    assert_eq!(counts(&collection, Dimension::Year, &options), map(&[("2020", 1), ("unknown", 1)]));
    assert_eq!(counts(&collection, Dimension::Month, &options), map(&[("2020-01", 1), ("unknown", 1)]));
    let since = Options {
        filters: pyward_nvd::Filters {
            since: pyward_nvd::parse_bound("2000", pyward_nvd::Bound::Start),
            ..Default::default()
        },
        ..Options::default()
    };
    let collection = read(&[path], &since);
    assert_eq!((collection.files[0].counted, collection.files[0].filtered_out), (1, 1));
}
