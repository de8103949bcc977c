//! The charts' figures: per run, the time spoken so far at the planned end of every slide,
//! against the plan's diagonal (the pace chart; the delta chart draws the same points as
//! ahead/behind); the sections as bands, the ones over budget marked; and per section, how far
//! over or under its budget the runs shown went (the sections chart). Figures only: drawing is
//! `report::svg`'s.
//!
//! The planned times are those of the plan a run's figures are read against: its own recorded
//! plan ([`rehearsed_pace`]), or today's with `--against current` ([`pace`]), so that the axis
//! and the numbers never come from two plans.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use jiff::SignedDuration;

use super::Status;
use super::figures::{Cell, RunFigures};
use super::layout::{Layout, RowCell};
use crate::plan::Plan;

/// Most runs drawn one by one; with more, the newest of them and the median line.
pub const LINES: usize = 8;

/// What the SVG pace chart draws.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub budget: Duration,
    /// The talk's grace: a finish within budget ± grace is on time.
    pub grace: Duration,
    pub sections: Vec<Band>,
    /// Oldest first; the last is the newest run (or B, or the median).
    pub lines: Vec<PaceLine>,
    /// Per section of the current talk that the runs shown spoke whole, in talk order.
    pub deltas: Vec<SectionDelta>,
}

/// How far over (positive) or under its budget a section went across the runs shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDelta {
    pub title: String,
    /// The median run's delta.
    pub median: SignedDuration,
    /// The most under and the most over.
    pub low: SignedDuration,
    pub high: SignedDuration,
    /// How many runs the figures are over.
    pub runs: usize,
}

impl SectionDelta {
    /// The section's deltas over `budget` from these times, as the tables show them (whole
    /// seconds, then subtracted: the chart's labels read as the rows do); `None` without a
    /// time.
    pub fn of(title: &str, budget: Duration, times: &[Duration]) -> Option<Self> {
        let deltas: Vec<SignedDuration> = times
            .iter()
            .map(|&t| super::shown_change(budget, t))
            .collect();
        Self::of_deltas(title, &deltas)
    }

    /// The section's figures from each run's delta (each against its own budget); `None`
    /// without one.
    pub fn of_deltas(title: &str, deltas: &[SignedDuration]) -> Option<Self> {
        Some(Self {
            title: title.to_owned(),
            median: crate::stats::median_signed(deltas)?,
            low: *deltas.iter().min()?,
            high: *deltas.iter().max()?,
            runs: deltas.len(),
        })
    }
}

/// A section of the current talk across the planned time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub title: String,
    pub start: Duration,
    pub end: Duration,
    /// Over its budget (in the run; across runs, by the median): tinted.
    pub over: bool,
    /// The symbol before its title, the one its row in the tables has: `◆` a bit over, `▲`
    /// over, and for one run `»` skipped whole or `◐` in part.
    pub mark: Option<&'static str>,
}

/// One run's pace: (planned time, time spoken) at the start of its first slide and at the
/// planned end of every slide up to where it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaceLine {
    pub label: String,
    pub points: Vec<(Duration, Duration)>,
    /// A summary line (the median), drawn apart from the runs.
    pub summary: bool,
}

/// The symbol a band of a section with this status is marked with (as its table row is).
pub fn band_mark(status: Status) -> Option<&'static str> {
    match status {
        Status::Amber => Some(crate::symbols::AMBER),
        Status::Over => Some(crate::symbols::OVER),
        Status::Skipped => Some(crate::symbols::SKIPPED),
        Status::PartlySkipped => Some(crate::symbols::PARTLY_SKIPPED),
        _ => None,
    }
}

/// The bands of the current talk's sections, each tinted when `over` and with the symbol
/// `mark` gives it.
pub fn marked_bands(
    layout: &Layout,
    over: impl Fn(usize) -> bool,
    mark: impl Fn(usize) -> Option<&'static str>,
) -> Vec<Band> {
    layout
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let (start, budget) = s.start.zip(s.budget)?;
            Some(Band {
                title: s.title.clone(),
                start,
                end: start + budget,
                over: over(i),
                mark: mark(i),
            })
        })
        .collect()
}

/// A run's pace line from its cells, laid out as the current talk (`--against current`): a
/// slide the run never had (new) adds planned time and no spoken time; a removed slide adds
/// spoken time at the same planned time.
pub fn pace(layout: &Layout, cells: &[RowCell], label: String) -> PaceLine {
    line(
        layout
            .order()
            .map(|row| (layout.slides[row].budget.unwrap_or_default(), cells[row])),
        label,
    )
}

/// A run's pace line against the plan it was rehearsed with: its own slides, in its order, at
/// its budgets, so the line's planned times are the ones its deltas are read against.
pub fn rehearsed_pace(run: &RunFigures, label: String) -> PaceLine {
    line(
        run.plan
            .slides
            .iter()
            .zip(&run.cells)
            .map(|(slide, &cell)| (slide.budget, RowCell::Had(cell))),
        label,
    )
}

/// [`rehearsed_pace`] of a run drawn over the bands of another plan, `bands` (of the whole
/// talk unless `bands_scoped`): a run of one section starts where that section starts there,
/// on plan.
pub fn rehearsed_pace_over(
    run: &RunFigures,
    bands: &Plan,
    bands_scoped: bool,
    label: String,
) -> PaceLine {
    let mut line = rehearsed_pace(run, label);
    let start = run
        .scope
        .as_ref()
        .filter(|_| !bands_scoped)
        .and_then(|title| bands.sections.iter().find(|s| s.title == *title))
        .map_or(Duration::ZERO, |s| s.start);
    // On plan before it, as a run from a later slide is.
    for point in &mut line.points {
        point.0 += start;
        point.1 += start;
    }
    line
}

/// A pace line from (planned budget, cell) per slide, in the order drawn: the line starts at
/// the run's first slide (on plan before it) and ends where the run stopped. A run in progress
/// is drawn up to where its current slide began (no flat tail across a slide still running),
/// unless it went back to that slide: then the slides it spoke after it are drawn too, the
/// current one at its time so far.
fn line(steps: impl Iterator<Item = (Duration, RowCell)>, label: String) -> PaceLine {
    let mut points = Vec::new();
    let (mut planned, mut spoken) = (Duration::ZERO, Duration::ZERO);
    // Where the line ends if nothing after the current slide was spoken.
    let mut live_at: Option<usize> = None;
    for (budget, cell) in steps {
        let time = match cell {
            RowCell::Had(Cell::NotReached) if points.is_empty() => {
                // Before the run's first slide: counted on plan, not drawn.
                planned += budget;
                spoken += budget;
                continue;
            }
            RowCell::Had(Cell::NotReached) => break,
            RowCell::Had(Cell::Live(d)) => {
                live_at = Some(points.len());
                d
            }
            RowCell::Had(Cell::Spoken(d) | Cell::Stopped(d)) => {
                live_at = None;
                d
            }
            RowCell::Had(Cell::Skipped) | RowCell::New | RowCell::Absent => Duration::ZERO,
        };
        if points.is_empty() {
            points.push((planned, spoken));
        }
        planned += budget;
        spoken += time;
        points.push((planned, spoken));
    }
    if let Some(end) = live_at {
        points.truncate(end);
    }
    PaceLine {
        label,
        points,
        summary: false,
    }
}

/// The bands of a run's own plan (the one its figures are read against), each section marked
/// by its title: `over` and `mark` as for [`marked_bands`].
pub fn plan_bands(
    plan: &Plan,
    rows: &[&str],
    over: impl Fn(usize) -> bool,
    mark: impl Fn(usize) -> Option<&'static str>,
) -> Vec<Band> {
    // The k-th section of a title is the k-th row of that title: two sections may share one
    // ("Demo" twice), and the first row of it must not judge both. Linear in the sections.
    let mut of_title: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (row, title) in rows.iter().enumerate() {
        of_title.entry(title).or_default().push_back(row);
    }
    plan.sections
        .iter()
        .map(|s| {
            let row = of_title
                .get_mut(s.title.as_str())
                .and_then(VecDeque::pop_front);
            Band {
                title: s.title.clone(),
                start: s.start,
                end: s.start + s.budget,
                over: row.is_some_and(&over),
                mark: row.and_then(&mark),
            }
        })
        .collect()
}

/// The line of per-slide medians, summed: the typical run.
pub fn median_line(layout: &Layout, medians: &[Option<Duration>], label: String) -> PaceLine {
    let mut points = vec![(Duration::ZERO, Duration::ZERO)];
    let (mut planned, mut spoken) = (Duration::ZERO, Duration::ZERO);
    // The current talk's slides only: a removed slide is no part of the typical run now.
    for row in layout.order().filter(|&r| !layout.slides[r].removed()) {
        planned += layout.slides[row].budget.unwrap_or_default();
        spoken += medians[row].unwrap_or_default();
        points.push((planned, spoken));
    }
    PaceLine {
        label,
        points,
        summary: true,
    }
}
