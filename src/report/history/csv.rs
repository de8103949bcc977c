//! `pacer history --format csv`: one row per run, then one per Q&A drill (`kind` tells them
//! apart), columns documented in docs/reports.md. The header is written even with no row.

use std::io::{self, Write};

use serde::Serialize;

use super::{DrillLine, HistoryReport};
use crate::report::json::JsonRun;

/// The columns, in order: a run's first (as they always were), then `kind` and a drill's.
const HEADER: [&str; 28] = [
    "number",
    "id",
    "started_at",
    "end",
    "complete",
    "partial",
    "from_slide",
    "scope",
    "outline_changed",
    "talked_ms",
    "paused_ms",
    "length_ms",
    "budget_ms",
    "delta_ms",
    "on_time",
    "covered",
    "slides",
    "marks",
    "skipped",
    "in_progress",
    "kind",
    "answered",
    "missed",
    "shaky",
    "good",
    "unrated",
    "over_budget",
    "not_asked",
];

/// One row: a run's columns are empty on a drill's row, and a drill's on a run's.
#[derive(Serialize, Default)]
struct Row<'a> {
    number: usize,
    id: &'a str,
    started_at: &'a str,
    end: &'static str,
    complete: bool,
    partial: Option<bool>,
    from_slide: Option<usize>,
    scope: Option<&'a str>,
    outline_changed: Option<bool>,
    talked_ms: Option<u64>,
    paused_ms: Option<u64>,
    length_ms: Option<u64>,
    budget_ms: Option<u64>,
    delta_ms: Option<i64>,
    on_time: Option<bool>,
    covered: Option<usize>,
    slides: Option<usize>,
    marks: Option<usize>,
    skipped: Option<usize>,
    in_progress: Option<bool>,
    kind: &'static str,
    answered: Option<usize>,
    missed: Option<usize>,
    shaky: Option<usize>,
    good: Option<usize>,
    unrated: Option<usize>,
    over_budget: Option<usize>,
    not_asked: Option<usize>,
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
            partial: Some(run.partial),
            from_slide: Some(run.from_slide),
            scope: run.scope,
            outline_changed: Some(run.outline_changed),
            talked_ms: Some(run.talked_ms),
            paused_ms: Some(run.paused_ms),
            length_ms: Some(run.length_ms),
            budget_ms: Some(run.budget_ms),
            delta_ms: Some(run.delta_ms),
            on_time: run.on_time,
            covered: Some(run.covered),
            slides: Some(run.slides),
            marks: Some(run.marks.len()),
            skipped: Some(run.skipped),
            in_progress: run.in_progress,
            kind: "run",
            ..Self::default()
        }
    }

    /// A drill's row: its number in the drills file, id, start, how it ended as a run's `end`
    /// (`quit` for a drill quit early, `none` without an end record: cut short), complete when
    /// it dealt with every question, its answers and ratings, its questions skipped (in
    /// `skipped`) and not asked.
    fn drill(drill: &'a DrillLine) -> Self {
        let [missed, shaky, good] = drill.ratings;
        Self {
            number: drill.number,
            id: &drill.id,
            started_at: &drill.started_at,
            end: drill.end_code(),
            complete: drill.complete(),
            skipped: Some(drill.skipped),
            kind: "drill",
            answered: Some(drill.answered),
            missed: Some(missed),
            shaky: Some(shaky),
            good: Some(good),
            unrated: Some(drill.unrated),
            over_budget: Some(drill.over),
            not_asked: Some(drill.not_asked),
            ..Self::default()
        }
    }
}

/// Writes the history as CSV: the header row, every run, then every drill.
pub fn write(history: &HistoryReport, out: &mut impl Write) -> io::Result<()> {
    let mut csv = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    csv.write_record(HEADER).map_err(io::Error::other)?;
    let runs = history.runs.iter().map(|run| Row::of(&JsonRun::of(run)));
    for row in runs.chain(history.drills.iter().map(Row::drill)) {
        csv.serialize(row).map_err(io::Error::other)?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::EndReason;

    #[test]
    fn the_header_names_the_rows_fields_in_order() {
        // serde's own header for a row, against the one written up front.
        let mut csv = ::csv::Writer::from_writer(Vec::new());
        csv.serialize(Row::default()).unwrap();
        let text = String::from_utf8(csv.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next(), Some(HEADER.join(",").as_str()));
    }

    #[test]
    fn a_drill_quit_early_says_what_it_skipped_and_never_asked() {
        let line = DrillLine {
            number: 3,
            id: "d3".into(),
            started_at: "2025-03-07T10:00:00Z".into(),
            started_local: String::new(),
            answered: 2,
            ratings: [0, 1, 1],
            unrated: 0,
            over: 1,
            ended: true,
            end: Some(EndReason::Quit),
            skipped: 1,
            not_asked: 10,
        };
        let history = HistoryReport {
            title: "T".into(),
            runs: Vec::new(),
            drills: vec![line],
        };
        let mut out = Vec::new();
        write(&history, &mut out).expect("written");
        let text = String::from_utf8(out).expect("UTF-8");
        let row: Vec<&str> = text.lines().nth(1).expect("a row").split(',').collect();
        let column = |name| row[HEADER.iter().position(|h| *h == name).expect(name)];
        assert_eq!(column("kind"), "drill");
        assert_eq!(column("end"), "quit");
        assert_eq!(column("complete"), "false", "ten questions never asked");
        assert_eq!(column("skipped"), "1");
        assert_eq!(column("not_asked"), "10");
        assert_eq!(column("answered"), "2");
        assert_eq!(column("talked_ms"), "");
    }
}
