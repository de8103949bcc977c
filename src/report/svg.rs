//! The pace chart as SVG, drawn with plotters: time spoken so far (up) at each point of the
//! plan (across), against the plan's diagonal; sections as shaded bands with their titles, the
//! ones over budget tinted and marked `▲`; one line per run, the newest strongest.
//!
//! Above the diagonal is behind plan, below it ahead. Text is left to the SVG viewer's fonts.
//! The other charts (`--chart delta|sections`) are in `svg/`; they share the colours, the
//! bands and the run styles here.

mod delta;
mod sections;

use std::io::{self, Write};
use std::time::Duration;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::series::DashedLineSeries;

use super::{Chart, Report};
use crate::timefmt::clock;

/// The image size in pixels.
pub const SIZE: (u32, u32) = (960, 540);

const FONT: &str = "sans-serif";
const OVER: RGBColor = RGBColor(214, 39, 40);
const INK: RGBColor = RGBColor(60, 60, 60);
const PLAN: RGBColor = RGBColor(120, 120, 120);
/// Run colours, the newest run last.
const RUNS: [RGBColor; 8] = [
    RGBColor(158, 202, 225),
    RGBColor(107, 174, 214),
    RGBColor(66, 146, 198),
    RGBColor(33, 113, 181),
    RGBColor(8, 81, 156),
    RGBColor(116, 196, 118),
    RGBColor(35, 139, 69),
    RGBColor(230, 85, 13),
];

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Time spoken against the plan's diagonal.
    #[default]
    Pace,
    /// Ahead or behind the plan at every slide boundary, the grace as a band.
    Delta,
    /// Per section, the median over or under its budget, and the range of the runs.
    Sections,
}

/// Writes the report's pace chart as an SVG document.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    write_chart(report, Kind::Pace, out)
}

/// Writes one of the report's charts as an SVG document.
pub fn write_chart(report: &Report, kind: Kind, out: &mut impl Write) -> io::Result<()> {
    out.write_all(chart_svg(report, kind)?.as_bytes())
}

/// One of the report's charts as SVG text (also inlined in the HTML page).
pub fn chart_svg(report: &Report, kind: Kind) -> io::Result<String> {
    let mut svg = String::new();
    let (title, chart) = (&report.talk.title, &report.chart);
    match kind {
        Kind::Pace => draw(title, chart, &mut svg),
        Kind::Delta => delta::draw(title, chart, &mut svg),
        Kind::Sections => sections::draw(title, chart, &mut svg),
    }
    .map_err(io::Error::other)?;
    Ok(svg)
}

/// The error every chart reports when plotters cannot draw.
fn fail(e: &dyn std::fmt::Display) -> String {
    format!("cannot draw the chart: {e}")
}

/// A run line's colour and width: the newest (`k == n`, counted from 1) strongest.
fn run_style(k: usize, n: usize) -> (RGBColor, u32) {
    (
        RUNS[RUNS.len() - (n + 1 - k).min(RUNS.len())],
        if k == n { 3 } else { 2 },
    )
}

/// Clock labels for plot units (minutes), signed when `signed`.
fn clock_label(v: f64, signed: bool) -> String {
    let d = Duration::from_secs_f64(v.abs() * 60.0);
    match (signed, v < 0.0) {
        (false, _) => clock(d),
        (true, true) => format!("-{}", clock(d)),
        (true, false) => format!("+{}", clock(d)),
    }
}

/// How far across a chart reaches: the budget, or further where a run's line does (a run
/// drawn against its own plan, longer than the one the bands are of).
fn x_span(chart: &Chart) -> f64 {
    chart
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| secs(p.0)))
        .fold(secs(chart.budget).max(1.0 / 60.0), f64::max)
}

/// Plot units are minutes, so that plotters' round tick values are round clock times.
fn secs(d: Duration) -> f64 {
    d.as_secs_f64() / 60.0
}

fn draw(title: &str, chart: &Chart, svg: &mut String) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let budget = secs(chart.budget).max(1.0 / 60.0);
    let highest = chart
        .lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| secs(p.1)))
        .fold(budget, f64::max);
    let (x_max, y_max) = (x_span(chart), highest * 1.05);
    let mut plot = ChartBuilder::on(&root)
        .caption(title, (FONT, 24).into_font().color(&INK))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(0f64..x_max, 0f64..y_max)
        .map_err(|e| fail(&e))?;
    let label = |v: &f64| clock(Duration::from_secs_f64(v.max(0.0) * 60.0));
    plot.configure_mesh()
        .disable_mesh()
        .x_desc("planned time (where the talk should be)")
        .y_desc("time spoken")
        .x_label_formatter(&label)
        .y_label_formatter(&label)
        .x_labels(12)
        .y_labels(8)
        .axis_desc_style((FONT, 16).into_font().color(&INK))
        .label_style((FONT, 14).into_font().color(&INK))
        .draw()
        .map_err(|e| fail(&e))?;
    draw_bands(&mut plot, chart, x_max, (0.0, y_max)).map_err(|e| fail(&e))?;
    plot.draw_series(DashedLineSeries::new(
        [(0.0, 0.0), (budget, budget)],
        6,
        4,
        PLAN.stroke_width(2),
    ))
    .map_err(|e| fail(&e))?
    .label(format!("plan ({})", clock(chart.budget)))
    .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], PLAN.stroke_width(2)));
    // The newest run gets the last (strongest) colour, the median line black.
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
        let points = line.points.iter().map(|&(x, y)| (secs(x), secs(y)));
        let last = line.points.last().map(|&(x, y)| (secs(x), secs(y)));
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
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(PLAN)
        .label_font((FONT, 15).into_font().color(&INK))
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
type DrawResult =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>>;

/// The sections: alternate shading, over budget tinted red, titles along the top.
fn draw_bands(
    plot: &mut Plot<'_, '_>,
    chart: &Chart,
    x_max: f64,
    (y_min, y_max): (f64, f64),
) -> DrawResult {
    for (i, band) in chart.sections.iter().enumerate() {
        let (x0, x1) = (secs(band.start), secs(band.end));
        let fill = if band.over {
            OVER.mix(0.10)
        } else if i % 2 == 0 {
            RGBColor(120, 120, 120).mix(0.08)
        } else {
            WHITE.mix(0.0)
        };
        plot.draw_series(std::iter::once(Rectangle::new(
            [(x0, y_min), (x1, y_max)],
            fill.filled(),
        )))?;
        if i > 0 {
            plot.draw_series(LineSeries::new([(x0, y_min), (x0, y_max)], PLAN.mix(0.4)))?;
        }
        let name = match (band.over, band.skip) {
            (true, _) => format!("▲ {}", band.title),
            (false, Some(skip)) => format!("{skip} {}", band.title),
            (false, None) => band.title.clone(),
        };
        // Room for the title: the band's width in pixels at about 8 pixels a character.
        let pixels = (x1 - x0) / x_max * f64::from(SIZE.0 - 100);
        let text = fit_chars(&name, (pixels / 8.0) as usize);
        let color = if band.over { OVER } else { INK };
        plot.draw_series(std::iter::once(Text::new(
            text,
            (x0 + x_max * 0.004, y_max - (y_max - y_min) * 0.015),
            (FONT, 14).into_font().color(&color),
        )))?;
    }
    Ok(())
}

/// `text` cut to `chars` characters with an ellipsis (empty when there is no room at all).
fn fit_chars(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else if chars < 2 {
        String::new()
    } else {
        let mut cut: String = text.chars().take(chars - 1).collect();
        cut.push('…');
        cut
    }
}
