//! The questions after the talk: drills of the talk's `[[question]]`s, timed and rated.
//!
//! Owns the drill as data: the state machine of one drill (ask, answer against a budget, show
//! the notes, rate), its journal (crash-safe like a rehearsal's, in a file of its own so that
//! readers of rehearsal histories never meet a drill line), which questions come up next, and
//! the drills read back for reports. Must not touch the terminal (the drill screen is a view
//! in [`crate::tui`]) nor read the clock: time comes in as data, as in [`crate::rehearsal`].

use std::time::Duration;

use serde::{Deserialize, Serialize};

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
}
