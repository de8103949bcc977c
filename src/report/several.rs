//! The report of several runs: per slide and section the median, min, max and spread of the
//! runs that rehearsed it, how often it ran over, and the total per run (the trend).

use std::time::Duration;

use super::chart::{self, Chart, LINES, bands, median_line, pace, rehearsed_pace};
use super::figures::RunFigures;
use super::layout::{Against, Layout, RowCell, RunBudgets, section_cell};
use super::{Body, Report, RunInfo, Status, TalkInfo, Trend};
use crate::plan::Plan;
use crate::stats;
use jiff::SignedDuration;

use crate::pace::{self, Pace, signed};

/// How many slides (and sections) the "over most often" summary lists.
pub const MOST_OVER: usize = 5;

/// Several runs side by side.
#[derive(Debug, Clone)]
pub struct RunsReport {
    /// The runs, oldest first.
    pub runs: Vec<RunInfo>,
    /// Statistics of the time spoken by the complete runs of the whole talk.
    pub totals: Option<Stats>,
    pub sections: Vec<StatsSection>,
    /// The slides over budget in the most runs, most first (at most [`MOST_OVER`]).
    pub slides_over: Vec<OverCount>,
    /// The sections over budget in the most runs, most first (at most [`MOST_OVER`]).
    pub sections_over: Vec<OverCount>,
    /// Whether the complete runs of the whole talk are converging on the budget.
    pub trend: Option<Trend>,
}

/// Robust figures over the runs that rehearsed something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// How many runs the figures are over.
    pub runs: usize,
    pub median: Duration,
    pub min: Duration,
    pub max: Duration,
    /// The interquartile range: the middle half of the runs lie within it.
    pub spread: Duration,
}

impl Stats {
    pub fn of(values: &[Duration]) -> Option<Self> {
        Some(Self {
            runs: values.len(),
            median: stats::median(values)?,
            min: *values.iter().min()?,
            max: *values.iter().max()?,
            spread: stats::spread(values)?,
        })
    }
}

/// A section across runs: only runs that rehearsed the whole section count.
#[derive(Debug, Clone)]
pub struct StatsSection {
    pub title: String,
    /// `None`: no longer in the talk.
    pub budget: Option<Duration>,
    pub stats: Option<Stats>,
    /// Runs in which the section ran over its budget.
    pub over: usize,
    pub slides: Vec<StatsSlide>,
}

/// A slide across runs: only runs that showed and left it count.
#[derive(Debug, Clone)]
pub struct StatsSlide {
    /// Position in the current talk (1-based); `None` for a removed slide.
    pub number: Option<usize>,
    pub id: String,
    pub title: String,
    /// `None`: no longer in the talk.
    pub budget: Option<Duration>,
    pub stats: Option<Stats>,
    /// Runs in which the slide ran over its budget.
    pub over: usize,
    /// Runs whose outline did not have the slide yet.
    pub new_in: usize,
    pub optional: bool,
}

/// A slide or section over budget in `over` of the `runs` that rehearsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverCount {
    pub title: String,
    /// The section, for a slide.
    pub section: Option<String>,
    pub over: usize,
    pub runs: usize,
    /// Median minus budget (positive: over).
    pub median_delta: SignedDuration,
    /// The same as the formats for people show it beside the median and the budget in the
    /// tables: each rounded to whole seconds once, then subtracted.
    pub shown_delta: SignedDuration,
    /// The verdict on the median, as the statistics table shows it: a bit over or over.
    pub status: Status,
}

/// The report of `runs` (oldest first) laid out as the talk's current `plan`; `infos` head
/// them. The figures are times, shown with the current budgets; how often a slide or section
/// ran over counts each run against the plan it was rehearsed with.
pub fn several(plan: &Plan, runs: &[RunFigures], infos: Vec<RunInfo>) -> Report {
    several_against(plan, runs, infos, Against::Rehearsed)
}

/// [`several`], each run's overruns counted against the budgets `against` names.
pub fn several_against(
    plan: &Plan,
    runs: &[RunFigures],
    infos: Vec<RunInfo>,
    against: Against,
) -> Report {
    let layout = Layout::new(plan, runs.iter());
    let cells: Vec<Vec<RowCell>> = runs.iter().map(|r| layout.cells(r)).collect();
    let budgets: Vec<RunBudgets> = runs.iter().map(|r| layout.budgets(r, against)).collect();
    let mut judged: Vec<(Duration, Option<Duration>)> = Vec::with_capacity(runs.len());
    let mut slides_over = Vec::new();
    let mut sections_over = Vec::new();
    let mut values = Vec::with_capacity(runs.len());
    let sections: Vec<StatsSection> =
        layout
            .sections
            .iter()
            .enumerate()
            .map(|(s, section)| {
                let slides = section
                    .slides
                    .iter()
                    .map(|&r| {
                        let row = &layout.slides[r];
                        judged.clear();
                        judged.extend(
                            cells
                                .iter()
                                .zip(&budgets)
                                .filter_map(|(c, b)| c[r].spoken().map(|v| (v, b.slides[r]))),
                        );
                        values.clear();
                        values.extend(judged.iter().map(|(v, _)| *v));
                        let slide = StatsSlide {
                            number: row.number,
                            id: row.id.clone(),
                            title: row.title.clone(),
                            budget: row.budget,
                            stats: Stats::of(&values),
                            over: count_over(&judged, plan.warn),
                            new_in: cells.iter().filter(|c| c[r] == RowCell::New).count(),
                            optional: row.optional,
                        };
                        if let Some(over) = over_count(
                            &slide.title,
                            slide.over,
                            slide.stats,
                            slide.budget,
                            plan.warn,
                        ) {
                            slides_over.push(OverCount {
                                section: Some(section.title.clone()),
                                ..over
                            });
                        }
                        slide
                    })
                    .collect();
                judged.clear();
                judged.extend(cells.iter().zip(&budgets).filter_map(|(c, b)| {
                    section_cell(section, c).whole().map(|v| (v, b.sections[s]))
                }));
                values.clear();
                values.extend(judged.iter().map(|(v, _)| *v));
                let stats = Stats::of(&values);
                let over = count_over(&judged, plan.warn);
                sections_over.extend(over_count(
                    &section.title,
                    over,
                    stats,
                    section.budget,
                    plan.warn,
                ));
                StatsSection {
                    title: section.title.clone(),
                    budget: section.budget,
                    stats,
                    over,
                    slides,
                }
            })
            .collect();
    let totals: Vec<Duration> = runs
        .iter()
        .filter(|r| r.complete() && !r.partial())
        .map(|r| r.talked)
        .collect();
    Report {
        talk: TalkInfo::of(plan),
        against,
        chart: chart(plan, &layout, runs, &cells, &sections, against),
        body: Body::Runs(RunsReport {
            trend: Trend::of(&infos),
            runs: infos,
            totals: Stats::of(&totals),
            sections,
            slides_over: most(slides_over),
            sections_over: most(sections_over),
        }),
    }
}

/// The newest runs' pace lines (with the median line when there are more than fit), each
/// against the plan `against` names; the bands and the median line are today's plan's.
fn chart(
    plan: &Plan,
    layout: &Layout,
    runs: &[RunFigures],
    cells: &[Vec<RowCell>],
    sections: &[StatsSection],
    against: Against,
) -> Chart {
    let over = |s: &StatsSection| {
        s.budget
            .zip(s.stats)
            .is_some_and(|(b, st)| pace::finished(st.median, b, plan.warn) != Pace::Fine)
    };
    let drawn = if runs.len() > LINES {
        LINES - 1
    } else {
        runs.len()
    };
    let mut lines: Vec<chart::PaceLine> = runs[runs.len() - drawn..]
        .iter()
        .zip(&cells[runs.len() - drawn..])
        .map(|(run, cells)| {
            let label = super::single::line_label("", run);
            // Each run against the plan its figures (its delta in the runs table) are read
            // against: its own, or today's with `--against current`. The bands are today's,
            // as the statistics are.
            match against {
                Against::Rehearsed => rehearsed_pace(run, label),
                Against::Current => pace(layout, cells, label),
            }
        })
        .collect();
    if runs.len() > LINES {
        let rows: std::collections::HashMap<&str, usize> = layout
            .slides
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut medians = vec![None; layout.slides.len()];
        for section in sections {
            for slide in &section.slides {
                if let Some(&row) = rows.get(slide.id.as_str()) {
                    medians[row] = slide.stats.map(|s| s.median);
                }
            }
        }
        lines.push(median_line(
            layout,
            &medians,
            format!("median of {} runs", runs.len()),
        ));
    }
    Chart {
        budget: plan.budget,
        grace: plan.grace,
        sections: bands(layout, |s| over(&sections[s])),
        lines,
        deltas: sections
            .iter()
            .filter_map(|s| {
                let (budget, stats) = s.budget.zip(s.stats)?;
                Some(chart::SectionDelta {
                    title: s.title.clone(),
                    median: signed(stats.median, budget),
                    low: signed(stats.min, budget),
                    high: signed(stats.max, budget),
                    runs: stats.runs,
                })
            })
            .collect(),
    }
}

/// How many of `values` ended over their budget by the finished verdict (amber or red).
fn count_over(values: &[(Duration, Option<Duration>)], warn: f64) -> usize {
    values
        .iter()
        .filter(|(v, b)| b.is_some_and(|b| pace::finished(*v, b, warn) != Pace::Fine))
        .count()
}

fn over_count(
    title: &str,
    over: usize,
    stats: Option<Stats>,
    budget: Option<Duration>,
    warn: f64,
) -> Option<OverCount> {
    let (stats, budget) = stats.zip(budget)?;
    let verdict = pace::finished(stats.median, budget, warn);
    (over > 0 && verdict != Pace::Fine).then(|| OverCount {
        title: title.to_owned(),
        section: None,
        over,
        runs: stats.runs,
        median_delta: signed(stats.median, budget),
        shown_delta: super::shown_change(budget, stats.median),
        status: verdict.into(),
    })
}

/// The most often over first (then the furthest over), at most [`MOST_OVER`].
fn most(mut counts: Vec<OverCount>) -> Vec<OverCount> {
    counts.sort_by(|a, b| {
        b.over
            .cmp(&a.over)
            .then(b.median_delta.cmp(&a.median_delta))
    });
    counts.truncate(MOST_OVER);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::testing::{plan, run};

    #[test]
    fn only_sections_whose_median_is_over_are_listed_as_over_most_often() {
        let plan = plan();
        // Slide B takes `b` seconds (budget 10), everything else on budget; Method's slides
        // end a few hundred ms over, which the shown whole seconds hide.
        let finished = |b: u64| {
            let mut events: Vec<(Event, Duration)> = vec![
                (Event::Start, Duration::ZERO),
                (Event::Goto(1), Duration::from_secs(10)),
                (Event::Goto(2), Duration::from_secs(10 + b)),
                (Event::Goto(3), Duration::from_millis((20 + b) * 1000 + 400)),
                (
                    Event::End(EndReason::Finished),
                    Duration::from_millis((30 + b) * 1000 + 800),
                ),
            ];
            let mut recorded = run(&plan, 0, &[]);
            recorded.events = std::mem::take(&mut events);
            RunFigures::of(&recorded)
        };
        // Opening over once in three (B at 15 s), its median under budget (B at 8 s).
        let runs = [finished(15), finished(8), finished(7)];
        let Body::Runs(report) = several(&plan, &runs, Vec::new()).body else {
            panic!("a several-run report");
        };
        assert_eq!(report.sections[0].over, 1, "Opening ran over once");
        assert_eq!(report.sections[1].over, 0, "0.8 s over is on time");
        assert!(
            report.sections_over.is_empty(),
            "no section's median is over: {:?}",
            report.sections_over
        );
        let runs = [finished(15), finished(16), finished(7)];
        let Body::Runs(report) = several(&plan, &runs, Vec::new()).body else {
            panic!("a several-run report");
        };
        let titles: Vec<&str> = report.sections_over.iter().map(|o| &*o.title).collect();
        assert_eq!(titles, ["Opening"]);
        assert_eq!(
            report.sections_over[0].status,
            Status::Over,
            "its median, 5 s over a 20 s section, is past its 4 s band: over"
        );
        assert_eq!(
            report.sections_over[0].status,
            pace::finished(
                report.sections[0].stats.unwrap().median,
                report.sections[0].budget.unwrap(),
                plan.warn
            )
            .into()
        );
    }

    #[test]
    fn statistics_count_only_what_each_run_spoke() {
        let plan = plan();
        let finished = |b: u64| {
            RunFigures::of(&run(
                &plan,
                0,
                &[
                    (Event::Goto(1), 10),
                    (Event::Goto(2), 10 + b),
                    (Event::Goto(3), 20 + b),
                    (Event::End(EndReason::Finished), 30 + b),
                ],
            ))
        };
        // A run cut short on slide B must not drag B's median down.
        let cut = RunFigures::of(&run(&plan, 0, &[(Event::Goto(1), 10)]));
        let runs = [finished(12), finished(14), finished(8), cut];
        let infos = Vec::new();
        let Body::Runs(report) = several(&plan, &runs, infos).body else {
            panic!("a several-run report");
        };
        let b = &report.sections[0].slides[1];
        let s = b.stats.unwrap();
        assert_eq!(
            (s.runs, s.median, s.min, s.max),
            (
                3,
                Duration::from_secs(12),
                Duration::from_secs(8),
                Duration::from_secs(14)
            )
        );
        assert_eq!(b.over, 2);
        let opening = &report.sections[0];
        assert_eq!(
            opening.stats.unwrap().runs,
            3,
            "the cut run did not finish the section"
        );
        assert_eq!(opening.over, 2);
        assert_eq!(report.slides_over[0].title, "B");
        assert_eq!(
            report.slides_over[0].median_delta,
            SignedDuration::from_secs(2)
        );
        assert_eq!(report.totals.unwrap().runs, 3);
        assert_eq!(report.totals.unwrap().median, Duration::from_secs(42));
    }

    #[test]
    fn each_run_runs_over_against_its_own_budget_unless_asked_for_todays() {
        let then = plan();
        // Today slide B has 15 s (and A 5 s): budgets only, the same slides.
        let mut now = plan();
        now.slides[0].budget = Duration::from_secs(5);
        now.slides[1].budget = Duration::from_secs(15);
        // B took 13 s: over its 10 s then, on time against today's 15 s.
        let fig = RunFigures::of(&run(
            &then,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 23),
                (Event::Goto(3), 33),
                (Event::End(EndReason::Finished), 43),
            ],
        ));
        let over = |against| {
            let Body::Runs(report) =
                several_against(&now, std::slice::from_ref(&fig), Vec::new(), against).body
            else {
                panic!("a several-run report");
            };
            let slides = &report.sections[0].slides;
            (slides[0].over, slides[1].over, slides[1].budget)
        };
        let fifteen = Some(Duration::from_secs(15));
        assert_eq!(
            over(Against::Rehearsed),
            (0, 1, fifteen),
            "shown: today's budget"
        );
        assert_eq!(over(Against::Current), (1, 0, fifteen));
    }

    #[test]
    fn each_run_is_drawn_against_its_own_plan_unless_asked_for_todays() {
        let then = plan();
        // Today A has 5 s and B 25 s.
        let mut now = plan();
        now.slides[0].budget = Duration::from_secs(5);
        now.slides[1].budget = Duration::from_secs(25);
        let events = [
            (Event::Goto(1), 10),
            (Event::Goto(2), 22),
            (Event::Goto(3), 31),
            (Event::End(EndReason::Finished), 41),
        ];
        let runs = [
            RunFigures::of(&run(&then, 0, &events)),
            RunFigures::of(&run(&now, 0, &events)),
        ];
        let secs = Duration::from_secs;
        let lines = |against| {
            several_against(&now, &runs, Vec::new(), against)
                .chart
                .lines
                .iter()
                .map(|l| l.points[1])
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines(Against::Rehearsed),
            [(secs(10), secs(10)), (secs(5), secs(10))],
            "slide A ends at 10 s in the first run's plan, at 5 s in the second's"
        );
        assert_eq!(
            lines(Against::Current),
            [(secs(5), secs(10)), (secs(5), secs(10))]
        );
    }

    #[test]
    fn the_runs_table_names_one_budget_only_when_every_run_had_it() {
        let then = plan();
        let mut now = plan();
        now.slides[1].budget = Duration::from_secs(20);
        now.budget = Duration::from_secs(50);
        let events = [
            (Event::Goto(1), 10),
            (Event::Goto(2), 22),
            (Event::Goto(3), 31),
            (Event::End(EndReason::Finished), 41),
        ];
        let tz = jiff::tz::TimeZone::UTC;
        let written = |runs: &[RunFigures]| {
            let infos = runs
                .iter()
                .map(|r| RunInfo::new(r, r.plan.budget, r.plan.grace, Some(&now), &tz))
                .collect();
            let report = several(&now, runs, infos);
            let mut text = Vec::new();
            crate::report::text::write(&report, false, &mut text).unwrap();
            let mut md = Vec::new();
            crate::report::markdown::write(&report, &mut md).unwrap();
            (
                String::from_utf8(text).unwrap(),
                String::from_utf8(md).unwrap(),
            )
        };
        let (text, md) = written(&[
            RunFigures::of(&run(&then, 0, &events)),
            RunFigures::of(&run(&now, 0, &events)),
        ]);
        assert!(!text.contains("against 0:50"), "run 1 had 0:40:\n{text}");
        assert!(text.contains("against its budget"), "{text}");
        assert!(!md.contains("against a budget of 0:50"), "{md}");
        let (text, md) = written(&[RunFigures::of(&run(&now, 0, &events))]);
        assert!(text.contains("against 0:50"), "{text}");
        assert!(md.contains("against a budget of 0:50"), "{md}");
    }

    #[test]
    fn over_most_often_shows_the_median_delta_as_the_table_shows_its_clocks() {
        // B's budget 10.6 s (0:11), spoken in 12.4 s (0:12) three times: +1.8 s, read +0:01.
        let mut plan = plan();
        plan.slides[1].budget = Duration::from_millis(10_600);
        let finished = || {
            let mut recorded = run(&plan, 0, &[]);
            recorded.events.extend([
                (Event::Goto(1), Duration::from_secs(10)),
                (Event::Goto(2), Duration::from_millis(22_400)),
                (Event::Goto(3), Duration::from_millis(32_400)),
                (
                    Event::End(EndReason::Finished),
                    Duration::from_millis(42_400),
                ),
            ]);
            RunFigures::of(&recorded)
        };
        let report = several(&plan, &[finished(), finished(), finished()], Vec::new());
        let Body::Runs(runs) = &report.body else {
            panic!("a several-run report");
        };
        let b = &runs.slides_over[0];
        assert_eq!(b.title, "B");
        assert_eq!(b.median_delta, SignedDuration::from_millis(1800), "JSON's");
        assert_eq!(b.shown_delta, SignedDuration::from_secs(1));
        let mut text = Vec::new();
        crate::report::text::write(&report, false, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("median  +0:01  B"), "{text}");
    }
}
