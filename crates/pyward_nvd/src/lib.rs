//! Vulnerability statistics from NVD CVE feeds on disk (`pyward nvd`).
//!
//! Feeds (API 2.0 or the 1.1 yearly files, plain or gzip) are streamed:
//! [`split`] cuts each into batches of whole records, [`feed`] parses each
//! record into a [`record::CveRecord`], [`filter`] decides whether it counts,
//! and [`collect`] adds its [`record::Facts`] to a count cube. Tables,
//! crossings and trends ([`review`]) are computed from the cube, then
//! rendered as text, CSV, JSON or an SVG [`chart`].

pub mod chart;
pub mod collect;
pub mod cvss;
pub mod cwe;
pub mod dimension;
pub mod feed;
pub mod filter;
mod input;
pub mod record;
pub mod render;
pub mod review;
pub mod split;
pub mod text;
pub mod trend;

pub use collect::{Collection, FileStats, Options, read_feeds};
pub use cvss::CvssChoice;
pub use dimension::Dimension;
pub use filter::{Bound, CpePattern, Filters, parse_bound};
pub use review::{Review, ReviewSpec};
pub use split::Limits;
