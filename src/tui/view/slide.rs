//! The slide pane: the slide's title, its own countdown (large when there is room, with the
//! talk's standing beside it; negative past zero), a bar of its budget, its notes, what to cut
//! when behind, and the next slide.

use std::fmt::Write as _;
use std::time::Duration;

use jiff::SignedDuration;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Borders, Paragraph, Widget, Wrap};

use super::large::Large;
use super::{Advice, View, padded_pane};
use crate::rehearsal::{Basis, Pace, Phase};
use crate::timefmt::{clock, delta, whole_secs};
use crate::tui::app::basis_name;
use crate::tui::text::{fit, width};
use crate::tui::theme::{BAR_EMPTY, BAR_FULL, MARK, Theme, pace_symbol, slide_word};

/// Notes wider than this are hard to read from a stage.
const NOTES_MAX_COLS: u16 = 100;

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let slide = &view.slide;
    let alone = if view.scope.is_some() { " alone" } else { "" };
    let title = format!(
        " Slide {}/{} · {}{alone} ",
        slide.number, view.slides, slide.section
    );
    let block = padded_pane(view.theme, title, Borders::TOP);
    let inner = block.inner(area);
    block.render(area, buf);
    let tall = inner.height;
    let theme = view.theme;

    // The top, row by row; the gaps between come with the room to spare. The pane is never
    // shorter than these rows (the screen's minimum height sees to that).
    let (tags, tag_cols) = tags(view, inner.width);
    let cols = inner.width - tag_cols;
    let two_rows = tall >= 12 && width(slide.title) > usize::from(cols);
    let banner = phase_banner(view, inner.width);
    let countdown = countdown(slide.spent, slide.budget);
    let large = Large::fit(view, &countdown, inner.width, tall);
    let rows = |n: usize| Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX));
    let [title_area, _, banner_area, big_area, _, bar_area, _, inner] = Layout::vertical([
        rows(1 + usize::from(two_rows)),
        rows(usize::from(tall >= 9)),
        rows(usize::from(banner.is_some())),
        rows(large.as_ref().map_or(0, |l| usize::from(l.rows()))),
        rows(usize::from(large.is_some())),
        rows(1),
        rows(usize::from(tall >= 11)),
        Constraint::Fill(1),
    ])
    .areas(inner);
    title_rows(view, tags, tag_cols, title_area, buf);
    if let Some(banner) = banner {
        banner.render(banner_area, buf);
    }
    if let Some(large) = large {
        large.render(view, big_area, buf);
        bar_row(view, None, bar_area, buf);
    } else {
        bar_row(view, Some(&countdown), bar_area, buf);
    }

    // The bottom: the next slides, above them the advice; the notes get the room between.
    let advice = view.advice.as_ref().filter(|_| tall >= 10).map(advice_text);
    let advice_rows = match &advice {
        Some(_) if inner.height >= 6 => 2,
        Some(_) => 1,
        None => 0,
    };
    let next_min = u16::from(tall >= 7 && !view.upcoming.is_empty());
    let notes_rows = notes_rows(slide.notes, inner.width)
        .min(inner.height.saturating_sub(advice_rows + next_min));
    let next_rows = inner
        .height
        .saturating_sub(advice_rows + notes_rows + 1)
        .max(next_min)
        .min(u16::try_from(view.upcoming.len()).unwrap_or(u16::MAX));
    let [notes_area, _, advice_area, next_area] = Layout::vertical([
        Constraint::Length(notes_rows),
        Constraint::Fill(1),
        Constraint::Length(advice_rows),
        Constraint::Length(next_rows),
    ])
    .areas(inner);
    upcoming(view, next_area, buf);
    if let Some(text) = advice {
        Paragraph::new(Line::styled(text, theme.pace(Pace::Amber)))
            .wrap(Wrap { trim: true })
            .render(advice_area, buf);
    }
    notes(theme, slide.notes, notes_area, buf);
}

/// `Next ▸ 24 Rank and alpha · 0:15`, then the slides after it, one per row. A title comes
/// before the section it opens: where the row is short, that label goes first, and only then
/// is the title cut (`optional` stays: it says what can be skipped).
fn upcoming(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme;
    let digits = view
        .upcoming
        .last()
        .map_or(1, |n| n.number.to_string().len());
    for ((i, next), row) in view.upcoming.iter().enumerate().zip(area.rows()) {
        let (lead, style) = if i == 0 {
            ("Next ▸ ", Style::new())
        } else {
            ("       ", theme.dim())
        };
        let mut tail = vec![Span::styled(
            format!(" · {}", clock(next.budget)),
            theme.dim(),
        )];
        if next.optional {
            tail.push(Span::styled(" · optional", theme.dim()));
        }
        if let Some(section) = next.opens {
            tail.push(Span::styled(format!(" · {section} ▸"), theme.frame()));
        }
        let number = format!("{:>digits$} ", next.number);
        let cols = usize::from(row.width);
        let lead_cols = width(lead) + width(&number);
        if next.opens.is_some()
            && lead_cols + width(next.title) + Line::from(tail.clone()).width() > cols
        {
            tail.pop();
        }
        let used = lead_cols + Line::from(tail.clone()).width();
        let title = fit(next.title, cols.saturating_sub(used));
        let mut spans = vec![
            Span::styled(lead, theme.dim()),
            Span::styled(format!("{number}{title}"), style),
        ];
        spans.extend(tail);
        Line::from(spans).render(row, buf);
    }
}

/// Rows the notes take (their label included), none without notes.
fn notes_rows(notes: &str, cols: u16) -> u16 {
    let notes = notes.trim();
    if notes.is_empty() {
        return 0;
    }
    // Counted by the paragraph that draws them, so the count and the drawing cannot disagree.
    let rows = notes_paragraph(notes).line_count(cols.min(NOTES_MAX_COLS));
    u16::try_from(rows + 1).unwrap_or(u16::MAX)
}

/// The slide's tags (`optional`, `marked`) and the columns they take of `cols`.
fn tags(view: &View<'_>, cols: u16) -> (Line<'static>, u16) {
    let theme = view.theme;
    let mut tags = Vec::new();
    if view.slide.optional {
        tags.push(Span::styled(" optional", theme.dim()));
    }
    if view.slide.marked {
        tags.push(Span::styled(format!(" {MARK} marked"), theme.mark()));
    }
    let tags = Line::from(tags);
    let tag_cols = u16::try_from(tags.width()).unwrap_or(u16::MAX).min(cols);
    (tags, tag_cols)
}

/// The title in `rows` (two when it is long and there was room), the tags at the right.
fn title_rows(view: &View, tags: Line<'_>, tag_cols: u16, rows: Rect, buf: &mut Buffer) {
    let slide = &view.slide;
    let theme = view.theme;
    let cols = rows.width - tag_cols;
    let two_rows = rows.height >= 2;
    let [rows, tag_column] =
        Layout::horizontal([Constraint::Length(cols), Constraint::Length(tag_cols)]).areas(rows);
    // The tags sit on the title's last row.
    let [_, tag_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(tag_column);
    if two_rows {
        Paragraph::new(Span::styled(slide.title, theme.strong()))
            .wrap(Wrap { trim: true })
            .render(rows, buf);
    } else {
        Span::styled(
            fit(slide.title, usize::from(cols)).into_owned(),
            theme.strong(),
        )
        .render(rows, buf);
    }
    tags.render(tag_area, buf);
}

/// Ready or paused: say so, loudly, with the keys that go on (the long way when it fits).
fn phase_banner(view: &View, cols: u16) -> Option<Line<'static>> {
    let texts = match view.phase {
        Phase::Ready => [
            " ◌ READY · → Space Enter s F5: start the clock on this slide ".to_owned(),
            " ◌ READY · → starts the clock ".to_owned(),
        ],
        Phase::Paused => {
            let paused = clock(view.paused_for.unwrap_or_default());
            [
                format!(" ‖ PAUSED {paused} · b . F5 Esc: resume "),
                format!(" ‖ PAUSED {paused} · b resumes "),
            ]
        }
        Phase::Running | Phase::Finished => return None,
    };
    let [long, short] = texts;
    let text = if width(&long) <= usize::from(cols) {
        long
    } else {
        short
    };
    Some(Line::styled(text, view.theme.banner(Pace::Fine)))
}

/// `-0:05 ▲ over ████████████░░░░ 0:45 / 0:40 · last run 0:42`
fn bar_row(view: &View, countdown: Option<&str>, area: Rect, buf: &mut Buffer) {
    let slide = &view.slide;
    let theme = view.theme;
    let style = theme.pace(slide.pace);
    let mut lead = Vec::new();
    if let Some(countdown) = countdown {
        lead.push(Span::styled(
            format!("{countdown} "),
            style.patch(theme.strong()),
        ));
    }
    lead.push(Span::styled(
        format!("{} {} ", pace_symbol(slide.pace), slide_word(slide.pace)),
        style,
    ));
    let mut tail = format!(" {} / {}", clock(slide.spent), clock(slide.budget));
    if let (Some(expected), Basis::LastRun | Basis::Median { .. }) =
        (slide.expected, view.versus.basis)
    {
        let name = match view.versus.basis {
            Basis::LastRun => "last run",
            _ => "median",
        };
        let _ = write!(tail, " · {name} {}", clock(expected));
    }
    let lead_cols: usize = lead.iter().map(|s| width(&s.content)).sum();
    let cols = usize::from(area.width);
    let bar_cols = cols.saturating_sub(lead_cols + width(&tail)).min(60);
    let mut spans = lead;
    if bar_cols >= 4 {
        spans.push(bar(ratio(slide.spent, slide.budget), bar_cols, style));
        spans.push(Span::raw(tail));
    }
    Line::from(spans).render(area, buf);
}

fn notes(theme: Theme, notes: &str, area: Rect, buf: &mut Buffer) {
    let notes = notes.trim();
    if notes.is_empty() || area.height < 2 {
        return;
    }
    let [label, mut text] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    Span::styled("Notes", theme.dim()).render(label, buf);
    text.width = text.width.min(NOTES_MAX_COLS);
    notes_paragraph(notes).render(text, buf);
}

/// The notes as the pane wraps them: at word boundaries, leading spaces of a row trimmed.
fn notes_paragraph(notes: &str) -> Paragraph<'_> {
    Paragraph::new(notes).wrap(Wrap { trim: true })
}

/// `+0:23 behind the last run: skip 31 Ablation: rank (0:15) or take 1.5 s less per slide`:
/// the reference named once, every figure after it measured against it.
fn advice_text(advice: &Advice) -> String {
    let mut text = format!(
        "{} behind {}",
        delta(advice.behind),
        basis_name(advice.basis)
    );
    if !advice.cuts.is_empty() {
        let cuts: Vec<String> = advice
            .cuts
            .iter()
            .map(|(n, title, budget)| format!("{n} {title} ({})", clock(*budget)))
            .collect();
        let _ = write!(text, ": skip {}", cuts.join(", "));
    }
    if let Some(per_slide) = advice.per_slide {
        let joint = if advice.cuts.is_empty() { ":" } else { " or" };
        let _ = write!(
            text,
            "{joint} take {} less per slide",
            clock_fine(per_slide)
        );
    }
    text
}

/// Seconds with a decimal under ten seconds: `0.4 s`, `3.2 s`, `0:12`.
fn clock_fine(d: Duration) -> String {
    if d < Duration::from_secs(10) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        clock(d)
    }
}

/// The slide's countdown: `0:12`, `0:00`, then `-0:05` past its budget. Whole seconds of the
/// budget minus whole seconds spent, so it moves in step with the `spent / budget` figures.
pub fn countdown(spent: Duration, budget: Duration) -> String {
    let secs = |d: Duration| i64::try_from(whole_secs(d)).unwrap_or(i64::MAX);
    let left = secs(budget).saturating_sub(secs(spent));
    let text = delta(SignedDuration::from_secs(left));
    text.strip_prefix('+').map(str::to_owned).unwrap_or(text)
}

/// How far `spent` is into `budget`, from 0 to 1 (a zero budget is full once anything is spent).
pub fn ratio(spent: Duration, budget: Duration) -> f64 {
    if budget.is_zero() {
        return if spent.is_zero() { 0.0 } else { 1.0 };
    }
    (spent.as_secs_f64() / budget.as_secs_f64()).clamp(0.0, 1.0)
}

/// A bar of `cols` cells, filled to `ratio`.
pub fn bar(ratio: f64, cols: usize, style: Style) -> Span<'static> {
    let full = filled(ratio, cols);
    Span::styled(
        format!("{}{}", BAR_FULL.repeat(full), BAR_EMPTY.repeat(cols - full)),
        style,
    )
}

/// Cells of `cols` filled at `ratio`, never more than `cols` (NaN fills none).
pub fn filled(ratio: f64, cols: usize) -> usize {
    let ratio = if ratio.is_nan() {
        0.0
    } else {
        ratio.clamp(0.0, 1.0)
    };
    ((ratio * cols as f64).round() as usize).min(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    #[test]
    fn the_notes_take_the_rows_they_are_drawn_on() {
        for (text, cols, want) in [
            ("", 10, 0_usize),
            ("one two three", 13, 1),
            ("one two three", 12, 2),
            ("one two three", 3, 4),
            ("abcdefghij", 4, 3),
            ("a\n\nb", 10, 3),
            ("발표 소개", 4, 2),
        ] {
            let rows = notes_rows(text, cols);
            assert_eq!(
                usize::from(rows).saturating_sub(1),
                want,
                "{text:?} in {cols}"
            );
            // Drawn into exactly that many rows (and a label row), nothing is cut off.
            let area = Rect::new(0, 0, cols, rows + 1);
            let mut buf = Buffer::empty(area);
            notes(Theme::new(false), text, area, &mut buf);
            let drawn = (0..area.height)
                .filter(|&y| (0..cols).any(|x| buf[(x, y)].symbol() != " "))
                .count();
            let blank = text.lines().filter(|l| l.trim().is_empty()).count();
            let label = usize::from(!text.is_empty());
            assert_eq!(drawn + blank, want + label, "{text:?} in {cols}");
        }
    }

    #[test]
    fn the_countdown_goes_negative_past_zero() {
        for (spent_ms, want) in [
            (0, "0:40"),
            (12_000, "0:28"),
            (40_000, "0:00"),
            (40_400, "0:00"),
            (40_600, "-0:01"),
            (45_000, "-0:05"),
            (130_000, "-1:30"),
        ] {
            assert_eq!(countdown(Duration::from_millis(spent_ms), s(40)), want);
        }
    }

    #[test]
    fn bars_never_overflow() {
        assert_eq!(filled(ratio(s(50), s(40)), 100), 100);
        assert_eq!(filled(ratio(s(0), s(0)), 100), 0);
        assert_eq!(filled(ratio(s(1), s(0)), 100), 100);
        assert_eq!(filled(f64::NAN, 10), 0);
        assert_eq!(filled(7.0, 10), 10);
        assert_eq!(filled(0.26, 10), 3);
        assert_eq!(bar(0.5, 4, Style::new()).content, "██░░");
    }

    #[test]
    fn advice_names_the_cuts_and_the_pace() {
        let mut advice = Advice {
            basis: Basis::Plan,
            behind: SignedDuration::from_secs(23),
            per_slide: Some(Duration::from_millis(1500)),
            cuts: vec![(31, "Ablation: rank", s(15))],
        };
        assert_eq!(
            advice_text(&advice),
            "+0:23 behind the plan: skip 31 Ablation: rank (0:15) or take 1.5 s less per slide"
        );
        advice.basis = Basis::LastRun;
        advice.cuts.clear();
        advice.per_slide = Some(Duration::from_millis(8700));
        assert_eq!(
            advice_text(&advice),
            "+0:23 behind the last run: take 8.7 s less per slide"
        );
        advice.basis = Basis::Median { runs: 4 };
        assert!(advice_text(&advice).starts_with("+0:23 behind the median of 4 runs: take"));
    }
}
