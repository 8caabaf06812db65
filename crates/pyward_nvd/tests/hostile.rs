//! No input may panic: mutated feeds, deep nesting, odd bytes. Every file's
//! records must still reconcile.

mod common;

use common::*;
use pyward_nvd::{Limits, Options};

const NET: Score = Score("NETWORK", "LOW", "NONE", "NONE", "HIGH");

/// A small deterministic generator (xorshift64), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    const INTERESTING: &[u8] = b"{}[]\",:\\ 0e-\x00\xff\xc3";
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            1 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 => {
                bytes.remove(at);
            }
            _ => bytes.truncate(at),
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

#[test]
fn mutated_feeds_never_panic_and_always_reconcile() {
    let dir = tempfile::tempdir().unwrap();
    let cves: Vec<Cve> = (0..6)
        .map(|i| {
            Cve::new(&format!("CVE-2020-{i}"), "2020-02-02")
                .v3(NET)
                .v2(NET)
                .cwe("CWE-79")
                .cpe("cpe:2.3:a:a:b:1:*:*:*:*:*:*:*")
        })
        .collect();
    let seeds = [
        api2_feed(&cves.iter().map(api2_item).collect::<Vec<_>>()).into_bytes(),
        legacy_feed(&cves.iter().map(legacy_item).collect::<Vec<_>>()).into_bytes(),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let options = Options { limits: Limits { batch_bytes: 700, ..Limits::default() }, ..Options::default() };
    let mut paths = Vec::new();
    for round in 0..400 {
        let bytes = mutate(&mut rng, seeds[round % 2].clone());
        let path = dir.path().join(format!("m{round}.json"));
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    let collection = read(&paths, &options);
    assert_eq!(collection.files.len(), 400);
    for stats in &collection.files {
        assert_eq!(
            stats.records,
            stats.malformed + stats.rejected + stats.filtered_out + stats.counted,
            "{}",
            stats.path
        );
        assert!(stats.records <= 7, "{}: {}", stats.path, stats.records);
    }
    assert_eq!(collection.counted(), collection.files.iter().map(|f| f.counted).sum::<u64>());
    assert!(!collection.errors.is_empty());
}

#[test]
fn deep_nesting_is_a_malformed_record_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let text = format!("{{\"vulnerabilities\": [{{\"cve\": {deep}}}, {deep}]}}");
    let path = write(dir.path(), "deep.json", &text);
    let collection = read(&[path], &Options::default());
    let stats = &collection.files[0];
    assert_eq!((stats.records, stats.malformed, stats.complete), (2, 2, true));
}

#[test]
fn a_deep_top_level_value_is_skipped_without_recursion() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    let item = api2_item(&Cve::new("CVE-2020-1", "2020-01-01").v3(NET));
    let text = format!("{{\"junk\": {deep}, \"version\": \"2.0\", \"vulnerabilities\": [{item}]}}");
    let path = write(dir.path(), "deep-top.json", &text);
    let collection = read(&[path], &Options::default());
    assert!(collection.errors.is_empty(), "{:?}", collection.errors);
    assert_eq!(collection.counted(), 1);
}
