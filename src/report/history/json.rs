//! `pacer history --format json`: the schema documented in docs/reports.md (`pacer.history/1`).

use std::io::{self, Write};

use serde::Serialize;

use crate::timefmt::millis;

use super::HistoryReport;
use crate::report::RunInfo;
use crate::report::json::{JsonMark, ms};

/// The document.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    talk: &'a str,
    runs: Vec<JsonRun<'a>>,
}

/// One run's header, as `history` lists it and every JSON report heads its runs.
#[derive(Serialize)]
pub struct JsonRun<'a> {
    pub number: usize,
    pub id: &'a str,
    pub started_at: &'a str,
    pub end: &'static str,
    pub complete: bool,
    pub partial: bool,
    pub from_slide: usize,
    pub scope: Option<&'a str>,
    pub outline_changed: bool,
    pub talked_ms: u64,
    pub paused_ms: u64,
    pub length_ms: u64,
    pub budget_ms: u64,
    pub delta_ms: i64,
    pub on_time: Option<bool>,
    pub covered: usize,
    pub slides: usize,
    pub stopped_on: Option<&'a str>,
    pub marks: Vec<JsonMark<'a>>,
}

impl<'a> JsonRun<'a> {
    pub fn of(run: &'a RunInfo) -> Self {
        Self {
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
            stopped_on: run.stopped_on.as_deref(),
            marks: run
                .marks
                .iter()
                .map(|m| JsonMark {
                    id: &m.id,
                    title: &m.title,
                })
                .collect(),
        }
    }
}

/// Writes the history as one JSON document (pretty, with a final newline).
pub fn write(history: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let doc = Document {
        schema: "pacer.history/1",
        talk: &history.title,
        runs: history.runs.iter().map(JsonRun::of).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
