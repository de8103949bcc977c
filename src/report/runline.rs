//! One run's line, as the text report heads each run and `pacer history` lists runs: number,
//! start, time spoken, delta and verdict, slides shown, how it ended.
//!
//! Owned by the report; the history listing is one of its users. Formats only: the figures
//! come computed in [`RunInfo`].

use std::fmt::Write as _;

use super::RunInfo;
use super::view::{Tone, WIDTH, fit, paint, right};
use crate::timefmt::{clock, delta};

/// Columns left for the tail of a run row.
pub const TAIL: usize = WIDTH - 59;

/// The header of run rows, with `tail` over the last column.
pub fn header(tail: &str) -> String {
    format!(
        "{}  {}  {}  {} {} {}  {tail}",
        right("run", 5),
        fit("started", 16),
        right("spoke", 6),
        right("delta", 6),
        fit("", 10),
        right("slides", 6),
    )
}

/// One run's row: number (`*` for an older outline), start, time spoken, delta and verdict,
/// slides shown; then `tail` (at most [`TAIL`] columns, painted by the caller).
pub fn row(run: &RunInfo, tail: &str, color: bool) -> String {
    let (verdict, tone) = verdict(run);
    format!(
        "{}{} {}  {}  {} {} {}  {tail}",
        right(&run.number.to_string(), 5),
        if run.outline_changed { "*" } else { " " },
        fit(&run.started_local, 16),
        right(&clock(run.talked), 6),
        paint(&right(&delta(run.delta), 6), tone, color),
        paint(&fit(verdict, 10), tone, color),
        right(&format!("{}/{}", run.covered, run.slides), 6),
    )
}

/// The verdict on a run's delta: on time, over or under for a whole talk; behind or on pace
/// for a run that stopped early or rehearsed part of the talk. A run with slides skipped that
/// stood ahead or on pace was ahead by the budgets it skipped: it says skipped, not on pace.
pub fn verdict(run: &RunInfo) -> (&'static str, Tone) {
    match run.on_time {
        Some(true) => ("● on time", Tone::Good),
        Some(false) if run.delta.is_positive() => ("▲ over", Tone::Bad),
        Some(false) => ("▼ under", Tone::Warn),
        None if run.delta.is_positive() => ("▲ behind", Tone::Bad),
        None if run.skipped > 0 => ("» skipped", Tone::Warn),
        None => ("● on pace", Tone::Good),
    }
}

/// How the run ended, what part of the talk it set out to rehearse, and how many slides it
/// skipped.
pub fn ending(run: &RunInfo) -> String {
    let mut text = match (&run.scope, run.from) {
        (Some(scope), _) => format!("{}, section {scope}", run.ending()),
        (None, 0) => run.ending().to_owned(),
        (None, from) => format!("{}, from slide {}", run.ending(), from + 1),
    };
    // Short, to fit the last column of 80: the slides column and the header say the rest.
    if run.skipped > 0 {
        let _ = write!(text, ", {} skipped", run.skipped);
    }
    text
}

/// `4 slides skipped`, when any were.
pub fn skipped(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 slide skipped".to_owned()),
        n => Some(format!("{n} slides skipped")),
    }
}
