//! `pacer history --format csv`: one row per run, columns documented in docs/reports.md.

use std::io::{self, Write};

use serde::Serialize;

use crate::timefmt::millis;

use super::HistoryReport;
use crate::report::json::ms;

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    id: &'a str,
    started_at: &'a str,
    end: &'static str,
    complete: bool,
    partial: bool,
    from_slide: usize,
    scope: Option<&'a str>,
    outline_changed: bool,
    talked_ms: u64,
    paused_ms: u64,
    length_ms: u64,
    budget_ms: u64,
    delta_ms: i64,
    on_time: Option<bool>,
    covered: usize,
    slides: usize,
    marks: usize,
}

/// Writes the history as CSV with a header row.
pub fn write(history: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    for run in &history.runs {
        csv.serialize(Row {
            number: run.number,
            id: &run.id,
            started_at: &run.started_at,
            end: run.end_code(),
            complete: run.complete,
            partial: run.partial,
            from_slide: run.from + 1,
            scope: run.scope.as_deref(),
            outline_changed: run.outline_changed,
            talked_ms: ms(run.talked),
            paused_ms: ms(run.paused),
            length_ms: ms(run.length),
            budget_ms: ms(run.budget),
            delta_ms: millis(run.delta),
            on_time: run.on_time,
            covered: run.covered,
            slides: run.slides,
            marks: run.marks.len(),
        })
        .map_err(io::Error::other)?;
    }
    csv.flush()
}
