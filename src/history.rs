//! Recorded rehearsals: the JSON Lines journal beside each talk, written and read back.
//!
//! Owns the file format (one object per line: a run's start with its plan and every slide's
//! content fingerprint, then its events), crash safety (append, flush, fsync every event; a
//! torn last line never swallows the next record) and reading every run back, a killed one as
//! cut short, in bounded memory. Reading never modifies the file: a line it cannot use is
//! skipped with a warning naming it.

mod append;
mod fingerprint;
mod journal;
mod lines;
mod owner;
mod read;
mod record;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use append::{Appender, journal_id};
pub use fingerprint::Fingerprint;
pub use journal::Journal;
pub(crate) use lines::{Lines, RawLine, unreadable};
pub use owner::{Here, Liveness, Recorder};
pub use read::{
    History, LineWarning, MAX_EVENTS, MAX_LINE, MAX_OPEN, MAX_WARNINGS, NotAFile, Scanned, check,
    open, parse, read, read_with, scan,
};
pub use record::PlanSnapshot;

use crate::plan::Plan;
use crate::rehearsal::{EndReason, Event, Rehearsal};

/// Where a talk's history lives by default: `talk.toml` -> `talk.history.jsonl`.
pub fn default_path(talk: &Path) -> PathBuf {
    let stem = talk
        .file_stem()
        .map_or_else(|| "talk".into(), |s| s.to_string_lossy().into_owned());
    talk.with_file_name(format!("{stem}.history.jsonl"))
}

/// One recorded rehearsal, as read back from the journal.
#[derive(Debug, Clone)]
pub struct Run {
    /// 1-based position in the file: the number users pick runs by.
    pub number: usize,
    /// The run's id in the journal.
    pub id: String,
    /// Wall-clock start as recorded (RFC 3339, UTC).
    pub started_at: String,
    /// The plan the run was rehearsed against (old runs keep their own).
    pub plan: Arc<Plan>,
    /// First slide of the run (`--from`), 0-based.
    pub from: usize,
    /// The section rehearsed alone (`--section`), if any.
    pub scope: Option<String>,
    /// Every event with its run-clock time, `Start` at zero first.
    pub events: Vec<(Event, Duration)>,
    /// Per slide of [`Run::plan`], its content [`Fingerprint`] when it was rehearsed; empty for
    /// histories written before pacer recorded them (shared by the runs of one plan).
    pub fingerprints: Arc<[Option<Fingerprint>]>,
    /// The process that recorded the run, when its start record names it.
    pub recorder: Option<Recorder>,
    /// For a run with no end: whether its recorder is still at it. Set by the command that
    /// reads the history ([`Recorder::liveness`]); [`Liveness::Gone`] until then.
    pub liveness: Liveness,
}

impl Run {
    /// How the run ended; `None` when it has no end record (a crash or a kill): cut short.
    pub fn end(&self) -> Option<EndReason> {
        self.events.iter().rev().find_map(|(e, _)| match e {
            Event::End(reason) => Some(*reason),
            _ => None,
        })
    }

    /// Whether the run has no end yet because it is being rehearsed right now.
    pub fn in_progress(&self) -> bool {
        self.liveness == Liveness::Alive && self.end().is_none()
    }

    /// Whether the speaker reached the end of the talk.
    pub fn is_complete(&self) -> bool {
        self.end().is_some_and(EndReason::is_complete)
    }

    /// The fingerprint slide `i` of the run's plan had, when the history recorded one.
    pub fn fingerprint(&self, i: usize) -> Option<Fingerprint> {
        self.fingerprints.get(i).copied().flatten()
    }

    /// Run-clock time of the last record: the run's length, pauses included.
    pub fn last_moment(&self) -> Duration {
        self.events.last().map_or(Duration::ZERO, |(_, t)| *t)
    }

    /// The run rebuilt through the rehearsal state machine, frozen at its last record.
    pub fn replay(&self) -> Rehearsal {
        Rehearsal::replay(
            Arc::clone(&self.plan),
            self.from,
            self.events.iter().map(|(e, t)| (e, *t)),
        )
    }
}

/// Every slide's fingerprint in `plan` (the talk as it is now), as a run of it records them.
pub fn fingerprints(plan: &Plan) -> Vec<Fingerprint> {
    plan.slides
        .iter()
        .map(|s| Fingerprint::of(&s.title, &s.notes))
        .collect()
}
