//! The run's journal as the shell writes it: opened by the first key, one line per applied event.
//!
//! Shared (behind a mutex) with the signal watcher, which ends the run itself when the loop
//! cannot (crossterm can spin forever inside `poll` once its terminal is gone). A write that
//! fails stops the recording for good: a journal with a hole would replay wrong.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::history::Journal;
use crate::plan::Plan;
use crate::rehearsal::{EndReason, Event};

/// Where and what to record.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    pub plan: Arc<Plan>,
    pub from: usize,
    pub scope: Option<String>,
}

/// A handle on the run's journal; clones share it.
#[derive(Debug, Clone)]
pub struct Recorder {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    /// What the first key opens; `None` when recording is off or the journal is open.
    target: Option<Target>,
    journal: Option<Journal>,
    /// The run clock's zero, shared with the loop.
    origin: Instant,
    /// Run-clock moment of the `Start` event: the journal's zero.
    started: Duration,
    ended: bool,
}

impl Recorder {
    /// A recorder for `target` (`None`: write nothing), on the run clock that starts at `origin`.
    pub fn new(target: Option<Target>, origin: Instant) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                target,
                journal: None,
                origin,
                started: Duration::ZERO,
                ended: false,
            })),
        }
    }

    /// Writes an event applied at run-clock moment `at`: `Start` opens the journal (its folder
    /// is created if need be). On failure, returns what to tell the speaker; nothing more is
    /// written after that.
    pub fn record(&self, event: &Event, at: Duration) -> Result<(), String> {
        let mut inner = self.lock();
        if *event == Event::Start {
            let Some(target) = inner.target.take() else {
                return Ok(());
            };
            inner.journal = Some(open(&target).map_err(|e| e.to_string())?);
            inner.started = at;
            return Ok(());
        }
        let t = at.saturating_sub(inner.started);
        inner.ended |= matches!(event, Event::End(_));
        let written = match inner.journal.as_mut() {
            Some(journal) => journal.record(event, t),
            None => return Ok(()),
        };
        written.map_err(|e| {
            inner.journal = None;
            e.to_string()
        })
    }

    /// Ends the run now unless it has ended already; for the signal watcher, when the loop does
    /// not answer. Errors are dropped: nobody is left to tell.
    pub fn end_now(&self, reason: EndReason) {
        let mut inner = self.lock();
        if inner.ended {
            return;
        }
        inner.ended = true;
        let t = inner.origin.elapsed().saturating_sub(inner.started);
        if let Some(journal) = inner.journal.as_mut() {
            let _ = journal.record(&Event::End(reason), t);
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not cost the record: the data is a file handle, still sound.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn open(target: &Target) -> std::io::Result<Journal> {
    if let Some(dir) = target.path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // The recorder is named so that `history` and `report` can tell this run in progress.
    Journal::begin_by(
        &target.path,
        &target.plan,
        target.from,
        target.scope.as_deref(),
        jiff::Timestamp::now(),
        Some(crate::history::Recorder::this_process()),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rehearsal::PauseReason;
    use crate::tui::testing::{plan, secs};

    fn recorder(path: &Path) -> Recorder {
        let target = Target {
            path: path.to_owned(),
            plan: plan(),
            from: 0,
            scope: None,
        };
        Recorder::new(Some(target), Instant::now())
    }

    #[test]
    fn times_count_from_the_start_event_and_a_run_ends_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper/t.history.jsonl");
        let recorder = recorder(&path);
        recorder.record(&Event::Mark(0), secs(1)).unwrap();
        recorder.record(&Event::Start, secs(10)).unwrap();
        recorder.record(&Event::Goto(1), secs(25)).unwrap();
        recorder
            .record(&Event::Pause(PauseReason::Speaker), secs(30))
            .unwrap();
        recorder
            .record(&Event::End(EndReason::Quit), secs(31))
            .unwrap();
        recorder.end_now(EndReason::Hangup);
        let history = crate::history::read(&path).unwrap();
        assert_eq!(
            history.runs[0].events,
            vec![
                (Event::Start, secs(0)),
                (Event::Goto(1), secs(15)),
                (Event::Pause(PauseReason::Speaker), secs(20)),
                (Event::End(EndReason::Quit), secs(21)),
            ]
        );
    }

    #[test]
    fn an_unwritable_history_is_reported_and_recording_stops() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: nothing can be created under it.
        std::fs::write(dir.path().join("file"), "").unwrap();
        let recorder = recorder(&dir.path().join("file/t.history.jsonl"));
        assert!(recorder.record(&Event::Start, secs(0)).is_err());
        assert_eq!(recorder.record(&Event::Goto(1), secs(3)), Ok(()));
    }

    #[test]
    fn the_watcher_ends_a_run_the_loop_could_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let recorder = recorder(&path);
        recorder.record(&Event::Start, Duration::ZERO).unwrap();
        recorder.clone().end_now(EndReason::Hangup);
        let run = &crate::history::read(&path).unwrap().runs[0];
        assert_eq!(run.end(), Some(EndReason::Hangup));
    }
}
