//! The sections list: each section's time against its budget and its state, as a symbol and a
//! word, scrolled so the current section is always in sight.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Widget};
use std::fmt::Write as _;

use super::{SectionRow, View, pane};
use crate::rehearsal::Pace;
use crate::timefmt::clock;
use crate::tui::text::{pad, width};
use crate::tui::theme::{POINTER, Theme};

/// Columns from which a row shows the budget beside the time spent, and the state word too
/// (the symbol is always there). The budget comes first: a speaker on a small screen still
/// sees what each section may take.
const WITH_BUDGET: usize = 20;
const WITH_WORD: usize = 30;

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let title = match view.scope {
        Some(_) => " Section ",
        None => " Sections ",
    };
    let block = pane(view.theme, title, Borders::TOP | Borders::RIGHT);
    let mut inner = block.inner(area);
    block.render(area, buf);
    // A column of air before the rule.
    inner.width = inner.width.saturating_sub(1);
    let rows = usize::from(inner.height);
    let first = first_shown(view.sections.len(), view.current_section, rows);
    let shown = view.sections.iter().enumerate().skip(first).take(rows);
    for ((i, section), area) in shown.zip(inner.rows()) {
        let line = row(
            view.theme,
            section,
            i == view.current_section,
            usize::from(area.width),
        );
        line.render(area, buf);
    }
}

/// The first section shown so that `current` sits mid-list when the list scrolls.
fn first_shown(len: usize, current: usize, rows: usize) -> usize {
    if len <= rows {
        return 0;
    }
    current.saturating_sub(rows / 2).min(len - rows)
}

/// `▸● Method      2:09/5:00 now`; narrower, the word goes first, then the budget.
pub fn row(theme: Theme, section: &SectionRow, current: bool, cols: usize) -> Line<'static> {
    let mut figures = format!(" {}", clock(section.spent));
    if cols >= WITH_BUDGET {
        let _ = write!(figures, "/{}", clock(section.budget));
    }
    let word = if cols >= WITH_WORD {
        format!(" {:<5}", section.state.word())
    } else {
        String::new()
    };
    let lead = format!(
        "{}{} ",
        if current { POINTER } else { " " },
        section.state.symbol()
    );
    let title_cols = cols.saturating_sub(width(&lead) + width(&figures) + width(&word));
    let style = if section.flash {
        theme.banner(Pace::Over)
    } else {
        theme.section(section.state)
    };
    let title_style = if current || section.flash {
        style
    } else {
        Style::new()
    };
    Line::from(vec![
        Span::styled(lead, style),
        Span::styled(pad(section.title, title_cols), title_style),
        Span::styled(figures, style),
        Span::styled(word, style),
    ])
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::tui::testing::rows;
    use crate::tui::theme::SectionState;

    fn section(title: &str, spent: u64, budget: u64, state: SectionState) -> SectionRow<'_> {
        SectionRow {
            title,
            spent: Duration::from_secs(spent),
            budget: Duration::from_secs(budget),
            state,
            flash: false,
        }
    }

    fn draw(line: &Line, cols: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, cols, 1));
        line.render(buf.area, &mut buf);
        buf
    }

    #[test]
    fn rows_narrow_to_what_fits() {
        let theme = Theme::new(false);
        let s = section("The problem", 185, 150, SectionState::DoneOver);
        for (cols, want) in [
            (36, " ▲ The problem       3:05/2:30 over "),
            (30, " ▲ The problem 3:05/2:30 over "),
            (24, " ▲ The problem 3:05/2:30"),
            (22, " ▲ The prob… 3:05/2:30"),
            (16, " ▲ The pro… 3:05"),
        ] {
            let line = row(theme, &s, false, cols);
            assert_eq!(rows(&draw(&line, cols as u16)), [want], "{cols}");
        }
    }

    #[test]
    fn the_current_row_is_pointed_at_and_wide_titles_line_up() {
        let theme = Theme::new(false);
        let s = section("발표 소개", 20, 90, SectionState::Current(Pace::Fine));
        let line = row(theme, &s, true, 30);
        assert_eq!(rows(&draw(&line, 30)), ["▸● 발표 소개   0:20/1:30 now  "]);
    }

    #[test]
    fn colour_follows_the_state() {
        let theme = Theme::new(true);
        let over = row(
            theme,
            &section("A", 9, 5, SectionState::DoneOver),
            false,
            30,
        );
        assert_eq!(over.spans[0].style.fg, Some(crate::tui::theme::RED));
        let done = row(theme, &section("A", 4, 5, SectionState::Done), false, 30);
        assert_eq!(done.spans[2].style.fg, Some(crate::tui::theme::GREEN));
        assert_eq!(done.spans[1].style, Style::new(), "titles stay plain");
    }

    #[test]
    fn the_list_scrolls_to_keep_the_current_section_in_sight() {
        assert_eq!(first_shown(5, 4, 10), 0);
        assert_eq!(first_shown(20, 0, 6), 0);
        assert_eq!(first_shown(20, 10, 6), 7);
        assert_eq!(first_shown(20, 19, 6), 14);
        assert_eq!(first_shown(20, 19, 0), 19);
    }
}
