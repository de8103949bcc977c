//! `pacer history` for the terminal: one aligned row per run, within 80 columns.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::HistoryReport;
use crate::report::RunInfo;
use crate::report::view::{MARK, Tone, fit, paint, right};
use crate::timefmt::{clock, delta};

/// The widest line the text writes.
const WIDTH: usize = 80;

/// Writes the history as aligned text; colour only when `color` is on.
pub fn write(history: &HistoryReport, color: bool, out: &mut impl Write) -> io::Result<()> {
    let n = history.runs.len();
    writeln!(
        out,
        "{}",
        paint(&fit(&history.title, WIDTH), Tone::Bold, color).trim_end()
    )?;
    writeln!(
        out,
        "{n} {} recorded",
        if n == 1 { "rehearsal" } else { "rehearsals" }
    )?;
    writeln!(out)?;
    writeln!(out, "{}", paint(&header("end"), Tone::Dim, color))?;
    for run in &history.runs {
        let marks = if run.marks.is_empty() {
            String::new()
        } else {
            format!("  {MARK} {}", run.marks.len())
        };
        let end = fit(&ending(run), TAIL.saturating_sub(marks.width()));
        writeln!(
            out,
            "{}",
            row(run, &format!("{end}{marks}"), color).trim_end()
        )?;
    }
    if history.runs.iter().any(|r| r.outline_changed) {
        writeln!(out)?;
        writeln!(out, "* rehearsed against an older outline of the talk")?;
    }
    Ok(())
}

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
/// for a run that stopped early or rehearsed part of the talk.
pub fn verdict(run: &RunInfo) -> (&'static str, Tone) {
    match run.on_time {
        Some(true) => ("✓ on time", Tone::Good),
        Some(false) if run.delta.is_positive() => ("▲ over", Tone::Bad),
        Some(false) => ("▼ under", Tone::Warn),
        None if run.delta.is_positive() => ("▲ behind", Tone::Bad),
        None => ("✓ on pace", Tone::Good),
    }
}

/// How the run ended, and what part of the talk it set out to rehearse.
pub fn ending(run: &RunInfo) -> String {
    match (&run.scope, run.from) {
        (Some(scope), _) => format!("{}, section {scope}", run.ending()),
        (None, 0) => run.ending().to_owned(),
        (None, from) => format!("{}, from slide {}", run.ending(), from + 1),
    }
}
