//! The sections chart: per section of the talk, in order, how far over (up) or under (down)
//! its budget the median run went, as a bar, with a line from the most under to the most over
//! run shown; the grace as a band around zero.
//!
//! Draws [`Chart`] figures only; it computes nothing about the runs.

use jiff::SignedDuration;
use plotters::prelude::*;
use plotters::series::DashedLineSeries;

use super::{FONT, INK, OVER, PLAN, SIZE, clock_label, fail, fit_chars};
use crate::report::Chart;

/// A section under its budget.
const UNDER: RGBColor = RGBColor(33, 113, 181);
const GRACE: RGBColor = RGBColor(116, 196, 118);

fn minutes(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 60.0
}

/// Draws the sections chart of `chart` into `svg`.
pub fn draw(title: &str, chart: &Chart, svg: &mut String) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let n = chart.deltas.len().max(1);
    let grace = chart.grace.as_secs_f64() / 60.0;
    let (low, high) = chart
        .deltas
        .iter()
        .flat_map(|d| [minutes(d.low), minutes(d.high)])
        .fold(
            (-grace.max(1.0 / 60.0), grace.max(1.0 / 60.0)),
            |(lo, hi), y| (lo.min(y), hi.max(y)),
        );
    let pad = (high - low) * 0.08;
    let (y_min, y_max) = (low - pad * 3.0, high + pad);
    let runs = chart.deltas.iter().map(|d| d.runs).max().unwrap_or(0);
    let caption = format!(
        "{title}: sections over (+) and under (-) budget, {runs} run{}",
        if runs == 1 { "" } else { "s" }
    );
    let mut plot = ChartBuilder::on(&root)
        .caption(caption, (FONT, 22).into_font().color(&INK))
        .margin(16)
        .x_label_area_size(8)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, y_min..y_max)
        .map_err(|e| fail(&e))?;
    plot.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_desc("median over (+) / under (-) its budget")
        .y_label_formatter(&|v| clock_label(*v, true))
        .y_labels(8)
        .axis_desc_style((FONT, 16).into_font().color(&INK))
        .label_style((FONT, 14).into_font().color(&INK))
        .draw()
        .map_err(|e| fail(&e))?;
    if grace > 0.0 {
        plot.draw_series(std::iter::once(Rectangle::new(
            [(-0.5, -grace), (n as f64 - 0.5, grace)],
            GRACE.mix(0.18).filled(),
        )))
        .map_err(|e| fail(&e))?;
    }
    plot.draw_series(DashedLineSeries::new(
        [(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
        6,
        4,
        PLAN.stroke_width(2),
    ))
    .map_err(|e| fail(&e))?;
    // Room for a title: the column's width in pixels at about 8 pixels a character.
    let title_chars = ((f64::from(SIZE.0) - 110.0) / n as f64 / 8.0) as usize;
    for (i, d) in chart.deltas.iter().enumerate() {
        let x = i as f64;
        let median = minutes(d.median);
        let color = if d.median.is_positive() { OVER } else { UNDER };
        plot.draw_series(std::iter::once(Rectangle::new(
            [(x - 0.3, 0.0), (x + 0.3, median)],
            color.mix(0.75).filled(),
        )))
        .map_err(|e| fail(&e))?;
        plot.draw_series(std::iter::once(PathElement::new(
            [(x, minutes(d.low)), (x, minutes(d.high))],
            INK.stroke_width(2),
        )))
        .map_err(|e| fail(&e))?;
        for y in [minutes(d.low), minutes(d.high)] {
            plot.draw_series(std::iter::once(PathElement::new(
                [(x - 0.08, y), (x + 0.08, y)],
                INK.stroke_width(2),
            )))
            .map_err(|e| fail(&e))?;
        }
        let sign = if d.median.is_positive() { "▲ " } else { "" };
        plot.draw_series(std::iter::once(Text::new(
            fit_chars(&format!("{sign}{}", d.title), title_chars),
            (x - 0.45, y_min + (y_max - y_min) * 0.07),
            (FONT, 14).into_font().color(&INK),
        )))
        .map_err(|e| fail(&e))?;
        plot.draw_series(std::iter::once(Text::new(
            clock_label(median, true),
            (x - 0.2, y_min + (y_max - y_min) * 0.02),
            (FONT, 13).into_font().color(&color),
        )))
        .map_err(|e| fail(&e))?;
    }
    root.present().map_err(|e| fail(&e))
}
