//! CVSS facts pyward counts, normalised across versions 2.0, 3.x and 4.0.
//! Every value set has an `Unknown` member so that a CVE is always counted.

use serde::Serialize;

/// Where an attacker must be: CVSS v2 `accessVector`, v3/v4 `attackVector`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Vector {
    Network,
    Adjacent,
    Local,
    Physical,
    #[default]
    Unknown,
}

impl Vector {
    pub fn parse(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "NETWORK" | "N" => Self::Network,
            "ADJACENT_NETWORK" | "ADJACENT" | "A" => Self::Adjacent,
            "LOCAL" | "L" => Self::Local,
            "PHYSICAL" | "P" => Self::Physical,
            _ => Self::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Adjacent => "adjacent",
            Self::Local => "local",
            Self::Physical => "physical",
            Self::Unknown => "unknown",
        }
    }
}

/// Access (v2) or attack (v3, v4) complexity. `Medium` exists in v2 only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Complexity {
    Low,
    Medium,
    High,
    #[default]
    Unknown,
}

impl Complexity {
    pub fn parse(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "LOW" | "L" => Self::Low,
            "MEDIUM" | "M" => Self::Medium,
            "HIGH" | "H" => Self::High,
            _ => Self::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Unknown => "unknown",
        }
    }
}

/// The qualitative severity rating. v2 has no `None` or `Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    None,
    Low,
    Medium,
    High,
    Critical,
    #[default]
    Unknown,
}

impl Rating {
    pub fn parse(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "NONE" => Self::None,
            "LOW" => Self::Low,
            "MEDIUM" => Self::Medium,
            "HIGH" => Self::High,
            "CRITICAL" => Self::Critical,
            _ => Self::Unknown,
        }
    }

    /// The rating a base score maps to, when a feed gives only the score.
    pub fn from_score(score: f64, family: Family) -> Self {
        if !(0.0..=10.0).contains(&score) {
            return Self::Unknown;
        }
        match family {
            Family::V2 if score < 4.0 => Self::Low,
            Family::V2 if score < 7.0 => Self::Medium,
            Family::V2 => Self::High,
            _ if score == 0.0 => Self::None,
            _ if score < 4.0 => Self::Low,
            _ if score < 7.0 => Self::Medium,
            _ if score < 9.0 => Self::High,
            _ => Self::Critical,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
            Self::Unknown => "unknown",
        }
    }
}

/// Privileges required (v3, v4) or authentication (v2: none, single, multiple).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Privileges {
    None,
    Low,
    High,
    Single,
    Multiple,
    #[default]
    Unknown,
}

impl Privileges {
    /// v3/v4 `privilegesRequired`.
    pub fn parse_required(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "NONE" | "N" => Self::None,
            "LOW" | "L" => Self::Low,
            "HIGH" | "H" => Self::High,
            _ => Self::Unknown,
        }
    }

    /// v2 `authentication`.
    pub fn parse_authentication(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "NONE" | "N" => Self::None,
            "SINGLE" | "SINGLE_INSTANCE" | "S" => Self::Single,
            "MULTIPLE" | "MULTIPLE_INSTANCES" | "M" => Self::Multiple,
            _ => Self::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::High => "high",
            Self::Single => "single",
            Self::Multiple => "multiple",
            Self::Unknown => "unknown",
        }
    }
}

/// User interaction: v2's `userInteractionRequired` flag, v3's none/required,
/// v4's none/passive/active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Interaction {
    None,
    Required,
    Passive,
    Active,
    #[default]
    Unknown,
}

impl Interaction {
    pub fn parse(text: &str) -> Self {
        match text.to_ascii_uppercase().as_str() {
            "NONE" | "N" => Self::None,
            "REQUIRED" | "R" => Self::Required,
            "PASSIVE" | "P" => Self::Passive,
            "ACTIVE" | "A" => Self::Active,
            _ => Self::Unknown,
        }
    }

    pub fn from_flag(required: bool) -> Self {
        if required { Self::Required } else { Self::None }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Required => "required",
            Self::Passive => "passive",
            Self::Active => "active",
            Self::Unknown => "unknown",
        }
    }
}

/// A CVSS major version, as the feeds name their metric blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Family {
    V2,
    V3,
    V4,
}

impl Family {
    /// Whether a `cvssData.version` string belongs to this family.
    pub fn accepts_version(self, version: &str) -> bool {
        match self {
            Self::V2 => version == "2.0",
            Self::V3 => version == "3.0" || version == "3.1",
            Self::V4 => version == "4.0",
        }
    }
}

/// The facts of one CVSS assessment that pyward counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cvss {
    pub vector: Vector,
    pub complexity: Complexity,
    pub privileges: Privileges,
    pub interaction: Interaction,
    pub rating: Rating,
}

impl Cvss {
    pub fn has_unknown_facts(&self) -> bool {
        self.vector == Vector::Unknown
            || self.complexity == Complexity::Unknown
            || self.privileges == Privileges::Unknown
            || self.interaction == Interaction::Unknown
    }

    /// Fills the facts a feed left out from the vector string
    /// (`AV:N/AC:L/Au:N/...` or `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/...`).
    pub fn fill_from_vector(&mut self, vector: &str, family: Family) {
        for part in vector.split('/') {
            let Some((metric, value)) = part.split_once(':') else { continue };
            match metric {
                "AV" if self.vector == Vector::Unknown => self.vector = Vector::parse(value),
                "AC" if self.complexity == Complexity::Unknown => self.complexity = Complexity::parse(value),
                "Au" if self.privileges == Privileges::Unknown && family == Family::V2 => {
                    self.privileges = Privileges::parse_authentication(value)
                }
                "PR" if self.privileges == Privileges::Unknown && family != Family::V2 => {
                    self.privileges = Privileges::parse_required(value)
                }
                "UI" if self.interaction == Interaction::Unknown && family != Family::V2 => {
                    self.interaction = Interaction::parse(value)
                }
                _ => {}
            }
        }
    }
}

/// Which CVSS version the statistics use (`--cvss`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CvssChoice {
    V2,
    V3,
    V4,
    /// The newest version the CVE has: v4, else v3, else v2.
    #[default]
    Best,
}

impl CvssChoice {
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "v2" | "2" => Some(Self::V2),
            "v3" | "3" => Some(Self::V3),
            "v4" | "4" => Some(Self::V4),
            "best" => Some(Self::Best),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::V2 => "v2",
            Self::V3 => "v3",
            Self::V4 => "v4",
            Self::Best => "best",
        }
    }
}

/// The assessments one CVE carries, one per family at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Assessments {
    pub v2: Option<Cvss>,
    pub v3: Option<Cvss>,
    pub v4: Option<Cvss>,
}

impl Assessments {
    pub fn select(&self, choice: CvssChoice) -> Option<Cvss> {
        match choice {
            CvssChoice::V2 => self.v2,
            CvssChoice::V3 => self.v3,
            CvssChoice::V4 => self.v4,
            CvssChoice::Best => self.v4.or(self.v3).or(self.v2),
        }
    }

    pub fn slot(&mut self, family: Family) -> &mut Option<Cvss> {
        match family {
            Family::V2 => &mut self.v2,
            Family::V3 => &mut self.v3,
            Family::V4 => &mut self.v4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_strings_fill_missing_facts_only() {
        let mut cvss = Cvss { vector: Vector::Local, ..Cvss::default() };
        cvss.fill_from_vector("CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H", Family::V3);
        assert_eq!(cvss.vector, Vector::Local);
        assert_eq!(cvss.complexity, Complexity::High);
        assert_eq!(cvss.privileges, Privileges::Low);
        assert_eq!(cvss.interaction, Interaction::Required);
    }

    #[test]
    fn v2_vectors_read_authentication() {
        let mut cvss = Cvss::default();
        cvss.fill_from_vector("AV:A/AC:M/Au:S/C:P/I:P/A:P", Family::V2);
        assert_eq!(cvss.vector, Vector::Adjacent);
        assert_eq!(cvss.complexity, Complexity::Medium);
        assert_eq!(cvss.privileges, Privileges::Single);
        assert_eq!(cvss.interaction, Interaction::Unknown);
    }

    #[test]
    fn scores_map_to_ratings_per_family() {
        assert_eq!(Rating::from_score(9.5, Family::V2), Rating::High);
        assert_eq!(Rating::from_score(9.5, Family::V3), Rating::Critical);
        assert_eq!(Rating::from_score(0.0, Family::V4), Rating::None);
        assert_eq!(Rating::from_score(5.0, Family::V2), Rating::Medium);
        assert_eq!(Rating::from_score(11.0, Family::V3), Rating::Unknown);
    }

    #[test]
    fn best_prefers_the_newest_version() {
        let v2 = Cvss { vector: Vector::Network, ..Cvss::default() };
        let v3 = Cvss { vector: Vector::Local, ..Cvss::default() };
        let both = Assessments { v2: Some(v2), v3: Some(v3), v4: None };
        assert_eq!(both.select(CvssChoice::Best), Some(v3));
        assert_eq!(both.select(CvssChoice::V2), Some(v2));
        assert_eq!(both.select(CvssChoice::V4), None);
    }
}
