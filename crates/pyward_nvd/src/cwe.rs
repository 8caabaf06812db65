//! CWE classes as NVD assigns them, and the names of the common ones.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

const NAMES: &str = include_str!("../data/cwe_names.tsv");

/// The weakness class a CVE is counted under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub enum CweClass {
    Id(u32),
    /// `NVD-CWE-Other`: NVD found no fitting CWE.
    Other,
    /// No CWE, or `NVD-CWE-noinfo` (insufficient information).
    #[default]
    Unknown,
}

impl CweClass {
    /// Reads `CWE-79`, `NVD-CWE-Other`, `NVD-CWE-noinfo` (and a bare `79` as typed on a command line).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("NVD-CWE-Other") {
            return Some(Self::Other);
        }
        if text.eq_ignore_ascii_case("NVD-CWE-noinfo") {
            return Some(Self::Unknown);
        }
        let digits = text.strip_prefix("CWE-").or_else(|| text.strip_prefix("cwe-")).unwrap_or(text);
        digits.parse().ok().map(Self::Id)
    }

    pub fn name(self) -> Option<&'static str> {
        match self {
            Self::Id(id) => names().get(&id).copied(),
            Self::Other => Some("NVD: other weakness"),
            Self::Unknown => None,
        }
    }
}

impl fmt::Display for CweClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Id(id) => write!(f, "CWE-{id}"),
            Self::Other => f.write_str("other"),
            Self::Unknown => f.write_str("unknown"),
        }
    }
}

fn names() -> &'static HashMap<u32, &'static str> {
    static TABLE: OnceLock<HashMap<u32, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        NAMES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let (id, name) = line.split_once('\t')?;
                Some((id.trim().parse().ok()?, name.trim()))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nvd_spellings() {
        assert_eq!(CweClass::parse("CWE-79"), Some(CweClass::Id(79)));
        assert_eq!(CweClass::parse("89"), Some(CweClass::Id(89)));
        assert_eq!(CweClass::parse("NVD-CWE-Other"), Some(CweClass::Other));
        assert_eq!(CweClass::parse("NVD-CWE-noinfo"), Some(CweClass::Unknown));
        assert_eq!(CweClass::parse("CWE-x"), None);
    }

    #[test]
    fn every_table_line_is_read() {
        let lines = NAMES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        assert_eq!(names().len(), lines);
        assert_eq!(CweClass::Id(502).name(), Some("Deserialization of Untrusted Data"));
        assert_eq!(CweClass::Id(999_999).name(), None);
    }
}
