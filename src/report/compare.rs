//! Two runs compared slide by slide and section by section, sorted by the change.

use std::time::Duration;

use super::chart::{
    Chart, SectionDelta, band_mark, marked_bands, pace, plan_bands, rehearsed_pace_over,
};
use super::figures::{Cell, RunFigures};
use super::layout::{Against, Layout, RowCell, RunBudgets, SectionCell, section_cell, with_skips};
use super::{Body, Report, RunInfo, Status, TalkInfo};
use crate::plan::Plan;
use jiff::SignedDuration;

use crate::pace::{self, signed};

/// Run A against run B.
#[derive(Debug, Clone)]
pub struct CompareReport {
    pub a: RunInfo,
    pub b: RunInfo,
    /// Sections, the biggest slow-down first, those without two times last.
    pub sections: Vec<Change>,
    /// Slides, the biggest slow-down first, those without two times last.
    pub slides: Vec<Change>,
}

/// One slide or section in both runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Position in the current talk (1-based), for a slide still in it.
    pub number: Option<usize>,
    /// The slide's id; `None` for a section.
    pub id: Option<String>,
    pub title: String,
    /// The slide's section; `None` for a section.
    pub section: Option<String>,
    pub budget: Option<Duration>,
    pub a: Option<Duration>,
    pub b: Option<Duration>,
    pub a_status: Status,
    pub b_status: Status,
    /// B minus A (positive: B took longer); `None` unless both runs have a time.
    pub change: Option<jiff::SignedDuration>,
    /// The change as the formats for people show it: B's whole seconds minus A's, as a reader
    /// subtracts the two columns ([`shown_change`]); `None` unless both runs have a time.
    pub shown: Option<jiff::SignedDuration>,
}

/// `to` minus `from` as a reader subtracts the clocks shown: each rounded to whole seconds
/// once (as `m:ss` rounds it), then subtracted. So `1:01  1:02` always reads `+0:01`, where
/// the milliseconds (61.4 s and 61.6 s) would say `+0:00`.
pub fn shown_change(from: Duration, to: Duration) -> SignedDuration {
    let secs = |d: Duration| i64::try_from(crate::timefmt::whole_secs(d)).unwrap_or(i64::MAX);
    SignedDuration::from_secs(secs(to).saturating_sub(secs(from)))
}

/// Run `a` against run `b`, laid out as the talk's current `plan`; each run's verdicts
/// against the plan it was rehearsed with.
pub fn compare(plan: &Plan, a: &RunFigures, b: &RunFigures, infos: [RunInfo; 2]) -> Report {
    compare_against(plan, a, b, infos, Against::Rehearsed)
}

/// [`compare`], each run's verdicts against the budgets `against` names.
pub fn compare_against(
    plan: &Plan,
    a: &RunFigures,
    b: &RunFigures,
    infos: [RunInfo; 2],
    against: Against,
) -> Report {
    let layout = Layout::new(plan, [a, b].into_iter());
    let (ca, cb) = (layout.cells(a), layout.cells(b));
    let (ba, bb) = (layout.budgets(a, against), layout.budgets(b, against));
    let mut slides: Vec<Change> = layout
        .order()
        .map(|r| {
            let row = &layout.slides[r];
            let status = |cell: RowCell, budget: Option<Duration>| match (cell, budget) {
                (RowCell::Had(_) | RowCell::Absent, _) if row.removed() => Status::Removed,
                (RowCell::New | RowCell::Absent, _) => Status::New,
                (RowCell::Had(Cell::Skipped), _) => Status::Skipped,
                (RowCell::Had(Cell::Live(_)), _) => Status::InProgress,
                (RowCell::Had(Cell::NotReached | Cell::Spoken(_)), None)
                | (RowCell::Had(Cell::NotReached), _) => Status::NotReached,
                (RowCell::Had(Cell::Stopped(_)), _) => Status::Stopped,
                (RowCell::Had(Cell::Spoken(d)), Some(b)) => pace::finished(d, b, plan.warn).into(),
            };
            change(
                row.number,
                Some(row.id.clone()),
                &row.title,
                Some(layout.sections[row.section].title.clone()),
                row.budget,
                (ca[r].time(), status(ca[r], ba.slides[r])),
                (cb[r].time(), status(cb[r], bb.slides[r])),
            )
        })
        .collect();
    let mut sections: Vec<Change> = layout
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| {
            let status = |cell: SectionCell, budget: Option<Duration>, cells: &[RowCell]| {
                let status = match (cell, budget) {
                    _ if section.budget.is_none() => Status::Removed,
                    (SectionCell::NotReached, _) | (SectionCell::Whole(_), None) => {
                        Status::NotReached
                    }
                    (SectionCell::Part(_), _) => Status::Stopped,
                    (SectionCell::Whole(d), Some(b)) => pace::finished(d, b, plan.warn).into(),
                };
                with_skips(section, cells, status)
            };
            let (sa, sb) = (section_cell(section, &ca), section_cell(section, &cb));
            change(
                None,
                None,
                &section.title,
                None,
                section.budget,
                (sa.time(), status(sa, ba.sections[s], &ca)),
                (sb.time(), status(sb, bb.sections[s], &cb)),
            )
        })
        .collect();
    let chart = chart(
        plan,
        &layout,
        [a, b],
        [&ca, &cb],
        [&ba, &bb],
        &sections,
        against,
    );
    sort(&mut slides);
    sort(&mut sections);
    let [a, b] = infos;
    Report {
        talk: TalkInfo::of(plan),
        against,
        chart,
        body: Body::Compare(CompareReport {
            a,
            b,
            sections,
            slides,
        }),
    }
}

/// The charts of the comparison: laid out against the plans the figures are read against.
fn chart(
    plan: &Plan,
    layout: &Layout,
    [a, b]: [&RunFigures; 2],
    [ca, cb]: [&[RowCell]; 2],
    [ba, bb]: [&RunBudgets; 2],
    sections: &[Change],
    against: Against,
) -> Chart {
    let over = |s: usize| {
        [sections[s].a_status, sections[s].b_status]
            .iter()
            .any(|status| matches!(status, Status::Amber | Status::Over))
    };
    // The worse of the two runs' verdicts.
    let mark = |s: usize| {
        let statuses = [sections[s].a_status, sections[s].b_status];
        if statuses.contains(&Status::Over) {
            band_mark(Status::Over)
        } else if statuses.contains(&Status::Amber) {
            band_mark(Status::Amber)
        } else {
            None
        }
    };
    // Each run's section delta against the budget its figures are read against.
    let section_deltas = |s: usize| {
        let c = &sections[s];
        [(c.a, ba.sections[s]), (c.b, bb.sections[s])]
            .into_iter()
            .filter_map(|(time, budget)| Some(shown_change(budget?, time?)))
            .collect::<Vec<_>>()
    };
    let deltas = (0..sections.len())
        .filter(|&s| sections[s].budget.is_some())
        .filter_map(|s| SectionDelta::of_deltas(&sections[s].title, &section_deltas(s)))
        .collect();
    let labels = [
        super::single::line_label("A: ", a),
        super::single::line_label("B: ", b),
    ];
    match against {
        // Each line against its own run's plan; the bands and the diagonal are B's (the later
        // run's; the one plan when both rehearsed the same), or A's when B rehearsed a section
        // alone and A did not: the whole talk is the axis, and B's section sits where it starts.
        Against::Rehearsed => {
            let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
            let axis = if b.scope.is_some() && a.scope.is_none() {
                a
            } else {
                b
            };
            let scoped = axis.scope.is_some();
            let [la, lb] = labels;
            Chart {
                budget: axis.plan.budget,
                grace: axis.plan.grace,
                deltas,
                sections: plan_bands(&axis.plan, &titles, over, mark),
                lines: vec![
                    rehearsed_pace_over(a, &axis.plan, scoped, la),
                    rehearsed_pace_over(b, &axis.plan, scoped, lb),
                ],
            }
        }
        Against::Current => {
            let [la, lb] = labels;
            Chart {
                budget: plan.budget,
                grace: plan.grace,
                deltas,
                sections: marked_bands(layout, over, mark),
                lines: vec![pace(layout, ca, la), pace(layout, cb, lb)],
            }
        }
    }
}

fn change(
    number: Option<usize>,
    id: Option<String>,
    title: &str,
    section: Option<String>,
    budget: Option<Duration>,
    (a, a_status): (Option<Duration>, Status),
    (b, b_status): (Option<Duration>, Status),
) -> Change {
    // A time still growing (the slide or section being spoken in a run in progress) is no
    // figure to subtract from a finished one: it would read as a speed-up that is not there.
    let settled = |time: Option<Duration>, status| time.filter(|_| status != Status::InProgress);
    let (from, to) = (settled(a, a_status), settled(b, b_status));
    Change {
        number,
        id,
        title: title.to_owned(),
        section,
        budget,
        a,
        b,
        a_status,
        b_status,
        change: from.zip(to).map(|(a, b)| signed(b, a)),
        shown: from.zip(to).map(|(a, b)| shown_change(a, b)),
    }
}

/// The biggest slow-down first, the biggest speed-up last, rows without a change after them:
/// by the change as shown (so the column reads in order), then by the milliseconds; the sort
/// is stable, so ties keep the talk's order.
fn sort(changes: &mut [Change]) {
    changes.sort_by_key(|c| {
        c.shown.zip(c.change).map_or(
            (1, SignedDuration::ZERO, SignedDuration::ZERO),
            |(shown, d)| (0, -shown, -d),
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::testing::{plan, run};

    #[test]
    fn sorted_by_change_with_missing_times_last() {
        let plan = plan();
        let tz = jiff::tz::TimeZone::UTC;
        let a = RunFigures::of(&run(
            &plan,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 20),
                (Event::Goto(3), 30),
                (Event::End(EndReason::Finished), 40),
            ],
        ));
        let b = RunFigures::of(&run(&plan, 0, &[(Event::Goto(1), 4), (Event::Goto(2), 20)]));
        let infos = [&a, &b].map(|r| RunInfo::new(r, plan.budget, plan.grace, Some(&plan), &tz));
        let Body::Compare(report) = compare(&plan, &a, &b, infos).body else {
            panic!("a comparison");
        };
        let order: Vec<(&str, Option<i64>)> = report
            .slides
            .iter()
            .map(|c| (c.title.as_str(), c.change.map(crate::timefmt::millis)))
            .collect();
        assert_eq!(
            order,
            [
                ("B", Some(6000)),
                ("A", Some(-6000)),
                ("C", Some(-10_000)),
                ("D", None)
            ]
        );
        assert_eq!(report.slides[2].b_status, Status::Stopped);
    }

    #[test]
    fn no_change_is_shown_against_a_slide_still_being_spoken() {
        let plan = plan();
        let tz = jiff::tz::TimeZone::UTC;
        let a = ending_at([10_000, 20_000, 60_000, 70_000]);
        // B: alive, 5 s into C (slide 3), its section still going.
        let mut live = run(&plan, 0, &[(Event::Goto(1), 10), (Event::Goto(2), 20)]);
        live.events.push((
            Event::Pause(crate::rehearsal::PauseReason::Speaker),
            Duration::from_secs(25),
        ));
        live.liveness = crate::history::Liveness::Alive;
        let b = RunFigures::of(&live);
        let infos = [&a, &b].map(|r| RunInfo::new(r, plan.budget, plan.grace, Some(&plan), &tz));
        let Body::Compare(report) = compare(&plan, &a, &b, infos).body else {
            panic!("a comparison");
        };
        let c = report.slides.iter().find(|c| c.title == "C").expect("C");
        assert_eq!(c.b_status, Status::InProgress);
        assert_eq!((c.change, c.shown), (None, None), "{c:?}");
        let done = report.slides.iter().find(|c| c.title == "A").expect("A");
        assert_eq!(
            done.change,
            Some(SignedDuration::ZERO),
            "settled slides still compare"
        );
        for section in &report.sections {
            if section.b_status == Status::InProgress {
                assert_eq!(section.change, None, "{section:?}");
            }
        }
        assert!(
            report
                .sections
                .iter()
                .any(|s| s.b_status == Status::InProgress),
            "the section holding C is in progress"
        );
    }

    /// A run of `plan()` whose slides end at these milliseconds, finished.
    fn ending_at(ms: [u64; 4]) -> RunFigures {
        let mut recorded = run(&plan(), 0, &[]);
        recorded.events.extend([
            (Event::Goto(1), Duration::from_millis(ms[0])),
            (Event::Goto(2), Duration::from_millis(ms[1])),
            (Event::Goto(3), Duration::from_millis(ms[2])),
            (
                Event::End(EndReason::Finished),
                Duration::from_millis(ms[3]),
            ),
        ]);
        RunFigures::of(&recorded)
    }

    #[test]
    fn the_change_is_the_difference_of_the_times_shown() {
        let plan = plan();
        // A: 10.4 s (0:10) against 10.6 s (0:11); B: 10.5 s (0:11) against 12.4 s (0:12).
        // C and D: 10 s and 20 s in A, 10 s and 17.4 s in B, so both runs total whole seconds.
        let a = ending_at([10_400, 20_900, 30_900, 50_900]);
        let b = ending_at([10_600, 23_000, 33_000, 50_400]);
        let tz = jiff::tz::TimeZone::UTC;
        let infos = [&a, &b].map(|r| RunInfo::new(r, plan.budget, plan.grace, Some(&plan), &tz));
        let report = compare(&plan, &a, &b, infos);
        let Body::Compare(c) = &report.body else {
            panic!("a comparison");
        };
        let row = |title: &str| {
            c.slides
                .iter()
                .find(|s| s.title == title)
                .unwrap_or_else(|| panic!("no slide {title}"))
        };
        let secs = SignedDuration::from_secs;
        assert_eq!(row("A").shown, Some(secs(1)), "0:11 - 0:10");
        assert_eq!(row("B").shown, Some(secs(1)), "0:12 - 0:11");
        assert_eq!(
            (row("A").change, row("B").change),
            (
                Some(SignedDuration::from_millis(200)),
                Some(SignedDuration::from_millis(1900))
            ),
            "the milliseconds stay as they are"
        );
        let mut text = Vec::new();
        crate::report::text::write(&report, false, &mut text).expect("written");
        let text = String::from_utf8(text).expect("utf-8");
        let line = |title: &str| {
            text.lines()
                .find(|l| {
                    l.trim_start().starts_with(char::is_numeric)
                        && l.contains(&format!("  {title}  "))
                })
                .unwrap_or_else(|| panic!("no row {title}:\n{text}"))
                .to_owned()
        };
        for (title, a, b) in [("A", "0:10", "0:11"), ("B", "0:11", "0:12")] {
            let l = line(title);
            assert!(
                l.contains(&format!("{a}    {b}   +0:01  ▲ slower")),
                "{l}\n{text}"
            );
        }
        let mut md = Vec::new();
        crate::report::markdown::write(&report, &mut md).expect("written");
        let md = String::from_utf8(md).expect("utf-8");
        assert!(
            md.contains("| 1 | A | Opening | 0:10 | 0:10 | 0:11 | **+0:01** ▲ |"),
            "{md}"
        );
        let mut html = Vec::new();
        crate::report::html::write(&report, &mut html).expect("written");
        let html = String::from_utf8(html).expect("utf-8");
        for (title, a, b) in [("A", "0:10", "0:11"), ("B", "0:11", "0:12")] {
            let row = format!(
                "<td>{title}</td><td>Opening</td><td class=\"t\">0:10</td><td class=\"t\">{a}</td>\
                 <td class=\"t\">{b}</td><td class=\"t\">+0:01</td>"
            );
            assert!(html.contains(&row), "{row}\n{html}");
        }
    }

    #[test]
    fn each_line_is_drawn_against_its_own_plan_and_the_bands_are_bs() {
        let then = plan();
        // Today: A 5 s, B 25 s (Opening 30 s of 50 s).
        let mut now = plan();
        now.slides[0].budget = Duration::from_secs(5);
        now.slides[1].budget = Duration::from_secs(25);
        now.sections[0].budget = Duration::from_secs(30);
        now.sections[1].start = Duration::from_secs(30);
        now.budget = Duration::from_secs(50);
        let events = [
            (Event::Goto(1), 10),
            (Event::Goto(2), 22),
            (Event::Goto(3), 31),
            (Event::End(EndReason::Finished), 41),
        ];
        let a = RunFigures::of(&run(&then, 0, &events));
        let b = RunFigures::of(&run(&then, 0, &events));
        let tz = jiff::tz::TimeZone::UTC;
        let infos = |a: &RunFigures, b: &RunFigures| {
            [a, b].map(|r| RunInfo::new(r, r.plan.budget, r.plan.grace, Some(&now), &tz))
        };
        let secs = Duration::from_secs;
        let chart = compare(&now, &a, &b, infos(&a, &b)).chart;
        assert_eq!(chart.budget, secs(40), "both runs' plan");
        let bands: Vec<_> = chart.sections.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(bands, [(secs(0), secs(20)), (secs(20), secs(40))]);
        for line in &chart.lines {
            assert_eq!(
                line.points[1..3],
                [(secs(10), secs(10)), (secs(20), secs(22))]
            );
        }
        assert!(
            chart.sections[0].over,
            "Opening: 22 s of its 20 s then, a bit over"
        );
        let opening = &chart.deltas[0];
        assert_eq!(
            (opening.low, opening.high),
            (SignedDuration::from_secs(2), SignedDuration::from_secs(2)),
            "the sections chart: against the 20 s the runs had"
        );

        // B rehearsed today's plan: its line and the bands are today's, A's line its own.
        let b = RunFigures::of(&run(&now, 0, &events));
        let chart = compare(&now, &a, &b, infos(&a, &b)).chart;
        assert_eq!(chart.budget, secs(50));
        assert_eq!(chart.sections[1].start, secs(30));
        assert_eq!(chart.lines[0].points[1], (secs(10), secs(10)), "A");
        assert_eq!(chart.lines[1].points[1], (secs(5), secs(10)), "B");
        let opening = &chart.deltas[0];
        assert_eq!(
            (opening.low, opening.high),
            (SignedDuration::from_secs(-8), SignedDuration::from_secs(2)),
            "B 22 s of today's 30 s, A of its 20 s"
        );

        let chart = compare_against(&now, &a, &b, infos(&a, &b), Against::Current).chart;
        assert_eq!(
            chart.lines[0].points[1],
            (secs(5), secs(10)),
            "today's plan"
        );
    }

    #[test]
    fn a_whole_run_against_a_section_alone_is_drawn_on_the_whole_talk() {
        let whole = plan();
        let a = RunFigures::of(&run(
            &whole,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 20),
                (Event::Goto(3), 30),
                (Event::End(EndReason::Finished), 40),
            ],
        ));
        // B: `--section Method`, a plan of c and d alone.
        let mut method = plan();
        method.slides.drain(..2);
        method.sections.remove(0);
        method.sections[0].start = Duration::ZERO;
        method.sections[0].slides = 0..2;
        for slide in &mut method.slides {
            slide.section = 0;
            slide.start -= Duration::from_secs(20);
        }
        method.budget = Duration::from_secs(20);
        let mut alone = run(
            &method,
            0,
            &[(Event::Goto(1), 12), (Event::End(EndReason::Finished), 25)],
        );
        alone.scope = Some("Method".into());
        let b = RunFigures::of(&alone);
        let tz = jiff::tz::TimeZone::UTC;
        let infos =
            [&a, &b].map(|r| RunInfo::new(r, r.plan.budget, r.plan.grace, Some(&whole), &tz));
        let chart = compare(&whole, &a, &b, infos).chart;
        let secs = Duration::from_secs;
        assert_eq!(chart.budget, secs(40), "the whole talk's axis");
        let bands: Vec<(&str, Duration, Duration)> = chart
            .sections
            .iter()
            .map(|b| (b.title.as_str(), b.start, b.end))
            .collect();
        assert_eq!(
            bands,
            [
                ("Opening", secs(0), secs(20)),
                ("Method", secs(20), secs(40))
            ]
        );
        assert_eq!(
            chart.lines[0].points[1],
            (secs(10), secs(10)),
            "A from the start"
        );
        assert_eq!(
            chart.lines[1].points[..2],
            [(secs(20), secs(20)), (secs(30), secs(32))],
            "B where Method starts"
        );
    }
}
