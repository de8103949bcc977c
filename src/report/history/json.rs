//! `pacer history --format json`: the schema documented in docs/reports.md (`pacer.history/1`).

use std::io::{self, Write};

use serde::Serialize;

use super::{DrillLine, HistoryReport};
use crate::report::json::JsonRun;

/// The document.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    talk: &'a str,
    runs: Vec<JsonRun<'a>>,
    drills: Vec<JsonDrill<'a>>,
}

/// A drill of the history (docs/reports.md).
#[derive(Serialize)]
struct JsonDrill<'a> {
    number: usize,
    id: &'a str,
    started_at: &'a str,
    ended: bool,
    end: &'static str,
    answered: usize,
    missed: usize,
    shaky: usize,
    good: usize,
    unrated: usize,
    over_budget: usize,
    skipped: usize,
    not_asked: usize,
}

impl<'a> JsonDrill<'a> {
    fn of(drill: &'a DrillLine) -> Self {
        let [missed, shaky, good] = drill.ratings;
        Self {
            number: drill.number,
            id: &drill.id,
            started_at: &drill.started_at,
            ended: drill.ended,
            end: drill.end_code(),
            answered: drill.answered,
            missed,
            shaky,
            good,
            unrated: drill.unrated,
            over_budget: drill.over,
            skipped: drill.skipped,
            not_asked: drill.not_asked,
        }
    }
}

/// Writes the history as one JSON document (pretty, with a final newline).
pub fn write(history: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let doc = Document {
        schema: "pacer.history/1",
        talk: &history.title,
        runs: history.runs.iter().map(JsonRun::of).collect(),
        drills: history.drills.iter().map(JsonDrill::of).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
