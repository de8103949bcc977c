//! The footer: progress through the whole talk, and the keys (from the key table).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::View;
use super::slide::{filled, ratio};
use crate::rehearsal::Phase;
use crate::tui::keys;
use crate::tui::text::width;
use crate::tui::theme::{BAR_EMPTY, BAR_FULL, BAR_NOW, Theme};

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let [bar, keys] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    progress(view, bar, buf);
    keys_line(view.theme, view.phase, usize::from(keys.width)).render(keys, buf);
}

/// `███████┃░░░░░░ slide 23/80 · time 39%`: the bar fills with slides; `┃` marks the talk
/// clock, so a marker past the fill means behind.
fn progress(view: &View, area: Rect, buf: &mut Buffer) {
    let time = ratio(view.elapsed, view.budget);
    let text = format!(
        " slide {}/{} · time {:.0}%",
        view.slide.number,
        view.slides,
        time * 100.0
    );
    let cols = usize::from(area.width).saturating_sub(width(&text) + 1);
    let done = if view.phase == Phase::Finished {
        cols
    } else {
        filled(
            view.slide.number.saturating_sub(1) as f64 / view.slides.max(1) as f64,
            cols,
        )
    };
    let now = filled(time, cols).min(cols.saturating_sub(1));
    let theme = view.theme;
    let mut spans = vec![Span::raw(" ")];
    for i in 0..cols {
        let (symbol, style) = if i == now && view.phase != Phase::Ready {
            (BAR_NOW, theme.pace(view.versus.pace).patch(theme.strong()))
        } else if i < done {
            (BAR_FULL, theme.frame())
        } else {
            (BAR_EMPTY, theme.dim())
        };
        spans.push(Span::styled(symbol, style));
    }
    spans.push(Span::styled(text, theme.dim()));
    Line::from(spans).render(area, buf);
}

/// The keys worth showing, as many as fit, help and quit always.
pub fn keys_line(theme: Theme, phase: Phase, cols: usize) -> Line<'static> {
    let all: Vec<(String, &str)> = if phase == Phase::Finished {
        vec![("q".into(), "quit"), ("?".into(), "help")]
    } else {
        keys::footer().collect()
    };
    let cost = |(key, word): &(String, &str)| width(key) + width(word) + 4;
    let must: usize = all
        .iter()
        .filter(|(_, w)| matches!(*w, "help" | "quit"))
        .map(cost)
        .sum();
    let mut budget = cols.saturating_sub(must + 1);
    let mut spans = vec![Span::raw(" ")];
    for item in &all {
        let essential = matches!(item.1, "help" | "quit");
        if !essential {
            if cost(item) > budget {
                continue;
            }
            budget -= cost(item);
        }
        spans.push(Span::styled(item.0.clone(), theme.key()));
        spans.push(Span::styled(format!(" {}   ", item.1), theme.dim()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn keys_fit_the_width_and_help_and_quit_always_show() {
        let theme = Theme::new(false);
        let wide = text(&keys_line(theme, Phase::Running, 100));
        assert_eq!(
            wide.trim(),
            "→ next   ← back   b pause   u undo   m mark   c compare   ? help   q quit"
        );
        let narrow = text(&keys_line(theme, Phase::Running, 40));
        assert!(width(narrow.trim_end()) <= 40, "{narrow}");
        assert!(
            narrow.contains("? help") && narrow.contains("q quit"),
            "{narrow}"
        );
        assert!(narrow.contains("→ next"), "{narrow}");
    }
}
