//! The rehearsal state machine: a plan, events and clock readings in, pacing figures out.
//!
//! Owns the pacing rules of DESIGN.md: per-slide and per-section actual time (revisits add to
//! the slide shown), the offset (elapsed time minus where the plan says the talk should be),
//! projected finish, amber/over states, sticky section flags, undo, marks, and which slides
//! were skipped (never shown, behind the slide shown now).
//! Time is data: every method takes `now`, a reading of the run's monotonic clock (time since
//! the run's origin). No terminal, no I/O, no clock of its own: the TUI and the history replay
//! drive the same code, so a report always agrees with what the screen showed.

mod compare;
mod event;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

pub use compare::{Basis, MEDIAN_RUNS, PastRun, RUNS_FOR_REFERENCES, Reference};
pub use event::{EndReason, Event, PauseReason};

use jiff::SignedDuration;

pub use crate::pace::Pace;
use crate::pace::{as_signed, on_time, signed};
use crate::plan::Plan;

/// Where the run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// On the first slide, clock stopped, waiting for the first key.
    Ready,
    Running,
    Paused,
    Finished,
}

/// A slide change that `undo` can take back.
#[derive(Debug, Clone)]
struct Change {
    from: usize,
    to: usize,
    /// Time the slide changed to had before the change.
    to_before: Duration,
    to_was_visited: bool,
}

/// A rehearsal in progress (or replayed from history).
#[derive(Debug, Clone)]
pub struct Rehearsal {
    plan: Arc<Plan>,
    phase: Phase,
    current: usize,
    /// Closed time per slide; the open interval runs from `since` while running.
    spent: Vec<Duration>,
    since: Duration,
    visited: Vec<bool>,
    marks: Vec<bool>,
    undo: Vec<Change>,
    /// Run-clock moment each section was first seen over its budget; flags never clear.
    flagged: Vec<Option<Duration>>,
    /// Slides before this one were counted as spent on plan (`--from`).
    from: usize,
    paused: Duration,
    paused_since: Option<Duration>,
    end: Option<(EndReason, Duration)>,
}

impl Rehearsal {
    /// A run ready on slide 1, clock stopped.
    pub fn new(plan: impl Into<Arc<Plan>>) -> Self {
        Self::starting_at(plan, 0)
    }

    /// A run ready on slide `from` (0-based): the slides before it count as spent on plan.
    pub fn starting_at(plan: impl Into<Arc<Plan>>, from: usize) -> Self {
        let plan = plan.into();
        let n = plan.slides.len();
        let from = from.min(n.saturating_sub(1));
        let spent = plan
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| if i < from { s.budget } else { Duration::ZERO })
            .collect();
        let mut visited = vec![false; n];
        visited[..from].fill(true);
        let flagged = vec![None; plan.sections.len()];
        Self {
            plan,
            phase: Phase::Ready,
            current: from,
            spent,
            since: Duration::ZERO,
            visited,
            marks: vec![false; n],
            undo: Vec::new(),
            flagged,
            from,
            paused: Duration::ZERO,
            paused_since: None,
            end: None,
        }
    }

    /// Rebuilds a run from its recorded events, as the reports see it.
    pub fn replay<'a>(
        plan: impl Into<Arc<Plan>>,
        from: usize,
        events: impl IntoIterator<Item = (&'a Event, Duration)>,
    ) -> Self {
        let mut run = Self::starting_at(plan, from);
        for (event, at) in events {
            run.apply(event, at);
        }
        run
    }

    /// Applies an event at `now`; returns whether it changed anything (only those are recorded).
    pub fn apply(&mut self, event: &Event, now: Duration) -> bool {
        self.observe(now);
        match (*event, self.phase) {
            (_, Phase::Finished) => false,
            (Event::Start, Phase::Ready) => {
                self.phase = Phase::Running;
                self.since = now;
                self.visited[self.current] = true;
                true
            }
            (Event::Goto(to), Phase::Running | Phase::Paused) => self.goto(to, now),
            (Event::Undo, Phase::Running | Phase::Paused) => self.undo(now),
            (Event::Pause(_), Phase::Running) => {
                self.close(now);
                self.phase = Phase::Paused;
                self.paused_since = Some(now);
                true
            }
            (Event::Resume, Phase::Paused) => {
                self.phase = Phase::Running;
                self.since = now;
                if let Some(at) = self.paused_since.take() {
                    self.paused += now.saturating_sub(at);
                }
                true
            }
            (Event::Mark(slide), _) if slide < self.marks.len() => {
                self.marks[slide] = !self.marks[slide];
                true
            }
            (Event::End(reason), _) => {
                self.close(now);
                if let Some(at) = self.paused_since.take() {
                    self.paused += now.saturating_sub(at);
                }
                self.phase = Phase::Finished;
                self.end = Some((reason, now));
                true
            }
            _ => false,
        }
    }

    /// Raises the flag of every section over its budget at `now`; call it once per frame so a
    /// flag goes up the moment a section tips over. Returns the sections newly flagged.
    pub fn observe(&mut self, now: Duration) -> Vec<usize> {
        let mut raised = Vec::new();
        for s in 0..self.plan.sections.len() {
            if self.flagged[s].is_none()
                && self.section_spent(s, now) > self.plan.sections[s].budget
            {
                self.flagged[s] = Some(now);
                raised.push(s);
            }
        }
        raised
    }

    fn goto(&mut self, to: usize, now: Duration) -> bool {
        if to >= self.plan.slides.len() || to == self.current {
            return false;
        }
        self.close(now);
        self.undo.push(Change {
            from: self.current,
            to,
            to_before: self.spent[to],
            to_was_visited: self.visited[to],
        });
        self.current = to;
        self.visited[to] = true;
        true
    }

    fn undo(&mut self, now: Duration) -> bool {
        let Some(change) = self.undo.pop() else {
            return false;
        };
        self.close(now);
        let moved = self.spent[change.to].saturating_sub(change.to_before);
        self.spent[change.to] = change.to_before;
        self.spent[change.from] += moved;
        self.visited[change.to] = change.to_was_visited;
        self.current = change.from;
        true
    }

    /// Books the open interval to the current slide and starts a new one at `now`.
    fn close(&mut self, now: Duration) {
        if self.phase == Phase::Running {
            self.spent[self.current] += now.saturating_sub(self.since);
        }
        self.since = now;
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The slide shown (0-based).
    pub fn current(&self) -> usize {
        self.current
    }

    /// The first slide of this run (`--from`), 0-based.
    pub fn from(&self) -> usize {
        self.from
    }

    /// How and when the run ended, once it has.
    pub fn end(&self) -> Option<(EndReason, Duration)> {
        self.end
    }

    /// Whether `undo` has a slide change to take back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() && matches!(self.phase, Phase::Running | Phase::Paused)
    }

    pub fn is_marked(&self, slide: usize) -> bool {
        self.marks.get(slide).copied().unwrap_or(false)
    }

    /// The marked slides, in order.
    pub fn marks(&self) -> impl Iterator<Item = usize> + '_ {
        self.marks
            .iter()
            .enumerate()
            .filter(|(_, m)| **m)
            .map(|(i, _)| i)
    }

    /// Whether the slide has been shown in this run (or counted on plan by `--from`).
    pub fn visited(&self, slide: usize) -> bool {
        self.visited.get(slide).copied().unwrap_or(false)
    }

    /// Whether the slide was skipped: never shown in this run, yet behind the slide shown now
    /// (jumped over, as `End` does). "Shown" means the speaker was on the slide for any time at all, going forward
    /// or backing over it; a slide change taken back with `undo` never happened. Slides
    /// before the run's first (`--from`) are counted on plan, never skipped; slides after the
    /// one shown are still ahead (their budgets are still to come, as in [`Self::offset`]).
    pub fn skipped(&self, slide: usize) -> bool {
        slide >= self.from && slide < self.current && !self.visited[slide]
    }

    /// How many slides of the run have been skipped so far ([`Self::skipped`]).
    pub fn skipped_slides(&self) -> usize {
        (self.from..self.current)
            .filter(|&i| !self.visited[i])
            .count()
    }

    /// How much of a section was skipped so far ([`Self::skipped`]).
    pub fn section_skip(&self, section: usize) -> Skip {
        let slides = self.plan.sections[section].slides.clone();
        let of = slides.len();
        let skipped = slides.filter(|&i| self.skipped(i)).count();
        Skip::of(skipped, of)
    }

    /// Time spent on a slide so far, the running interval included.
    pub fn slide_spent(&self, slide: usize, now: Duration) -> Duration {
        let mut spent = self.spent.get(slide).copied().unwrap_or_default();
        if slide == self.current && self.phase == Phase::Running {
            spent += now.saturating_sub(self.since);
        }
        spent
    }

    /// Time spent on a section's slides so far.
    pub fn section_spent(&self, section: usize, now: Duration) -> Duration {
        self.plan.sections[section]
            .slides
            .clone()
            .map(|i| self.slide_spent(i, now))
            .sum()
    }

    /// Talk time so far: every slide's time, pauses excluded.
    pub fn elapsed(&self, now: Duration) -> Duration {
        let closed: Duration = self.spent.iter().sum();
        if self.phase == Phase::Running {
            closed + now.saturating_sub(self.since)
        } else {
            closed
        }
    }

    /// Run-clock moment the current pause began, while paused.
    pub fn paused_since(&self) -> Option<Duration> {
        self.paused_since
    }

    /// Time paused so far.
    pub fn paused(&self, now: Duration) -> Duration {
        self.paused
            + self
                .paused_since
                .map_or(Duration::ZERO, |at| now.saturating_sub(at))
    }

    /// How far behind plan (negative: ahead): the elapsed time minus where the plan says the
    /// talk should be, that is the planned start of the current slide plus the current slide's
    /// time up to its budget (DESIGN.md). Going forward this is the time on the slides left
    /// minus their budgets plus the current slide's overrun; slides backed over are still
    /// ahead; the budgets of slides skipped are saved.
    pub fn offset(&self, now: Duration) -> SignedDuration {
        self.offset_by(|i| self.plan.slides[i].budget, now)
    }

    /// The offset with `expected(i)` in place of each slide's budget. Slides before `from`
    /// were counted on plan, so they are expected at their budgets.
    fn offset_by(&self, expected: impl Fn(usize) -> Duration, now: Duration) -> SignedDuration {
        let expected = |i: usize| {
            if i < self.from {
                self.plan.slides[i].budget
            } else {
                expected(i)
            }
        };
        let before: Duration = (0..self.current).map(expected).sum();
        let current = self
            .slide_spent(self.current, now)
            .min(expected(self.current));
        signed(self.elapsed(now), before.saturating_add(current))
    }

    /// When the talk would end at this pace: the budget plus the offset (never below zero).
    pub fn projected_finish(&self, now: Duration) -> Duration {
        let projected = as_signed(self.plan.budget).saturating_add(self.offset(now));
        Duration::try_from(projected).unwrap_or(Duration::ZERO)
    }

    /// How a slide stands against its budget.
    pub fn slide_pace(&self, slide: usize, now: Duration) -> Pace {
        self.pace(self.slide_spent(slide, now), self.plan.slides[slide].budget)
    }

    /// How a section stands against its budget (a flagged section is over for good).
    pub fn section_pace(&self, section: usize, now: Duration) -> Pace {
        if self.flagged[section].is_some() {
            return Pace::Over;
        }
        self.pace(
            self.section_spent(section, now),
            self.plan.sections[section].budget,
        )
    }

    /// How the talk stands: its projected finish against the budget and `grace`.
    pub fn talk_pace(&self, now: Duration) -> Pace {
        Pace::of_offset(self.offset(now), self.plan.grace)
    }

    /// Run-clock moment the section was first seen over budget, if it has been.
    pub fn flagged_at(&self, section: usize) -> Option<Duration> {
        self.flagged.get(section).copied().flatten()
    }

    fn pace(&self, spent: Duration, budget: Duration) -> Pace {
        Pace::of_spent(spent, budget, self.plan.warn)
    }

    /// Slides after the current one not shown yet: what is still ahead.
    pub fn ahead(&self) -> impl Iterator<Item = usize> + '_ {
        (self.current + 1..self.plan.slides.len()).filter(|&i| !self.visited[i])
    }

    /// Optional slides still ahead: what the speaker can skip when behind, with their budgets.
    pub fn cut_candidates(&self) -> Vec<(usize, Duration)> {
        self.ahead()
            .filter(|&i| self.plan.slides[i].optional)
            .map(|i| (i, self.plan.slides[i].budget))
            .collect()
    }

    /// When behind: how much less each slide still ahead must take to finish on budget.
    pub fn recovery_per_slide(&self, now: Duration) -> Option<Duration> {
        self.recovery_for(self.offset(now))
    }

    /// How much less each slide still ahead must take to make up `offset` (when positive).
    fn recovery_for(&self, offset: SignedDuration) -> Option<Duration> {
        let offset = u64::try_from(crate::timefmt::millis(offset))
            .ok()
            .filter(|&o| o > 0)?;
        let remaining = self.ahead().count() as u64;
        (remaining > 0).then(|| Duration::from_millis(offset.div_ceil(remaining)))
    }

    /// The next run-clock moment at which a shown whole second changes (talk clock or slide
    /// clock), so a view can sleep until then; `None` while the clock is stopped.
    pub fn next_tick(&self, now: Duration) -> Option<Duration> {
        if self.phase != Phase::Running {
            return None;
        }
        let to_next_second =
            |d: Duration| Duration::from_millis(1000 - (d.as_millis() % 1000) as u64);
        let talk = to_next_second(self.elapsed(now));
        let slide = to_next_second(self.slide_spent(self.current, now));
        Some(now + talk.min(slide))
    }

    /// The run's figures per section and in total, as the end-of-run summary shows them.
    pub fn summary(&self, now: Duration) -> Summary {
        let sections = self
            .plan
            .sections
            .iter()
            .enumerate()
            .map(|(s, section)| {
                let actual = self.section_spent(s, now);
                SectionSummary {
                    title: section.title.clone(),
                    budget: section.budget,
                    actual,
                    delta: signed(actual, section.budget),
                    flagged: self.flagged[s].is_some() || actual > section.budget,
                    pace: crate::pace::finished(actual, section.budget, self.plan.warn),
                    covered: section.slides.clone().filter(|&i| self.visited[i]).count(),
                    skip: self.section_skip(s),
                    slides: section.slides.len(),
                }
            })
            .collect();
        let actual = self.elapsed(now);
        let delta = signed(actual, self.plan.budget);
        Summary {
            sections,
            budget: self.plan.budget,
            actual,
            delta,
            on_time: on_time(delta, self.plan.grace),
            complete: self.end.is_some_and(|(r, _)| r.is_complete()),
            skipped: self.skipped_slides(),
        }
    }
}

/// A run's figures for the end-of-run summary and the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub sections: Vec<SectionSummary>,
    pub budget: Duration,
    pub actual: Duration,
    /// Actual minus budget (positive: over).
    pub delta: SignedDuration,
    /// Finished within `budget +/- grace`.
    pub on_time: bool,
    /// The speaker reached the end (not quit, killed or cut short).
    pub complete: bool,
    /// Slides never shown behind the last one shown ([`Rehearsal::skipped`]).
    pub skipped: usize,
}

/// One section's line of a [`Summary`].
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSummary {
    pub title: String,
    pub budget: Duration,
    pub actual: Duration,
    /// Actual minus budget (positive: over).
    pub delta: SignedDuration,
    /// Ran over its budget at some moment of the run.
    pub flagged: bool,
    /// How its time stands as a finished section ([`crate::pace::finished`]).
    pub pace: Pace,
    /// Slides shown.
    pub covered: usize,
    /// How much of it was skipped ([`Rehearsal::skipped`]).
    pub skip: Skip,
    pub slides: usize,
}

/// How much of a section a run skipped: a section with slides never shown is not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Every slide of it shown (or still ahead).
    None,
    /// Some of its slides skipped, some shown: this many of that many.
    Partly { skipped: usize, of: usize },
    /// Every slide of it skipped: none shown.
    All,
}

impl Skip {
    /// The skip state of a section `skipped` of whose `of` slides were skipped.
    pub fn of(skipped: usize, of: usize) -> Self {
        match skipped {
            0 => Self::None,
            n if n >= of => Self::All,
            n => Self::Partly { skipped: n, of },
        }
    }
}
