//! Styles and symbols, in one place: every state has a symbol and a word; colour is a bonus.
//!
//! With colour off (`--no-color`, `NO_COLOR`, not a terminal) the styles keep only bold,
//! dim and reverse, so a black-and-white screen still tells every state apart.

use ratatui::style::{Color, Modifier, Style};

use crate::rehearsal::Pace;
use crate::symbols;

/// The narrowest and shortest terminal the rehearsal screen lays out in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// How a section stands, as the sections list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionState {
    /// Left behind within its budget.
    Done,
    /// Flagged: it ran over its budget at some moment.
    DoneOver,
    /// The section of the slide shown, and how it stands against its budget.
    Current(Pace),
    /// Still ahead.
    Upcoming,
}

impl SectionState {
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Done => symbols::DONE,
            Self::Current(Pace::Fine) => symbols::FINE,
            Self::DoneOver | Self::Current(Pace::Over) => symbols::OVER,
            Self::Current(Pace::Amber) => symbols::AMBER,
            Self::Upcoming => "◌",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::DoneOver | Self::Current(Pace::Over) => "over",
            Self::Current(Pace::Fine) => "now",
            Self::Current(Pace::Amber) => "near",
            Self::Upcoming => "ahead",
        }
    }
}

/// Symbol of a slide's or the talk's pace.
pub fn pace_symbol(pace: Pace) -> &'static str {
    match pace {
        Pace::Fine => symbols::FINE,
        Pace::Amber => symbols::AMBER,
        Pace::Over => symbols::OVER,
    }
}

/// Word for a slide's pace next to its countdown.
pub fn slide_word(pace: Pace) -> &'static str {
    match pace {
        Pace::Fine => "on time",
        Pace::Amber => "wrap up",
        Pace::Over => "over",
    }
}

/// Marks a slide the speaker marked to revisit.
pub const MARK: &str = symbols::MARK;
/// Points at the current row of a list.
pub const POINTER: &str = "▸";
/// Filled and empty cells of a bar.
pub const BAR_FULL: &str = "█";
pub const BAR_EMPTY: &str = "░";
/// Where the talk clock stands on the progress bar.
pub const BAR_NOW: &str = "┃";

/// The styles of one screen, with or without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub const fn new(color: bool) -> Self {
        Self { color }
    }

    pub const fn color(self) -> bool {
        self.color
    }

    /// Text in the colour of a pace; without colour, over is bold so it still stands out.
    pub const fn pace(self, pace: Pace) -> Style {
        match (self.color, pace) {
            (true, Pace::Fine) => Style::new().fg(Color::Green),
            (true, Pace::Amber) => Style::new().fg(Color::Yellow),
            (true, Pace::Over) => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            (false, Pace::Over) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    pub const fn section(self, state: SectionState) -> Style {
        match state {
            SectionState::Done => self.pace(Pace::Fine),
            SectionState::DoneOver => self.pace(Pace::Over),
            SectionState::Current(pace) => self.pace(pace).add_modifier(Modifier::BOLD),
            SectionState::Upcoming => self.dim(),
        }
    }

    /// A banner that must be seen (paused, a section tipping over): reversed.
    pub const fn banner(self, pace: Pace) -> Style {
        match (self.color, pace) {
            (true, Pace::Fine) => Style::new().fg(Color::Black).bg(Color::Cyan),
            (true, Pace::Amber) => Style::new().fg(Color::Black).bg(Color::Yellow),
            (true, Pace::Over) => Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            (false, _) => Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        }
    }

    pub const fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub const fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Pane borders and their titles.
    pub const fn frame(self) -> Style {
        if self.color {
            Style::new().fg(Color::Blue)
        } else {
            Style::new()
        }
    }

    /// Keys in the footer and the help.
    pub const fn key(self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub const fn mark(self) -> Style {
        if self.color {
            Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Something went wrong that the speaker must see (the history cannot be written).
    pub const fn error(self) -> Style {
        self.banner(Pace::Over)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_its_own_symbol_and_word() {
        let states = [
            SectionState::Done,
            SectionState::DoneOver,
            SectionState::Current(Pace::Fine),
            SectionState::Current(Pace::Amber),
            SectionState::Upcoming,
        ];
        for (i, a) in states.iter().enumerate() {
            for b in &states[i + 1..] {
                assert_ne!(a.word(), b.word(), "{a:?} {b:?}");
                assert_ne!(a.symbol(), b.symbol(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn without_colour_no_style_carries_a_colour() {
        let theme = Theme::new(false);
        let mut styles = vec![
            theme.dim(),
            theme.strong(),
            theme.frame(),
            theme.key(),
            theme.mark(),
            theme.error(),
        ];
        for pace in [Pace::Fine, Pace::Amber, Pace::Over] {
            styles.extend([theme.pace(pace), theme.banner(pace)]);
        }
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }
}
