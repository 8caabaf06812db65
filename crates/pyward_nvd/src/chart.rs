//! `--chart FILE.svg`: CVEs per year, stacked by the values of one dimension.
//! SVG only, with plotters' built-in text layout: no system fonts needed.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use crate::review::Table;

/// One stacked band: its legend label and its count per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub counts: Vec<(u16, u64)>,
}

const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The bands of a table: one per row (with its trend verdict) for a
/// dimension with trends, or a single band of all CVEs for a time dimension.
pub fn series_of(table: &Table) -> Vec<Series> {
    let with_trends = table.rows.iter().any(|r| r.trend.is_some());
    if with_trends {
        return table
            .rows
            .iter()
            .filter_map(|row| {
                let trend = row.trend.as_ref()?;
                let label = format!("{} ({})", row.value, trend.verdict.label());
                Some(Series { label, counts: trend.by_year.iter().map(|y| (y.year, y.count)).collect() })
            })
            .collect();
    }
    let mut per_year: std::collections::BTreeMap<u16, u64> = std::collections::BTreeMap::new();
    for row in &table.rows {
        if let Some(year) = row.value.get(0..4).and_then(|y| y.parse().ok()) {
            *per_year.entry(year).or_default() += row.count;
        }
    }
    vec![Series { label: "CVEs".to_string(), counts: per_year.into_iter().collect() }]
}

/// Draws the stacked bars as an SVG document.
pub fn render_svg(title: &str, series: &[Series]) -> Result<String, String> {
    let years: Vec<u16> = {
        let mut years: Vec<u16> = series.iter().flat_map(|s| s.counts.iter().map(|c| c.0)).collect();
        years.sort_unstable();
        years.dedup();
        years
    };
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Err("no CVE with a publication year to chart".to_string());
    };
    let totals: Vec<u64> = years
        .iter()
        .map(|year| series.iter().flat_map(|s| &s.counts).filter(|c| c.0 == *year).map(|c| c.1).sum())
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 560)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 22))
            .margin(18)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d((i32::from(first)..i32::from(last)).into_segmented(), 0u64..top + top / 8)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .label_style(("sans-serif", 15))
            .axis_desc_style(("sans-serif", 16))
            .x_labels(years.len().min(24))
            .x_desc("publication year")
            .y_desc("CVEs")
            .draw()
            .map_err(|e| e.to_string())?;
        let mut base: Vec<u64> = vec![0; years.len()];
        for (index, band) in series.iter().enumerate() {
            let colour = PALETTE[index % PALETTE.len()];
            let bars: Vec<Rectangle<(SegmentValue<i32>, u64)>> = years
                .iter()
                .enumerate()
                .map(|(slot, &year)| {
                    let count = band.counts.iter().find(|c| c.0 == year).map_or(0, |c| c.1);
                    let bottom = base[slot];
                    base[slot] = bottom.saturating_add(count);
                    let (left, right) =
                        (SegmentValue::Exact(i32::from(year)), SegmentValue::Exact(i32::from(year) + 1));
                    let mut bar = Rectangle::new([(left, bottom), (right, base[slot])], colour.filled());
                    bar.set_margin(0, 0, 3, 3);
                    bar
                })
                .collect();
            chart
                .draw_series(bars)
                .map_err(|e| e.to_string())?
                .label(band.label.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], colour.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(("sans-serif", 15))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_bars_and_legend_text() {
        let series = vec![
            Series { label: "network (falling)".into(), counts: vec![(2010, 8), (2011, 6), (2012, 4)] },
            Series { label: "local (rising)".into(), counts: vec![(2010, 2), (2011, 4), (2012, 6)] },
        ];
        let svg = render_svg("CVEs by vector", &series).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("network (falling)"));
        assert!(svg.contains("local (rising)"));
        assert!(svg.contains("\n2011\n"));
        assert!(svg.contains("CVEs by vector"));
        assert!(svg.matches("<rect").count() >= 6);
    }

    #[test]
    fn nothing_to_chart_is_an_error() {
        assert!(render_svg("empty", &[]).is_err());
    }
}
