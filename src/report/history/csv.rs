//! `pacer history --format csv`: one row per run, columns documented in docs/reports.md.

use std::io::{self, Write};

use serde::Serialize;

use super::HistoryReport;
use crate::report::json::JsonRun;

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
    skipped: usize,
    in_progress: Option<bool>,
}

impl<'a> Row<'a> {
    /// The CSV row of a run's JSON header: the same fields and units, the marks counted.
    fn of(run: &JsonRun<'a>) -> Self {
        Self {
            number: run.number,
            id: run.id,
            started_at: run.started_at,
            end: run.end,
            complete: run.complete,
            partial: run.partial,
            from_slide: run.from_slide,
            scope: run.scope,
            outline_changed: run.outline_changed,
            talked_ms: run.talked_ms,
            paused_ms: run.paused_ms,
            length_ms: run.length_ms,
            budget_ms: run.budget_ms,
            delta_ms: run.delta_ms,
            on_time: run.on_time,
            covered: run.covered,
            slides: run.slides,
            marks: run.marks.len(),
            skipped: run.skipped,
            in_progress: run.in_progress,
        }
    }
}

/// Writes the history as CSV with a header row.
pub fn write(history: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    for run in &history.runs {
        csv.serialize(Row::of(&JsonRun::of(run)))
            .map_err(io::Error::other)?;
    }
    csv.flush()
}
