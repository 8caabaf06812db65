//! The CVSS fields both layouts share (`cvssData`, `cvssV2`, `cvssV3`).

use serde::Deserialize;

use crate::cvss::{Complexity, Cvss, Family, Interaction, Privileges, Rating, Vector};
use crate::text::Text;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(super) struct CvssData<'a> {
    #[serde(borrow)]
    version: Option<Text<'a>>,
    #[serde(borrow)]
    vector_string: Option<Text<'a>>,
    #[serde(borrow)]
    access_vector: Option<Text<'a>>,
    #[serde(borrow)]
    attack_vector: Option<Text<'a>>,
    #[serde(borrow)]
    access_complexity: Option<Text<'a>>,
    #[serde(borrow)]
    attack_complexity: Option<Text<'a>>,
    #[serde(borrow)]
    authentication: Option<Text<'a>>,
    #[serde(borrow)]
    privileges_required: Option<Text<'a>>,
    #[serde(borrow)]
    user_interaction: Option<Text<'a>>,
    #[serde(borrow)]
    base_severity: Option<Text<'a>>,
    base_score: Option<f64>,
}

/// What lives beside the CVSS data in a v2 block rather than inside it.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct V2Extras<'s> {
    pub severity: Option<&'s str>,
    pub user_interaction_required: Option<bool>,
}

fn either<'s>(first: &'s Option<Text<'_>>, second: &'s Option<Text<'_>>) -> Option<&'s str> {
    first.as_ref().or(second.as_ref()).map(Text::as_str)
}

impl CvssData<'_> {
    /// The facts of this assessment, or `None` when its declared version is
    /// not of `family` (an unknown version: the caller counts it).
    pub(super) fn assess(&self, family: Family, extras: V2Extras<'_>) -> Option<Cvss> {
        if let Some(version) = &self.version
            && !family.accepts_version(version.as_str())
        {
            return None;
        }
        let mut cvss = Cvss {
            vector: either(&self.access_vector, &self.attack_vector).map_or(Vector::Unknown, Vector::parse),
            complexity: either(&self.access_complexity, &self.attack_complexity)
                .map_or(Complexity::Unknown, Complexity::parse),
            privileges: match family {
                Family::V2 => self.authentication.as_ref().map(|t| Privileges::parse_authentication(t.as_str())),
                _ => self.privileges_required.as_ref().map(|t| Privileges::parse_required(t.as_str())),
            }
            .unwrap_or_default(),
            interaction: match family {
                Family::V2 => extras.user_interaction_required.map(Interaction::from_flag),
                _ => self.user_interaction.as_ref().map(|t| Interaction::parse(t.as_str())),
            }
            .unwrap_or_default(),
            rating: self
                .base_severity
                .as_ref()
                .map(|t| t.as_str())
                .or(extras.severity)
                .map_or(Rating::Unknown, Rating::parse),
        };
        if cvss.rating == Rating::Unknown {
            cvss.rating = self.base_score.map_or(Rating::Unknown, |score| Rating::from_score(score, family));
        }
        if let Some(vector) = self.vector_string.as_ref().filter(|_| cvss.has_unknown_facts()) {
            cvss.fill_from_vector(vector.as_str(), family);
        }
        Some(cvss)
    }
}
