//! CSV: a crossing as a wide table; otherwise one line per dimension value.

use super::Cells;
use crate::review::{Crossing, Review};

pub fn render(review: &Review, cells: Cells) -> String {
    match &review.crossing {
        Some(crossing) => crossing_csv(crossing, cells),
        None => tables_csv(review),
    }
}

fn tables_csv(review: &Review) -> String {
    let mut out = String::from("dimension,value,name,count,share,slope_pp_per_year,trend\n");
    for table in &review.tables {
        for row in &table.rows {
            let (slope, verdict) = row
                .trend
                .as_ref()
                .map_or((String::new(), ""), |t| (format!("{:.4}", t.slope_pp_per_year), t.verdict.label()));
            let fields = [
                field(table.dimension),
                field(&row.value),
                field(row.name.unwrap_or("")),
                row.count.to_string(),
                format!("{:.6}", row.share),
                slope,
                field(verdict),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    out
}

fn crossing_csv(crossing: &Crossing, cells: Cells) -> String {
    let mut header = vec![field(crossing.rows)];
    header.extend(crossing.column_values.iter().map(|v| field(&format!("{}={v}", crossing.columns))));
    header.push("total".to_string());
    let mut out = header.join(",") + "\n";
    for row in &crossing.cells {
        let mut fields = vec![field(&row.value)];
        fields.extend(row.counts.iter().map(|c| cells.show(*c, row.total, false)));
        fields.push(row.total.to_string());
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_with_commas_are_quoted() {
        assert_eq!(field("Permissions, Privileges"), "\"Permissions, Privileges\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
    }
}
