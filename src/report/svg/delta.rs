//! The delta chart, as speed-running timers draw splits: across, the planned time (sections
//! shaded and named); up, how far behind (+) or ahead (-) of the plan each run was at every
//! slide boundary; the grace as a band around zero; one line per run, the newest strongest.
//!
//! Draws [`Chart`] figures only; it computes nothing about the runs.

use plotters::prelude::*;
use plotters::series::DashedLineSeries;

use super::{FONT, INK, PLAN, SIZE, clock_label, draw_bands, fail, run_style, secs, x_span};
use crate::report::Chart;

/// The grace band's colour.
const GRACE: RGBColor = RGBColor(116, 196, 118);

/// Draws the delta chart of `chart` into `svg`.
pub fn draw(title: &str, chart: &Chart, svg: &mut String) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let x_max = x_span(chart);
    let grace = secs(chart.grace);
    let deltas = |line: &crate::report::PaceLine| -> Vec<(f64, f64)> {
        line.points
            .iter()
            .map(|&(planned, spoken)| (secs(planned), secs(spoken) - secs(planned)))
            .collect()
    };
    let (low, high) = chart
        .lines
        .iter()
        .flat_map(|l| deltas(l).into_iter().map(|p| p.1))
        .fold((-grace, grace), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let pad = ((high - low) * 0.08).max(1.0 / 60.0);
    let (y_min, y_max) = (low - pad, high + pad * 2.0);
    let mut plot = ChartBuilder::on(&root)
        .caption(title, (FONT, 24).into_font().color(&INK))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(0f64..x_max, y_min..y_max)
        .map_err(|e| fail(&e))?;
    plot.configure_mesh()
        .disable_mesh()
        .x_desc("planned time (where the talk should be)")
        .y_desc("behind (+) / ahead (-) of the plan")
        .x_label_formatter(&|v| clock_label(*v, false))
        .y_label_formatter(&|v| clock_label(*v, true))
        .x_labels(12)
        .y_labels(8)
        .axis_desc_style((FONT, 16).into_font().color(&INK))
        .label_style((FONT, 14).into_font().color(&INK))
        .draw()
        .map_err(|e| fail(&e))?;
    draw_bands(&mut plot, chart, x_max, (y_min, y_max)).map_err(|e| fail(&e))?;
    if grace > 0.0 {
        plot.draw_series(std::iter::once(Rectangle::new(
            [(0.0, -grace), (x_max, grace)],
            GRACE.mix(0.18).filled(),
        )))
        .map_err(|e| fail(&e))?
        .label(format!("on time: within ±{}", clock_label(grace, false)))
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], GRACE.mix(0.4).filled()));
    }
    plot.draw_series(DashedLineSeries::new(
        [(0.0, 0.0), (x_max, 0.0)],
        6,
        4,
        PLAN.stroke_width(2),
    ))
    .map_err(|e| fail(&e))?
    .label("on plan")
    .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], PLAN.stroke_width(2)));
    let n = chart.lines.iter().filter(|l| !l.summary).count();
    let mut runs = 0;
    for line in &chart.lines {
        let (color, width) = if line.summary {
            (RGBColor(20, 20, 20), 3)
        } else {
            runs += 1;
            run_style(runs, n)
        };
        let style = color.stroke_width(width);
        let points = deltas(line);
        let last = points.last().copied();
        plot.draw_series(LineSeries::new(points, style))
            .map_err(|e| fail(&e))?
            .label(&line.label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], style));
        if let Some(point) = last {
            plot.draw_series(std::iter::once(Circle::new(point, 4, color.filled())))
                .map_err(|e| fail(&e))?;
        }
    }
    plot.configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(PLAN)
        .label_font((FONT, 15).into_font().color(&INK))
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))
}
