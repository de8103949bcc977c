//! Pacing reports of recorded rehearsals: one run, several runs side by side, or two compared.
//!
//! Owns the report model: the current talk's plan and the runs' figures in, plain structs out,
//! with slides matched across outlines by id (removed slides shown as removed, added ones as not
//! rehearsed, totals kept whole). Every output format is one file below, a function from the
//! same model to `&mut impl Write`. Pure: no file, terminal, clock or environment here; the
//! command (`cli::report`, `cli::history`) reads the history and picks the time zone.

mod chart;
mod columns;
mod compare;
mod figures;
pub mod history;
mod layout;
mod pick;
pub mod questions;
mod runline;
mod several;
mod single;
#[cfg(test)]
mod skip_tests;
#[cfg(test)]
pub(crate) mod testing;
mod trend;

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod svg;
pub mod text;
mod view;

use std::time::Duration;

use jiff::SignedDuration;

pub use chart::{Band, Chart, PaceLine, SectionDelta};
pub use compare::{Change, CompareReport, compare, compare_against, shown_change};
pub use figures::{Cell, RunFigures};
pub use layout::Against;
pub use pick::{Pick, Picker};
pub use several::{
    OverCount, RunsReport, Stats, StatsSection, StatsSlide, several, several_against,
};
pub use single::{Checkpoint, Overrun, RunReport, RunSection, RunSlide, single, single_against};
pub use trend::{Direction, Trend};

use crate::history::{Fingerprint, Liveness};
use crate::plan::Plan;
use crate::rehearsal::{EndReason, Pace};

/// A report, ready for any format.
#[derive(Debug, Clone)]
pub struct Report {
    pub talk: TalkInfo,
    pub body: Body,
    /// What the pace chart draws.
    pub chart: Chart,
    /// Which budgets the runs' deltas and verdicts are read against.
    pub against: Against,
}

/// Which report.
#[expect(
    clippy::large_enum_variant,
    reason = "one report per command: boxing the larger variants would buy nothing"
)]
#[derive(Debug, Clone)]
pub enum Body {
    /// One run, slide by slide.
    Run(RunReport),
    /// Several runs: statistics per slide and section, the total per run.
    Runs(RunsReport),
    /// Two runs, slide by slide, sorted by the change.
    Compare(CompareReport),
}

/// The talk a report is read against.
#[derive(Debug, Clone, PartialEq)]
pub struct TalkInfo {
    pub title: String,
    pub budget: Duration,
    pub grace: Duration,
    pub warn: f64,
    pub slides: usize,
}

impl TalkInfo {
    pub fn of(plan: &Plan) -> Self {
        Self {
            title: plan.title.clone(),
            budget: plan.budget,
            grace: plan.grace,
            warn: plan.warn,
            slides: plan.slides.len(),
        }
    }
}

/// One run's header figures, as `history` lists them and every report heads them.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInfo {
    pub number: usize,
    pub id: String,
    /// Start as recorded (RFC 3339, UTC).
    pub started_at: String,
    /// Start in the reader's time zone, for people (`2025-03-04 14:02`).
    pub started_local: String,
    /// How the run ended; `None`: cut short by a crash or a kill.
    pub end: Option<EndReason>,
    pub complete: bool,
    /// Set out to rehearse part of the talk only (`--from`, one section).
    pub partial: bool,
    pub from: usize,
    pub scope: Option<String>,
    /// Rehearsed against an outline other than the talk's current one.
    pub outline_changed: bool,
    /// Time spoken, pauses excluded.
    pub talked: Duration,
    pub paused: Duration,
    /// Run-clock length, pauses included.
    pub length: Duration,
    /// The budget the delta is against.
    pub budget: Duration,
    /// Complete whole run: time spoken minus the budget; any other run: where it stood
    /// against its plan when it ended (positive: behind).
    pub delta: SignedDuration,
    /// Within the budget +/- grace; `None` for a run that did not finish the whole talk.
    pub on_time: Option<bool>,
    /// The grace of the plan the run is read against: how far behind a stopped run may stand
    /// before it reads as over (as on the live screen).
    pub grace: Duration,
    /// Slides shown, of the run's outline.
    pub covered: usize,
    pub slides: usize,
    /// Slides skipped: never shown, behind the one the run was on last.
    pub skipped: usize,
    /// For a run with no end: whether its recorder is alive (in progress), gone (cut short)
    /// or cannot be told (another host).
    pub liveness: Liveness,
    /// The slides marked to revisit.
    pub marks: Vec<Mark>,
    /// Where a run cut short stopped: the slide's title.
    pub stopped_on: Option<String>,
}

/// A slide marked during a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub id: String,
    pub title: String,
}

impl RunInfo {
    /// A run's header, its delta against `budget` and `grace`; `current` is the talk's plan
    /// when known (to tell an older outline), `tz` the reader's time zone.
    pub fn new(
        run: &RunFigures,
        budget: Duration,
        grace: Duration,
        current: Option<&Plan>,
        tz: &jiff::tz::TimeZone,
    ) -> Self {
        let (delta, on_time) = run.delta(budget, grace);
        let plan = &run.plan;
        Self {
            number: run.number,
            id: run.id.clone(),
            started_at: run.started_at.clone(),
            started_local: local_time(&run.started_at, tz),
            end: run.end,
            complete: run.complete(),
            partial: run.partial(),
            from: run.from,
            scope: run.scope.clone(),
            outline_changed: current.is_some_and(|p| !same_rehearsed_outline(p, run)),
            talked: run.talked,
            paused: run.paused,
            length: run.length,
            budget,
            delta,
            on_time,
            grace,
            covered: run.covered(),
            slides: plan.slides.len(),
            skipped: run.skipped(),
            liveness: run.liveness,
            marks: (0..plan.slides.len())
                .filter(|&i| run.marked[i])
                .map(|i| Mark {
                    id: plan.slides[i].id.clone(),
                    title: plan.slides[i].title.clone(),
                })
                .collect(),
            stopped_on: run.cells.iter().enumerate().find_map(|(i, c)| {
                matches!(c, Cell::Stopped(_) | Cell::Live(_)).then(|| plan.slides[i].title.clone())
            }),
        }
    }

    /// The words for how the run ended; a run with no end is in progress while its recorder
    /// lives, cut short once it is gone.
    pub fn ending(&self) -> &'static str {
        match (self.end, self.liveness) {
            (Some(EndReason::Finished), _) => "complete",
            (Some(EndReason::Quit), _) => "quit",
            (Some(EndReason::Signal), _) => "stopped by a signal",
            (Some(EndReason::Hangup), _) => "terminal closed",
            (None, Liveness::Alive) => "▷ in progress",
            (None, Liveness::Gone) => "cut short (no end recorded)",
            (None, Liveness::Unknown) => "no end recorded",
        }
    }

    /// Whether the run is still being rehearsed: no end yet, its recorder alive.
    pub fn in_progress(&self) -> bool {
        self.end.is_none() && self.liveness == Liveness::Alive
    }

    /// The delta as the formats for people show it beside "spoke 5:33 of 5:00": for a complete
    /// whole run, the difference of those two clocks ([`shown_change`]); for any other run,
    /// where it stood (no two clocks to subtract).
    pub fn shown_delta(&self) -> SignedDuration {
        if self.on_time.is_some() {
            shown_change(self.budget, self.talked)
        } else {
            self.delta
        }
    }

    /// For JSON and CSV: `Some(true)` in progress, `Some(false)` not (ended, or its recorder
    /// gone), `None` when it cannot be told (no end, recorded on another host).
    pub fn in_progress_code(&self) -> Option<bool> {
        match (self.end, self.liveness) {
            (None, Liveness::Alive) => Some(true),
            (None, Liveness::Unknown) => None,
            _ => Some(false),
        }
    }

    /// The machine word for how the run ended (JSON, CSV).
    pub fn end_code(&self) -> &'static str {
        match self.end {
            Some(EndReason::Finished) => "finished",
            Some(EndReason::Quit) => "quit",
            Some(EndReason::Signal) => "signal",
            Some(EndReason::Hangup) => "hangup",
            None => "none",
        }
    }
}

/// How one slide or section stood in one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Under `warn` of its budget.
    Fine,
    /// At `warn` of its budget or more.
    Amber,
    /// Past its budget.
    Over,
    /// The slide a run cut short stopped on (its time is unfinished).
    Stopped,
    /// Inside what the run went through, never shown; a section: none of its slides shown.
    Skipped,
    /// A section some of whose slides the run skipped (and that did not run over).
    PartlySkipped,
    /// Where a run still being rehearsed is now: its time is still running.
    InProgress,
    /// Outside what the run rehearsed.
    NotReached,
    /// Added to the talk since the run: not rehearsed.
    New,
    /// In the run's outline, no longer in the talk.
    Removed,
}

impl Status {
    /// Stable word for machines (JSON, CSV).
    pub fn code(self) -> &'static str {
        match self {
            Self::Fine => "ok",
            Self::Amber => "amber",
            Self::Over => "over",
            Self::Stopped => "stopped",
            Self::Skipped => "skipped",
            Self::PartlySkipped => "partly_skipped",
            Self::InProgress => "in_progress",
            Self::NotReached => "not_reached",
            Self::New => "new",
            Self::Removed => "removed",
        }
    }
}

impl From<Pace> for Status {
    fn from(pace: Pace) -> Self {
        match pace {
            Pace::Fine => Self::Fine,
            Pace::Amber => Self::Amber,
            Pace::Over => Self::Over,
        }
    }
}

/// Whether a run rehearsed the talk's current outline: the same sections (titles, slides) and
/// the same slides (ids, order, titles), and, where the history recorded them, the same
/// fingerprints of title and notes. Budgets do not count: after `tune --write` (or any other
/// new budgets) the slides are still the ones rehearsed, and each run is read against its own.
pub fn same_outline(current: &Plan, run: &Plan, fingerprints: &[Option<Fingerprint>]) -> bool {
    current.sections.len() == run.sections.len()
        && current
            .sections
            .iter()
            .zip(&run.sections)
            .all(|(x, y)| x.title == y.title && x.slides == y.slides)
        && same_slides(&current.slides, &run.slides, fingerprints)
}

/// Whether `run` rehearsed `current`'s outline as it is now; a run of one section
/// (`run --section`, its plan that section alone) is held against that section of `current`,
/// not against the whole talk.
fn same_rehearsed_outline(current: &Plan, run: &RunFigures) -> bool {
    let Some(title) = &run.scope else {
        return same_outline(current, &run.plan, &run.fingerprints);
    };
    let [only] = &run.plan.sections[..] else {
        return false;
    };
    current
        .sections
        .iter()
        .find(|s| s.title == *title)
        .is_some_and(|section| {
            only.title == *title
                && same_slides(
                    &current.slides[section.slides.clone()],
                    &run.plan.slides,
                    &run.fingerprints,
                )
        })
}

/// The same slides in the same order: ids, titles and, where the run recorded them, the
/// fingerprints of their content.
fn same_slides(
    current: &[crate::plan::PlannedSlide],
    run: &[crate::plan::PlannedSlide],
    fingerprints: &[Option<Fingerprint>],
) -> bool {
    current.len() == run.len()
        && current.iter().zip(run).enumerate().all(|(i, (x, y))| {
            x.id == y.id
                && x.title == y.title
                && fingerprints
                    .get(i)
                    .copied()
                    .flatten()
                    .is_none_or(|fp| fp == Fingerprint::of(&x.title, &x.notes))
        })
}

/// An RFC 3339 timestamp as `YYYY-MM-DD HH:MM` in `tz`; the text as recorded when it is not
/// one.
pub fn local_time(started_at: &str, tz: &jiff::tz::TimeZone) -> String {
    started_at.parse::<jiff::Timestamp>().map_or_else(
        |_| started_at.to_owned(),
        |t| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rehearsal::Event;
    use crate::report::testing::{plan, run};

    /// A run of the section `title` alone, against `section_plan`.
    fn section_run(section_plan: Plan, title: &str) -> RunFigures {
        let mut recorded = run(&section_plan, 0, &[(Event::Goto(1), 10)]);
        recorded.plan = Arc::new(section_plan);
        recorded.scope = Some(title.into());
        RunFigures::of(&recorded)
    }

    fn changed(current: &Plan, fig: &RunFigures) -> bool {
        RunInfo::new(
            fig,
            fig.plan.budget,
            fig.plan.grace,
            Some(current),
            &jiff::tz::TimeZone::UTC,
        )
        .outline_changed
    }

    #[test]
    fn a_run_of_one_section_is_held_against_that_section() {
        let current = plan();
        let method = |title_of_d: &str| {
            let mut slides = current.slides[2..].to_vec();
            slides[1].title = title_of_d.into();
            crate::testing::plan(vec![("Method", slides)])
        };
        assert!(
            !changed(&current, &section_run(method("D"), "Method")),
            "the section as it is now: not an older outline"
        );
        assert!(
            changed(&current, &section_run(method("D, renamed"), "Method")),
            "a slide of it since renamed"
        );
        assert!(
            changed(&current, &section_run(method("D"), "Gone")),
            "a section no longer in the talk"
        );
    }
}
