//! The list of recorded runs (`pacer history`): one row per run, and one per Q&A drill, and
//! its formats.
//!
//! Each run is read against the budget it was rehearsed against (a history is a log of what
//! happened); a run of an older outline says so. A drill's answers are judged against the
//! budgets they were asked with.

pub mod csv;
pub mod json;
pub mod text;

use std::fmt::Write as _;

use super::{RunFigures, RunInfo};
use crate::drill::{Drill, Rating};
use crate::pace::{self, Pace};
use crate::plan::Plan;
use crate::rehearsal::EndReason;

/// Every run of a history, oldest first, and every drill of its drills file.
#[derive(Debug, Clone)]
pub struct HistoryReport {
    /// The talk's title (the current talk's, or the newest run's outline).
    pub title: String,
    pub runs: Vec<RunInfo>,
    /// The Q&A drills, in drills-file order (empty when none were recorded).
    pub drills: Vec<DrillLine>,
}

/// One drill as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillLine {
    /// Its number in the drills file (1-based).
    pub number: usize,
    pub id: String,
    /// RFC 3339, UTC, as recorded.
    pub started_at: String,
    /// The start in the local time zone, for people.
    pub started_local: String,
    /// Questions answered (rated, or answered in a drill cut short).
    pub answered: usize,
    /// How many answers got each rating, in [`Rating::ALL`] order (missed, shaky, good).
    pub ratings: [usize; 3],
    /// Answers left unrated (the drill was cut short).
    pub unrated: usize,
    /// Answers a bit over or over their budget (the verdict of a finished slide).
    pub over: usize,
    /// The drill has an end record; without one it was cut short.
    pub ended: bool,
    /// How it ended, from its end record (`Quit`: quit before its last question).
    pub end: Option<EndReason>,
    /// Questions skipped.
    pub skipped: usize,
    /// Questions chosen but neither answered nor skipped: a drill quit or cut short early.
    pub not_asked: usize,
}

/// A drill's history line; `warn` judges the answers' times as [`pace::finished`] does.
pub fn drill_line(drill: &Drill, warn: f64, tz: &jiff::tz::TimeZone) -> DrillLine {
    let mut ratings = [0; 3];
    let mut unrated = 0;
    for answer in &drill.answers {
        match answer.rating {
            Some(rating) => ratings[rating as usize] += 1,
            None => unrated += 1,
        }
    }
    DrillLine {
        number: drill.number,
        id: drill.id.clone(),
        started_at: drill.started_at.clone(),
        started_local: super::local_time(&drill.started_at, tz),
        answered: drill.answers.len(),
        ratings,
        unrated,
        over: drill
            .answers
            .iter()
            .filter(|a| pace::finished(a.took, a.budget, warn) != Pace::Fine)
            .count(),
        ended: drill.ended,
        end: drill.end,
        skipped: drill.skipped,
        not_asked: drill.not_asked,
    }
}

impl DrillLine {
    /// The machine word for how the drill ended (JSON, CSV), as a run's: `finished`, `quit`,
    /// `signal`, `hangup`, or `none` without an end record.
    pub fn end_code(&self) -> &'static str {
        match self.end {
            Some(EndReason::Finished) => "finished",
            Some(EndReason::Quit) => "quit",
            Some(EndReason::Signal) => "signal",
            Some(EndReason::Hangup) => "hangup",
            None => "none",
        }
    }

    /// Whether the drill dealt with every question it chose and has its end record.
    pub fn complete(&self) -> bool {
        self.ended && self.not_asked == 0
    }

    /// The ratings tally for people: `✓2 ~1 ✗0`, and `–1` when some went unrated.
    pub fn tally(&self) -> String {
        let [missed, shaky, good] = self.ratings;
        let mut tally = format!(
            "{}{good} {}{shaky} {}{missed}",
            Rating::Good.symbol(),
            Rating::Shaky.symbol(),
            Rating::Missed.symbol()
        );
        if self.unrated > 0 {
            let _ = write!(tally, " –{}", self.unrated);
        }
        tally
    }
}

/// One entry of the listing in time order: a run or a drill.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Run(&'a RunInfo),
    Drill(&'a DrillLine),
}

impl HistoryReport {
    /// Runs and drills together by their start, runs first where starts tie, each kind in
    /// its own order (a start that is not a time sorts first).
    pub fn in_time_order(&self) -> Vec<Entry<'_>> {
        let at = |s: &str| s.parse::<jiff::Timestamp>().ok();
        let mut entries: Vec<(Option<jiff::Timestamp>, usize, Entry<'_>)> = self
            .runs
            .iter()
            .map(|r| (at(&r.started_at), 0, Entry::Run(r)))
            .chain(
                self.drills
                    .iter()
                    .map(|d| (at(&d.started_at), 1, Entry::Drill(d))),
            )
            .collect();
        // Stable: within a kind, file order stays.
        entries.sort_by_key(|e| (e.0, e.1));
        entries.into_iter().map(|(_, _, e)| e).collect()
    }
}

/// A run's history row, against the plan it was rehearsed against; `current` (the talk's
/// plan, when it loads) tells an older outline apart.
pub fn row(run: &RunFigures, current: Option<&Plan>, tz: &jiff::tz::TimeZone) -> RunInfo {
    RunInfo::new(run, run.plan.budget, run.plan.grace, current, tz)
}
