//! The messages the loop sends the model, and what the model asks of the loop in return.

use std::time::Duration;

use crate::rehearsal::{EndReason, Event, Reference};
use crate::tui::clock::Stall;
use crate::tui::keys::Press;

/// What the loop tells the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A key press, already mapped by the key table.
    Key(Press),
    /// Time passed (a figure on screen changed, or the loop woke up to look at signals).
    Tick,
    /// The process did not run for a while (stopped, or the machine slept).
    Stalled(Stall),
    /// Back from a Ctrl-Z suspend.
    Continued,
    /// A signal, Ctrl-C or a dead terminal ends the run at once.
    Stop(Stop),
    /// The history could not be written; recording has stopped.
    RecordFailed(String),
    /// What the recorded runs offer to compare with (read once the first frame is up).
    Past(Past),
}

/// The references past runs offer, and a word for the screen if reading them had trouble.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Past {
    pub references: Vec<Reference>,
    pub notice: Option<String>,
}

/// Why the run stops without the speaker choosing to quit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGINT, or Ctrl-C in raw mode.
    Interrupt,
    /// SIGTERM.
    Terminate,
    /// SIGQUIT, or Ctrl-\ in raw mode.
    QuitSignal,
    /// SIGHUP, or the terminal went away.
    Hangup,
}

impl Stop {
    pub fn reason(self) -> EndReason {
        match self {
            Self::Interrupt | Self::Terminate | Self::QuitSignal => EndReason::Signal,
            Self::Hangup => EndReason::Hangup,
        }
    }

    /// The exit status a shell expects from a process ended by the signal: 128 + its number.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::Interrupt => 130,
            Self::Terminate => 143,
            Self::QuitSignal => 131,
            Self::Hangup => 129,
        }
    }
}

/// What the shell must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Append the event, applied at this run-clock moment, to the history.
    Record(Event, Duration),
    /// Ring the terminal bell (only with `--bell`).
    Bell,
    /// Give the terminal back and stop the process until `fg`.
    Suspend,
}

/// How the loop should end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The speaker quit (from the summary, before starting, or confirmed mid-run).
    Quit,
    Stopped(Stop),
}
