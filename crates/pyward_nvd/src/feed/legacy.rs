//! The retired 1.1 yearly feeds: `CVE_Items[]` with `cve`, `configurations`,
//! `impact` and `publishedDate`.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::REJECT_MARK;
use super::api2::LangString;
use super::cvss_data::{CvssData, V2Extras};
use crate::cvss::Family;
use crate::cwe::CweClass;
use crate::record::{CveRecord, Date};
use crate::text::Text;

pub(super) fn parse(bytes: &[u8]) -> serde_json::Result<CveRecord<'_>> {
    let item: Item<'_> = serde_json::from_slice(bytes)?;
    Ok(item.into_record())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    #[serde(borrow)]
    cve: Cve<'a>,
    #[serde(borrow, default)]
    configurations: Option<Configurations<'a>>,
    #[serde(borrow, default)]
    impact: Impact<'a>,
    #[serde(borrow, default)]
    published_date: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct Cve<'a> {
    #[serde(borrow, rename = "CVE_data_meta")]
    meta: Meta<'a>,
    #[serde(borrow, default)]
    problemtype: Option<ProblemType<'a>>,
    #[serde(borrow, default)]
    description: Option<Descriptions<'a>>,
}

#[derive(Deserialize)]
struct Meta<'a> {
    #[serde(borrow, rename = "ID")]
    id: Text<'a>,
}

#[derive(Deserialize)]
struct ProblemType<'a> {
    #[serde(borrow, default)]
    problemtype_data: Vec<Problem<'a>>,
}

#[derive(Deserialize)]
struct Problem<'a> {
    #[serde(borrow, default)]
    description: Vec<LangString<'a>>,
}

#[derive(Deserialize)]
struct Descriptions<'a> {
    #[serde(borrow, default)]
    description_data: Vec<LangString<'a>>,
}

#[derive(Deserialize)]
struct Configurations<'a> {
    #[serde(borrow, default)]
    nodes: Vec<Node<'a>>,
}

#[derive(Deserialize)]
struct Node<'a> {
    #[serde(borrow, default)]
    children: Vec<Node<'a>>,
    #[serde(borrow, default)]
    cpe_match: Vec<CpeMatch<'a>>,
}

#[derive(Deserialize)]
struct CpeMatch<'a> {
    #[serde(default)]
    vulnerable: bool,
    #[serde(borrow, rename = "cpe23Uri")]
    uri: Text<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BaseMetricV2<'a> {
    #[serde(borrow, default)]
    cvss_v2: CvssData<'a>,
    #[serde(borrow, default)]
    severity: Option<Text<'a>>,
    #[serde(default)]
    user_interaction_required: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BaseMetricV3<'a> {
    #[serde(borrow, default)]
    cvss_v3: CvssData<'a>,
}

/// The `impact` object: `baseMetricV2`, `baseMetricV3`; other keys counted as unknown versions.
#[derive(Default)]
struct Impact<'a> {
    v2: Option<BaseMetricV2<'a>>,
    v3: Option<BaseMetricV3<'a>>,
    unknown: u32,
}

impl<'de: 'a, 'a> Deserialize<'de> for Impact<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ImpactVisitor(std::marker::PhantomData))
    }
}

struct ImpactVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ImpactVisitor<'a> {
    type Value = Impact<'a>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map of base metrics")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut impact = Impact::default();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match key.as_str() {
                "baseMetricV2" => impact.v2 = Some(map.next_value()?),
                "baseMetricV3" => impact.v3 = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    impact.unknown += 1;
                }
            }
        }
        Ok(impact)
    }
}

fn vulnerable_cpes<'a>(nodes: Vec<Node<'a>>, out: &mut Vec<Text<'a>>) {
    for node in nodes {
        out.extend(node.cpe_match.into_iter().filter(|m| m.vulnerable).map(|m| m.uri));
        vulnerable_cpes(node.children, out);
    }
}

impl<'a> Item<'a> {
    fn into_record(self) -> CveRecord<'a> {
        let mut record = CveRecord {
            id: self.cve.meta.id,
            published: self.published_date.as_ref().and_then(|p| Date::parse_timestamp(p.as_str())),
            unknown_versions: self.impact.unknown,
            ..CveRecord::default()
        };
        record.descriptions = self
            .cve
            .description
            .map(|d| d.description_data)
            .unwrap_or_default()
            .into_iter()
            .filter(LangString::is_english)
            .map(|d| d.value)
            .collect();
        record.rejected = record.descriptions.first().is_some_and(|d| d.as_str().starts_with(REJECT_MARK));
        record.cwes = self
            .cve
            .problemtype
            .map(|p| p.problemtype_data)
            .unwrap_or_default()
            .iter()
            .flat_map(|p| &p.description)
            .filter_map(|d| CweClass::parse(d.value.as_str()))
            .collect();
        if let Some(configurations) = self.configurations {
            vulnerable_cpes(configurations.nodes, &mut record.cpes);
        }
        if let Some(v2) = &self.impact.v2 {
            let extras = V2Extras {
                severity: v2.severity.as_ref().map(Text::as_str),
                user_interaction_required: v2.user_interaction_required,
            };
            match v2.cvss_v2.assess(Family::V2, extras) {
                Some(cvss) => record.assessments.v2 = Some(cvss),
                None => record.unknown_versions += 1,
            }
        }
        if let Some(v3) = &self.impact.v3 {
            match v3.cvss_v3.assess(Family::V3, V2Extras::default()) {
                Some(cvss) => record.assessments.v3 = Some(cvss),
                None => record.unknown_versions += 1,
            }
        }
        record
    }
}
