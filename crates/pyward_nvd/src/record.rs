//! One CVE as both feed formats describe it, reduced to what pyward counts
//! and filters on. Records live only while their batch is processed.

use crate::cvss::{Assessments, Complexity, CvssChoice, Interaction, Privileges, Rating, Vector};
use crate::cwe::CweClass;
use crate::text::Text;

/// A calendar date as feeds and `--since`/`--until` write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads the `YYYY-MM-DD` prefix of an NVD timestamp.
    pub fn parse_timestamp(text: &str) -> Option<Self> {
        let year = text.get(0..4)?.parse().ok()?;
        let month = text.get(5..7)?.parse().ok()?;
        let day = text.get(8..10)?.parse().ok()?;
        let separators = text.as_bytes().get(4) == Some(&b'-') && text.as_bytes().get(7) == Some(&b'-');
        (separators && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Self { year, month, day })
    }
}

#[derive(Debug, Default)]
pub struct CveRecord<'a> {
    pub id: Text<'a>,
    pub published: Option<Date>,
    pub rejected: bool,
    /// English descriptions.
    pub descriptions: Vec<Text<'a>>,
    /// CPE 2.3 names marked vulnerable.
    pub cpes: Vec<Text<'a>>,
    /// Weaknesses, the primary (NVD) source first.
    pub cwes: Vec<CweClass>,
    pub assessments: Assessments,
    /// Metric blocks of a CVSS version pyward does not know.
    pub unknown_versions: u32,
}

impl CveRecord<'_> {
    /// The CWE a CVE is counted under: its first, so each CVE counts once.
    pub fn primary_cwe(&self) -> CweClass {
        self.cwes.iter().copied().find(|c| *c != CweClass::Unknown).unwrap_or_default()
    }

    pub fn facts(&self, choice: CvssChoice) -> Facts {
        let cvss = self.assessments.select(choice).unwrap_or_default();
        Facts {
            year: self.published.map(|d| d.year),
            month: self.published.map(|d| d.month),
            vector: cvss.vector,
            complexity: cvss.complexity,
            rating: cvss.rating,
            cwe: self.primary_cwe(),
            privileges: cvss.privileges,
            interaction: cvss.interaction,
        }
    }
}

/// How many CVEs share each combination of facts.
pub type Cube = rustc_hash::FxHashMap<Facts, u64>;

/// Everything one CVE contributes to the statistics: the key of the count cube.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Facts {
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub vector: Vector,
    pub complexity: Complexity,
    pub rating: Rating,
    pub cwe: CweClass,
    pub privileges: Privileges,
    pub interaction: Interaction,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_of_both_formats_parse() {
        let date = Date { year: 2019, month: 3, day: 7 };
        assert_eq!(Date::parse_timestamp("2019-03-07T15:29:00.000"), Some(date));
        assert_eq!(Date::parse_timestamp("2019-03-07T15:29Z"), Some(date));
        assert_eq!(Date::parse_timestamp("2019-13-07"), None);
        assert_eq!(Date::parse_timestamp("2019"), None);
        assert_eq!(Date::parse_timestamp("20é9-03-07"), None);
    }
}
