//! Charts drawn on the server as SVG with plotters: bars for counts, columns for months, and a
//! line of an indicator's yearly values against its target. Each returns the `<svg>` element
//! (empty when drawing failed, which is logged) sized by its viewBox, so styles can scale it.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{SegmentValue, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Drawn = Result<(), Box<dyn std::error::Error>>;

const WIDTH: u32 = 440;
const INK: RGBColor = RGBColor(0x1f, 0x2a, 0x30);
const BAR: RGBColor = RGBColor(0x0b, 0x5d, 0x6b);
const GRID: RGBColor = RGBColor(0xdd, 0xe3, 0xe6);
const TARGET: RGBColor = RGBColor(0xb4, 0x4a, 0x0c);
const FONT: &str = "sans-serif";

/// Every chart's grid and labels: light lines across the values, none along, labels of `size`.
fn house_style<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    size: u32,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(GRID)
        .label_style((FONT, size).into_font().color(&INK))
}

/// Draws with `draw` on an SVG of `size`, and returns the `<svg>` element.
fn svg(size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> Drawn) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        if let Err(err) = draw(&root).and_then(|()| root.present().map_err(Into::into)) {
            tracing::error!("chart not drawn: {err}");
            return String::new();
        }
    }
    // The table beside each chart says the same to screen readers.
    out.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// Horizontal bars, one per row from top to bottom, each with its count at its end.
pub fn bars(rows: &[(String, u64)]) -> String {
    let n = rows.len().max(1) as i32;
    let label_chars = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(4) as u32;
    let label_width = (label_chars * 8 + 12).clamp(60, 240);
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let height = 30 * n as u32 + 44;
    svg((WIDTH, height), |root| {
        root.fill(&WHITE)?;
        let row = |i: usize| n - 1 - i as i32;
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(40)
            .x_label_area_size(24)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..max * 1.02, (0..n).into_segmented())?;
        house_style(&mut chart.configure_mesh(), 17)
            .disable_y_mesh()
            .y_labels(n as usize)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(y) => rows.get((n - 1 - y) as usize).map(|r| r.0.clone()).unwrap_or_default(),
                _ => String::new(),
            })
            .x_labels(5)
            .x_label_formatter(&|v| if v.fract() == 0.0 { format!("{v}") } else { String::new() })
            .draw()?;
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, count))| {
            let mut bar = Rectangle::new(
                [(0.0, SegmentValue::Exact(row(i))), (*count as f64, SegmentValue::Exact(row(i) + 1))],
                BAR.filled(),
            );
            bar.set_margin(5, 5, 0, 0);
            bar
        }))?;
        let style = (FONT, 17).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, count))| {
            EmptyElement::at((*count as f64, SegmentValue::CenterOf(row(i))))
                + Text::new(count.to_string(), (5, 0), style.clone())
        }))?;
        Ok(())
    })
}

/// Vertical columns, one per row from left to right (months, say), labelled underneath.
pub fn columns(rows: &[(String, u64)]) -> String {
    let n = rows.len().max(1) as i32;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let top = max + (max / 8).max(1);
    svg((WIDTH, 240), |root| {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(28)
            .y_label_area_size(44)
            .build_cartesian_2d((0..n).into_segmented(), 0u64..top)?;
        house_style(&mut chart.configure_mesh(), 16)
            .disable_x_mesh()
            .x_labels(n as usize)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(x) => rows.get(*x as usize).map(|r| r.0.clone()).unwrap_or_default(),
                _ => String::new(),
            })
            .y_labels(5)
            .draw()?;
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, count))| {
            let x = i as i32;
            let mut bar =
                Rectangle::new([(SegmentValue::Exact(x), 0), (SegmentValue::Exact(x + 1), *count)], BAR.filled());
            bar.set_margin(0, 0, 6, 6);
            bar
        }))?;
        Ok(())
    })
}

/// An indicator's values by year as a line with points, and its target as a line across.
pub fn trend(values: &[(i32, f64)], target: f64) -> String {
    let first = values.iter().map(|v| v.0).min().unwrap_or(2025);
    let last = values.iter().map(|v| v.0).max().unwrap_or(first);
    let high = values.iter().map(|v| v.1).fold(target, f64::max);
    let low = values.iter().map(|v| v.1).fold(0f64, f64::min);
    let span = (high - low).max(1.0);
    svg((320, 140), |root| {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(20)
            .y_label_area_size(36)
            .build_cartesian_2d(first - 1..last + 1, low..high + span * 0.15)?;
        house_style(&mut chart.configure_mesh(), 14)
            .disable_x_mesh()
            .x_labels(((last - first) as usize + 3).min(8))
            .x_label_formatter(&|y| if *y < first || *y > last { String::new() } else { y.to_string() })
            .y_labels(4)
            .y_label_formatter(&|v| super::targets::format_number(*v, crate::i18n::Lang::En))
            .draw()?;
        chart.draw_series(LineSeries::new([(first - 1, target), (last + 1, target)], TARGET.stroke_width(2)))?;
        chart.draw_series(LineSeries::new(values.iter().copied(), BAR.stroke_width(2)))?;
        chart.draw_series(values.iter().map(|&(year, value)| Circle::new((year, value), 4, BAR.filled())))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts an SVG shows.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>'))
            .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_string())
            .collect()
    }

    #[test]
    fn bars_draw_one_rectangle_and_label_per_row() {
        let svg = bars(&[("Thủy sản".into(), 12), ("Y sinh & vắc xin".into(), 3)]);
        assert!(svg.starts_with("<svg aria-hidden=\"true\""), "{svg}");
        let texts = texts(&svg);
        for label in ["Thủy sản", "Y sinh &amp; vắc xin", "12", "3"] {
            assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
        }
        // Background, plot area and two bars.
        let fills = svg.matches("<rect").count();
        assert!(fills >= 3, "{fills} rects in {svg}");
        assert!(!svg.contains("style="), "inline styles would be refused by the page's policy");
    }

    #[test]
    fn columns_label_each_month_and_trend_shows_the_target_line() {
        let svg = columns(&[("12/2025".into(), 0), ("01/2026".into(), 5)]);
        assert!(texts(&svg).contains(&"12/2025".to_string()) && texts(&svg).contains(&"01/2026".to_string()));
        let line = trend(&[(2024, 1.2), (2025, 1.6)], 2.0);
        assert!(line.contains("<polyline") || line.contains("<path"), "{line}");
        assert!(line.contains("2024") && line.contains("2025"));
    }

    #[test]
    fn empty_rows_still_draw_a_chart() {
        assert!(bars(&[]).starts_with("<svg"));
        assert!(columns(&[]).starts_with("<svg"));
        assert!(trend(&[], 3.0).starts_with("<svg"));
    }
}
