//! Small NVD feeds written by the tests, in both layouts.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use pyward_nvd::{Collection, Dimension, Options, Review, ReviewSpec, read_feeds};
use serde_json::{Value, json};

/// A CVSS assessment as the tests describe it: vector, complexity,
/// privileges (or v2 authentication), interaction, severity.
#[derive(Clone, Copy, Debug)]
pub struct Score(pub &'static str, pub &'static str, pub &'static str, pub &'static str, pub &'static str);

#[derive(Clone, Debug, Default)]
pub struct Cve {
    pub id: String,
    pub published: Option<String>,
    pub description: String,
    pub rejected: bool,
    pub cwes: Vec<&'static str>,
    pub cpes: Vec<&'static str>,
    pub v2: Option<Score>,
    pub v3: Option<Score>,
    pub v4: Option<Score>,
}

impl Cve {
    pub fn new(id: &str, date: &str) -> Self {
        Self { id: id.into(), published: Some(date.into()), description: format!("flaw {id}"), ..Self::default() }
    }
    pub fn v2(mut self, s: Score) -> Self {
        self.v2 = Some(s);
        self
    }
    pub fn v3(mut self, s: Score) -> Self {
        self.v3 = Some(s);
        self
    }
    pub fn v4(mut self, s: Score) -> Self {
        self.v4 = Some(s);
        self
    }
    pub fn cwe(mut self, c: &'static str) -> Self {
        self.cwes.push(c);
        self
    }
    pub fn cpe(mut self, c: &'static str) -> Self {
        self.cpes.push(c);
        self
    }
    pub fn text(mut self, t: &str) -> Self {
        self.description = t.into();
        self
    }
    pub fn rejected(mut self) -> Self {
        self.rejected = true;
        self.description = format!("** REJECT ** {}", self.description);
        self
    }
}

fn v3_data(s: Score, version: &str) -> Value {
    json!({"version": version, "attackVector": s.0, "attackComplexity": s.1, "privilegesRequired": s.2,
           "userInteraction": s.3, "baseSeverity": s.4, "baseScore": 5.0})
}

fn v2_data(s: Score) -> Value {
    json!({"version": "2.0", "accessVector": s.0, "accessComplexity": s.1, "authentication": s.2, "baseScore": 5.0})
}

pub fn api2_item(c: &Cve) -> Value {
    let mut metrics = serde_json::Map::new();
    if let Some(s) = c.v2 {
        metrics.insert(
            "cvssMetricV2".into(),
            json!([{"source": "nvd@nist.gov", "type": "Primary",
            "cvssData": v2_data(s), "baseSeverity": s.4, "userInteractionRequired": s.3 == "REQUIRED"}]),
        );
    }
    if let Some(s) = c.v3 {
        metrics.insert(
            "cvssMetricV31".into(),
            json!([{"source": "nvd@nist.gov", "type": "Primary",
            "cvssData": v3_data(s, "3.1")}]),
        );
    }
    if let Some(s) = c.v4 {
        metrics.insert(
            "cvssMetricV40".into(),
            json!([{"source": "nvd@nist.gov", "type": "Primary",
            "cvssData": v3_data(s, "4.0")}]),
        );
    }
    let mut cve = json!({
        "id": c.id,
        "vulnStatus": if c.rejected { "Rejected" } else { "Analyzed" },
        "descriptions": [{"lang": "en", "value": c.description}, {"lang": "es", "value": "descripción"}],
        "metrics": metrics,
        "weaknesses": [{"source": "nvd@nist.gov", "type": "Primary",
            "description": c.cwes.iter().map(|w| json!({"lang": "en", "value": w})).collect::<Vec<_>>()}],
        "configurations": [{"nodes": [{"operator": "OR", "negate": false,
            "cpeMatch": c.cpes.iter().map(|p| json!({"vulnerable": true, "criteria": p})).collect::<Vec<_>>()}]}],
    });
    if let Some(date) = &c.published {
        cve["published"] = json!(format!("{date}T10:00:00.000"));
    }
    json!({"cve": cve})
}

pub fn legacy_item(c: &Cve) -> Value {
    let mut impact = serde_json::Map::new();
    if let Some(s) = c.v2 {
        impact.insert(
            "baseMetricV2".into(),
            json!({"cvssV2": v2_data(s), "severity": s.4,
            "userInteractionRequired": s.3 == "REQUIRED"}),
        );
    }
    if let Some(s) = c.v3 {
        impact.insert("baseMetricV3".into(), json!({"cvssV3": v3_data(s, "3.0")}));
    }
    let mut item = json!({
        "cve": {
            "CVE_data_meta": {"ID": c.id, "ASSIGNER": "cve@mitre.org"},
            "problemtype": {"problemtype_data": [{"description":
                c.cwes.iter().map(|w| json!({"lang": "en", "value": w})).collect::<Vec<_>>()}]},
            "description": {"description_data": [{"lang": "en", "value": c.description}]},
        },
        "configurations": {"CVE_data_version": "4.0", "nodes": [{"operator": "AND", "cpe_match": [],
            "children": [{"operator": "OR",
                "cpe_match": c.cpes.iter().map(|p| json!({"vulnerable": true, "cpe23Uri": p})).collect::<Vec<_>>()}]}]},
        "impact": impact,
    });
    if let Some(date) = &c.published {
        item["publishedDate"] = json!(format!("{date}T10:00Z"));
    }
    item
}

pub fn api2_feed(items: &[Value]) -> String {
    let body: Vec<String> = items.iter().map(Value::to_string).collect();
    format!(
        "{{\"resultsPerPage\": {n}, \"startIndex\": 0, \"totalResults\": {n}, \"format\": \"NVD_CVE\", \
         \"version\": \"2.0\", \"vulnerabilities\": [\n{}\n], \"timestamp\": \"2024-01-01T00:00:00.000\"}}",
        body.join(",\n"),
        n = items.len()
    )
}

pub fn legacy_feed(items: &[Value]) -> String {
    let body: Vec<String> = items.iter().map(Value::to_string).collect();
    format!(
        "{{\"CVE_data_type\": \"CVE\", \"CVE_data_format\": \"MITRE\", \"CVE_data_version\": \"4.0\", \
         \"CVE_data_numberOfCVEs\": \"{}\", \"CVE_Items\": [{}]}}",
        items.len(),
        body.join(",")
    )
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub fn write_gz(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(text.as_bytes()).unwrap();
    std::fs::write(&path, encoder.finish().unwrap()).unwrap();
    path
}

pub fn read(paths: &[PathBuf], options: &Options) -> Collection {
    read_feeds(paths, options)
}

pub fn spec(dimensions: &[Dimension], options: &Options) -> ReviewSpec {
    ReviewSpec { dimensions: dimensions.to_vec(), top: 0, flat_threshold: 0.5, cvss: options.cvss }
}

/// The counts of one dimension's table, by value label.
pub fn counts(collection: &Collection, dimension: Dimension, options: &Options) -> BTreeMap<String, u64> {
    let review = Review::build(&collection.cube, &spec(&[dimension], options));
    review.tables[0].rows.iter().map(|r| (r.value.clone(), r.count)).collect()
}

pub fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}
