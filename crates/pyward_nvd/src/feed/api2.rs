//! NVD API 2.0 records: `{"cve": {"id", "published", "vulnStatus",
//! "descriptions", "metrics", "weaknesses", "configurations"}}`.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::REJECT_MARK;
use super::cvss_data::{CvssData, V2Extras};
use crate::cvss::{Cvss, Family};
use crate::cwe::CweClass;
use crate::record::{CveRecord, Date};
use crate::text::Text;

pub(super) fn parse(bytes: &[u8]) -> serde_json::Result<CveRecord<'_>> {
    let item: Item<'_> = serde_json::from_slice(bytes)?;
    Ok(item.cve.into_record())
}

#[derive(Deserialize)]
struct Item<'a> {
    #[serde(borrow)]
    cve: Cve<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cve<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow, default)]
    published: Option<Text<'a>>,
    #[serde(borrow, default)]
    vuln_status: Option<Text<'a>>,
    #[serde(borrow, default)]
    descriptions: Vec<LangString<'a>>,
    #[serde(borrow, default)]
    metrics: Metrics<'a>,
    #[serde(borrow, default)]
    weaknesses: Vec<Weakness<'a>>,
    #[serde(borrow, default)]
    configurations: Vec<Configuration<'a>>,
}

#[derive(Deserialize)]
pub(super) struct LangString<'a> {
    #[serde(borrow, default)]
    pub lang: Option<Text<'a>>,
    #[serde(borrow)]
    pub value: Text<'a>,
}

impl LangString<'_> {
    pub fn is_english(&self) -> bool {
        self.lang.as_ref().is_none_or(|l| l.as_str().starts_with("en"))
    }
}

#[derive(Deserialize)]
struct Weakness<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    description: Vec<LangString<'a>>,
}

#[derive(Deserialize)]
struct Configuration<'a> {
    #[serde(borrow, default)]
    nodes: Vec<Node<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Node<'a> {
    #[serde(borrow, default)]
    cpe_match: Vec<CpeMatch<'a>>,
}

#[derive(Deserialize)]
struct CpeMatch<'a> {
    #[serde(default)]
    vulnerable: bool,
    #[serde(borrow)]
    criteria: Text<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metric<'a> {
    #[serde(borrow, default, rename = "type")]
    kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    cvss_data: CvssData<'a>,
    #[serde(borrow, default)]
    base_severity: Option<Text<'a>>,
    #[serde(default)]
    user_interaction_required: Option<bool>,
}

/// The `metrics` object: known blocks kept, unknown versions counted.
#[derive(Default)]
struct Metrics<'a> {
    blocks: Vec<(Family, u8, Vec<Metric<'a>>)>,
    unknown: u32,
}

/// The metric blocks API 2.0 defines, with a rank that prefers 3.1 to 3.0.
fn block_family(key: &str) -> Option<(Family, u8)> {
    match key {
        "cvssMetricV2" => Some((Family::V2, 0)),
        "cvssMetricV30" => Some((Family::V3, 0)),
        "cvssMetricV31" => Some((Family::V3, 1)),
        "cvssMetricV40" => Some((Family::V4, 0)),
        _ => None,
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Metrics<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MetricsVisitor(std::marker::PhantomData))
    }
}

struct MetricsVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for MetricsVisitor<'a> {
    type Value = Metrics<'a>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map of CVSS metric blocks")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut metrics = Metrics::default();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match block_family(key.as_str()) {
                Some((family, rank)) => metrics.blocks.push((family, rank, map.next_value()?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                    metrics.unknown += 1;
                }
            }
        }
        Ok(metrics)
    }
}

impl<'a> Cve<'a> {
    fn into_record(self) -> CveRecord<'a> {
        let mut record = CveRecord {
            id: self.id,
            published: self.published.as_ref().and_then(|p| Date::parse_timestamp(p.as_str())),
            ..CveRecord::default()
        };
        record.descriptions = self.descriptions.into_iter().filter(LangString::is_english).map(|d| d.value).collect();
        record.rejected = self.vuln_status.as_ref().is_some_and(|s| s.as_str().eq_ignore_ascii_case("Rejected"))
            || record.descriptions.first().is_some_and(|d| d.as_str().starts_with(REJECT_MARK));
        record.cpes = self
            .configurations
            .into_iter()
            .flat_map(|c| c.nodes)
            .flat_map(|n| n.cpe_match)
            .filter(|m| m.vulnerable)
            .map(|m| m.criteria)
            .collect();
        record.cwes = primary_first(self.weaknesses);
        record.unknown_versions = self.metrics.unknown;
        assess(&self.metrics.blocks, &mut record);
        record
    }
}

fn primary_first(mut weaknesses: Vec<Weakness<'_>>) -> Vec<CweClass> {
    weaknesses.sort_by_key(|w| !is_primary(&w.kind));
    weaknesses.iter().flat_map(|w| &w.description).filter_map(|d| CweClass::parse(d.value.as_str())).collect()
}

fn is_primary(kind: &Option<Text<'_>>) -> bool {
    kind.as_ref().is_some_and(|k| k.as_str().eq_ignore_ascii_case("Primary"))
}

/// Keeps, per family, the primary assessment of the newest minor version.
fn assess(blocks: &[(Family, u8, Vec<Metric<'_>>)], record: &mut CveRecord<'_>) {
    let mut chosen: [Option<((bool, u8), Cvss)>; 3] = [None; 3];
    for (family, rank, metrics) in blocks {
        for metric in metrics {
            let extras = V2Extras {
                severity: metric.base_severity.as_ref().map(Text::as_str),
                user_interaction_required: metric.user_interaction_required,
            };
            let Some(cvss) = metric.cvss_data.assess(*family, extras) else {
                record.unknown_versions += 1;
                continue;
            };
            let preference = (is_primary(&metric.kind), *rank);
            let slot = &mut chosen[*family as usize];
            if slot.is_none_or(|(best, _)| preference > best) {
                *slot = Some((preference, cvss));
            }
        }
    }
    for (family, slot) in [Family::V2, Family::V3, Family::V4].into_iter().zip(chosen) {
        *record.assessments.slot(family) = slot.map(|(_, cvss)| cvss);
    }
}
