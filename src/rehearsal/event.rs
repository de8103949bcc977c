//! What happens during a rehearsal: the events the state machine applies and the journal keeps.

use serde::{Deserialize, Serialize};

/// One thing the speaker did, applied at a moment of the run clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The clock starts on the current slide (the first key of a run).
    Start,
    /// The speaker moved to this slide (0-based index into the run's plan).
    Goto(usize),
    /// The last slide change is taken back; its time returns to the slide left.
    Undo,
    /// The clock stops: by the speaker, or because the machine slept.
    Pause(PauseReason),
    /// The clock runs again.
    Resume,
    /// A slide is marked (or unmarked) to revisit later.
    Mark(usize),
    /// The run is over.
    End(EndReason),
}

/// Why the clock stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    /// The speaker paused (`b`, `.`, F5, Esc).
    #[default]
    Speaker,
    /// The machine slept or the process was stopped: that time is not talk time.
    Suspend,
}

/// Why a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The speaker left the last slide: a complete run.
    Finished,
    /// The speaker quit before the end.
    Quit,
    /// The process was told to stop (SIGTERM, SIGINT, Ctrl-C).
    Signal,
    /// The terminal went away (SIGHUP, a read error).
    Hangup,
}

impl EndReason {
    /// A finished run is complete; every other end cuts the run short.
    pub fn is_complete(self) -> bool {
        self == Self::Finished
    }
}
