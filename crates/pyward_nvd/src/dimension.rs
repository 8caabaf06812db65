//! The dimensions a CVE can be counted along, and their values.

use std::fmt;

use crate::cvss::{Complexity, Interaction, Privileges, Rating, Vector};
use crate::cwe::CweClass;
use crate::record::Facts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Year,
    Month,
    Vector,
    Complexity,
    Severity,
    Cwe,
    Privileges,
    Interaction,
}

impl Dimension {
    /// The dimensions of the seed's review, in the order it reads them.
    pub const REVIEW: [Dimension; 7] =
        [Self::Year, Self::Vector, Self::Complexity, Self::Severity, Self::Cwe, Self::Privileges, Self::Interaction];

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "year" => Self::Year,
            "month" => Self::Month,
            "av" | "vector" | "access-vector" | "attack-vector" => Self::Vector,
            "ac" | "complexity" => Self::Complexity,
            "severity" | "sev" => Self::Severity,
            "cwe" | "category" => Self::Cwe,
            "pr" | "privileges" | "au" | "auth" | "authentication" => Self::Privileges,
            "ui" | "interaction" | "user-interaction" => Self::Interaction,
            _ => return None,
        })
    }

    /// The short name used by `--by`, CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Vector => "av",
            Self::Complexity => "ac",
            Self::Severity => "severity",
            Self::Cwe => "cwe",
            Self::Privileges => "pr",
            Self::Interaction => "ui",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Year => "publication year",
            Self::Month => "publication month",
            Self::Vector => "access/attack vector",
            Self::Complexity => "access/attack complexity",
            Self::Severity => "severity",
            Self::Cwe => "weakness (CWE)",
            Self::Privileges => "privileges/authentication required",
            Self::Interaction => "user interaction",
        }
    }

    pub fn is_time(self) -> bool {
        matches!(self, Self::Year | Self::Month)
    }

    pub fn value(self, facts: &Facts) -> Value {
        match self {
            Self::Year => facts.year.map_or(Value::UnknownTime, Value::Year),
            Self::Month => match (facts.year, facts.month) {
                (Some(year), Some(month)) => Value::Month(year, month),
                _ => Value::UnknownTime,
            },
            Self::Vector => Value::Vector(facts.vector),
            Self::Complexity => Value::Complexity(facts.complexity),
            Self::Severity => Value::Rating(facts.rating),
            Self::Cwe => Value::Cwe(facts.cwe),
            Self::Privileges => Value::Privileges(facts.privileges),
            Self::Interaction => Value::Interaction(facts.interaction),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One value of one dimension. The derived order is the natural one
/// (years ascending, `network` before `local`...), `unknown` last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    Year(u16),
    Month(u16, u8),
    Vector(Vector),
    Complexity(Complexity),
    Rating(Rating),
    Cwe(CweClass),
    Privileges(Privileges),
    Interaction(Interaction),
    UnknownTime,
}

impl Value {
    /// Whether this is the `unknown` value of its dimension.
    pub fn is_unknown(self) -> bool {
        match self {
            Self::Year(_) | Self::Month(..) => false,
            Self::Vector(v) => v == Vector::Unknown,
            Self::Complexity(v) => v == Complexity::Unknown,
            Self::Rating(v) => v == Rating::Unknown,
            Self::Cwe(v) => v == CweClass::Unknown,
            Self::Privileges(v) => v == Privileges::Unknown,
            Self::Interaction(v) => v == Interaction::Unknown,
            Self::UnknownTime => true,
        }
    }

    /// A longer description, where there is one (CWE names).
    pub fn description(self) -> Option<&'static str> {
        match self {
            Self::Cwe(cwe) => cwe.name(),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Year(year) => write!(f, "{year}"),
            Self::Month(year, month) => write!(f, "{year}-{month:02}"),
            Self::Vector(v) => f.write_str(v.label()),
            Self::Complexity(v) => f.write_str(v.label()),
            Self::Rating(v) => f.write_str(v.label()),
            Self::Cwe(v) => write!(f, "{v}"),
            Self::Privileges(v) => f.write_str(v.label()),
            Self::Interaction(v) => f.write_str(v.label()),
            Self::UnknownTime => f.write_str("unknown"),
        }
    }
}
