//! The rehearsal screen: a pure function of the figures computed for one moment.
//!
//! [`View`] holds everything a frame shows, computed by [`super::app::App::view`] before
//! rendering; rendering reads no clock, does no I/O and never panics, at any size.
//!
//! ```text
//!  pacer · Making diffusion light: LoRA for on-device image…      ● rec      header: title, recording
//!  ▸ 6:36 / 20:00   ● -0:12 ahead of the plan   ends 19:48 · 22:12      clock, versus, finish
//!  Sections ─────────────────────┐ Slide 28/80 · LoRA ─────────────────
//!  ✓ Opening     1:30/1:30 done  │ Where the LoRA layers attach  ⚑ marked   slide: title, tags
//!  ✓ The problem 2:08/2:08 done  │
//! ▸● LoRA        0:35/3:12 now   │ ███   ███ ███        ███   █  ███ █████   countdown and the
//!  ◌ Method      0:00/3:13 ahead │ █ █ █   █ █      ███ █ █ █ █  █ █ ███████ talk's standing,
//!      sections: symbol, word    │ this slide       the talk: ahead of the plan  large, growing
//!                                │ ● on time █████░░░░░░░░ 0:05 / 0:40      bar of its budget
//!                                │ Notes                                    notes
//!                                │ Low-rank update W + BA on the q, k, v…
//!                                │ +0:23 behind the plan: skip 30 Rank 4…   advice when behind
//!                                │ Next ▸ 29 Rank and alpha · 0:14          the slides ahead
//!                                │        30 Rank 4 is enough · 0:14 · optional
//!  █████████████████┃░░░░░░░░░░░░░░░░░░░░░░░░░░░░ slide 28/80 · time 33%   footer: progress
//!  → next   ← back   b pause   u undo   m mark   c compare   ? help   q quit      and the keys
//! ```
//! Below 60x15 the screen only asks for a larger terminal; the notes, the next slide and the
//! large figures appear as room allows. Help, the quit confirm and the end-of-run summary
//! draw over the panes.

pub(crate) mod big;
mod footer;
mod header;
pub(crate) mod large;
pub mod overlay;
mod sections;
mod slide;
mod summary;

pub use header::{standing, versus};
pub use summary::{recorded, said};

use std::time::Duration;

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Widget, Wrap};

use super::app::{Notice, Overlay, Record};
use super::text::width;
use super::theme::{MIN_HEIGHT, MIN_WIDTH, SectionState, Theme};
use crate::rehearsal::{Basis, Pace, Phase, Summary};

/// Everything one frame shows.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub theme: Theme,
    pub title: &'a str,
    pub phase: Phase,
    pub overlay: Option<Overlay>,
    /// The section rehearsed alone, if any.
    pub scope: Option<&'a str>,
    pub elapsed: Duration,
    pub budget: Duration,
    /// How long the current pause has lasted.
    pub paused_for: Option<Duration>,
    pub versus: Versus,
    /// Slides jumped over so far (never shown, behind the one shown): what an ahead-by stands on.
    pub skipped: usize,
    /// Talk time at which the run would end at this pace.
    pub projected: Duration,
    /// The projected end as a time of day (`14:52`), once the clock runs.
    pub finish_at: Option<String>,
    /// Number of slides in the run.
    pub slides: usize,
    pub slide: SlideView<'a>,
    /// The slides after the one shown, the next first (a few, for when there is room).
    pub upcoming: Vec<NextView<'a>>,
    pub sections: Vec<SectionRow<'a>>,
    pub current_section: usize,
    pub advice: Option<Advice<'a>>,
    pub record: &'a Record,
    pub notice: Option<&'a Notice>,
    pub summary: Option<SummaryView<'a>>,
}

/// How the run stands against the chosen comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versus {
    pub basis: Basis,
    /// Positive: behind.
    pub offset: SignedDuration,
    pub pace: Pace,
}

/// The slide shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideView<'a> {
    /// 1-based.
    pub number: usize,
    pub title: &'a str,
    pub section: &'a str,
    pub notes: &'a str,
    pub spent: Duration,
    pub budget: Duration,
    pub pace: Pace,
    /// What the chosen past runs spent here, when comparing with them.
    pub expected: Option<Duration>,
    pub marked: bool,
    pub optional: bool,
}

/// A slide after the one shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextView<'a> {
    pub number: usize,
    pub title: &'a str,
    pub budget: Duration,
    pub optional: bool,
    /// The section it opens, when it opens one.
    pub opens: Option<&'a str>,
}

/// One line of the sections list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRow<'a> {
    pub title: &'a str,
    pub spent: Duration,
    pub budget: Duration,
    pub state: SectionState,
    /// Just tipped over: drawn as an alarm for a moment.
    pub flash: bool,
}

/// What to do when behind the chosen reference: optional slides to skip, and the pace that
/// recovers the offset, all measured against that reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice<'a> {
    /// The reference the offset, the cuts' savings and the pace are measured against.
    pub basis: Basis,
    pub behind: SignedDuration,
    pub per_slide: Option<Duration>,
    /// Optional slides ahead: 1-based number, title, and what skipping it saves (its time in
    /// the reference).
    pub cuts: Vec<(usize, &'a str, Duration)>,
}

/// The end-of-run summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryView<'a> {
    pub summary: Summary,
    pub grace: Duration,
    /// Marked slides: 1-based number and title.
    pub marks: Vec<(usize, &'a str)>,
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let [header_area, rest, footer_area] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(area);
        header::render(self, header_area, buf);
        footer::render(self, footer_area, buf);
        if let Some(summary) = &self.summary {
            summary::render(self, summary, rest, buf);
        } else {
            let sections_width = (rest.width * 2 / 5).clamp(24, 44);
            let [sections_area, slide_area] =
                Layout::horizontal([Constraint::Length(sections_width), Constraint::Fill(1)])
                    .areas(rest);
            sections::render(self, sections_area, buf);
            slide::render(self, slide_area, buf);
        }
        match self.overlay {
            Some(Overlay::Help) => overlay::help(self, area, buf),
            Some(Overlay::ConfirmQuit) => overlay::confirm(self, area, buf),
            None => {}
        }
    }
}

/// A pane: a rule on top carrying its title, the content below.
fn pane<'t>(theme: Theme, title: impl Into<Line<'t>>, borders: Borders) -> Block<'t> {
    Block::new()
        .borders(borders)
        .border_style(theme.frame())
        .title(title)
}

/// A pane whose content keeps a column of air on its left.
fn padded_pane<'t>(theme: Theme, title: impl Into<Line<'t>>, borders: Borders) -> Block<'t> {
    pane(theme, title, borders).padding(Padding::left(1))
}

/// The screen below the minimum size: one plain request, wrapped to whatever room there is.
fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "enlarge the terminal ({MIN_WIDTH}x{MIN_HEIGHT}); now {}x{}",
        area.width, area.height
    );
    let lines = u16::try_from(width(&text) / usize::from(area.width.max(1)) + 1).unwrap_or(1);
    let top = area.height.saturating_sub(lines) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

#[cfg(test)]
mod tests;
