//! Tables, crossings and trends computed from the count cube.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::cvss::CvssChoice;
use crate::dimension::{Dimension, Value};
use crate::record::Cube;
use crate::trend::{self, Verdict};

/// What to compute.
#[derive(Debug, Clone)]
pub struct ReviewSpec {
    /// One dimension, two to cross, or none for the seed's whole review.
    pub dimensions: Vec<Dimension>,
    /// CWE rows beyond this many (by count) are folded into one; 0 keeps all.
    pub top: usize,
    pub flat_threshold: f64,
    pub cvss: CvssChoice,
}

/// A row's key: one value, or the values folded by `--top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKey {
    One(Value),
    Rest,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub cvss: CvssChoice,
    pub flat_threshold_pp_per_year: f64,
    pub total: u64,
    pub tables: Vec<Table>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crossing: Option<Crossing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub dimension: &'static str,
    pub title: &'static str,
    pub rows: Vec<Row>,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'static str>,
    pub count: u64,
    pub share: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub slope_pp_per_year: f64,
    pub verdict: Verdict,
    pub by_year: Vec<YearShare>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct YearShare {
    pub year: u16,
    pub count: u64,
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crossing {
    pub rows: &'static str,
    pub columns: &'static str,
    pub column_values: Vec<String>,
    pub cells: Vec<CrossingRow>,
    pub column_totals: Vec<u64>,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CrossingRow {
    pub value: String,
    pub counts: Vec<u64>,
    pub total: u64,
}

impl Review {
    pub fn build(cube: &Cube, spec: &ReviewSpec) -> Self {
        let total = cube.values().sum();
        let single: Vec<Dimension> = match spec.dimensions.as_slice() {
            [] => Dimension::REVIEW.to_vec(),
            [one] => vec![*one],
            many => many.iter().copied().filter(|d| !d.is_time()).collect(),
        };
        let tables = single.into_iter().map(|d| table(cube, d, spec)).collect();
        let crossing = match spec.dimensions.as_slice() {
            [rows, columns] => Some(crossing(cube, *rows, *columns, spec.top)),
            _ => None,
        };
        Self { cvss: spec.cvss, flat_threshold_pp_per_year: spec.flat_threshold, total, tables, crossing }
    }
}

fn share(count: u64, total: u64) -> f64 {
    if total == 0 { 0.0 } else { count as f64 / total as f64 }
}

/// The values kept as their own rows; the rest fold into [`RowKey::Rest`].
fn row_keys(cube: &Cube, dimension: Dimension, top: usize) -> impl Fn(Value) -> RowKey + use<> {
    let mut counts: HashMap<Value, u64> = HashMap::new();
    for (facts, count) in cube {
        *counts.entry(dimension.value(facts)).or_default() += count;
    }
    let folding = dimension == Dimension::Cwe && top > 0 && counts.len() > top;
    let mut ranked: Vec<(Value, u64)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: std::collections::HashSet<Value> =
        ranked.iter().take(if folding { top } else { usize::MAX }).map(|r| r.0).collect();
    move |value| if kept.contains(&value) { RowKey::One(value) } else { RowKey::Rest }
}

fn label(key: RowKey, folded: usize) -> (String, Option<&'static str>) {
    match key {
        RowKey::One(value) => (value.to_string(), value.description()),
        RowKey::Rest => (format!("({folded} others)"), None),
    }
}

/// Counts per year: of all CVEs, and of those whose value is known.
#[derive(Default)]
struct YearTotals {
    all: BTreeMap<u16, u64>,
    known: BTreeMap<u16, u64>,
}

pub fn table(cube: &Cube, dimension: Dimension, spec: &ReviewSpec) -> Table {
    let key_of = row_keys(cube, dimension, spec.top);
    let mut counts: BTreeMap<RowKey, u64> = BTreeMap::new();
    let mut by_year: BTreeMap<(RowKey, u16), u64> = BTreeMap::new();
    let mut year_totals = YearTotals::default();
    let mut folded_values = std::collections::HashSet::new();
    for (facts, &count) in cube {
        let value = dimension.value(facts);
        let key = key_of(value);
        if key == RowKey::Rest {
            folded_values.insert(value);
        }
        *counts.entry(key).or_default() += count;
        if let Some(year) = facts.year {
            *by_year.entry((key, year)).or_default() += count;
            *year_totals.all.entry(year).or_default() += count;
            if !value.is_unknown() {
                *year_totals.known.entry(year).or_default() += count;
            }
        }
    }
    let total: u64 = counts.values().sum();
    let mut keys: Vec<(RowKey, u64)> = counts.into_iter().collect();
    if dimension == Dimension::Cwe {
        keys.sort_by(|a, b| (a.0 == RowKey::Rest).cmp(&(b.0 == RowKey::Rest)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    }
    let rows = keys
        .into_iter()
        .map(|(key, count)| {
            let (value, name) = label(key, folded_values.len());
            let trend = (!dimension.is_time()).then(|| trend_of(key, &by_year, &year_totals, spec.flat_threshold));
            Row { value, name, count, share: share(count, total), trend }
        })
        .collect();
    Table { dimension: dimension.name(), title: dimension.title(), rows, total }
}

/// A known value's yearly share is taken among the CVEs whose value is known
/// that year, so that a CVSS version appearing or retiring does not read as a
/// trend; `unknown`'s share is taken among all CVEs of the year.
fn trend_of(
    key: RowKey,
    by_year: &BTreeMap<(RowKey, u16), u64>,
    year_totals: &YearTotals,
    flat_threshold: f64,
) -> Trend {
    let unknown = matches!(key, RowKey::One(value) if value.is_unknown());
    let totals = if unknown { &year_totals.all } else { &year_totals.known };
    let by_year: Vec<YearShare> = totals
        .iter()
        .filter(|(_, total)| **total > 0)
        .map(|(&year, &total)| {
            let count = by_year.get(&(key, year)).copied().unwrap_or(0);
            YearShare { year, count, share: share(count, total) }
        })
        .collect();
    let points: Vec<(f64, f64)> = by_year.iter().map(|y| (f64::from(y.year), y.share * 100.0)).collect();
    let slope = trend::slope(&points);
    Trend { slope_pp_per_year: slope, verdict: Verdict::judge(slope, points.len(), flat_threshold), by_year }
}

fn crossing(cube: &Cube, rows: Dimension, columns: Dimension, top: usize) -> Crossing {
    let (row_key, column_key) = (row_keys(cube, rows, top), row_keys(cube, columns, top));
    let mut cells: BTreeMap<(RowKey, RowKey), u64> = BTreeMap::new();
    let (mut folded_rows, mut folded_columns) = (std::collections::HashSet::new(), std::collections::HashSet::new());
    for (facts, &count) in cube {
        let (r, c) = (rows.value(facts), columns.value(facts));
        let key = (row_key(r), column_key(c));
        if key.0 == RowKey::Rest {
            folded_rows.insert(r);
        }
        if key.1 == RowKey::Rest {
            folded_columns.insert(c);
        }
        *cells.entry(key).or_default() += count;
    }
    let mut column_keys: Vec<RowKey> = cells.keys().map(|k| k.1).collect();
    column_keys.sort();
    column_keys.dedup();
    let mut row_keys_seen: Vec<RowKey> = cells.keys().map(|k| k.0).collect();
    row_keys_seen.dedup();
    let cells_out: Vec<CrossingRow> = row_keys_seen
        .iter()
        .map(|&r| {
            let counts: Vec<u64> = column_keys.iter().map(|&c| cells.get(&(r, c)).copied().unwrap_or(0)).collect();
            CrossingRow { value: label(r, folded_rows.len()).0, total: counts.iter().sum(), counts }
        })
        .collect();
    let column_totals: Vec<u64> = (0..column_keys.len()).map(|i| cells_out.iter().map(|r| r.counts[i]).sum()).collect();
    Crossing {
        rows: rows.name(),
        columns: columns.name(),
        column_values: column_keys.iter().map(|&c| label(c, folded_columns.len()).0).collect(),
        total: column_totals.iter().sum(),
        cells: cells_out,
        column_totals,
    }
}
