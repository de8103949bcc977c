//! Boxes drawn over the panes: the help (generated from the key table) and the quit confirm.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::View;
use crate::tui::app::{REPEAT_WINDOW, Record};
use crate::tui::keys::{BINDINGS, Binding, labels};
use crate::tui::text::{fit, width};
use crate::tui::theme::Theme;

/// Every key, as the key table lists it.
pub fn help(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let mut lines = key_lines(BINDINGS, theme);
    let history = match view.record {
        Record::Off(why) => format!("History: not recorded ({why})"),
        Record::Ready(path) | Record::On(path) | Record::Failed { path, .. } => {
            format!("History: {}", path.display())
        }
    };
    lines.push(Line::styled(
        format!(
            "The same key again within {} ms counts once (a held key).",
            REPEAT_WINDOW.as_millis()
        ),
        theme.dim(),
    ));
    lines.push(Line::styled(history, theme.dim()));
    let text_cols = lines.iter().map(Line::width).max().unwrap_or(0);
    boxed(view, " Keys · any key closes ", lines, text_cols, area, buf);
}

/// The help's rows for `table` (the rehearsal's or the drill's): every binding's keys in a
/// column as wide as the widest, then what they do.
pub fn key_lines<A>(table: &[Binding<A>], theme: Theme) -> Vec<Line<'static>> {
    let keys: Vec<String> = table.iter().map(labels).collect();
    let key_cols = keys.iter().map(|k| width(k)).max().unwrap_or(0);
    table
        .iter()
        .zip(&keys)
        .map(|(b, k)| {
            Line::from(vec![
                Span::styled(format!("{k:<key_cols$}"), theme.key()),
                Span::raw("  "),
                Span::raw(b.help),
            ])
        })
        .collect()
}

/// Asks before quitting a run in progress.
pub fn confirm(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let kept = match view.record {
        Record::Off(why) => format!("Nothing is recorded ({why}): the run so far is not kept."),
        Record::Failed { .. } => "Recording failed: only what was written before is kept.".into(),
        Record::Ready(_) | Record::On(_) => {
            "The run so far is kept in the history, as cut short.".into()
        }
    };
    let lines = vec![
        Line::styled("Quit this rehearsal?", theme.strong()),
        Line::raw(kept),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" or "),
            Span::styled("q", theme.key()),
            Span::raw(" quits · any other key goes on"),
        ]),
    ];
    let text_cols = lines.iter().map(Line::width).max().unwrap_or(0);
    boxed(view, " Quit? ", lines, text_cols, area, buf);
}

/// A bordered box centred in `area`, as large as its text or the screen allows.
fn boxed(
    view: &View,
    title: &str,
    lines: Vec<Line>,
    text_cols: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let want_cols = u16::try_from(text_cols + 4).unwrap_or(u16::MAX);
    let want_rows = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let cols = want_cols.min(area.width);
    let rows = want_rows.min(area.height);
    let outer = Rect {
        x: area.x + (area.width - cols) / 2,
        y: area.y + (area.height - rows) / 2,
        width: cols,
        height: rows,
    };
    Clear.render(outer, buf);
    // Too short for a frame: the whole screen, text from the top, so every line shows.
    let inner = if rows < want_rows {
        outer.inner(Margin::new(1, 0))
    } else {
        let block = Block::bordered()
            .title(title)
            .border_style(view.theme.frame());
        let inner = block.inner(outer).inner(Margin::new(1, 0));
        block.render(outer, buf);
        inner
    };
    let room = usize::from(inner.width);
    for (line, row) in lines.into_iter().zip(inner.rows()) {
        fit_line(line, room).render(row, buf);
    }
}

/// A line cut to `cols` columns with `…`, styles kept.
fn fit_line(line: Line<'_>, cols: usize) -> Line<'_> {
    if line.width() <= cols {
        return line;
    }
    let mut left = cols;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let content = fit(&span.content, left).into_owned();
        left = left.saturating_sub(width(&content));
        let cut = content.ends_with('…') && !span.content.ends_with('…');
        spans.push(Span::styled(content, span.style));
        if cut {
            break;
        }
    }
    Line::from(spans)
}
