//! Text and CSV renderings of a review (JSON is its serde form).

pub mod csv;
pub mod text;

/// How the cells of a crossing are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cells {
    #[default]
    Counts,
    /// Each cell as a share of its row (`--percent`).
    RowShares,
}

impl Cells {
    pub(crate) fn show(self, count: u64, row_total: u64, as_text: bool) -> String {
        let share = if row_total == 0 { 0.0 } else { count as f64 / row_total as f64 };
        match (self, as_text) {
            (Self::Counts, true) => thousands(count),
            (Self::Counts, false) => count.to_string(),
            (Self::RowShares, true) => percent(share),
            (Self::RowShares, false) => format!("{share:.6}"),
        }
    }
}

/// Lays out rows under headers, columns padded; `numeric` columns align right.
pub(crate) fn aligned(headers: &[&str], rows: &[Vec<String>], numeric: &[bool], indent: &str) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                if numeric.get(i).copied().unwrap_or(false) {
                    format!("{cell:>width$}")
                } else {
                    format!("{cell:<width$}")
                }
            })
            .collect();
        format!("{indent}{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(headers.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// 1234567 → `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn columns_align() {
        let rows = vec![vec!["a".to_string(), "1".to_string()], vec!["long".to_string(), "100".to_string()]];
        let text = aligned(&["name", "n"], &rows, &[false, true], "");
        assert_eq!(text, "name    n\na       1\nlong  100\n");
    }
}
