//! The end-of-run summary: per section budget, actual, delta and flag; the total against the
//! budget, on time within `grace`; the marked slides; where the run was recorded.

use std::fmt::Write as _;
use std::time::Duration;

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Cell, Paragraph, Row, Table, Widget, Wrap};

use super::{SummaryView, Versus, View, padded_pane, standing};
use crate::pace::{Finish, finish};
use crate::rehearsal::{Basis, Pace, Rehearsal, Skip};
use crate::symbols;
use crate::timefmt::{clock, delta};
use crate::tui::app::Record;
use crate::tui::text::fit;
use crate::tui::theme::{MARK, Theme, pace_symbol};

pub fn render(view: &View, summary: &SummaryView, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let block = padded_pane(theme, " Summary ", Borders::TOP);
    let inner = block.inner(area);
    block.render(area, buf);
    let footer_rows =
        (u16::from(!summary.marks.is_empty()) + 1).min(inner.height.saturating_sub(3));
    let [verdict_area, _, table_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer_rows),
    ])
    .areas(inner);

    let s = &summary.summary;
    let (verdict, pace) = verdict(s.delta, summary.grace);
    let mut line = vec![
        Span::styled(
            format!(
                "Finished in {} against {} · ",
                clock(s.actual),
                clock(s.budget)
            ),
            theme.strong(),
        ),
        Span::styled(
            format!("{} {verdict}", finish_symbol(s.delta, summary.grace)),
            theme.pace(pace).patch(theme.strong()),
        ),
    ];
    if let Some(skipped) = skipped_slides(s.skipped) {
        line.push(Span::styled(
            format!(" · {} {skipped}", symbols::SKIPPED),
            theme.strong(),
        ));
    }
    Line::from(line).render(verdict_area, buf);

    let marks_rows = u16::from(!summary.marks.is_empty());
    let [marks_area, notes] =
        Layout::vertical([Constraint::Length(marks_rows), Constraint::Fill(1)]).areas(footer_area);
    if !summary.marks.is_empty() {
        let marks: Vec<String> = summary
            .marks
            .iter()
            .map(|(n, title)| format!("{n} {title}"))
            .collect();
        let text = format!("{MARK} marked to revisit: {}", marks.join(" · "));
        Span::styled(
            fit(&text, usize::from(marks_area.width)).into_owned(),
            theme.mark(),
        )
        .render(marks_area, buf);
    }
    Paragraph::new(Span::styled(recorded(view.record), theme.dim()))
        .wrap(Wrap { trim: true })
        .render(notes, buf);

    table(theme, summary, table_area, buf);
}

fn table(theme: Theme, summary: &SummaryView, area: Rect, buf: &mut Buffer) {
    let s = &summary.summary;
    let figure = |d: Duration| Cell::from(Line::from(clock(d)).right_aligned());
    let mut rows: Vec<Row> = s
        .sections
        .iter()
        .map(|section| {
            let pace = section.pace;
            let flag = match (section.skip, pace) {
                (Skip::All, _) => {
                    Span::styled(format!("{} skipped", symbols::SKIPPED), theme.dim())
                }
                // Over is over, whatever was skipped.
                (_, Pace::Over) => Span::styled("▲ over", theme.pace(pace)),
                (Skip::Partly { skipped, of }, _) => Span::styled(
                    format!("{} {skipped}/{of} skipped", symbols::PARTLY_SKIPPED),
                    theme.dim(),
                ),
                // The report's words for the same verdict.
                (Skip::None, Pace::Fine) => {
                    Span::styled(format!("{} on time", symbols::FINE), theme.pace(pace))
                }
                (Skip::None, Pace::Amber) => Span::styled("◆ a bit over", theme.pace(pace)),
            };
            Row::new(vec![
                Cell::from(section.title.clone()),
                figure(section.budget),
                figure(section.actual),
                Cell::from(Line::from(delta(section.delta)).right_aligned()),
                Cell::from(flag),
            ])
        })
        .collect();
    let (verdict, pace) = verdict(s.delta, summary.grace);
    rows.push(
        Row::new(vec![
            Cell::from("Total"),
            figure(s.budget),
            figure(s.actual),
            Cell::from(Line::from(delta(s.delta)).right_aligned()),
            Cell::from(Span::styled(
                format!("{} {verdict}", finish_symbol(s.delta, summary.grace)),
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

/// `on time` within grace (the pacing rules' [`finish`]); otherwise how far over or early.
fn verdict(delta: SignedDuration, grace: Duration) -> (String, Pace) {
    match finish(delta, grace) {
        Finish::OnTime(_) => ("on time".into(), Pace::Fine),
        Finish::Over(by) => (format!("{} over", clock(by)), Pace::Over),
        Finish::Early(by) => (format!("{} early", clock(by)), Pace::Amber),
    }
}

/// The symbol of a finish: the pace's, but early has its own (as in `history` and reports).
fn finish_symbol(delta: SignedDuration, grace: Duration) -> &'static str {
    match finish(delta, grace) {
        Finish::Early(_) => symbols::EARLY,
        Finish::OnTime(_) => pace_symbol(Pace::Fine),
        Finish::Over(_) => pace_symbol(Pace::Over),
    }
}

/// `15 slides skipped`, when any were.
fn skipped_slides(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 slide skipped".to_owned()),
        n => Some(format!("{n} slides skipped")),
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

/// What the shell says once the screen is gone: `Finished in 19:42 against 20:00 (-0:18).
/// Over: Method +0:35. Recorded in …`, or `Cut short on slide 12/80 after 4:10 (+0:20 behind
/// the plan). …`; `at` is the run clock at the end.
pub fn said(run: &Rehearsal, record: &Record, at: Duration) -> String {
    let summary = run.summary(at);
    let mut text = if summary.complete {
        let over: Vec<String> = summary
            .sections
            .iter()
            .filter(|s| s.pace != Pace::Fine)
            .map(|s| format!("{} {}", s.title, delta(s.delta)))
            .collect();
        let mut text = format!(
            "Finished in {} against {} ({}{}).",
            clock(summary.actual),
            clock(summary.budget),
            delta(summary.delta),
            if summary.on_time { ", on time" } else { "" }
        );
        if let Some(skipped) = skipped_slides(summary.skipped) {
            let _ = write!(text, " {skipped}.");
        }
        if !over.is_empty() {
            let _ = write!(text, " Over: {}.", over.join(", "));
        }
        text
    } else {
        let standing = standing(Versus {
            basis: Basis::Plan,
            offset: run.offset(at),
            pace: run.talk_pace(at),
        });
        let mut text = format!(
            "Cut short on slide {}/{} after {} ({standing}).",
            run.current() + 1,
            run.plan().slides.len(),
            clock(summary.actual),
        );
        if let Some(skipped) = skipped_slides(summary.skipped) {
            let _ = write!(text, " {skipped}.");
        }
        text
    };
    text.push(' ');
    text.push_str(&recorded(record));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};

    #[test]
    fn what_is_said_after_a_finished_and_a_cut_short_run() {
        let plan = crate::testing::one_section(&["a", "b"]);
        let secs = Duration::from_secs;
        let mut run = Rehearsal::new(plan.clone());
        run.apply(&Event::Start, Duration::ZERO);
        run.apply(&Event::Goto(1), secs(10));
        run.apply(&Event::End(EndReason::Finished), secs(25));
        let off = Record::Off("--no-record".into());
        assert_eq!(
            said(&run, &off, secs(25)),
            "Finished in 0:25 against 0:20 (+0:05, on time). Over: S +0:05. Not recorded: --no-record."
        );
        let mut run = Rehearsal::new(plan);
        run.apply(&Event::Start, Duration::ZERO);
        run.apply(&Event::Goto(1), secs(30));
        run.apply(&Event::End(EndReason::Quit), secs(31));
        let text = said(&run, &off, secs(31));
        assert_eq!(
            text,
            "Cut short on slide 2/2 after 0:31 (+0:20 behind the plan). Not recorded: --no-record."
        );
    }

    #[test]
    fn what_is_said_counts_the_slides_skipped() {
        let plan = crate::testing::one_section(&["a", "b", "c", "d"]);
        let secs = Duration::from_secs;
        let off = Record::Off("--no-record".into());
        let mut run = Rehearsal::new(plan);
        run.apply(&Event::Start, Duration::ZERO);
        run.apply(&Event::Goto(3), secs(10));
        run.apply(&Event::End(EndReason::Finished), secs(20));
        assert_eq!(
            said(&run, &off, secs(20)),
            "Finished in 0:20 against 0:40 (-0:20). 2 slides skipped. Not recorded: --no-record."
        );
    }

    #[test]
    fn verdicts() {
        let grace = Duration::from_secs(30);
        let s = SignedDuration::from_secs;
        assert_eq!(verdict(s(30), grace), ("on time".into(), Pace::Fine));
        assert_eq!(verdict(s(-30), grace), ("on time".into(), Pace::Fine));
        assert_eq!(verdict(s(72), grace), ("1:12 over".into(), Pace::Over));
        assert_eq!(verdict(s(-45), grace), ("0:45 early".into(), Pace::Amber));
    }
}
