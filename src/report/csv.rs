//! Reports as CSV: one table per kind of report, with a header row, documented in
//! docs/reports.md. A `level` column tells slide, section and talk rows apart; times are integer
//! milliseconds and a figure that does not apply is an empty field.

use std::io::{self, Write};

use serde::Serialize;

use crate::timefmt::millis;

use super::json::ms;
use super::{Body, Report, RunReport, RunsReport, Stats};

/// A one-run report row.
#[derive(Serialize)]
struct RunRow<'a> {
    level: &'static str,
    number: Option<usize>,
    id: Option<&'a str>,
    section: &'a str,
    title: &'a str,
    status: &'static str,
    marked: bool,
    budget_ms: Option<u64>,
    actual_ms: Option<u64>,
    delta_ms: Option<i64>,
    planned_start_ms: Option<u64>,
    entered_ms: Option<u64>,
    /// Slides skipped: of the section, of the run; empty on slide rows.
    skipped: Option<usize>,
}

/// A several-run report row.
#[derive(Serialize)]
struct StatsRow<'a> {
    level: &'static str,
    number: Option<usize>,
    id: Option<&'a str>,
    section: &'a str,
    title: &'a str,
    budget_ms: Option<u64>,
    runs: usize,
    median_ms: Option<u64>,
    min_ms: Option<u64>,
    max_ms: Option<u64>,
    spread_ms: Option<u64>,
    over: usize,
    /// The trend, on the `talk` row only.
    trend: Option<&'static str>,
    trend_runs_each: Option<usize>,
    trend_oldest_delta_ms: Option<i64>,
    trend_newest_delta_ms: Option<i64>,
}

/// A comparison row.
#[derive(Serialize)]
struct ChangeRow<'a> {
    level: &'static str,
    number: Option<usize>,
    id: Option<&'a str>,
    section: &'a str,
    title: &'a str,
    budget_ms: Option<u64>,
    a_ms: Option<u64>,
    b_ms: Option<u64>,
    a_status: &'static str,
    b_status: &'static str,
    change_ms: Option<i64>,
    shown_change_ms: Option<i64>,
}

/// Writes the report as CSV.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    match &report.body {
        Body::Run(run) => run_rows(report, run, &mut csv)?,
        Body::Runs(runs) => stats_rows(report, runs, &mut csv)?,
        Body::Compare(c) => {
            for (level, changes) in [("section", &c.sections), ("slide", &c.slides)] {
                for change in changes {
                    serialize(
                        &mut csv,
                        ChangeRow {
                            level,
                            number: change.number,
                            id: change.id.as_deref(),
                            section: change.section.as_deref().unwrap_or(&change.title),
                            title: &change.title,
                            budget_ms: change.budget.map(ms),
                            a_ms: change.a.map(ms),
                            b_ms: change.b.map(ms),
                            a_status: change.a_status.code(),
                            b_status: change.b_status.code(),
                            change_ms: change.change.map(millis),
                            shown_change_ms: change.shown.map(millis),
                        },
                    )?;
                }
            }
        }
    }
    csv.flush()
}

fn serialize<W: Write>(csv: &mut ::csv::Writer<W>, row: impl Serialize) -> io::Result<()> {
    csv.serialize(row).map_err(io::Error::other)
}

fn run_rows<W: Write>(
    report: &Report,
    run: &RunReport,
    csv: &mut ::csv::Writer<W>,
) -> io::Result<()> {
    for section in &run.sections {
        for slide in &section.slides {
            serialize(
                csv,
                RunRow {
                    level: "slide",
                    number: slide.number,
                    id: Some(&slide.id),
                    section: &section.title,
                    title: &slide.title,
                    status: slide.status.code(),
                    marked: slide.marked,
                    budget_ms: slide.budget.map(ms),
                    actual_ms: slide.actual.map(ms),
                    delta_ms: slide.delta.map(millis),
                    planned_start_ms: None,
                    entered_ms: None,
                    skipped: None,
                },
            )?;
        }
    }
    for section in &run.sections {
        serialize(
            csv,
            RunRow {
                level: "section",
                number: None,
                id: None,
                section: &section.title,
                title: &section.title,
                status: section.status.code(),
                marked: false,
                budget_ms: section.budget.map(ms),
                actual_ms: section.actual.map(ms),
                delta_ms: section.delta.map(millis),
                planned_start_ms: section.checkpoint.map(|c| ms(c.planned)),
                entered_ms: section.checkpoint.map(|c| ms(c.actual)),
                skipped: Some(section.skipped),
            },
        )?;
    }
    let info = &run.run;
    serialize(
        csv,
        RunRow {
            level: "talk",
            number: None,
            id: None,
            section: "",
            title: &report.talk.title,
            status: match info.on_time {
                Some(true) => "on_time",
                Some(false) if info.delta.is_positive() => "over",
                Some(false) => "under",
                None if info.in_progress() => "in_progress",
                None => "partial",
            },
            marked: false,
            budget_ms: Some(ms(report.talk.budget)),
            actual_ms: Some(ms(info.talked)),
            delta_ms: Some(millis(info.delta)),
            planned_start_ms: Some(0),
            entered_ms: None,
            skipped: Some(info.skipped),
        },
    )
}

fn stats_rows<W: Write>(
    report: &Report,
    runs: &RunsReport,
    csv: &mut ::csv::Writer<W>,
) -> io::Result<()> {
    let row = |level,
               number,
               id,
               section,
               title,
               budget: Option<std::time::Duration>,
               stats: Option<Stats>,
               over| StatsRow {
        level,
        number,
        id,
        section,
        title,
        budget_ms: budget.map(ms),
        runs: stats.map_or(0, |s| s.runs),
        median_ms: stats.map(|s| ms(s.median)),
        min_ms: stats.map(|s| ms(s.min)),
        max_ms: stats.map(|s| ms(s.max)),
        spread_ms: stats.map(|s| ms(s.spread)),
        over,
        trend: None,
        trend_runs_each: None,
        trend_oldest_delta_ms: None,
        trend_newest_delta_ms: None,
    };
    for section in &runs.sections {
        for slide in &section.slides {
            serialize(
                csv,
                row(
                    "slide",
                    slide.number,
                    Some(slide.id.as_str()),
                    &section.title,
                    &slide.title,
                    slide.budget,
                    slide.stats,
                    slide.over,
                ),
            )?;
        }
    }
    for section in &runs.sections {
        serialize(
            csv,
            row(
                "section",
                None,
                None,
                &section.title,
                &section.title,
                section.budget,
                section.stats,
                section.over,
            ),
        )?;
    }
    let over = runs
        .runs
        .iter()
        .filter(|r| r.on_time.is_some() && r.delta.is_positive())
        .count();
    let trend = runs.trend;
    serialize(
        csv,
        StatsRow {
            trend: trend.map(|t| t.direction.code()),
            trend_runs_each: trend.map(|t| t.window),
            trend_oldest_delta_ms: trend.map(|t| millis(t.oldest)),
            trend_newest_delta_ms: trend.map(|t| millis(t.newest)),
            ..row(
                "talk",
                None,
                None,
                "",
                &report.talk.title,
                Some(report.talk.budget),
                runs.totals,
                over,
            )
        },
    )
}
