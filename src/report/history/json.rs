//! `pacer history --format json`: the schema documented in docs/reports.md (`pacer.history/1`).

use std::io::{self, Write};

use serde::Serialize;

use super::HistoryReport;
use crate::report::json::JsonRun;

/// The document.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    talk: &'a str,
    runs: Vec<JsonRun<'a>>,
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
