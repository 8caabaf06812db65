//! The direction of a share over the years: a least-squares slope and the
//! plain-words verdict the seed uses ("is decreasing", "is increasing").

use serde::Serialize;

/// Below this slope (in percentage points per year, either way) a share is
/// called flat. Half a point a year is five points over a decade: less than
/// that is within the year-to-year noise of NVD's categories.
pub const DEFAULT_FLAT_THRESHOLD: f64 = 0.5;

/// Fewer years than this give no verdict.
pub const MIN_YEARS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Rising,
    Falling,
    Flat,
    TooFewYears,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Rising => "rising",
            Self::Falling => "falling",
            Self::Flat => "flat",
            Self::TooFewYears => "too few years",
        }
    }

    pub fn judge(slope: f64, years: usize, flat_threshold: f64) -> Self {
        if years < MIN_YEARS {
            Self::TooFewYears
        } else if slope > flat_threshold {
            Self::Rising
        } else if slope < -flat_threshold {
            Self::Falling
        } else {
            Self::Flat
        }
    }
}

/// The least-squares slope of `y` over `x`; 0 when `x` does not vary.
pub fn slope(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let covariance: f64 = points.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let variance: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    if variance == 0.0 { 0.0 } else { covariance / variance }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_of_a_line_is_exact() {
        let points: Vec<(f64, f64)> = (0..5).map(|i| (2010.0 + i as f64, 40.0 - 2.0 * i as f64)).collect();
        assert!((slope(&points) + 2.0).abs() < 1e-9);
        assert_eq!(slope(&[(2010.0, 1.0)]), 0.0);
        assert_eq!(slope(&[(2010.0, 1.0), (2010.0, 5.0)]), 0.0);
    }

    #[test]
    fn verdicts_use_the_threshold_both_ways() {
        assert_eq!(Verdict::judge(0.6, 5, 0.5), Verdict::Rising);
        assert_eq!(Verdict::judge(-0.6, 5, 0.5), Verdict::Falling);
        assert_eq!(Verdict::judge(0.4, 5, 0.5), Verdict::Flat);
        assert_eq!(Verdict::judge(-0.5, 5, 0.5), Verdict::Flat);
        assert_eq!(Verdict::judge(9.0, 2, 0.5), Verdict::TooFewYears);
    }
}
