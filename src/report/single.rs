//! The report of one run: per section and slide, budget, actual, delta, flags and marks; where
//! the run stood at each section's planned start; the biggest overruns first.

use std::time::Duration;

use super::chart::{
    Chart, SectionDelta, band_mark, marked_bands, pace, plan_bands, rehearsed_pace,
};
use super::figures::{Cell, RunFigures};
use super::layout::{
    Against, Layout, RowCell, RowSection, RunBudgets, SectionCell, section_cell, skipped_in,
    with_skips,
};
use super::{Body, Report, RunInfo, Status, TalkInfo, shown_change};
use crate::plan::Plan;
use jiff::SignedDuration;

use crate::pace::{self, signed};

/// How many overruns the summary lists.
pub const OVERRUNS: usize = 5;

/// One run, slide by slide.
#[derive(Debug, Clone)]
pub struct RunReport {
    pub run: RunInfo,
    pub sections: Vec<RunSection>,
    /// The slides furthest over their budget, worst first (at most [`OVERRUNS`]).
    pub overruns: Vec<Overrun>,
    /// The finish against the budget, for a complete run.
    pub finish: Option<Checkpoint>,
}

/// A section of a one-run report.
#[derive(Debug, Clone)]
pub struct RunSection {
    pub title: String,
    /// `None`: the section is no longer in the talk.
    pub budget: Option<Duration>,
    pub actual: Option<Duration>,
    pub delta: Option<SignedDuration>,
    pub status: Status,
    /// How many of its slides the run skipped (never shown, jumped over).
    pub skipped: usize,
    /// The run rehearsed only part of the section.
    pub part: bool,
    /// Where the run stood when it entered the section, against the section's planned start.
    pub checkpoint: Option<Checkpoint>,
    pub slides: Vec<RunSlide>,
}

/// Planned against actual talk time at a moment of the talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    pub planned: Duration,
    pub actual: Duration,
    /// Actual minus planned (positive: behind).
    pub delta: SignedDuration,
}

impl Checkpoint {
    pub fn new(planned: Duration, actual: Duration) -> Self {
        Self {
            planned,
            actual,
            delta: signed(actual, planned),
        }
    }

    /// The delta as the formats for people show it beside the two clocks ([`shown_change`]).
    pub fn shown_delta(&self) -> SignedDuration {
        shown_change(self.planned, self.actual)
    }
}

/// A delta as shown beside its budget and actual: the difference of the two clocks shown (a
/// skipped slide or section: its whole budget saved); without a budget, the delta as it is.
fn shown(
    budget: Option<Duration>,
    actual: Option<Duration>,
    delta: Option<SignedDuration>,
) -> Option<SignedDuration> {
    delta.map(|d| budget.map_or(d, |b| shown_change(b, actual.unwrap_or_default())))
}

impl RunSection {
    /// [`RunSection::delta`] as the formats for people show it: the difference of the budget
    /// and the actual shown beside it, each rounded to whole seconds once.
    pub fn shown_delta(&self) -> Option<SignedDuration> {
        shown(self.budget, self.actual, self.delta)
    }
}

impl RunSlide {
    /// [`RunSlide::delta`] as the formats for people show it (see [`RunSection::shown_delta`]).
    pub fn shown_delta(&self) -> Option<SignedDuration> {
        shown(self.budget, self.actual, self.delta)
    }
}

impl Overrun {
    /// [`Overrun::delta`] as the slide's row shows it.
    pub fn shown_delta(&self) -> SignedDuration {
        shown_change(self.budget, self.actual)
    }
}

/// A slide of a one-run report.
#[derive(Debug, Clone)]
pub struct RunSlide {
    /// Position in the current talk (1-based); `None` for a removed slide.
    pub number: Option<usize>,
    pub id: String,
    pub title: String,
    pub budget: Option<Duration>,
    pub actual: Option<Duration>,
    pub delta: Option<SignedDuration>,
    pub status: Status,
    pub marked: bool,
    pub optional: bool,
}

/// A slide over its budget, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    pub title: String,
    pub section: String,
    pub budget: Duration,
    pub actual: Duration,
    pub delta: SignedDuration,
    /// The slide's verdict, as its row shows it: a bit over or over.
    pub status: Status,
}

/// A run's label in the chart legend: its number, time spoken, and how it ended if early.
pub(super) fn line_label(prefix: &str, run: &RunFigures) -> String {
    let end = if run.complete() {
        ""
    } else if run.in_progress() {
        ", in progress"
    } else {
        ", cut short"
    };
    format!(
        "{prefix}run {} ({}{end})",
        run.number,
        crate::timefmt::clock(run.talked)
    )
}

/// The report of `run` laid out as the talk's current `plan`, read against the plan it was
/// rehearsed with; `info` heads it.
pub fn single(plan: &Plan, run: &RunFigures, info: RunInfo) -> Report {
    single_against(plan, run, info, Against::Rehearsed)
}

/// [`single`], read against the budgets `against` names.
pub fn single_against(plan: &Plan, run: &RunFigures, info: RunInfo, against: Against) -> Report {
    let layout = Layout::new(plan, std::iter::once(run));
    let mut run_sections = std::collections::HashMap::new();
    for (i, s) in run.plan.sections.iter().enumerate() {
        run_sections.entry(s.title.as_str()).or_insert(i);
    }
    let rows = Rows {
        warn: plan.warn,
        run,
        cells: layout.cells(run),
        marks: layout.marks(run),
        run_sections,
        budgets: layout.budgets(run, against),
        layout: &layout,
    };
    let sections: Vec<RunSection> = (0..layout.sections.len())
        .map(|s| rows.section(s))
        .collect();
    let fill: Duration = run.plan.slides[..run.from].iter().map(|s| s.budget).sum();
    let budget = match against {
        Against::Rehearsed => run.plan.budget,
        Against::Current => plan.budget,
    };
    let finish = run
        .complete()
        .then(|| Checkpoint::new(budget, run.talked + fill));
    let over = |s: usize| matches!(sections[s].status, Status::Amber | Status::Over);
    let skip = |s: usize| band_mark(sections[s].status);
    let label = line_label("", run);
    // The chart is drawn against the plan the figures are read against: the run's own (its
    // slides at their budgets then), or today's with `--against current`.
    let (axis, bands, line) = match against {
        Against::Rehearsed => {
            let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
            (
                &*run.plan,
                plan_bands(&run.plan, &titles, over, skip),
                rehearsed_pace(run, label),
            )
        }
        Against::Current => (
            plan,
            marked_bands(&layout, over, skip),
            pace(&layout, &rows.cells, label),
        ),
    };
    let chart = Chart {
        budget: axis.budget,
        grace: axis.grace,
        sections: bands,
        lines: vec![line],
        deltas: sections
            .iter()
            .filter(|s| !s.part)
            .filter_map(|s| SectionDelta::of(&s.title, s.budget?, &[s.actual?]))
            .collect(),
    };
    Report {
        talk: TalkInfo::of(plan),
        against,
        chart,
        body: Body::Run(RunReport {
            run: info,
            overruns: overruns(&sections, plan.warn),
            sections,
            finish,
        }),
    }
}

/// The rows of one run laid out against the current talk.
struct Rows<'a> {
    warn: f64,
    run: &'a RunFigures,
    layout: &'a Layout,
    cells: Vec<RowCell>,
    /// Whether the run marked each row.
    marks: Vec<bool>,
    /// The run's sections by title (the first of a title): no search per section.
    run_sections: std::collections::HashMap<&'a str, usize>,
    /// What each row is read against.
    budgets: RunBudgets,
}

impl Rows<'_> {
    /// A section with its slides, and where the run stood when it entered it.
    fn section(&self, s: usize) -> RunSection {
        let section: &RowSection = &self.layout.sections[s];
        let budget = self.budgets.sections[s];
        let cell = section_cell(section, &self.cells);
        let actual = cell.time();
        let status = match (section.budget, budget, actual) {
            (None, _, _) => Status::Removed,
            (Some(_), _, None) | (Some(_), None, Some(_)) => Status::NotReached,
            (Some(_), Some(b), Some(a)) => pace::finished(a, b, self.warn).into(),
        };
        let status = with_skips(section, &self.cells, status);
        // A section skipped whole saved its budget, as its skipped slides did.
        let actual = actual.or((status == Status::Skipped).then_some(Duration::ZERO));
        let entered = self
            .run_sections
            .get(section.title.as_str())
            .and_then(|&s| self.run.entered[s]);
        RunSection {
            title: section.title.clone(),
            budget,
            delta: budget.zip(actual).map(|(b, a)| signed(a, b)),
            actual: actual.filter(|_| status != Status::Skipped),
            status,
            skipped: skipped_in(section, &self.cells),
            part: matches!(cell, SectionCell::Part(_)),
            checkpoint: self.budgets.starts[s]
                .zip(entered)
                .map(|(p, a)| Checkpoint::new(p, a)),
            slides: section.slides.iter().map(|&r| self.slide(r)).collect(),
        }
    }

    /// The slide in row `r`: a skipped slide's delta counts its whole budget as saved.
    fn slide(&self, r: usize) -> RunSlide {
        let row = &self.layout.slides[r];
        let actual = self.cells[r].time();
        let budget = self.budgets.slides[r];
        let status = match (self.cells[r], budget) {
            _ if row.removed() => Status::Removed,
            (RowCell::New | RowCell::Absent, _) => Status::New,
            (RowCell::Had(Cell::Skipped), _) => Status::Skipped,
            (RowCell::Had(Cell::Live(_)), _) => Status::InProgress,
            (RowCell::Had(Cell::NotReached), _) | (RowCell::Had(Cell::Spoken(_)), None) => {
                Status::NotReached
            }
            (RowCell::Had(Cell::Stopped(_)), _) => Status::Stopped,
            (RowCell::Had(Cell::Spoken(d)), Some(b)) => pace::finished(d, b, self.warn).into(),
        };
        let delta = budget
            .zip(actual.or((status == Status::Skipped).then_some(Duration::ZERO)))
            .map(|(b, a)| signed(a, b));
        RunSlide {
            number: row.number,
            id: row.id.clone(),
            title: row.title.clone(),
            budget,
            actual,
            delta,
            status,
            marked: self.marks[r],
            optional: row.optional,
        }
    }
}

/// The slides furthest over their budgets, worst first, at most [`OVERRUNS`] (ties in the
/// talk's order): those whose verdict is a bit over or over, so that a slide whose row reads
/// on time (a sub-second overrun) is not listed as an overrun; the slide a cut-short run
/// stopped on when its time so far would be over.
fn overruns(sections: &[RunSection], warn: f64) -> Vec<Overrun> {
    let mut overruns: Vec<Overrun> = sections
        .iter()
        .flat_map(|section| section.slides.iter().map(move |slide| (section, slide)))
        .filter_map(|(section, slide)| {
            let (delta, actual, budget) = (slide.delta?, slide.actual?, slide.budget?);
            let over = match slide.status {
                Status::Amber | Status::Over => true,
                Status::Stopped => pace::finished(actual, budget, warn) != pace::Pace::Fine,
                _ => false,
            };
            (over && delta.is_positive()).then(|| Overrun {
                title: slide.title.clone(),
                section: section.title.clone(),
                budget,
                actual,
                delta,
                status: slide.status,
            })
        })
        .collect();
    overruns.sort_by_key(|o| std::cmp::Reverse(o.delta));
    overruns.truncate(OVERRUNS);
    overruns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::testing::{plan, run};

    #[test]
    fn slides_sections_checkpoints_and_overruns() {
        let plan = plan();
        let fig = RunFigures::of(&run(
            &plan,
            0,
            &[
                (Event::Goto(1), 9),
                (Event::Goto(2), 24), // B: 15 s, 5 over
                (Event::Goto(3), 31),
                (Event::End(EndReason::Finished), 45),
            ],
        ));
        let info = RunInfo::new(
            &fig,
            plan.budget,
            plan.grace,
            Some(&plan),
            &jiff::tz::TimeZone::UTC,
        );
        let Body::Run(report) = single(&plan, &fig, info).body else {
            panic!("a one-run report");
        };
        let opening = &report.sections[0];
        assert_eq!(
            opening.status,
            Status::Amber,
            "4 s over a 20 s section: within its 4 s grace band"
        );
        assert_eq!(opening.delta, Some(SignedDuration::from_secs(4)));
        assert_eq!(
            opening.slides[0].status,
            Status::Fine,
            "9 s of 10 ended on time: amber at warn is a live warning only"
        );
        assert_eq!(opening.slides[1].status, Status::Over);
        let method = &report.sections[1];
        assert_eq!(
            method.checkpoint,
            Some(Checkpoint::new(
                Duration::from_secs(20),
                Duration::from_secs(24)
            ))
        );
        let overruns: Vec<_> = report
            .overruns
            .iter()
            .map(|o| (o.title.as_str(), crate::timefmt::millis(o.delta)))
            .collect();
        assert_eq!(overruns, [("B", 5000), ("D", 4000)]);
        assert_eq!(
            report.finish.map(|f| f.delta),
            Some(SignedDuration::from_secs(5))
        );
        assert_eq!(report.run.on_time, Some(true), "within the 5 s grace");
    }

    #[test]
    fn overruns_list_the_slides_their_rows_call_over_with_their_verdict() {
        let plan = plan();
        let millis = Duration::from_millis;
        let mut recorded = run(&plan, 0, &[]);
        recorded.events.extend([
            (Event::Goto(1), millis(10_400)), // A: 0.4 s over, on time
            (Event::Goto(2), millis(21_900)), // B: 1.5 s over, within its 2 s band
            (Event::Goto(3), millis(31_900)),
            (Event::End(EndReason::Finished), millis(45_900)), // D: 4 s over
        ]);
        let fig = RunFigures::of(&recorded);
        let info = RunInfo::new(
            &fig,
            plan.budget,
            plan.grace,
            Some(&plan),
            &jiff::tz::TimeZone::UTC,
        );
        let Body::Run(report) = single(&plan, &fig, info).body else {
            panic!("a one-run report");
        };
        let rows: Vec<_> = report.sections.iter().flat_map(|s| &s.slides).collect();
        assert_eq!(rows[0].status, Status::Fine, "A's row reads on time");
        let overruns: Vec<_> = report
            .overruns
            .iter()
            .map(|o| (o.title.as_str(), o.status))
            .collect();
        assert_eq!(
            overruns,
            [("D", Status::Over), ("B", Status::Amber)],
            "each with the verdict its row shows; A, on time, is no overrun"
        );
    }

    /// Today's plan: the budgets moved since the run (A 5 s, B 25 s: Opening 30 s of 50 s).
    #[test]
    fn two_sections_of_one_title_each_get_their_own_band() {
        // "Opening" twice: a and b, then c and d; the second runs 40 s of its 20.
        let mut twice = plan();
        twice.sections[1].title = "Opening".into();
        let fig = RunFigures::of(&run(
            &twice,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 20),
                (Event::Goto(3), 40),
                (Event::End(EndReason::Finished), 60),
            ],
        ));
        let info = RunInfo::new(
            &fig,
            twice.budget,
            twice.grace,
            Some(&twice),
            &jiff::tz::TimeZone::UTC,
        );
        let report = single(&twice, &fig, info);
        let Body::Run(table) = &report.body else {
            panic!("a one-run report");
        };
        let statuses: Vec<Status> = table.sections.iter().map(|s| s.status).collect();
        assert_eq!(statuses, [Status::Fine, Status::Over]);
        let bands: Vec<(bool, Option<&str>)> = report
            .chart
            .sections
            .iter()
            .map(|b| (b.over, b.mark))
            .collect();
        assert_eq!(
            bands,
            [(false, None), (true, Some(crate::symbols::OVER))],
            "the second band judged by the second row, not the first"
        );
    }

    fn retuned() -> Plan {
        let mut now = plan();
        now.slides[0].budget = Duration::from_secs(5);
        now.slides[1].budget = Duration::from_secs(25);
        now.sections[0].budget = Duration::from_secs(30);
        now.sections[1].start = Duration::from_secs(30);
        now.budget = Duration::from_secs(50);
        now
    }

    #[test]
    fn the_chart_is_drawn_against_the_plan_the_figures_are_read_against() {
        let then = plan();
        let now = retuned();
        let fig = RunFigures::of(&run(
            &then,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 22),
                (Event::Goto(3), 31),
                (Event::End(EndReason::Finished), 41),
            ],
        ));
        let report = |against| {
            let (budget, grace) = match against {
                Against::Rehearsed => (then.budget, then.grace),
                Against::Current => (now.budget, now.grace),
            };
            let info = RunInfo::new(&fig, budget, grace, Some(&now), &jiff::tz::TimeZone::UTC);
            single_against(&now, &fig, info, against)
        };
        let secs = Duration::from_secs;
        let rehearsed = report(Against::Rehearsed);
        let chart = &rehearsed.chart;
        assert_eq!(
            chart.budget,
            secs(40),
            "the diagonal: the run's 40 s budget"
        );
        let bands: Vec<_> = chart.sections.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(bands, [(secs(0), secs(20)), (secs(20), secs(40))]);
        assert_eq!(
            chart.lines[0].points,
            [
                (secs(0), secs(0)),
                (secs(10), secs(10)),
                (secs(20), secs(22)),
                (secs(30), secs(31)),
                (secs(40), secs(41)),
            ],
            "each slide's end where the run's plan put it"
        );
        // The band tinted over is the one the table calls over: Opening, 2 s over its 20 s.
        let Body::Run(table) = &rehearsed.body else {
            panic!("a one-run report");
        };
        assert_eq!(table.sections[0].budget, Some(secs(20)));
        assert_eq!(table.sections[0].status, Status::Amber);
        assert_eq!(
            (chart.sections[0].over, chart.sections[0].mark),
            (true, Some(crate::symbols::AMBER)),
            "tinted, and marked ◆ as its row is, not ▲"
        );
        let svg = {
            let mut out = Vec::new();
            crate::report::svg::write(&rehearsed, &mut out).expect("written");
            String::from_utf8(out).expect("utf-8")
        };
        assert!(
            svg.contains("plan (0:40)"),
            "the legend names the run's budget"
        );

        let current = report(Against::Current).chart;
        assert_eq!(current.budget, secs(50), "--against current: today's plan");
        let bands: Vec<_> = current.sections.iter().map(|b| (b.start, b.end)).collect();
        assert_eq!(bands, [(secs(0), secs(30)), (secs(30), secs(50))]);
        assert_eq!(current.lines[0].points[1], (secs(5), secs(10)));
    }

    #[test]
    fn a_slide_added_since_has_no_budget_in_the_plan_the_run_is_read_against() {
        let now = plan();
        // The run's outline had no slide D: Method was C alone, 10 s.
        let mut then = now.clone();
        then.slides.truncate(3);
        then.sections[1].slides = 2..3;
        then.sections[1].budget = Duration::from_secs(10);
        then.budget = Duration::from_secs(30);
        let fig = RunFigures::of(&run(
            &then,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 20),
                (Event::End(EndReason::Finished), 31),
            ],
        ));
        let report = |against| {
            let info = RunInfo::new(
                &fig,
                then.budget,
                then.grace,
                Some(&now),
                &jiff::tz::TimeZone::UTC,
            );
            let Body::Run(report) = single_against(&now, &fig, info, against).body else {
                panic!("a one-run report");
            };
            report
        };
        let rehearsed = report(Against::Rehearsed);
        let method = &rehearsed.sections[1];
        let d = &method.slides[1];
        assert_eq!((d.status, d.budget), (Status::New, None), "no budget then");
        let slides: Duration = method.slides.iter().filter_map(|s| s.budget).sum();
        assert_eq!(
            Some(slides),
            method.budget,
            "the slides add up to their section"
        );
        let current = report(Against::Current);
        assert_eq!(
            current.sections[1].slides[1].budget,
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn every_delta_shown_is_the_difference_of_the_clocks_beside_it() {
        // Budgets of 10.4 s (shown 0:10), the talk 41.6 s (0:42).
        let mut plan = plan();
        let budget = Duration::from_millis(10_400);
        for (i, slide) in plan.slides.iter_mut().enumerate() {
            slide.budget = budget;
            slide.start = budget * u32::try_from(i).unwrap();
        }
        for (i, section) in plan.sections.iter_mut().enumerate() {
            section.budget = budget * 2;
            section.start = budget * 2 * u32::try_from(i).unwrap();
        }
        plan.budget = budget * 4;
        // A 10.6 s (0:11: +0.2 s, but 0:10 to 0:11 reads +0:01), B 10.4 s, C 10.4 s, D 11.0 s.
        let mut recorded = run(&plan, 0, &[]);
        recorded.events.extend([
            (Event::Goto(1), Duration::from_millis(10_600)),
            (Event::Goto(2), Duration::from_secs(21)),
            (Event::Goto(3), Duration::from_millis(31_400)),
            (
                Event::End(EndReason::Finished),
                Duration::from_millis(42_400),
            ),
        ]);
        let fig = RunFigures::of(&recorded);
        let info = RunInfo::new(
            &fig,
            plan.budget,
            plan.grace,
            Some(&plan),
            &jiff::tz::TimeZone::UTC,
        );
        let report = single(&plan, &fig, info);
        let Body::Run(run) = &report.body else {
            panic!("a one-run report");
        };
        let a = &run.sections[0].slides[0];
        assert_eq!(
            a.delta,
            Some(SignedDuration::from_millis(200)),
            "JSON's figure"
        );
        assert_eq!(a.shown_delta(), Some(SignedDuration::from_secs(1)));
        let mut text = Vec::new();
        crate::report::text::write(&report, false, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let row = |start: &str| {
            text.lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("no {start}:\n{text}"))
                .to_owned()
        };
        assert!(row("     1 ●  A").contains("0:10   0:11  +0:01"), "{text}");
        // Method: 21.4 s of 20.8 s: 0:21 against 0:21.
        assert!(row("  ● Method").contains("0:21   0:21  +0:00"), "{text}");
        assert_eq!(
            report.chart.deltas[1].median,
            SignedDuration::ZERO,
            "the sections chart labels Method as its row reads"
        );
        // The run: 42.4 s of 41.6 s, 0:42 of 0:42.
        assert!(text.contains("Spoke 0:42 of 0:42 · +0:00"), "{text}");
        assert!(
            row("    Finish").contains("0:42   0:42  +0:00  on plan"),
            "{text}"
        );
        let mut md = Vec::new();
        crate::report::markdown::write(&report, &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        assert!(
            md.contains("| 1 | A | Opening | 0:10 | 0:11 | **+0:01** |"),
            "{md}"
        );
        let mut html = Vec::new();
        crate::report::html::write(&report, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("<td>A</td><td class=\"t\">0:10</td><td class=\"t\">0:11</td><td class=\"t\">+0:01</td>"),
            "{html}"
        );
    }
}
