//! The header: the talk's title and the recording state, then the talk clock, how the run
//! stands against the chosen comparison, and when it would end.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::fmt::Write as _;

use super::{Versus, View};
use crate::rehearsal::{Pace, Phase};
use crate::timefmt::{clock, delta, rounds_to_zero};
use crate::tui::app::{Record, basis_name};
use crate::tui::text::{fit, width};
use crate::tui::theme::{Theme, pace_symbol};

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let [title, figures] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    title_row(view, title, buf);
    figures_row(view, figures, buf);
}

fn title_row(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let status = match view.notice {
        Some(notice) => {
            let (pace, symbol) = match notice.section {
                Some(_) => (Pace::Over, "▲ "),
                None => (Pace::Fine, ""),
            };
            Span::styled(format!(" {symbol}{} ", notice.text), theme.banner(pace))
        }
        None => record_status(theme, view.record),
    };
    let cols = usize::from(area.width);
    let status = fit_span(&status, cols.saturating_sub(12));
    let room = cols.saturating_sub(width(&status.content) + 1);
    let title = fit(&format!(" pacer · {}", view.title), room).into_owned();
    let gap = room.saturating_sub(width(&title));
    Line::from(vec![
        Span::styled(title, theme.strong()),
        Span::raw(" ".repeat(gap + 1)),
        status,
    ])
    .render(area, buf);
}

/// Where the run is being recorded, in a few words.
fn record_status(theme: Theme, record: &Record) -> Span<'static> {
    match record {
        Record::Off(why) => Span::styled(format!("○ not recorded: {why} "), theme.dim()),
        Record::Ready(_) => Span::styled("○ records from the first key ", theme.dim()),
        Record::On(_) => Span::styled("● rec ", theme.dim()),
        Record::Failed { error, .. } => {
            Span::styled(format!(" ✗ NOT RECORDING: {error} "), theme.error())
        }
    }
}

fn fit_span(span: &Span<'static>, max: usize) -> Span<'static> {
    let content = fit(&span.content, max).into_owned();
    Span::styled(content, span.style)
}

fn figures_row(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let clock_text = format!("{} / {}", clock(view.elapsed), clock(view.budget));
    let state = match view.phase {
        Phase::Ready => Span::styled(format!(" ◌ ready  {clock_text}"), theme.strong()),
        Phase::Running => Span::styled(format!(" ▸ {clock_text}"), theme.strong()),
        Phase::Paused => Span::styled(
            format!(
                " ‖ paused {}  {clock_text}",
                clock(view.paused_for.unwrap_or_default())
            ),
            theme.banner(Pace::Fine),
        ),
        Phase::Finished => Span::styled(format!(" ■ finished  {clock_text}"), theme.strong()),
    };
    let mut segments = vec![vec![state]];
    if matches!(view.phase, Phase::Running | Phase::Paused) {
        segments.push(vec![Span::styled(
            versus(view.versus),
            theme.pace(view.versus.pace),
        )]);
        let mut ends = format!("ends {}", clock(view.projected));
        if let Some(at) = &view.finish_at {
            let _ = write!(ends, " · {at}");
        }
        segments.push(vec![Span::styled(ends, theme.pace(view.versus.pace))]);
    }
    segments_line(segments, usize::from(area.width)).render(area, buf);
}

/// `▲ +0:23 behind the plan`, `● -0:10 ahead of the last run`, `● on pace with the plan`.
pub fn versus(v: Versus) -> String {
    format!("{} {}", pace_symbol(v.pace), standing(v))
}

/// [`versus`] in words alone: `+0:23 behind the plan`, `on pace with the plan`.
pub fn standing(v: Versus) -> String {
    let name = basis_name(v.basis);
    if rounds_to_zero(v.offset) {
        format!("on pace with {name}")
    } else if v.offset.is_positive() {
        format!("{} behind {name}", delta(v.offset))
    } else {
        format!("{} ahead of {name}", delta(v.offset))
    }
}

/// As many whole segments as fit in `cols`, three spaces apart, in order of importance.
pub fn segments_line(segments: Vec<Vec<Span<'static>>>, cols: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for segment in segments {
        let w: usize = segment.iter().map(|s| width(&s.content)).sum();
        let gap = if spans.is_empty() { 0 } else { 3 };
        if used + gap + w > cols {
            // The first segment always shows, cut if need be.
            if spans.is_empty() {
                spans.extend(segment.iter().map(|s| fit_span(s, cols)));
            }
            break;
        }
        if gap > 0 {
            spans.push(Span::raw("   "));
        }
        used += gap + w;
        spans.extend(segment);
    }
    Line::from(spans)
}
