//! The key table: which keys do what. One table, read by [`press`] and by the help screen,
//! so the help can never disagree with the keys.
//!
//! Pure: a crossterm key event in, an [`Action`] out. What an action does depends on the
//! rehearsal's phase; that is [`super::app`]'s business, not this table's.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What the speaker asked for, before the phase of the run gives it a meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Next,
    Prev,
    Start,
    /// Pause or resume (a clicker's blank-screen key).
    Pause,
    /// Start, pause or resume (a clicker's start/stop button); never quits.
    StartStop,
    First,
    Last,
    Undo,
    Mark,
    Compare,
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
    /// A key the table does not bind: it does nothing, except close a box ("any key closes").
    Unbound,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
}

/// One row of a key table: the rehearsal's ([`Action`]) or the drill's, each with actions of
/// its own.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A = Action> {
    pub keys: &'static [Key],
    pub action: A,
    /// What the keys do, for the help screen.
    pub help: &'static str,
    /// A word for the footer, for the keys worth showing there.
    pub short: Option<&'static str>,
}

const fn code(c: char) -> Key {
    Key::Code(KeyCode::Char(c))
}

/// Every key pacer answers to, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[
            Key::Code(KeyCode::Right),
            Key::Code(KeyCode::Down),
            Key::Code(KeyCode::PageDown),
            code(' '),
            Key::Code(KeyCode::Enter),
        ],
        action: Action::Next,
        help: "next slide; the first starts the clock",
        short: Some("next"),
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Left),
            Key::Code(KeyCode::Up),
            Key::Code(KeyCode::PageUp),
            Key::Code(KeyCode::Backspace),
        ],
        action: Action::Prev,
        help: "previous slide; its time adds up",
        short: Some("back"),
    },
    Binding {
        keys: &[code('s')],
        action: Action::Start,
        help: "start the clock",
        short: None,
    },
    Binding {
        keys: &[code('b'), code('.')],
        action: Action::Pause,
        help: "pause / resume (blank key)",
        short: Some("pause"),
    },
    Binding {
        keys: &[Key::Code(KeyCode::F(5)), Key::Code(KeyCode::Esc)],
        action: Action::StartStop,
        help: "start, pause, resume; never quits",
        short: None,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home)],
        action: Action::First,
        help: "first slide of this run",
        short: None,
    },
    Binding {
        keys: &[Key::Code(KeyCode::End)],
        action: Action::Last,
        help: "last slide",
        short: None,
    },
    Binding {
        keys: &[code('u')],
        action: Action::Undo,
        help: "undo the last slide change",
        short: Some("undo"),
    },
    Binding {
        keys: &[code('m')],
        action: Action::Mark,
        help: "mark this slide to revisit",
        short: Some("mark"),
    },
    Binding {
        keys: &[code('c')],
        action: Action::Compare,
        help: "compare: plan, last run, median",
        short: Some("compare"),
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
        help: "quit (asks first during a run)",
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
        help: "stop now (run kept, cut short)",
        short: None,
    },
    Binding {
        // Raw mode turns Ctrl-\ into a key (byte 0x1c, which crossterm reads as Ctrl-4).
        keys: &[Key::Ctrl('\\')],
        action: Action::QuitNow,
        help: "stop now, as SIGQUIT (run kept)",
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press<A = Action> {
    pub key: Key,
    pub action: A,
}

/// The press of a key event: presses only (releases and kitty repeats never count), letters in
/// either case, Shift ignored (clickers send Shift+F5). A key the table does not bind, an Alt
/// combination among them, is [`Action::Unbound`]; a modifier pressed alone is no key at all.
pub fn press(event: &KeyEvent) -> Option<Press> {
    press_in(BINDINGS, Action::Unbound, event)
}

/// The press of a key event in `table`, as [`press`] reads it; a key the table does not bind,
/// or one with Alt, is `unbound`. Every key table reads presses through this one function.
pub fn press_in<A: Copy>(table: &[Binding<A>], unbound: A, event: &KeyEvent) -> Option<Press<A>> {
    let (key, alt) = key_of(event)?;
    let action = if alt {
        None
    } else {
        table
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    };
    Some(Press {
        key,
        action: action.unwrap_or(unbound),
    })
}

/// The key of a key event as the tables name it, and whether Alt was held: presses only,
/// letters in either case, Shift ignored; `None` for a release, a repeat or a lone modifier.
/// Every key table (the rehearsal's, the drill's) reads events through this one function.
pub fn key_of(event: &KeyEvent) -> Option<(Key, bool)> {
    if event.kind != KeyEventKind::Press || matches!(event.code, KeyCode::Modifier(_)) {
        return None;
    }
    let key = match event.code {
        KeyCode::Char('4') if event.modifiers.contains(KeyModifiers::CONTROL) => Key::Ctrl('\\'),
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
            Key::Ctrl(c.to_ascii_lowercase())
        }
        KeyCode::Char(c) => Key::Code(KeyCode::Char(c.to_ascii_lowercase())),
        code => Key::Code(code),
    };
    Some((key, event.modifiers.contains(KeyModifiers::ALT)))
}

/// How a key is written on screen.
pub fn label(key: Key) -> String {
    match key {
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Code(code) => match code {
            KeyCode::Right => "→".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// The footer's keys: the first key of each binding that has a short word.
pub fn footer() -> impl Iterator<Item = (String, &'static str)> {
    footer_of(BINDINGS)
}

/// The footer's keys of `table`: the first key of each binding that has a short word.
pub fn footer_of<A>(table: &'static [Binding<A>]) -> impl Iterator<Item = (String, &'static str)> {
    table
        .iter()
        .filter_map(|b| Some((label(*b.keys.first()?), b.short?)))
}

/// The keys of a binding as the help writes them.
pub fn labels<A>(binding: &Binding<A>) -> String {
    binding
        .keys
        .iter()
        .map(|k| label(*k))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn clicker_and_keyboard_keys() {
        let none = KeyModifiers::NONE;
        for (code, modifiers, want) in [
            (KeyCode::PageDown, none, Some(Action::Next)),
            (KeyCode::Right, none, Some(Action::Next)),
            (KeyCode::Char(' '), none, Some(Action::Next)),
            (KeyCode::Enter, none, Some(Action::Next)),
            (KeyCode::PageUp, none, Some(Action::Prev)),
            (KeyCode::Backspace, none, Some(Action::Prev)),
            (KeyCode::Char('b'), none, Some(Action::Pause)),
            (KeyCode::Char('B'), KeyModifiers::SHIFT, Some(Action::Pause)),
            (KeyCode::Char('.'), none, Some(Action::Pause)),
            (KeyCode::F(5), none, Some(Action::StartStop)),
            (KeyCode::F(5), KeyModifiers::SHIFT, Some(Action::StartStop)),
            (KeyCode::Esc, none, Some(Action::StartStop)),
            (KeyCode::Char('?'), KeyModifiers::SHIFT, Some(Action::Help)),
            (
                KeyCode::Char('c'),
                KeyModifiers::CONTROL,
                Some(Action::Interrupt),
            ),
            (
                KeyCode::Char('z'),
                KeyModifiers::CONTROL,
                Some(Action::Suspend),
            ),
            (
                KeyCode::Char('4'),
                KeyModifiers::CONTROL,
                Some(Action::QuitNow),
            ),
            (
                KeyCode::Char('\\'),
                KeyModifiers::CONTROL,
                Some(Action::QuitNow),
            ),
            (KeyCode::Char('c'), none, Some(Action::Compare)),
            (KeyCode::Char('q'), KeyModifiers::ALT, Some(Action::Unbound)),
            (KeyCode::Char('x'), none, Some(Action::Unbound)),
            (KeyCode::Char('n'), none, Some(Action::Unbound)),
            (KeyCode::Tab, none, Some(Action::Unbound)),
            (
                KeyCode::Modifier(crossterm::event::ModifierKeyCode::LeftShift),
                none,
                None,
            ),
        ] {
            assert_eq!(
                press(&event(code, modifiers)).map(|p| p.action),
                want,
                "{code:?} {modifiers:?}"
            );
        }
    }

    #[test]
    fn only_presses_count() {
        for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
            let mut event = event(KeyCode::PageDown, KeyModifiers::NONE);
            event.kind = kind;
            assert_eq!(press(&event), None, "{kind:?}");
        }
    }

    #[test]
    fn no_key_is_bound_twice_and_every_action_has_a_key() {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(k), "{k:?} bound twice");
        }
        assert!(BINDINGS.iter().all(|b| !b.keys.is_empty()));
    }

    #[test]
    fn the_documented_key_table_is_this_table() {
        let docs = include_str!("../../docs/rehearsal.md");
        for binding in BINDINGS {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|k| format!("`{}`", label(*k)))
                .collect();
            let row = format!("| {} | {} |", keys.join(" "), binding.help);
            assert!(docs.contains(&row), "docs/rehearsal.md lacks {row}");
        }
    }

    #[test]
    fn the_footer_comes_from_the_table() {
        let footer: Vec<String> = footer().map(|(k, w)| format!("{k} {w}")).collect();
        assert_eq!(
            footer,
            [
                "→ next",
                "← back",
                "b pause",
                "u undo",
                "m mark",
                "c compare",
                "? help",
                "q quit"
            ]
        );
    }
}
