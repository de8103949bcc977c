//! Reports as JSON: one document, schema `pacer.report/1`, documented in docs/reports.md.
//!
//! Times are integer milliseconds (`*_ms`); a figure that does not apply is `null`, never left
//! out, so every key is always there.

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use crate::timefmt::millis;

use super::{Body, Change, Report, RunInfo, RunReport, RunsReport, Stats, TalkInfo};

pub use crate::timefmt::ms;

/// The schema id every report document carries.
pub const SCHEMA: &str = "pacer.report/1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    kind: &'static str,
    /// `rehearsed` or `current`: the budgets the runs are read against.
    against: &'static str,
    talk: JsonTalk<'a>,
    #[serde(flatten)]
    body: JsonBody<'a>,
}

#[derive(Serialize)]
struct JsonTalk<'a> {
    title: &'a str,
    budget_ms: u64,
    grace_ms: u64,
    warn: f64,
    slides: usize,
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonBody<'a> {
    Run {
        run: JsonRun<'a>,
        finish: Option<JsonCheckpoint>,
        overruns: Vec<JsonOverrun<'a>>,
        sections: Vec<JsonRunSection<'a>>,
        slides: Vec<JsonRunSlide<'a>>,
    },
    Runs {
        runs: Vec<JsonRun<'a>>,
        totals: JsonStats,
        trend: Option<JsonTrend>,
        slides_over: Vec<JsonOverCount<'a>>,
        sections_over: Vec<JsonOverCount<'a>>,
        sections: Vec<JsonStatsRow<'a>>,
        slides: Vec<JsonStatsRow<'a>>,
    },
    Compare {
        a: JsonRun<'a>,
        b: JsonRun<'a>,
        sections: Vec<JsonChange<'a>>,
        slides: Vec<JsonChange<'a>>,
    },
}

/// A marked slide.
#[derive(Serialize)]
pub struct JsonMark<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

#[expect(
    clippy::struct_field_names,
    reason = "the schema's names: every figure in it is in milliseconds"
)]
#[derive(Serialize)]
struct JsonCheckpoint {
    planned_ms: u64,
    actual_ms: u64,
    delta_ms: i64,
}

#[derive(Serialize)]
struct JsonOverrun<'a> {
    title: &'a str,
    section: &'a str,
    budget_ms: u64,
    actual_ms: u64,
    delta_ms: i64,
    status: &'static str,
}

#[derive(Serialize)]
struct JsonRunSection<'a> {
    title: &'a str,
    status: &'static str,
    part: bool,
    skipped: usize,
    budget_ms: Option<u64>,
    actual_ms: Option<u64>,
    delta_ms: Option<i64>,
    planned_start_ms: Option<u64>,
    entered_ms: Option<u64>,
    entered_delta_ms: Option<i64>,
}

#[derive(Serialize)]
struct JsonRunSlide<'a> {
    number: Option<usize>,
    id: &'a str,
    title: &'a str,
    section: &'a str,
    status: &'static str,
    marked: bool,
    optional: bool,
    budget_ms: Option<u64>,
    actual_ms: Option<u64>,
    delta_ms: Option<i64>,
}

#[derive(Serialize)]
struct JsonStats {
    runs: usize,
    median_ms: Option<u64>,
    min_ms: Option<u64>,
    max_ms: Option<u64>,
    spread_ms: Option<u64>,
}

impl JsonStats {
    fn of(stats: Option<Stats>) -> Self {
        Self {
            runs: stats.map_or(0, |s| s.runs),
            median_ms: stats.map(|s| ms(s.median)),
            min_ms: stats.map(|s| ms(s.min)),
            max_ms: stats.map(|s| ms(s.max)),
            spread_ms: stats.map(|s| ms(s.spread)),
        }
    }
}

/// Whether the talk is converging on its budget.
#[derive(Serialize)]
struct JsonTrend {
    direction: &'static str,
    runs_each: usize,
    oldest_delta_ms: i64,
    newest_delta_ms: i64,
}

#[derive(Serialize)]
struct JsonStatsRow<'a> {
    number: Option<usize>,
    id: Option<&'a str>,
    title: &'a str,
    section: Option<&'a str>,
    removed: bool,
    budget_ms: Option<u64>,
    #[serde(flatten)]
    stats: JsonStats,
    over: usize,
    new_in: usize,
}

#[derive(Serialize)]
struct JsonOverCount<'a> {
    title: &'a str,
    section: Option<&'a str>,
    over: usize,
    runs: usize,
    median_delta_ms: i64,
    status: &'static str,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    number: Option<usize>,
    id: Option<&'a str>,
    title: &'a str,
    section: Option<&'a str>,
    budget_ms: Option<u64>,
    a_ms: Option<u64>,
    b_ms: Option<u64>,
    a_status: &'static str,
    b_status: &'static str,
    change_ms: Option<i64>,
    shown_change_ms: Option<i64>,
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
    pub skipped: usize,
    pub in_progress: Option<bool>,
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
            skipped: run.skipped,
            in_progress: run.in_progress_code(),
        }
    }
}

/// Writes the report as one JSON document (pretty, with a final newline).
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let (kind, body) = match &report.body {
        Body::Run(run) => ("run", run_body(run)),
        Body::Runs(runs) => ("runs", runs_body(runs)),
        Body::Compare(c) => (
            "compare",
            JsonBody::Compare {
                a: JsonRun::of(&c.a),
                b: JsonRun::of(&c.b),
                sections: c.sections.iter().map(change).collect(),
                slides: c.slides.iter().map(change).collect(),
            },
        ),
    };
    let doc = Document {
        schema: SCHEMA,
        kind,
        against: match report.against {
            super::Against::Rehearsed => "rehearsed",
            super::Against::Current => "current",
        },
        talk: talk(&report.talk),
        body,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn talk(talk: &TalkInfo) -> JsonTalk<'_> {
    JsonTalk {
        title: &talk.title,
        budget_ms: ms(talk.budget),
        grace_ms: ms(talk.grace),
        warn: talk.warn,
        slides: talk.slides,
    }
}

fn opt(d: Option<Duration>) -> Option<u64> {
    d.map(ms)
}

fn run_body(report: &RunReport) -> JsonBody<'_> {
    JsonBody::Run {
        run: JsonRun::of(&report.run),
        finish: report.finish.map(|f| JsonCheckpoint {
            planned_ms: ms(f.planned),
            actual_ms: ms(f.actual),
            delta_ms: millis(f.delta),
        }),
        overruns: report
            .overruns
            .iter()
            .map(|o| JsonOverrun {
                title: &o.title,
                section: &o.section,
                budget_ms: ms(o.budget),
                actual_ms: ms(o.actual),
                delta_ms: millis(o.delta),
                status: o.status.code(),
            })
            .collect(),
        sections: report
            .sections
            .iter()
            .map(|s| JsonRunSection {
                title: &s.title,
                status: s.status.code(),
                part: s.part,
                skipped: s.skipped,
                budget_ms: opt(s.budget),
                actual_ms: opt(s.actual),
                delta_ms: s.delta.map(millis),
                planned_start_ms: s.checkpoint.map(|c| ms(c.planned)),
                entered_ms: s.checkpoint.map(|c| ms(c.actual)),
                entered_delta_ms: s.checkpoint.map(|c| millis(c.delta)),
            })
            .collect(),
        slides: report
            .sections
            .iter()
            .flat_map(|s| s.slides.iter().map(move |slide| (s, slide)))
            .map(|(s, slide)| JsonRunSlide {
                number: slide.number,
                id: &slide.id,
                title: &slide.title,
                section: &s.title,
                status: slide.status.code(),
                marked: slide.marked,
                optional: slide.optional,
                budget_ms: opt(slide.budget),
                actual_ms: opt(slide.actual),
                delta_ms: slide.delta.map(millis),
            })
            .collect(),
    }
}

fn runs_body(report: &RunsReport) -> JsonBody<'_> {
    JsonBody::Runs {
        runs: report.runs.iter().map(JsonRun::of).collect(),
        totals: JsonStats::of(report.totals),
        trend: report.trend.map(|t| JsonTrend {
            direction: t.direction.code(),
            runs_each: t.window,
            oldest_delta_ms: millis(t.oldest),
            newest_delta_ms: millis(t.newest),
        }),
        slides_over: report.slides_over.iter().map(over).collect(),
        sections_over: report.sections_over.iter().map(over).collect(),
        sections: report
            .sections
            .iter()
            .map(|s| JsonStatsRow {
                number: None,
                id: None,
                title: &s.title,
                section: None,
                removed: s.budget.is_none(),
                budget_ms: opt(s.budget),
                stats: JsonStats::of(s.stats),
                over: s.over,
                new_in: 0,
            })
            .collect(),
        slides: report
            .sections
            .iter()
            .flat_map(|s| s.slides.iter().map(move |slide| (s, slide)))
            .map(|(s, slide)| JsonStatsRow {
                number: slide.number,
                id: Some(&slide.id),
                title: &slide.title,
                section: Some(&s.title),
                removed: slide.budget.is_none(),
                budget_ms: opt(slide.budget),
                stats: JsonStats::of(slide.stats),
                over: slide.over,
                new_in: slide.new_in,
            })
            .collect(),
    }
}

fn over(o: &super::OverCount) -> JsonOverCount<'_> {
    JsonOverCount {
        title: &o.title,
        section: o.section.as_deref(),
        over: o.over,
        runs: o.runs,
        median_delta_ms: millis(o.median_delta),
        status: o.status.code(),
    }
}

fn change(c: &Change) -> JsonChange<'_> {
    JsonChange {
        number: c.number,
        id: c.id.as_deref(),
        title: &c.title,
        section: c.section.as_deref(),
        budget_ms: opt(c.budget),
        a_ms: opt(c.a),
        b_ms: opt(c.b),
        a_status: c.a_status.code(),
        b_status: c.b_status.code(),
        change_ms: c.change.map(millis),
        shown_change_ms: c.shown.map(millis),
    }
}
