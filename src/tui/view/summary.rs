//! The end-of-run summary: per section budget, actual, delta and flag; the total against the
//! budget, on time within `grace`; the marked slides; where the run was recorded.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Cell, Paragraph, Row, Table, Widget, Wrap};

use super::{SummaryView, View, pane, take_bottom, take_left, take_top};
use crate::rehearsal::Pace;
use crate::timefmt::{clock, delta_ms};
use crate::tui::app::Record;
use crate::tui::text::fit;
use crate::tui::theme::{MARK, Theme, pace_symbol};

pub fn render(view: &View, summary: &SummaryView, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let block = pane(theme, " Summary ", Borders::TOP);
    let mut inner = block.inner(area);
    block.render(area, buf);
    take_left(&mut inner, 1);

    let s = &summary.summary;
    let (verdict, pace) = verdict(s.delta_ms, summary.grace);
    Line::from(vec![
        Span::styled(
            format!(
                "Finished in {} against {} · ",
                clock(s.actual),
                clock(s.budget)
            ),
            theme.strong(),
        ),
        Span::styled(
            format!("{} {verdict}", pace_symbol(pace)),
            theme.pace(pace).patch(theme.strong()),
        ),
    ])
    .render(take_top(&mut inner, 1), buf);
    take_top(&mut inner, 1);

    let footer_rows =
        (u16::from(!summary.marks.is_empty()) + 1).min(inner.height.saturating_sub(3));
    let mut notes = take_bottom(&mut inner, footer_rows);
    if !summary.marks.is_empty() {
        let marks: Vec<String> = summary
            .marks
            .iter()
            .map(|(n, title)| format!("{n} {title}"))
            .collect();
        let text = format!("{MARK} marked to revisit: {}", marks.join(" · "));
        Span::styled(
            fit(&text, usize::from(notes.width)).into_owned(),
            theme.mark(),
        )
        .render(take_top(&mut notes, 1), buf);
    }
    Paragraph::new(Span::styled(recorded(view.record), theme.dim()))
        .wrap(Wrap { trim: true })
        .render(notes, buf);

    table(theme, summary, inner, buf);
}

fn table(theme: Theme, summary: &SummaryView, area: Rect, buf: &mut Buffer) {
    let s = &summary.summary;
    let figure = |d: Duration| Cell::from(Line::from(clock(d)).right_aligned());
    let mut rows: Vec<Row> = s
        .sections
        .iter()
        .map(|section| {
            let pace = if section.flagged {
                Pace::Over
            } else {
                Pace::Fine
            };
            let flag = if section.flagged { "▲ over" } else { "✓" };
            Row::new(vec![
                Cell::from(section.title.clone()),
                figure(section.budget),
                figure(section.actual),
                Cell::from(Line::from(delta_ms(section.delta_ms)).right_aligned()),
                Cell::from(Span::styled(flag, theme.pace(pace))),
            ])
        })
        .collect();
    let (verdict, pace) = verdict(s.delta_ms, summary.grace);
    rows.push(
        Row::new(vec![
            Cell::from("Total"),
            figure(s.budget),
            figure(s.actual),
            Cell::from(Line::from(delta_ms(s.delta_ms)).right_aligned()),
            Cell::from(Span::styled(
                format!("{} {verdict}", pace_symbol(pace)),
                theme.pace(pace),
            )),
        ])
        .style(theme.strong()),
    );
    let right = |text: &'static str| Cell::from(Line::from(text).right_aligned());
    let header = Row::new(vec![
        Cell::from("Section"),
        right("Budget"),
        right("Actual"),
        right("Delta"),
        Cell::from(""),
    ])
    .style(theme.dim());
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(15),
    ];
    Widget::render(Table::new(rows, widths).header(header), area, buf);
}

/// `on time` within grace; otherwise how far over or early.
fn verdict(delta_ms: i64, grace: Duration) -> (String, Pace) {
    let grace_ms = i64::try_from(grace.as_millis()).unwrap_or(i64::MAX);
    if delta_ms.abs() <= grace_ms {
        ("on time".into(), Pace::Fine)
    } else if delta_ms > 0 {
        (
            format!(
                "{} over",
                clock(Duration::from_millis(delta_ms.unsigned_abs()))
            ),
            Pace::Over,
        )
    } else {
        (
            format!(
                "{} early",
                clock(Duration::from_millis(delta_ms.unsigned_abs()))
            ),
            Pace::Amber,
        )
    }
}

/// Where the run went, for the summary and the line printed after the screen closes.
pub fn recorded(record: &Record) -> String {
    match record {
        Record::Off(why) => format!("Not recorded: {why}."),
        Record::Ready(_) => "Nothing recorded: the clock never started.".to_owned(),
        Record::On(path) => format!("Recorded in {}.", path.display()),
        Record::Failed { path, error } => {
            format!("NOT recorded: {}: {error}.", path.display())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let grace = Duration::from_secs(30);
        assert_eq!(verdict(30_000, grace), ("on time".into(), Pace::Fine));
        assert_eq!(verdict(-30_000, grace), ("on time".into(), Pace::Fine));
        assert_eq!(verdict(72_000, grace), ("1:12 over".into(), Pace::Over));
        assert_eq!(verdict(-45_000, grace), ("0:45 early".into(), Pace::Amber));
    }
}
