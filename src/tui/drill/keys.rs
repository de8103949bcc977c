//! The drill screen's key table: one table, read by [`press`], the help box and the footer, so
//! they never disagree. The clicker keys do what they do in a rehearsal: next moves on.
//!
//! Pure: a crossterm key event in, an [`Action`] out. What an action does depends on where the
//! drill stands; that is [`super::app`]'s business.

use crossterm::event::{KeyCode, KeyEvent};

use crate::drill::{Phase, Rating, Session};
// For the tests, which check the documented table against the table as labelled.
#[cfg(test)]
use crate::tui::keys::label;
use crate::tui::keys::{self, Key};

/// What the speaker asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start the answer clock; end the answer.
    Next,
    Rate(Rating),
    Skip,
    /// Pause or resume (a clicker's blank key, its start/stop button).
    Pause,
    Undo,
    Help,
    Quit,
    /// Yes, quit (in the confirm).
    Confirm,
    /// Ctrl-C: stop at once, as SIGINT would.
    Interrupt,
    /// Ctrl-\\: stop at once, as SIGQUIT would.
    QuitNow,
    /// Ctrl-Z: back to the shell until `fg`.
    Suspend,
    Unbound,
}

/// One row of the key table (the rehearsal's row, with the drill's actions).
pub type Binding = keys::Binding<Action>;

const fn code(c: char) -> Key {
    Key::Code(KeyCode::Char(c))
}

/// Every key the drill answers to, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[
            code(' '),
            Key::Code(KeyCode::Right),
            Key::Code(KeyCode::Down),
            Key::Code(KeyCode::PageDown),
            Key::Code(KeyCode::Enter),
        ],
        action: Action::Next,
        help: "start the answer clock; again to end the answer",
        short: Some("answer"),
    },
    Binding {
        keys: &[code('1')],
        action: Action::Rate(Rating::Missed),
        help: "rate the answer: missed",
        short: None,
    },
    Binding {
        keys: &[code('2')],
        action: Action::Rate(Rating::Shaky),
        help: "rate the answer: shaky",
        short: None,
    },
    Binding {
        keys: &[code('3')],
        action: Action::Rate(Rating::Good),
        help: "rate the answer: good",
        short: None,
    },
    Binding {
        keys: &[code('s')],
        action: Action::Skip,
        help: "skip this question (not counted)",
        short: Some("skip"),
    },
    Binding {
        keys: &[
            code('b'),
            code('.'),
            Key::Code(KeyCode::F(5)),
            Key::Code(KeyCode::Esc),
        ],
        action: Action::Pause,
        help: "pause / resume; never quits",
        short: Some("pause"),
    },
    Binding {
        keys: &[code('u')],
        action: Action::Undo,
        help: "undo the last step (start, end, rating, skip)",
        short: Some("undo"),
    },
    Binding {
        keys: &[code('?')],
        action: Action::Help,
        help: "this help",
        short: Some("help"),
    },
    Binding {
        keys: &[code('q')],
        action: Action::Quit,
        help: "quit (asks first during a drill)",
        short: Some("quit"),
    },
    Binding {
        keys: &[code('y')],
        action: Action::Confirm,
        help: "yes, quit (when asked)",
        short: None,
    },
    Binding {
        keys: &[Key::Ctrl('c')],
        action: Action::Interrupt,
        help: "stop now (drill kept, cut short)",
        short: None,
    },
    Binding {
        keys: &[Key::Ctrl('\\')],
        action: Action::QuitNow,
        help: "stop now, as SIGQUIT (drill kept)",
        short: None,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        help: "suspend; clock stops until fg",
        short: None,
    },
];

/// A key press the table knows: the key, for telling a held key from a click, and its action.
pub type Press = keys::Press<Action>;

/// The press of a key event, as the rehearsal reads keys ([`keys::press_in`]); an unbound key
/// or an Alt combination is [`Action::Unbound`].
pub fn press(event: &KeyEvent) -> Option<Press> {
    keys::press_in(BINDINGS, Action::Unbound, event)
}

pub use crate::tui::keys::labels;

/// Where the drill stands, as far as its keys go: each stage has its own footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// A question is read, the answer clock stopped.
    Asking,
    Answering,
    /// The notes are up; a rating is due.
    Reviewing,
    /// Paused while answering or reviewing: only resume, undo and quit do anything.
    Paused,
    /// Every question dealt with, or the drill quit: the summary.
    Summary,
}

impl Stage {
    pub fn of(session: &Session) -> Self {
        if session.is_over() {
            return Self::Summary;
        }
        if session.is_paused() {
            return Self::Paused;
        }
        match session.phase() {
            Phase::Asking => Self::Asking,
            Phase::Answering => Self::Answering,
            Phase::Reviewing => Self::Reviewing,
            Phase::Finished => Self::Summary,
        }
    }
}

/// The actions of a stage's footer, in order, each with the word the footer gives it there
/// (`None`: the binding's own short word). `u` is shown only where there is a step to take
/// back, `?` and `q` everywhere.
fn shown(stage: Stage, can_undo: bool) -> Vec<(Action, Option<&'static str>)> {
    let mut shown = match stage {
        Stage::Asking => vec![(Action::Next, Some("answer")), (Action::Skip, None)],
        Stage::Answering => vec![
            (Action::Next, Some("end answer")),
            (Action::Pause, None),
            (Action::Skip, None),
        ],
        Stage::Reviewing => vec![
            (Action::Rate(Rating::Missed), Some("rate")),
            (Action::Skip, None),
            (Action::Pause, None),
        ],
        Stage::Paused => vec![(Action::Pause, Some("resume"))],
        Stage::Summary => Vec::new(),
    };
    if can_undo {
        let word = (stage == Stage::Summary).then_some("undo the last rating");
        shown.push((Action::Undo, word));
    }
    shown.extend([(Action::Help, None), (Action::Quit, None)]);
    shown
}

/// The actions the footer always keeps, however narrow: without them the speaker is stuck.
pub const ALWAYS: [Action; 2] = [Action::Help, Action::Quit];

/// The footer of `stage`: the keys that do something there, each as the key table labels its
/// first key (the ratings together, `1/2/3`), with its word. `can_undo`: whether `u` has a
/// step to take back.
pub fn footer(stage: Stage, can_undo: bool) -> Vec<(Action, String, &'static str)> {
    shown(stage, can_undo)
        .into_iter()
        .filter_map(|(action, word)| {
            let binding = BINDINGS.iter().find(|b| b.action == action)?;
            let key = match action {
                Action::Rate(_) => Rating::ALL
                    .iter()
                    .filter_map(|r| {
                        let rate = BINDINGS.iter().find(|b| b.action == Action::Rate(*r))?;
                        Some(keys::label(*rate.keys.first()?))
                    })
                    .collect::<Vec<_>>()
                    .join("/"),
                _ => keys::label(*binding.keys.first()?),
            };
            Some((action, key, word.or(binding.short)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState, KeyModifiers};

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn clicker_keys_and_ratings() {
        let none = KeyModifiers::NONE;
        for (code, modifiers, want) in [
            (KeyCode::PageDown, none, Action::Next),
            (KeyCode::Char(' '), none, Action::Next),
            (KeyCode::Enter, none, Action::Next),
            (KeyCode::Right, none, Action::Next),
            (KeyCode::Char('1'), none, Action::Rate(Rating::Missed)),
            (KeyCode::Char('2'), none, Action::Rate(Rating::Shaky)),
            (KeyCode::Char('3'), none, Action::Rate(Rating::Good)),
            (KeyCode::F(5), KeyModifiers::SHIFT, Action::Pause),
            (KeyCode::Esc, none, Action::Pause),
            (KeyCode::Char('.'), none, Action::Pause),
            (KeyCode::Char('S'), KeyModifiers::SHIFT, Action::Skip),
            (KeyCode::Char('c'), KeyModifiers::CONTROL, Action::Interrupt),
            (KeyCode::Char('4'), KeyModifiers::CONTROL, Action::QuitNow),
            (KeyCode::Char('q'), KeyModifiers::ALT, Action::Unbound),
            (KeyCode::PageUp, none, Action::Unbound),
        ] {
            assert_eq!(
                press(&event(code, modifiers)).map(|p| p.action),
                Some(want),
                "{code:?}"
            );
        }
        let mut release = event(KeyCode::Char(' '), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(press(&release), None, "only presses count");
    }

    #[test]
    fn no_key_is_bound_twice_and_every_rating_has_its_own_key() {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
        for rating in Rating::ALL {
            let binding = BINDINGS.iter().find(|b| b.action == Action::Rate(rating));
            assert_eq!(
                binding.map(|b| b.keys),
                Some(&[code(rating.key())][..]),
                "{rating:?}"
            );
        }
    }

    #[test]
    fn the_documented_footers_are_these() {
        let docs = include_str!("../../../docs/drill.md");
        for stage in [
            Stage::Asking,
            Stage::Answering,
            Stage::Reviewing,
            Stage::Paused,
            Stage::Summary,
        ] {
            let shown: Vec<String> = footer(stage, true)
                .into_iter()
                .map(|(_, key, word)| format!("{key} {word}"))
                .collect();
            let row = format!("`{}`", shown.join("   "));
            assert!(docs.contains(&row), "docs/drill.md lacks {row} ({stage:?})");
        }
    }

    #[test]
    fn the_documented_key_table_is_this_table() {
        let docs = include_str!("../../../docs/drill.md");
        for binding in BINDINGS {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", label(*k)))
                .collect();
            let row = format!("| {} | {} |", keys.join(" "), binding.help);
            assert!(docs.contains(&row), "docs/drill.md lacks {row}");
        }
    }
}
