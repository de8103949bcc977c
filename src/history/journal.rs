//! Writing a run: one line per event, appended, flushed and fsynced as it happens.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;
use std::time::Duration;

use super::append::{Appender, journal_id};
use super::owner::Recorder;
use super::record::{Kind, Line, PlanSnapshot};
use crate::plan::Plan;
use crate::rehearsal::Event;

/// Runs this process has begun: with the start second and the process id, a run's id is
/// unique even for two runs begun in the same second.
static RUNS_BEGUN: AtomicU32 = AtomicU32::new(0);

/// An open run in a history file. Every [`Journal::record`] is on disk when it returns.
#[derive(Debug)]
pub struct Journal {
    file: Appender,
    path: PathBuf,
    run: String,
    ids: Vec<String>,
}

impl Journal {
    /// Starts a run in the history at `path` (created if need be): writes its start line,
    /// with the plan, at run-clock zero.
    ///
    /// `started_at` is the wall-clock start; `from` and `scope` say what part of the talk the
    /// run covers.
    pub fn begin(
        path: &Path,
        plan: &Plan,
        from: usize,
        scope: Option<&str>,
        started_at: jiff::Timestamp,
    ) -> io::Result<Self> {
        Self::begin_by(path, plan, from, scope, started_at, None)
    }

    /// [`Journal::begin`], naming the process that records the run (host, pid, start time) in
    /// its start line, so that readers can tell it in progress while that process lives.
    pub fn begin_by(
        path: &Path,
        plan: &Plan,
        from: usize,
        scope: Option<&str>,
        started_at: jiff::Timestamp,
        recorder: Option<Recorder>,
    ) -> io::Result<Self> {
        let file = Appender::open(path)?;
        let run = journal_id(started_at, &RUNS_BEGUN);
        let mut journal = Self {
            file,
            path: path.to_owned(),
            ids: plan.slides.iter().map(|s| s.id.clone()).collect(),
            run,
        };
        let mut line = Line::new(&journal.run, Kind::Start, Duration::ZERO);
        line.started_at = Some(started_at.to_string());
        line.from = Some(from);
        line.scope = scope.map(str::to_owned);
        line.plan = Some(PlanSnapshot::of(plan));
        line.pacer = Some(env!("CARGO_PKG_VERSION").to_owned());
        line.recorder = recorder;
        journal.write(&line)?;
        Ok(journal)
    }

    /// Appends an event at run-clock time `t` and syncs it to disk.
    ///
    /// `Event::Start` is written by [`Journal::begin`]; recording it again is a no-op.
    pub fn record(&mut self, event: &Event, t: Duration) -> io::Result<()> {
        if *event == Event::Start {
            return Ok(());
        }
        let line = Line::of_event(&self.run, event, t, &self.ids);
        self.write(&line)
    }

    /// The run's id in the file.
    pub fn run_id(&self) -> &str {
        &self.run
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write(&mut self, line: &Line) -> io::Result<()> {
        self.file.line(line)
    }
}
