//! Styles and symbols, in one place: every state has a symbol and a word; colour is a bonus.
//!
//! With colour off (`--no-color`, `NO_COLOR`, not a terminal) the styles keep only bold,
//! dim and reverse, so a black-and-white screen still tells every state apart.

use std::borrow::Cow;

use ratatui::style::{Color, Modifier, Style};

use crate::rehearsal::Pace;
use crate::symbols;

/// Colours from the 256-colour cube, chosen to read on a dark and on a light background alike
/// (xterm's default is black on white, where ANSI yellow, green and cyan all but vanish). Each
/// has a contrast of at least 3:1 against both black and white; the tests check the figures.
pub const GREEN: Color = Color::Indexed(28);
pub const AMBER: Color = Color::Indexed(130);
pub const RED: Color = Color::Indexed(160);
/// Pane borders.
pub const BLUE: Color = Color::Indexed(33);
/// Keys.
pub const TEAL: Color = Color::Indexed(30);
/// Marks.
pub const PURPLE: Color = Color::Indexed(133);

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
    /// Left behind without any of its slides shown (jumped over).
    Skipped,
    /// Left behind with this many of its slides never shown.
    PartlySkipped(usize),
}

impl SectionState {
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Done => symbols::DONE,
            Self::Current(Pace::Fine) => symbols::FINE,
            Self::DoneOver | Self::Current(Pace::Over) => symbols::OVER,
            Self::Current(Pace::Amber) => symbols::AMBER,
            Self::Upcoming => "◌",
            Self::Skipped => symbols::SKIPPED,
            Self::PartlySkipped(_) => symbols::PARTLY_SKIPPED,
        }
    }

    /// The state's word; a partly skipped section says how many slides it skipped.
    pub fn word(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::Done => "done",
            Self::DoneOver | Self::Current(Pace::Over) => "over",
            Self::Current(Pace::Fine) => "now",
            Self::Current(Pace::Amber) => "near",
            Self::Upcoming => "ahead",
            Self::Skipped => "skipped",
            Self::PartlySkipped(n) => return Cow::Owned(format!("{n} skipped")),
        })
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
            (true, Pace::Fine) => Style::new().fg(GREEN),
            (true, Pace::Amber) => Style::new().fg(AMBER),
            (true, Pace::Over) => Style::new().fg(RED).add_modifier(Modifier::BOLD),
            (false, Pace::Over) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    pub const fn section(self, state: SectionState) -> Style {
        match state {
            SectionState::Done => self.pace(Pace::Fine),
            SectionState::DoneOver => self.pace(Pace::Over),
            SectionState::Current(pace) => self.pace(pace).add_modifier(Modifier::BOLD),
            SectionState::Upcoming | SectionState::Skipped | SectionState::PartlySkipped(_) => {
                self.dim()
            }
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
            Style::new().fg(BLUE)
        } else {
            Style::new()
        }
    }

    /// Keys in the footer and the help.
    pub const fn key(self) -> Style {
        if self.color {
            Style::new().fg(TEAL).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub const fn mark(self) -> Style {
        if self.color {
            Style::new().fg(PURPLE).add_modifier(Modifier::BOLD)
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
            SectionState::Skipped,
            SectionState::PartlySkipped(2),
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

    /// The colour as xterm draws it by default: its 16 ANSI colours, the 6x6x6 cube and the
    /// grey ramp of the 256-colour palette.
    fn xterm_rgb(color: Color) -> [u8; 3] {
        const ANSI: [[u8; 3]; 16] = [
            [0, 0, 0],
            [205, 0, 0],
            [0, 205, 0],
            [205, 205, 0],
            [0, 0, 238],
            [205, 0, 205],
            [0, 205, 205],
            [229, 229, 229],
            [127, 127, 127],
            [255, 0, 0],
            [0, 255, 0],
            [255, 255, 0],
            [92, 92, 255],
            [255, 0, 255],
            [0, 255, 255],
            [255, 255, 255],
        ];
        let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
        match color {
            Color::Indexed(i @ 0..=15) => ANSI[usize::from(i)],
            Color::Indexed(i @ 16..=231) => {
                let i = i - 16;
                [level(i / 36), level(i / 6 % 6), level(i % 6)]
            }
            Color::Indexed(i) => [8 + 10 * (i - 232); 3],
            Color::Black => ANSI[0],
            Color::Red => ANSI[1],
            Color::Green => ANSI[2],
            Color::Yellow => ANSI[3],
            Color::Blue => ANSI[4],
            Color::Magenta => ANSI[5],
            Color::Cyan => ANSI[6],
            Color::Gray => ANSI[7],
            Color::DarkGray => ANSI[8],
            Color::White => ANSI[15],
            other => panic!("no xterm colour for {other:?}"),
        }
    }

    /// WCAG relative luminance.
    fn luminance(rgb: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn every_text_colour_reads_on_black_and_on_white() {
        let theme = Theme::new(true);
        let mut styles = vec![
            ("dim", theme.dim()),
            ("frame", theme.frame()),
            ("key", theme.key()),
            ("mark", theme.mark()),
        ];
        for pace in [Pace::Fine, Pace::Amber, Pace::Over] {
            styles.push(("pace", theme.pace(pace)));
        }
        for (what, style) in styles {
            let Some(fg) = style.fg else { continue };
            let l = luminance(xterm_rgb(fg));
            let (on_black, on_white) = (contrast(l, 0.0), contrast(l, 1.0));
            assert!(
                on_black >= 3.0 && on_white >= 3.0,
                "{what} {fg:?}: {on_black:.1}:1 on black, {on_white:.1}:1 on white"
            );
        }
    }

    #[test]
    fn banners_set_both_colours_so_the_background_does_not_matter() {
        let theme = Theme::new(true);
        for pace in [Pace::Fine, Pace::Amber, Pace::Over] {
            let style = theme.banner(pace);
            let (fg, bg) = (style.fg.expect("fg"), style.bg.expect("bg"));
            let ratio = contrast(luminance(xterm_rgb(fg)), luminance(xterm_rgb(bg)));
            assert!(ratio >= 3.0, "{pace:?}: {ratio:.1}:1");
        }
    }
}
