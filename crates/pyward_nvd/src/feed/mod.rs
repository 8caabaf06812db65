//! The two NVD JSON layouts, read one record at a time into a [`CveRecord`].

mod api2;
mod cvss_data;
mod legacy;

use serde::Serialize;

use crate::record::CveRecord;

/// The layout of a feed file, told by the name of its record array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FeedFormat {
    /// NVD API 2.0 (`vulnerabilities[].cve`).
    #[serde(rename = "api-2.0")]
    Api2,
    /// The retired 1.1 yearly feeds (`CVE_Items`).
    #[serde(rename = "legacy-1.1")]
    Legacy,
}

impl FeedFormat {
    /// The top-level member holding the records.
    pub fn from_array_key(key: &[u8]) -> Option<Self> {
        match key {
            b"vulnerabilities" => Some(Self::Api2),
            b"CVE_Items" => Some(Self::Legacy),
            _ => None,
        }
    }

    /// Whether a file's declared format version is one pyward was written for.
    pub fn knows_version(self, version: &str) -> bool {
        match self {
            Self::Api2 => version == "2.0",
            Self::Legacy => version == "4.0",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Api2 => "api-2.0",
            Self::Legacy => "legacy-1.1",
        }
    }

    /// Parses one element of the record array.
    pub fn parse_record(self, bytes: &[u8]) -> serde_json::Result<CveRecord<'_>> {
        match self {
            Self::Api2 => api2::parse(bytes),
            Self::Legacy => legacy::parse(bytes),
        }
    }
}

const REJECT_MARK: &str = "** REJECT **";
