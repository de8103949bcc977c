//! The large figures of the slide pane, for a speaker two metres away: the slide's countdown
//! and, beside it, how the talk stands against the chosen reference (its delta and its pace
//! symbol, with the reference named under it), in block glyphs that grow with the room.
//!
//! Owns the choice of scale and the drawing; computes no pacing (the figures come in the
//! [`View`]) and reads no clock.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::View;
use super::big::{BLOCK, BLOCK_STR, GLYPH_ROWS, big_text, big_width};
use super::header::words;
use crate::rehearsal::Phase;
use crate::timefmt::{delta, rounds_to_zero};
use crate::tui::text::{fit, width};
use crate::tui::theme::pace_symbol;

/// The widest countdown and standing of an ordinary talk: the scale is chosen for these, so
/// the figures keep their size as the seconds change (and only a delta of ten minutes or more
/// can make them step down).
const COUNTDOWN_TEMPLATE: &str = "-0:00";
const STANDING_TEMPLATE: &str = "+0:00▲";
/// Columns between the countdown and the standing, times the standing's scale: wider than the
/// gaps inside a figure, so the two never read as one.
const GAP: usize = 3;
/// The largest scale tried (glyphs of 40 rows).
const MAX_SCALE: usize = 8;
/// The pane's least rows and columns for any large figure (the countdown alone at scale 1).
const MIN_ROWS: u16 = 16;
const MIN_COLS: u16 = 40;

/// The large figures one frame shows, and their scales.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Large {
    countdown: String,
    countdown_scale: usize,
    /// The talk's standing: its text in glyphs and its scale; `None` where there is no room.
    standing: Option<(String, usize)>,
    /// Whether the standing is drawn: not before the clock starts (its room is kept, so the
    /// pane does not jump at the first key).
    live: bool,
}

impl Large {
    /// The largest figures that fit a pane of `cols` x `rows` ([`scales`]).
    pub fn fit(view: &View, countdown: &str, cols: u16, rows: u16) -> Option<Self> {
        let standing = glyph_text(view);
        let (countdown_scale, talk) = scales(countdown, &standing, cols, rows)?;
        Some(Self {
            countdown: countdown.to_owned(),
            countdown_scale,
            standing: talk.map(|talk| (standing, talk)),
            live: matches!(view.phase, Phase::Running | Phase::Paused),
        })
    }

    /// Rows the figures take: the taller glyphs and a caption row under them.
    pub fn rows(&self) -> u16 {
        let scale = self
            .standing
            .as_ref()
            .map_or(1, |s| s.1)
            .max(self.countdown_scale);
        u16::try_from(scale * GLYPH_ROWS + 1).unwrap_or(u16::MAX)
    }

    /// Draws the countdown at the left of `area`, the standing after it; both sit on the same
    /// baseline, their captions on the last row.
    pub fn render(&self, view: &View, area: Rect, buf: &mut Buffer) {
        let theme = view.theme;
        let bottom = area.height.saturating_sub(1);
        let glyphs = |text: &str, scale: usize, x: u16, style: Style, buf: &mut Buffer| {
            let (filled, style) = filled_cell(style);
            let rows = big_text(text, scale);
            let top = bottom.saturating_sub(u16::try_from(rows.len()).unwrap_or(u16::MAX));
            for (row, y) in rows.into_iter().zip(top..bottom) {
                let cells = (area.x.saturating_add(x)..area.right()).zip(row.chars());
                for (col, c) in cells.filter(|&(_, c)| c != ' ') {
                    if let Some(cell) = buf.cell_mut((col, area.y + y)) {
                        cell.set_symbol(if c == BLOCK { filled } else { " " })
                            .set_style(style);
                    }
                }
            }
        };
        glyphs(
            &self.countdown,
            self.countdown_scale,
            0,
            theme.pace(view.slide.pace),
            buf,
        );
        let caption_row = Rect::new(area.x, area.y + bottom, area.width, 1);
        Span::styled("this slide", theme.dim()).render(caption_row, buf);
        let Some((standing, scale)) = self.standing.as_ref().filter(|_| self.live) else {
            return;
        };
        let x = big_width(&self.countdown, self.countdown_scale)
            .max(big_width(COUNTDOWN_TEMPLATE, self.countdown_scale))
            + GAP * scale;
        let x = u16::try_from(x).unwrap_or(u16::MAX).min(area.width);
        let style = theme.pace(view.versus.pace);
        glyphs(standing, *scale, x, style.patch(theme.strong()), buf);
        // The reference's name under its delta, short where the long one does not fit.
        let cols = usize::from(area.width - x);
        let words = words(view.versus, false);
        let caption = [format!("the talk: {words}"), words]
            .into_iter()
            .find(|caption| width(caption) <= cols)
            .unwrap_or_else(|| fit(&super::header::words(view.versus, true), cols).into_owned());
        let at = Rect::new(area.x + x, area.y + bottom, area.width - x, 1);
        Span::styled(caption, style).render(at, buf);
    }
}

/// The scales of the countdown and of the standing (`None`: no room for it) in a pane of
/// `cols` x `rows`: both side by side, the standing as large as fits in two fifths of the rows,
/// the countdown a step or two smaller from scale 2 on (so the two never read alike from across
/// the room, and the one to act on is the larger); else the countdown alone at scale 1; else
/// nothing large.
fn scales(countdown: &str, standing: &str, cols: u16, rows: u16) -> Option<(usize, Option<usize>)> {
    if rows < MIN_ROWS || cols < MIN_COLS {
        return None;
    }
    let cols = usize::from(cols);
    let room = usize::from(rows) * 2 / 5;
    let countdown_width = |k| big_width(countdown, k).max(big_width(COUNTDOWN_TEMPLATE, k));
    let standing_width = |k| big_width(standing, k).max(big_width(STANDING_TEMPLATE, k));
    for talk in (1..=MAX_SCALE)
        .filter(|talk| talk * GLYPH_ROWS < room)
        .rev()
    {
        let slides = if talk == 1 {
            [1, 0]
        } else {
            [talk - 1, talk - 2]
        };
        for slide in slides.into_iter().filter(|&slide| slide > 0) {
            if countdown_width(slide) + GAP * talk + standing_width(talk) <= cols {
                return Some((slide, Some(talk)));
            }
        }
    }
    (countdown_width(1) <= cols).then_some((1, None))
}

/// How a filled cell of the glyphs is drawn in `style`: with colour, a space on that colour,
/// which is solid in any font (a block character leaves seams between cells in many, and
/// anti-aliased edges that outlive it); without colour, the block character itself.
fn filled_cell(style: Style) -> (&'static str, Style) {
    match style.fg {
        Some(colour) if colour != Color::Reset => (" ", Style::new().bg(colour)),
        _ => (BLOCK_STR, style),
    }
}

/// The standing as the glyphs draw it: `+1:07▲`, `-0:12●`, `0:00●` on pace.
fn glyph_text(view: &View) -> String {
    let v = view.versus;
    let figure = if rounds_to_zero(v.offset) {
        "0:00".to_owned()
    } else {
        delta(v.offset)
    };
    format!("{figure}{}", pace_symbol(v.pace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_grow_with_the_pane() {
        // Slide panes inside their frames: 80x24, 120x40, 200x60, 300x100 screens and edges.
        for ((cols, rows), want) in [
            ((47, 19), Some((1, Some(1)))),
            ((45, 16), Some((1, Some(1)))),
            ((44, 19), Some((1, None))),
            ((40, 16), Some((1, None))),
            ((39, 30), None),
            ((100, 15), None),
            ((75, 35), Some((1, Some(2)))),
            ((155, 55), Some((2, Some(4)))),
            ((255, 95), Some((5, Some(6)))),
        ] {
            assert_eq!(scales("0:12", "+1:07▲", cols, rows), want, "{cols}x{rows}");
        }
    }

    #[test]
    fn long_figures_step_down_rather_than_overflow() {
        // An hour's overrun is wider than the figures the scale is chosen for.
        assert_eq!(scales("0:12", "+1:02:03▲", 155, 55), Some((2, Some(3))));
        let (slide, talk) = scales("-1:02:03", "+1:02:03▲", 60, 19).expect("the countdown");
        assert_eq!((slide, talk), (1, None));
        assert_eq!(scales("-1:02:03:04:05", "+0:00●", 40, 16), None);
    }
}
