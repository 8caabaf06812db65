//! The aligned text report.

use std::fmt::Write;

use super::{Cells, aligned, percent, thousands};
use crate::collect::FileStats;
use crate::review::{Crossing, Review, Row, Table};

pub fn render(files: &[FileStats], review: &Review, cells: Cells) -> String {
    let mut out = String::new();
    let counted: u64 = files.iter().map(|f| f.counted).sum();
    let _ = writeln!(
        out,
        "NVD review: {} CVEs counted (CVSS {}) from {}\n",
        thousands(counted),
        review.cvss.label(),
        plural(files.len(), "file")
    );
    out.push_str(&files_table(files));
    for table in &review.tables {
        out.push('\n');
        out.push_str(&table_text(table));
    }
    if let Some(crossing) = &review.crossing {
        out.push('\n');
        out.push_str(&crossing_text(crossing, cells));
    }
    if review.tables.iter().any(|t| t.rows.iter().any(|r| r.trend.is_some())) {
        let _ = writeln!(
            out,
            "\nTrend: least-squares slope of the yearly share, in percentage points per year; \
             flat within ±{} pp/year.",
            review.flat_threshold_pp_per_year
        );
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn files_table(files: &[FileStats]) -> String {
    let headers = ["file", "format", "records", "counted", "rejected", "filtered", "malformed", "no metrics", "read"];
    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            vec![
                f.path.clone(),
                f.format.map_or("?", |x| x.label()).to_string() + if f.compressed { " (gz)" } else { "" },
                thousands(f.records),
                thousands(f.counted),
                thousands(f.rejected),
                thousands(f.filtered_out),
                thousands(f.malformed),
                thousands(f.missing_metrics),
                if f.complete { "all" } else { "partly" }.to_string(),
            ]
        })
        .collect();
    aligned(&headers, &rows, &[false, false, true, true, true, true, true, true, false], "  ")
}

fn table_text(table: &Table) -> String {
    let mut out = format!("By {} ({} CVEs)\n", table.title, thousands(table.total));
    let with_trend = table.rows.iter().any(|r| r.trend.is_some());
    let with_names = table.rows.iter().any(|r| r.name.is_some());
    let mut headers = vec![table.dimension, "count", "share"];
    if with_names {
        headers.insert(1, "name");
    }
    if with_trend {
        headers.extend(["first year", "last year", "slope", "trend"]);
    }
    let mut rows: Vec<Vec<String>> = table.rows.iter().map(|row| row_cells(row, with_names, with_trend)).collect();
    let mut total = vec!["total".to_string(), thousands(table.total), percent(if table.total > 0 { 1.0 } else { 0.0 })];
    if with_names {
        total.insert(1, String::new());
    }
    rows.push(total);
    let mut numeric = vec![false, true, true, true, true, true, false];
    if with_names {
        numeric.insert(1, false);
    }
    out.push_str(&aligned(&headers, &rows, &numeric, "  "));
    out
}

fn row_cells(row: &Row, with_names: bool, with_trend: bool) -> Vec<String> {
    let mut cells = vec![row.value.clone(), thousands(row.count), percent(row.share)];
    if with_names {
        cells.insert(1, row.name.unwrap_or("").to_string());
    }
    if let (true, Some(trend)) = (with_trend, &row.trend) {
        let edge = |y: Option<&crate::review::YearShare>| {
            y.map_or(String::new(), |y| format!("{} {}", y.year, percent(y.share)))
        };
        cells.push(edge(trend.by_year.first()));
        cells.push(edge(trend.by_year.last()));
        cells.push(format!("{:+.2}", trend.slope_pp_per_year));
        cells.push(trend.verdict.label().to_string());
    }
    cells
}

fn crossing_text(crossing: &Crossing, cells: Cells) -> String {
    let mut out = format!("{} × {} ({} CVEs)\n", crossing.rows, crossing.columns, thousands(crossing.total));
    let corner = format!("{} \\ {}", crossing.rows, crossing.columns);
    let mut headers: Vec<&str> = vec![corner.as_str()];
    headers.extend(crossing.column_values.iter().map(String::as_str));
    headers.push("total");
    let mut rows: Vec<Vec<String>> = crossing
        .cells
        .iter()
        .map(|row| {
            let mut line = vec![row.value.clone()];
            line.extend(row.counts.iter().map(|c| cells.show(*c, row.total, true)));
            line.push(thousands(row.total));
            line
        })
        .collect();
    let mut totals = vec!["total".to_string()];
    totals.extend(crossing.column_totals.iter().map(|c| cells.show(*c, crossing.total, true)));
    totals.push(thousands(crossing.total));
    rows.push(totals);
    let numeric: Vec<bool> = (0..headers.len()).map(|i| i > 0).collect();
    out.push_str(&aligned(&headers, &rows, &numeric, "  "));
    out
}
