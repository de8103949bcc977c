//! The header: the talk's title and the recording state, then the talk clock, how the run
//! stands against the chosen comparison, and when it would end.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::fmt::Write as _;

use super::{Versus, View};
use crate::rehearsal::{Basis, Pace, Phase};
use crate::symbols;
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

/// The talk clock, the standing against the reference and the projected end: the longest form
/// that fits, then shorter ones (tighter gaps, the clock without spaces, the end without its time
/// of day, the reference's short name), and only then whole segments left out, the end first.
/// The reference's name never leaves its delta.
fn figures_row(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let cols = usize::from(area.width);
    let state = |short: bool| {
        let clock_text = if short {
            format!("{}/{}", clock(view.elapsed), clock(view.budget))
        } else {
            format!("{} / {}", clock(view.elapsed), clock(view.budget))
        };
        match view.phase {
            Phase::Ready => Span::styled(format!(" ◌ ready  {clock_text}"), theme.strong()),
            Phase::Running => Span::styled(format!(" ▸ {clock_text}"), theme.strong()),
            // Short, the slide pane's banner says how long the pause has lasted.
            Phase::Paused if short => {
                Span::styled(format!(" ‖ {clock_text}"), theme.banner(Pace::Fine))
            }
            Phase::Paused => Span::styled(
                format!(
                    " ‖ paused {}  {clock_text}",
                    clock(view.paused_for.unwrap_or_default())
                ),
                theme.banner(Pace::Fine),
            ),
            Phase::Finished => Span::styled(format!(" ■ finished  {clock_text}"), theme.strong()),
        }
    };
    if !matches!(view.phase, Phase::Running | Phase::Paused) {
        segments_line(vec![vec![state(false)]], cols).render(area, buf);
        return;
    }
    let style = theme.pace(view.versus.pace);
    // Skipping ahead counts the skipped budgets as saved: the standing says what it stands on.
    let versus = |short: bool| {
        let mut text = if short {
            versus_short(view.versus)
        } else {
            versus(view.versus)
        };
        if view.skipped > 0 {
            let _ = write!(text, " · {} {} skipped", symbols::SKIPPED, view.skipped);
        }
        Span::styled(text, style)
    };
    let ends = |short: bool| {
        let mut ends = format!("ends {}", clock(view.projected));
        if let (false, Some(at)) = (short, &view.finish_at) {
            let _ = write!(ends, " · {at}");
        }
        Span::styled(ends, style)
    };
    // (clock short, standing short, end short, gap)
    let forms = [
        (false, false, false, 3),
        (true, false, false, 2),
        (true, false, true, 2),
        (true, true, true, 2),
    ];
    for (clock_short, versus_short, ends_short, gap) in forms {
        let spans = [state(clock_short), versus(versus_short), ends(ends_short)];
        let used: usize = spans.iter().map(|s| width(&s.content)).sum::<usize>() + 2 * gap;
        if used <= cols {
            let gap = " ".repeat(gap);
            let [a, b, c] = spans;
            Line::from(vec![a, Span::raw(gap.clone()), b, Span::raw(gap), c]).render(area, buf);
            return;
        }
    }
    let segments = vec![vec![state(true)], vec![versus(true)], vec![ends(true)]];
    segments_line(segments, cols).render(area, buf);
}

/// `▲ +0:23 behind the plan`, `● -0:10 ahead of the last run`, `● on pace with the plan`.
pub fn versus(v: Versus) -> String {
    format!("{} {}", pace_symbol(v.pace), standing(v))
}

/// [`versus`] with the reference's short name: `▲ +0:23 behind median of 10`.
pub fn versus_short(v: Versus) -> String {
    format!("{} {}", pace_symbol(v.pace), with_delta(v, &words(v, true)))
}

/// [`versus`] in words alone: `+0:23 behind the plan`, `on pace with the plan`.
pub fn standing(v: Versus) -> String {
    with_delta(v, &words(v, false))
}

fn with_delta(v: Versus, words: &str) -> String {
    if rounds_to_zero(v.offset) {
        words.to_owned()
    } else {
        format!("{} {words}", delta(v.offset))
    }
}

/// Which way the run stands and against what, without the figure: `behind the plan`,
/// `ahead of the last run`, `on pace with the median of 4 runs`; `short`, the reference's
/// short name (`behind plan`, `ahead of median of 4`).
pub fn words(v: Versus, short: bool) -> String {
    let name = if short {
        basis_short(v.basis)
    } else {
        basis_name(v.basis)
    };
    if rounds_to_zero(v.offset) {
        format!("on pace with {name}")
    } else if v.offset.is_positive() {
        format!("behind {name}")
    } else {
        format!("ahead of {name}")
    }
}

/// A reference's name where room is short: `plan`, `last run`, `median of 4`.
fn basis_short(basis: Basis) -> String {
    match basis {
        Basis::Plan => "plan".into(),
        Basis::LastRun => "last run".into(),
        Basis::Median { runs } => format!("median of {runs}"),
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
