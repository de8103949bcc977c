//! Skipped slides and runs in progress, through the report model and every format: a section
//! jumped over is skipped, never on time at 0:00; a run whose recorder lives is in progress,
//! its current slide drawn with the time it has had (none: no time, never 0:00) and its pace
//! line with no flat tail.

use std::time::Duration;

use super::svg::Kind;
use super::*;
use crate::history::Liveness;
use crate::plan::PlannedSlide;
use crate::rehearsal::{EndReason, Event};
use crate::report::testing::run;
use crate::testing;

/// Three sections of two 10 s slides: A (a, b), B (c, d), C (e, f).
fn plan() -> Plan {
    let slide = |id: &str| PlannedSlide {
        title: id.to_uppercase(),
        ..testing::slide(id)
    };
    testing::plan(vec![
        ("A", vec![slide("a"), slide("b")]),
        ("B", vec![slide("c"), slide("d")]),
        ("C", vec![slide("e"), slide("f")]),
    ])
}

fn one(plan: &Plan, fig: &RunFigures) -> Report {
    let info = RunInfo::new(
        fig,
        plan.budget,
        plan.grace,
        Some(plan),
        &jiff::tz::TimeZone::UTC,
    );
    single(plan, fig, info)
}

/// Slide b, then `End`: c, d and e never shown; finished on f.
fn skipping() -> (Plan, RunFigures) {
    let plan = plan();
    let fig = RunFigures::of(&run(
        &plan,
        0,
        &[
            (Event::Goto(1), 10),
            (Event::Goto(5), 20),
            (Event::End(EndReason::Finished), 30),
        ],
    ));
    (plan, fig)
}

/// On slide c since 22 s, its recorder alive.
fn in_progress() -> (Plan, RunFigures) {
    let plan = plan();
    let mut recorded = run(&plan, 0, &[(Event::Goto(1), 10), (Event::Goto(2), 22)]);
    recorded.liveness = Liveness::Alive;
    (plan, RunFigures::of(&recorded))
}

fn written(report: &Report, format: &str) -> String {
    let mut out = Vec::new();
    match format {
        "text" => text::write(report, false, &mut out),
        "markdown" => markdown::write(report, &mut out),
        "json" => json::write(report, &mut out),
        "csv" => csv::write(report, &mut out),
        "html" => html::write(report, &mut out),
        _ => svg::write_chart(report, Kind::Pace, &mut out),
    }
    .expect("written");
    String::from_utf8(out).expect("utf-8")
}

fn json(report: &Report) -> serde_json::Value {
    serde_json::from_str(&written(report, "json")).expect("valid JSON")
}

#[test]
fn a_section_jumped_over_is_skipped_and_one_half_shown_is_partly_skipped() {
    let (plan, fig) = skipping();
    assert_eq!(fig.skipped(), 3);
    let Body::Run(report) = one(&plan, &fig).body else {
        panic!("a one-run report");
    };
    let statuses: Vec<Status> = report.sections.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        [Status::Fine, Status::Skipped, Status::PartlySkipped]
    );
    let b = &report.sections[1];
    assert_eq!((b.actual, b.skipped), (None, 2), "no time, not 0:00");
    assert_eq!(b.delta, Some(jiff::SignedDuration::from_secs(-20)), "saved");
    assert_eq!(report.run.skipped, 3);
    assert!(report.run.complete);
}

#[test]
fn every_format_says_what_was_skipped() {
    let (plan, fig) = skipping();
    let report = one(&plan, &fig);

    let text = written(&report, "text");
    assert!(text.contains("3 of 6 slides shown"), "{text}");
    assert!(text.contains("» 3 slides skipped"), "{text}");
    let row = |title: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("  {title}")) || l.contains(&format!(" {title} ")))
            .unwrap_or_else(|| panic!("no row {title}:\n{text}"))
            .to_owned()
    };
    assert!(row("» B").contains("skipped"), "{text}");
    assert!(!row("» B").contains("0:00"), "{text}");
    assert!(row("◐ C").contains("partly skipped"), "{text}");

    let markdown = written(&report, "markdown");
    assert!(markdown.contains("complete, 3 skipped"), "{markdown}");
    assert!(
        markdown.contains("| B | 0:20 | – | -0:20 | » skipped"),
        "{markdown}"
    );
    assert!(markdown.contains("◐ partly skipped"), "{markdown}");

    let doc = json(&report);
    assert_eq!(doc["run"]["skipped"], 3);
    let sections: Vec<(&str, u64)> = doc["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            (
                s["status"].as_str().expect("a status"),
                s["skipped"].as_u64().expect("a count"),
            )
        })
        .collect();
    assert_eq!(sections, [("ok", 0), ("skipped", 2), ("partly_skipped", 1)]);
    assert!(doc["sections"][1]["actual_ms"].is_null());

    let csv = written(&report, "csv");
    assert!(csv.lines().next().expect("a header").ends_with(",skipped"));
    assert!(
        csv.contains("\nsection,,,B,B,skipped,false,20000,,-20000,"),
        "{csv}"
    );
    assert!(
        csv.lines().last().expect("the talk row").ends_with(",3"),
        "{csv}"
    );

    let html = written(&report, "html");
    assert!(html.contains("complete, 3 skipped"), "{html}");
    assert!(html.contains("partly skipped"), "{html}");
    // The charts name the sections skipped.
    let svg = written(&report, "svg");
    assert!(svg.contains("\n» B\n") && svg.contains("\n◐ C\n"), "{svg}");
    assert!(html.contains("\n» B\n"), "the page's charts too");
}

#[test]
fn a_run_in_progress_is_not_cut_short_and_its_slide_is_not_drawn_at_zero() {
    let (plan, fig) = in_progress();
    assert!(fig.in_progress());
    assert_eq!(fig.cells[2], Cell::Live(Duration::ZERO));
    let report = one(&plan, &fig);
    let Body::Run(run) = &report.body else {
        panic!("a one-run report");
    };
    assert_eq!(run.run.ending(), "▷ in progress");
    assert_eq!(run.sections[1].status, Status::InProgress);
    let c = &run.sections[1].slides[0];
    assert_eq!(
        (c.status, c.actual, c.delta),
        (Status::InProgress, None, None)
    );
    // The pace line ends where slide c began: no flat tail across it.
    let points = &report.chart.lines[0].points;
    assert_eq!(
        points.last(),
        Some(&(Duration::from_secs(20), Duration::from_secs(22)))
    );
    assert!(report.chart.lines[0].label.ends_with(", in progress)"));

    let text = written(&report, "text");
    assert!(
        text.contains("Run 1 · 2025-03-04 09:00 · ▷ in progress"),
        "{text}"
    );
    assert!(text.contains("now on “C”"), "{text}");
    let c_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("3 ▷"))
        .expect("slide 3, C");
    assert!(
        c_row.contains("3 ▷  C") && c_row.contains("in progress"),
        "{c_row}"
    );
    assert!(!c_row.contains("0:00"), "{c_row}");
    assert!(!text.contains("cut short"), "{text}");

    let doc = json(&report);
    assert_eq!(doc["run"]["in_progress"], true);
    assert_eq!(doc["run"]["end"], "none");
    assert_eq!(doc["slides"][2]["status"], "in_progress");
    assert!(doc["slides"][2]["actual_ms"].is_null());
    let csv = written(&report, "csv");
    assert!(csv.contains(",in_progress,"), "{csv}");
    assert!(written(&report, "markdown").contains("▷ in progress"));
    assert!(written(&report, "html").contains("▷ in progress"));
    assert!(written(&report, "svg").contains("in progress"));
}

#[test]
fn a_run_with_no_end_whose_recorder_is_gone_is_cut_short() {
    let plan = plan();
    let fig = RunFigures::of(&run(&plan, 0, &[(Event::Goto(1), 10)]));
    let info = RunInfo::new(
        &fig,
        plan.budget,
        plan.grace,
        None,
        &jiff::tz::TimeZone::UTC,
    );
    assert_eq!(info.ending(), "cut short (no end recorded)");
    assert_eq!(info.in_progress_code(), Some(false));
    assert_eq!(fig.cells[1], Cell::Stopped(Duration::ZERO));
    let mut elsewhere = info.clone();
    elsewhere.liveness = Liveness::Unknown;
    assert_eq!(elsewhere.ending(), "no end recorded");
    assert_eq!(elsewhere.in_progress_code(), None);
}

/// Slides a (10 s), b (8 s), back to a at 18 s: on a again, its recorder alive.
fn back_in_progress() -> (Plan, RunFigures) {
    let plan = plan();
    let mut recorded = run(&plan, 0, &[(Event::Goto(1), 10), (Event::Goto(0), 18)]);
    recorded.liveness = Liveness::Alive;
    (plan, RunFigures::of(&recorded))
}

#[test]
fn a_run_in_progress_back_on_a_slide_keeps_its_earlier_visit_in_every_format() {
    let (plan, fig) = back_in_progress();
    assert_eq!(fig.talked, Duration::from_secs(18));
    let report = one(&plan, &fig);
    let Body::Run(run) = &report.body else {
        panic!("a one-run report");
    };
    let a = &run.sections[0].slides[0];
    assert_eq!(a.status, Status::InProgress);
    assert_eq!(a.actual, Some(Duration::from_secs(10)), "the first visit");
    assert_eq!(
        run.sections[0].actual,
        Some(Duration::from_secs(18)),
        "the section holds both slides' time, as the run's 0:18 does"
    );
    // The pace line goes through b, which the run has spoken, and ends there.
    assert_eq!(
        report.chart.lines[0].points,
        [
            (Duration::ZERO, Duration::ZERO),
            (Duration::from_secs(10), Duration::from_secs(10)),
            (Duration::from_secs(20), Duration::from_secs(18)),
        ]
    );

    let text = written(&report, "text");
    let a_row = text
        .lines()
        .find(|l| l.trim_start().starts_with("1 ▷"))
        .unwrap_or_else(|| panic!("slide 1, A:\n{text}"));
    assert!(a_row.contains("0:10"), "{a_row}");
    let section = text
        .lines()
        .find(|l| l.starts_with("  ▷ A"))
        .unwrap_or_else(|| panic!("section A:\n{text}"));
    assert!(section.contains("0:18"), "{section}");
    let markdown = written(&report, "markdown");
    assert!(markdown.contains("| A | 0:10 |"), "{markdown}");
    let doc = json(&report);
    assert_eq!(doc["slides"][0]["actual_ms"], 10_000);
    assert_eq!(doc["sections"][0]["actual_ms"], 18_000);
    let csv = written(&report, "csv");
    assert!(
        csv.contains("\nslide,1,a,A,A,in_progress,false,10000,10000,"),
        "{csv}"
    );
    let html = written(&report, "html");
    assert!(html.contains("0:18"), "{html}");
    let svg = written(&report, "svg");
    assert!(svg.contains("run 1 (0:18, in progress)"), "{svg}");
}
