//! Which CVEs are counted: `--keyword`, `--cpe`, `--cwe`, `--since`, `--until`,
//! and rejected entries (excluded unless asked for).

use serde::Serialize;

use crate::cwe::CweClass;
use crate::record::{CveRecord, Date};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    /// Lower-cased; a CVE matches when its English description contains any.
    pub keywords: Vec<String>,
    /// A CVE matches when any vulnerable CPE matches any pattern.
    pub cpes: Vec<CpePattern>,
    /// A CVE matches when any of its CWEs is listed.
    #[serde(serialize_with = "serialize_cwes")]
    pub cwes: Vec<CweClass>,
    #[serde(serialize_with = "serialize_date")]
    pub since: Option<Date>,
    #[serde(serialize_with = "serialize_date")]
    pub until: Option<Date>,
    pub include_rejected: bool,
}

/// What the filters decided for one CVE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Counted,
    Rejected,
    FilteredOut,
}

impl Filters {
    pub fn decide(&self, record: &CveRecord<'_>) -> Decision {
        if record.rejected && !self.include_rejected {
            return Decision::Rejected;
        }
        let matched = self.matches_dates(record)
            && self.matches_keywords(record)
            && self.matches_cpes(record)
            && self.matches_cwes(record);
        if matched { Decision::Counted } else { Decision::FilteredOut }
    }

    fn matches_dates(&self, record: &CveRecord<'_>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(published) = record.published else { return false };
        self.since.is_none_or(|since| published >= since) && self.until.is_none_or(|until| published <= until)
    }

    fn matches_keywords(&self, record: &CveRecord<'_>) -> bool {
        if self.keywords.is_empty() {
            return true;
        }
        record.descriptions.iter().any(|description| {
            let lowered = description.as_str().to_lowercase();
            self.keywords.iter().any(|keyword| lowered.contains(keyword.as_str()))
        })
    }

    fn matches_cpes(&self, record: &CveRecord<'_>) -> bool {
        self.cpes.is_empty()
            || record.cpes.iter().any(|cpe| self.cpes.iter().any(|pattern| pattern.matches(cpe.as_str())))
    }

    fn matches_cwes(&self, record: &CveRecord<'_>) -> bool {
        self.cwes.is_empty() || record.cwes.iter().any(|cwe| self.cwes.contains(cwe))
    }
}

fn serialize_cwes<S: serde::Serializer>(cwes: &[CweClass], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(cwes.iter().map(ToString::to_string))
}

fn serialize_date<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        None => serializer.serialize_none(),
    }
}

/// Which end of a period `--since`/`--until` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Start,
    End,
}

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first or last day it covers.
pub fn parse_bound(text: &str, bound: Bound) -> Option<Date> {
    let mut parts = text.trim().split('-');
    let year: u16 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    let day: Option<u8> = parts.next().map(str::parse).transpose().ok()?;
    if parts.next().is_some()
        || month.is_some_and(|m| !(1..=12).contains(&m))
        || day.is_some_and(|d| !(1..=31).contains(&d))
    {
        return None;
    }
    let (first, last) = (Date { year, month: 1, day: 1 }, Date { year, month: 12, day: 31 });
    Some(match (bound, month, day) {
        (_, Some(month), Some(day)) => Date { year, month, day },
        (Bound::Start, Some(month), None) => Date { month, ..first },
        (Bound::End, Some(month), None) => Date { month, ..last },
        (Bound::Start, None, _) => first,
        (Bound::End, None, _) => last,
    })
}

/// `vendor:product[:target_sw]`, each part `*` (or empty) for any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CpePattern {
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub target_software: Option<String>,
}

impl CpePattern {
    pub fn parse(text: &str) -> Option<Self> {
        let parts = split_cpe(text);
        if parts.is_empty() || parts.len() > 3 || parts.iter().all(|p| p.is_empty() || *p == "*") {
            return None;
        }
        let field = |i: usize| parts.get(i).filter(|p| !p.is_empty() && **p != "*").map(|p| p.to_ascii_lowercase());
        Some(Self { vendor: field(0), product: field(1), target_software: field(2) })
    }

    /// Matches a CPE 2.3 formatted string
    /// (`cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:...`).
    pub fn matches(&self, cpe: &str) -> bool {
        let fields = split_cpe(cpe);
        if fields.len() < 5 || fields[0] != "cpe" || fields[1] != "2.3" {
            return false;
        }
        let wanted = |pattern: &Option<String>, index: usize| {
            pattern.as_ref().is_none_or(|p| fields.get(index).is_some_and(|f| f.eq_ignore_ascii_case(p)))
        };
        wanted(&self.vendor, 3) && wanted(&self.product, 4) && wanted(&self.target_software, 10)
    }
}

/// Splits on colons that are not escaped with a backslash.
fn split_cpe(cpe: &str) -> Vec<&str> {
    let mut fields = Vec::with_capacity(13);
    let (mut start, mut escaped) = (0, false);
    for (index, byte) in cpe.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b':' => {
                fields.push(&cpe[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    fields.push(&cpe[start..]);
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_cover_whole_periods() {
        assert_eq!(parse_bound("2019", Bound::Start), Some(Date { year: 2019, month: 1, day: 1 }));
        assert_eq!(parse_bound("2019", Bound::End), Some(Date { year: 2019, month: 12, day: 31 }));
        assert_eq!(parse_bound("2019-02", Bound::End), Some(Date { year: 2019, month: 2, day: 31 }));
        assert_eq!(parse_bound("2019-02-03", Bound::End), Some(Date { year: 2019, month: 2, day: 3 }));
        assert_eq!(parse_bound("2019-13", Bound::Start), None);
        assert_eq!(parse_bound("19", Bound::Start), None);
        assert_eq!(parse_bound("2019-01-01-01", Bound::Start), None);
    }

    #[test]
    fn cpe_patterns_match_vendor_product_and_target() {
        let python = CpePattern::parse("python:python").unwrap();
        assert!(python.matches("cpe:2.3:a:python:python:3.8.0:*:*:*:*:*:*:*"));
        assert!(!python.matches("cpe:2.3:a:python:pillow:3.8.0:*:*:*:*:*:*:*"));
        let pypi = CpePattern::parse("*:*:python").unwrap();
        assert!(pypi.matches("cpe:2.3:a:palletsprojects:jinja:2.10:*:*:*:*:python:*:*"));
        assert!(!pypi.matches("cpe:2.3:a:palletsprojects:jinja:2.10:*:*:*:*:node.js:*:*"));
        let escaped = CpePattern::parse("a\\:b").unwrap();
        assert!(escaped.matches("cpe:2.3:a:a\\:b:x:1:*:*:*:*:*:*:*"));
        assert_eq!(CpePattern::parse("*:*"), None);
        assert!(!python.matches("python:python"));
    }
}
