//! The questions after the talk: drills of the talk's `[[question]]`s, timed and rated.
//!
//! Owns the drill as data: the state machine of one drill (ask, answer against a budget, show
//! the notes, rate), its journal (crash-safe like a rehearsal's, in a file of its own so that
//! readers of rehearsal histories never meet a drill line), which questions come up next, and
//! the drills read back for reports. Must not touch the terminal (the drill screen is a view
//! in [`crate::tui`]) nor read the clock: time comes in as data, as in [`crate::rehearsal`].

pub mod journal;
pub mod read;
pub mod select;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use journal::Journal;
pub use read::{Drills, Skipped, parse, read, scan};
pub use select::{Filter, choose};
pub use state::{Event, Phase, Prompt, Session};

/// Where a talk's drills are kept by default: `talk.toml` -> `talk.drills.jsonl`, beside the
/// talk and its history, in a file of their own.
pub fn default_path(talk: &Path) -> PathBuf {
    let stem = talk
        .file_stem()
        .map_or_else(|| "talk".into(), |s| s.to_string_lossy().into_owned());
    talk.with_file_name(format!("{stem}.drills.jsonl"))
}

/// The drills file that goes with a history file: `NAME.history.jsonl` -> `NAME.drills.jsonl`
/// in the same folder; any other name gets `.drills.jsonl` after it, less a `.jsonl` ending
/// (`runs.jsonl` -> `runs.drills.jsonl`).
pub fn beside_history(history: &Path) -> PathBuf {
    let name = history
        .file_name()
        .map_or_else(|| "talk".into(), |s| s.to_string_lossy().into_owned());
    let stem = name
        .strip_suffix(".history.jsonl")
        .or_else(|| name.strip_suffix(".jsonl"))
        .unwrap_or(&name);
    history.with_file_name(format!("{stem}.drills.jsonl"))
}

/// How the speaker judged an answer, with one key: 1, 2 or 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// The answer missed the point (key 1).
    Missed,
    /// Some of it, not all, or not clearly (key 2).
    Shaky,
    /// A good answer (key 3).
    Good,
}

impl Rating {
    /// Every rating, weakest first.
    pub const ALL: [Self; 3] = [Self::Missed, Self::Shaky, Self::Good];

    /// The word reports and the screen use.
    pub fn word(self) -> &'static str {
        match self {
            Self::Missed => "missed",
            Self::Shaky => "shaky",
            Self::Good => "good",
        }
    }

    /// The symbol the screen and reports show beside the word (never colour alone):
    /// `✗` missed, `~` shaky, `✓` good.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Missed => "✗",
            Self::Shaky => "~",
            Self::Good => "✓",
        }
    }

    /// The key that gives this rating on the drill screen.
    pub fn key(self) -> char {
        match self {
            Self::Missed => '1',
            Self::Shaky => '2',
            Self::Good => '3',
        }
    }
}

/// One question answered in a drill, as read back from the drill journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The question's id (`Question::id`), stable across drills and rewordings with an `id`.
    pub question: String,
    /// The question's text when it was asked (for questions since removed from the talk).
    pub ask: String,
    /// The budget the answer had when it was asked.
    pub budget: Duration,
    /// How long the answer took on the drill clock, pauses left out.
    pub took: Duration,
    /// The speaker's rating; `None` when the drill ended before it was given.
    pub rating: Option<Rating>,
}

/// One recorded drill, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Drill {
    /// 1-based position in the drill journal: drills are told apart and aged by it.
    pub number: usize,
    /// The drill's id in the journal.
    pub id: String,
    /// Wall-clock start as recorded (RFC 3339, UTC).
    pub started_at: String,
    /// The questions answered, in the order they were asked.
    pub answers: Vec<Answer>,
    /// Whether the drill has an end record (one without was killed, or is still going).
    pub ended: bool,
    /// How it ended, from its end record: `Quit` for a drill quit before its last question
    /// (`Finished` is a drill that dealt with every question); `None` without one.
    pub end: Option<crate::rehearsal::EndReason>,
    /// Questions skipped (`s`): asked, passed over unanswered.
    pub skipped: usize,
    /// Questions the drill chose but did not get through, neither answered nor skipped: a
    /// drill quit or cut short early ([`Session::not_asked`]). 0 for one that asked them all.
    pub not_asked: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drills_live_beside_the_talk_and_beside_a_given_history() {
        assert_eq!(
            default_path(Path::new("talks/demo.toml")),
            PathBuf::from("talks/demo.drills.jsonl")
        );
        for (history, drills) in [
            ("h/demo.history.jsonl", "h/demo.drills.jsonl"),
            ("runs.jsonl", "runs.drills.jsonl"),
            ("/tmp/log", "/tmp/log.drills.jsonl"),
        ] {
            assert_eq!(beside_history(Path::new(history)), PathBuf::from(drills));
        }
    }
}
