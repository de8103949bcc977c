//! One recorded run reduced to the figures every report needs, through the rehearsal state
//! machine, so a report always agrees with what the screen showed.
//!
//! The events are replayed once and dropped: a report over many runs holds these figures, never
//! the events, so its memory follows the report and not the history file.

use std::sync::Arc;
use std::time::Duration;

use crate::history::{Fingerprint, Liveness, Run};
use crate::plan::Plan;
use crate::rehearsal::{EndReason, Phase, Rehearsal};
use jiff::SignedDuration;

use crate::pace::{on_time, signed};

/// What a run did with one slide of its own plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Shown and left: its time counts in every statistic.
    Spoken(Duration),
    /// The slide a run cut short stopped on: its time is real but unfinished, so it is shown
    /// and never counted in statistics.
    Stopped(Duration),
    /// The slide a run still in progress is on, with its time up to the run's last event:
    /// every earlier visit, and the current one so far. It is shown (unless nothing yet) and
    /// counts in the run's totals, never in statistics: the current visit is still running.
    Live(Duration),
    /// Inside the part of the talk the run went through, but never shown (jumped over):
    /// [`Rehearsal::skipped`].
    Skipped,
    /// Outside what the run rehearsed: before its first slide, after where it stopped, or
    /// outside the one section it rehearsed.
    NotReached,
}

impl Cell {
    /// The time the run spent on the slide, if it showed it.
    pub fn time(self) -> Option<Duration> {
        match self {
            Self::Spoken(d) | Self::Stopped(d) => Some(d),
            // Nothing yet: drawn as in progress with no time, never `0:00`.
            Self::Live(d) => (!d.is_zero()).then_some(d),
            Self::Skipped | Self::NotReached => None,
        }
    }
}

/// A run's figures, computed once from its events.
#[derive(Debug, Clone)]
pub struct RunFigures {
    pub number: usize,
    pub id: String,
    /// Wall-clock start as recorded (RFC 3339, UTC).
    pub started_at: String,
    /// The plan the run was rehearsed against.
    pub plan: Arc<Plan>,
    /// Per slide of [`RunFigures::plan`], its content fingerprint then (empty: not recorded).
    pub fingerprints: Arc<[Option<Fingerprint>]>,
    pub from: usize,
    pub scope: Option<String>,
    /// How the run ended; `None` when it was cut short by a crash or a kill, or is still
    /// being rehearsed ([`RunFigures::liveness`]).
    pub end: Option<EndReason>,
    /// For a run with no end: whether its recorder is alive (in progress) or gone.
    pub liveness: Liveness,
    /// Per slide of [`RunFigures::plan`].
    pub cells: Vec<Cell>,
    /// Per slide of [`RunFigures::plan`]: marked to revisit at the end of the run.
    pub marked: Vec<bool>,
    /// Per section of [`RunFigures::plan`]: talk time when the run first entered it.
    pub entered: Vec<Option<Duration>>,
    /// Time spoken: every slide's time from the run's first slide on, pauses excluded.
    pub talked: Duration,
    /// Time paused.
    pub paused: Duration,
    /// Run-clock length, pauses included.
    pub length: Duration,
    /// Where the run stood against its own plan when it ended, in milliseconds (positive:
    /// behind): the live screen's offset, with the last slide counted in full once finished.
    pub standing: SignedDuration,
}

impl RunFigures {
    /// Replays a run once and keeps its figures.
    pub fn of(run: &Run) -> Self {
        let plan = Arc::clone(&run.plan);
        let mut replay = Rehearsal::starting_at(Arc::clone(&plan), run.from);
        let mut entered = vec![None; plan.sections.len()];
        for (event, t) in &run.events {
            replay.apply(event, *t);
            if replay.phase() != Phase::Ready {
                let section = plan.slides[replay.current()].section;
                entered[section].get_or_insert_with(|| replay.elapsed(*t));
            }
        }
        let now = run.last_moment();
        let end = run.end();
        let complete = end.is_some_and(EndReason::is_complete);
        let from = replay.from();
        let current = replay.current();
        let live = run.in_progress();
        let cells = (0..plan.slides.len())
            .map(|i| {
                let spent = replay.slide_spent(i, now);
                if replay.skipped(i) {
                    Cell::Skipped
                } else if i < from || !replay.visited(i) {
                    Cell::NotReached
                } else if i == current && live {
                    Cell::Live(spent)
                } else if i == current && !complete {
                    Cell::Stopped(spent)
                } else {
                    Cell::Spoken(spent)
                }
            })
            .collect();
        let fill: Duration = plan.slides[..from].iter().map(|s| s.budget).sum();
        let mut standing = replay.offset(now);
        if complete {
            // The live offset ignores time left on the current slide; a finished run left it.
            standing = standing.saturating_add(
                signed(
                    replay.slide_spent(current, now),
                    plan.slides[current].budget,
                )
                .min(SignedDuration::ZERO),
            );
        }
        Self {
            number: run.number,
            id: run.id.clone(),
            started_at: run.started_at.clone(),
            from,
            scope: run.scope.clone(),
            end,
            liveness: if end.is_none() {
                run.liveness
            } else {
                Liveness::Gone
            },
            cells,
            marked: (0..plan.slides.len())
                .map(|i| replay.is_marked(i))
                .collect(),
            entered,
            talked: replay.elapsed(now).saturating_sub(fill),
            paused: replay.paused(now),
            length: now,
            standing,
            plan,
            fingerprints: Arc::clone(&run.fingerprints),
        }
    }

    /// Whether the speaker reached the end of what the run set out to rehearse.
    pub fn complete(&self) -> bool {
        self.end.is_some_and(EndReason::is_complete)
    }

    /// Whether the run set out to rehearse only part of the talk (`--from`, one section).
    pub fn partial(&self) -> bool {
        self.from > 0 || self.scope.is_some()
    }

    /// Whether the run is still being rehearsed: no end yet, its recorder alive.
    pub fn in_progress(&self) -> bool {
        self.end.is_none() && self.liveness == Liveness::Alive
    }

    /// Slides the run skipped: never shown, behind the one it was on last.
    pub fn skipped(&self) -> usize {
        self.cells.iter().filter(|c| **c == Cell::Skipped).count()
    }

    /// Slides the run showed (from its first slide on).
    pub fn covered(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.time().is_some() || matches!(c, Cell::Live(_)))
            .count()
    }

    /// The run's delta against a talk budget, and whether that is on time within `grace`.
    ///
    /// A complete run of the whole talk compares its time spoken with `budget`; any other run
    /// has no finish to compare, so its delta is where it stood against its own plan when it
    /// ended, and on-time does not apply.
    pub fn delta(&self, budget: Duration, grace: Duration) -> (SignedDuration, Option<bool>) {
        if self.complete() && !self.partial() {
            let delta = signed(self.talked, budget);
            (delta, Some(on_time(delta, grace)))
        } else {
            (self.standing, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::Event;
    use crate::report::testing::{plan, run};

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_complete_run_speaks_every_slide_it_showed() {
        // 2 sections of 2 slides of 10 s; slide 3 is jumped over.
        let fig = RunFigures::of(&run(
            &plan(),
            0,
            &[
                (Event::Goto(1), 12),
                (Event::Mark(1), 13),
                (Event::Goto(3), 25),
                (Event::End(EndReason::Finished), 40),
            ],
        ));
        assert_eq!(
            fig.cells,
            vec![
                Cell::Spoken(secs(12)),
                Cell::Spoken(secs(13)),
                Cell::Skipped,
                Cell::Spoken(secs(15))
            ]
        );
        assert_eq!(fig.talked, secs(40));
        assert_eq!(fig.entered, vec![Some(secs(0)), Some(secs(25))]);
        assert_eq!(fig.marked, vec![false, true, false, false]);
        assert_eq!(
            fig.delta(secs(40), secs(0)),
            (SignedDuration::ZERO, Some(true))
        );
        assert_eq!(fig.standing, SignedDuration::ZERO);
    }

    #[test]
    fn a_cut_short_run_stops_on_a_slide_and_reaches_no_further() {
        let fig = RunFigures::of(&run(&plan(), 0, &[(Event::Goto(1), 14)]));
        // The run was killed at its last record: 14 s, on slide 2.
        assert_eq!(
            fig.cells,
            vec![
                Cell::Spoken(secs(14)),
                Cell::Stopped(Duration::ZERO),
                Cell::NotReached,
                Cell::NotReached
            ]
        );
        assert_eq!(fig.end, None);
        assert_eq!(
            fig.delta(secs(40), secs(30)),
            (SignedDuration::from_secs(4), None)
        );
    }

    #[test]
    fn a_run_from_a_later_slide_counts_only_what_it_spoke() {
        let fig = RunFigures::of(&run(
            &plan(),
            2,
            &[(Event::Goto(3), 9), (Event::End(EndReason::Finished), 20)],
        ));
        assert_eq!(fig.cells[..2], [Cell::NotReached, Cell::NotReached]);
        assert_eq!(fig.talked, secs(20));
        assert!(fig.partial() && fig.complete());
        assert_eq!(fig.delta(secs(40), secs(30)), (SignedDuration::ZERO, None));
        assert_eq!(fig.entered, vec![None, Some(secs(20))]);
    }
}
