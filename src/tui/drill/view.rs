//! The drill screen: a pure function of the model at one moment. No clock, no I/O, no panic at
//! any size.
//!
//! ```text
//!  pacer drill · Making diffusion light…                 ● rec talk.drills.jsonl   header
//!  Question 3 of 12 · 2 answered ✓1 ~1 ✗0 · seed 4711                              progress
//!
//!  Where exactly do the LoRA layers attach, and why there?           the question, large
//!
//!  ███   ███ ███                                                     answer clock (large
//!  █ █ █ █ █ █ █                                                     when there is room)
//!  ◆ wrap up ██████████████████████████░░░░░░ 0:50 / 1:00            pace, bar, budget
//!
//!  Notes                                                             reviewing: the notes
//!  q, k, v and out projections; rank 4; 0.3 % of the weights.
//!  Rate it:  1 ✗ missed   2 ~ shaky   3 ✓ good
//!  1/2/3 rate   s skip   b pause   u undo   ? help   q quit         this stage's keys
//! ```
//! Help, the quit confirm and the end-of-drill summary draw over it.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::app::App;
use super::keys::{ALWAYS, BINDINGS, Stage, footer};
use crate::drill::{Answer, Phase, Rating, Session};
use crate::pace::{self, Pace};
use crate::rehearsal::EndReason;
use crate::timefmt::clock;
use crate::tui::app::{Overlay, REPEAT_WINDOW, Record};
use crate::tui::text::{fit, width};
use crate::tui::theme::{BAR_EMPTY, BAR_FULL, Theme, pace_symbol, slide_word};
use crate::tui::view::big::{BLOCK, GLYPH_ROWS, big_text, big_width};
use crate::tui::view::large::filled_cell;
use crate::tui::view::overlay::key_lines;
use tui_big_text::{BigText, PixelSize};

/// One frame: the model at drill-clock moment `now`.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub app: &'a App,
    pub now: Duration,
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = app.theme();
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [header, body, keys] = Layout::vertical([
            Constraint::Length(2.min(area.height)),
            Constraint::Fill(1),
            Constraint::Length(u16::from(area.height > 4)),
        ])
        .areas(area);
        render_header(self, header, buf);
        let session = app.session();
        if session.is_over() {
            summary(self, body, buf);
        } else {
            question(self, body.inner(Margin::new(1, 0)), buf);
        }
        keys_line(theme, session, usize::from(keys.width)).render(keys, buf);
        match app.overlay() {
            Some(Overlay::Help) => help(self, area, buf),
            Some(Overlay::ConfirmQuit) => confirm(self, area, buf),
            None => {}
        }
    }
}

fn render_header(view: &View, area: Rect, buf: &mut Buffer) {
    let app = view.app;
    let theme = app.theme();
    let session = app.session();
    let cols = usize::from(area.width);
    let record = match app.record() {
        Record::Off(why) => format!("○ not recorded: {why}"),
        Record::Ready(_) => "○ records from the first key".into(),
        Record::On(_) => "● rec".into(),
        Record::Failed { .. } => "▲ not recorded: writing failed".into(),
    };
    let record_style = match app.record() {
        Record::Failed { .. } => theme.error(),
        _ => theme.dim(),
    };
    let title = format!(" pacer drill · {}", app.options().title);
    let room = cols.saturating_sub(width(&record) + 2);
    let title = fit(&title, room).into_owned();
    let gap = cols.saturating_sub(width(&title) + width(&record) + 1);
    let top = Line::from(vec![
        Span::styled(title, theme.strong()),
        Span::raw(" ".repeat(gap)),
        Span::styled(record, record_style),
    ]);
    let n = session.prompts().len();
    let shown = (session.index() + 1).min(n);
    let answers = session.answers();
    let tally: String = Rating::ALL
        .iter()
        .rev()
        .map(|r| {
            let count = answers.iter().filter(|a| a.rating == Some(*r)).count();
            format!("{}{count}", r.symbol())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let place = if session.is_over() {
        format!("{n} questions")
    } else {
        format!("Question {shown} of {n}")
    };
    let second = format!(
        " {place} · {} answered {tally} · seed {}",
        answers.len(),
        app.options().seed
    );
    let rows = [
        top,
        Line::styled(fit(&second, cols).into_owned(), theme.dim()),
    ];
    for (line, row) in rows.into_iter().zip(area.rows()) {
        line.render(row, buf);
    }
}

/// The question, the answer clock, and while reviewing the notes and the rating keys.
fn question(view: &View, area: Rect, buf: &mut Buffer) {
    let app = view.app;
    let theme = app.theme();
    let session = app.session();
    let Some(prompt) = session.current() else {
        return;
    };
    let phase = session.phase();
    let took = session.took(view.now);
    let pace = session.pace(view.now, app.options().warn);
    let ask =
        Paragraph::new(Line::styled(prompt.ask.as_str(), theme.strong())).wrap(Wrap { trim: true });
    // The question comes first: all of it, leaving a row for the clock (and, while the
    // notes are up, two more for them and the rating keys). While it is asked, the clock
    // stopped, it is large where it fits.
    let keep = if phase == Phase::Reviewing { 3 } else { 1 };
    let text_rows = u16::try_from(ask.line_count(area.width.max(1))).unwrap_or(u16::MAX);
    // The large form keeps the text below it, after a blank row: the exact wording, for a
    // screen reader, a copy from the terminal, or a letter the 8x8 font leaves ambiguous.
    let spare = area.height.saturating_sub(6).saturating_sub(text_rows + 1);
    let large = (phase == Phase::Asking)
        .then(|| large_question(&prompt.ask, area.width, spare))
        .flatten()
        .map(|lines| {
            let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX) * LARGE_ROWS + 1;
            (lines, rows)
        });
    let ask_rows = match &large {
        Some((_, rows)) => rows + text_rows,
        None => text_rows.min(area.height.saturating_sub(keep)).max(1),
    };
    let big = area.height >= 16 && phase != Phase::Asking;
    let figure = clock(took);
    // While reviewing, the notes and the rating keys keep their rows below the clock.
    let below = if phase == Phase::Reviewing {
        notes_rows(&prompt.answer, area.width) + 3
    } else {
        0
    };
    let room = usize::from(area.height.saturating_sub(ask_rows + 4 + below));
    let scale = clock_scale(&figure, usize::from(area.width), room);
    let clock_rows = u16::try_from(GLYPH_ROWS * scale + 1).unwrap_or(u16::MAX);
    let [_, ask_area, _, clock_area, status_area, hint_area, rest] = Layout::vertical([
        Constraint::Length(u16::from(area.height >= 8)),
        Constraint::Length(ask_rows),
        Constraint::Length(u16::from(area.height >= 6)),
        Constraint::Length(if big { clock_rows } else { 0 }),
        Constraint::Length(1),
        Constraint::Length(u16::from(area.height >= 10)),
        Constraint::Fill(1),
    ])
    .areas(area);
    if let Some((lines, rows)) = large {
        let [glyphs_area, text_area] =
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(ask_area);
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.strong())
            .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .build()
            .render(glyphs_area, buf);
        Paragraph::new(Line::styled(prompt.ask.as_str(), theme.dim()))
            .wrap(Wrap { trim: true })
            .render(text_area, buf);
    } else {
        ask.render(ask_area, buf);
    }
    if big {
        glyphs(&figure, scale, theme.pace(pace), clock_area, buf);
    }
    status(view, took, pace, status_area, buf);
    if let Some(hint) = app.hint() {
        Line::styled(hint, theme.dim()).render(hint_area, buf);
    }
    if phase == Phase::Reviewing {
        review(view, &prompt.answer, rest, buf);
    }
}

/// Rows and columns of one character of the large question: 8x8 pixels, four to a cell.
const LARGE_ROWS: u16 = 4;
const LARGE_COLS: u16 = 4;
/// The fewest characters a line of the large question may hold; narrower, it is plain text.
const LARGE_MIN_CHARS: usize = 16;

/// The question word-wrapped into lines for the large form (8x8 glyphs, [`LARGE_COLS`] x
/// [`LARGE_ROWS`] cells a character), or `None` where plain text must do: a character the
/// font lacks (only ASCII is drawn large; Korean or an emoji stays text), a line narrower than
/// [`LARGE_MIN_CHARS`], a word longer than a line, or more than `max_rows` rows.
fn large_question(ask: &str, cols: u16, max_rows: u16) -> Option<Vec<String>> {
    if !ask.is_ascii() {
        return None;
    }
    let per_line = usize::from(cols / LARGE_COLS);
    if per_line < LARGE_MIN_CHARS {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for word in ask.split_whitespace() {
        if word.len() > per_line {
            return None;
        }
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= per_line => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    let rows = lines.len().checked_mul(usize::from(LARGE_ROWS))?;
    (!lines.is_empty() && rows <= usize::from(max_rows)).then_some(lines)
}

/// `figure` in block glyphs at the top left of `area`, each filled cell as the rehearsal's
/// large figures draw it ([`filled_cell`]: solid in colour, a block without).
fn glyphs(figure: &str, scale: usize, style: Style, area: Rect, buf: &mut Buffer) {
    let (filled, style) = filled_cell(style);
    for (text, y) in big_text(figure, scale)
        .iter()
        .zip(area.top()..area.bottom())
    {
        let cells = (area.left()..area.right()).zip(text.chars());
        for (x, _) in cells.filter(|&(_, c)| c == BLOCK) {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(filled).set_style(style);
            }
        }
    }
}

/// The largest scale tried for the answer clock (glyphs of 40 rows), as the rehearsal's.
const MAX_CLOCK_SCALE: usize = 8;

/// The answer clock's scale: as large as `cols` and `rows` (with a row below it) allow, so it
/// reads from across a room on a large screen; at least 1.
fn clock_scale(figure: &str, cols: usize, rows: usize) -> usize {
    (1..=MAX_CLOCK_SCALE)
        .rev()
        .find(|&s| GLYPH_ROWS * s < rows && big_width(figure, s) <= cols)
        .unwrap_or(1)
}

/// Rows the notes take at `cols` as [`review`] wraps them (with their heading).
fn notes_rows(notes: &str, cols: u16) -> u16 {
    let lines: Vec<Line> = if notes.trim().is_empty() {
        vec![Line::raw("(no notes)")]
    } else {
        notes.lines().map(Line::raw).collect()
    };
    let count = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(cols.max(1));
    u16::try_from(count + 1).unwrap_or(u16::MAX)
}

/// `◆ wrap up ████████████░░░░ 0:50 / 1:00`, or how to begin, or the pause.
fn status(view: &View, took: Duration, pace: Pace, area: Rect, buf: &mut Buffer) {
    let app = view.app;
    let theme = app.theme();
    let session = app.session();
    let budget = session.current().map_or(Duration::ZERO, |p| p.budget);
    let cols = usize::from(area.width);
    let figures = format!(" {} / {}", clock(took), clock(budget));
    let line = if session.is_paused() {
        Line::styled(
            fit(&format!("❚❚ paused · b resumes {figures}"), cols).into_owned(),
            theme.banner(Pace::Amber),
        )
    } else if session.phase() == Phase::Asking {
        Line::from(vec![
            Span::styled("◌ clock stopped", theme.dim()),
            Span::raw(
                fit(
                    &format!(" · Space starts the answer · budget {}", clock(budget)),
                    cols.saturating_sub(15),
                )
                .into_owned(),
            ),
        ])
    } else {
        let word = if session.phase() == Phase::Reviewing {
            finished_word(pace)
        } else {
            slide_word(pace)
        };
        let label = format!("{} {word} ", pace_symbol(pace));
        let bar_cols = cols.saturating_sub(width(&label) + width(&figures)).min(40);
        let full = filled(took, budget, bar_cols);
        Line::from(vec![
            Span::styled(label, theme.pace(pace).patch(theme.strong())),
            Span::styled(BAR_FULL.repeat(full), theme.pace(pace)),
            Span::styled(BAR_EMPTY.repeat(bar_cols - full), theme.dim()),
            Span::raw(figures),
        ])
    };
    line.render(area, buf);
}

/// The word of a finished answer's verdict ([`pace::finished`]), as the reports say it.
pub fn finished_word(pace: Pace) -> &'static str {
    match pace {
        Pace::Fine => "on time",
        Pace::Amber => "a bit over",
        Pace::Over => "over",
    }
}

fn filled(took: Duration, budget: Duration, cols: usize) -> usize {
    if budget.is_zero() {
        return if took.is_zero() { 0 } else { cols };
    }
    let ratio = (took.as_secs_f64() / budget.as_secs_f64()).clamp(0.0, 1.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a ratio in 0..=1 of a terminal's width"
    )]
    let full = (ratio * cols as f64).round() as usize;
    full.min(cols)
}

/// The notes to check the answer against, and the rating keys.
fn review(view: &View, notes: &str, area: Rect, buf: &mut Buffer) {
    let theme = view.app.theme();
    let mut lines = vec![Line::styled("Notes", theme.frame().patch(theme.strong()))];
    if notes.trim().is_empty() {
        lines.push(Line::styled(
            "(no notes: add `answer = \"…\"` to the question)",
            theme.dim(),
        ));
    } else {
        lines.extend(notes.lines().map(|l| Line::raw(l.to_owned())));
    }
    // Narrow: the words go, the keys and symbols stay.
    let wide = area.width >= 44;
    let mut rate = vec![Span::styled(
        if wide { "Rate it: " } else { "Rate:" },
        theme.strong(),
    )];
    for rating in Rating::ALL {
        rate.push(Span::styled(format!(" {} ", rating.key()), theme.key()));
        rate.push(Span::raw(if wide {
            format!("{} {}  ", rating.symbol(), rating.word())
        } else {
            rating.symbol().to_owned()
        }));
    }
    let rate = Line::from(rate);
    let [notes_area, _, rate_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::from(area.height >= 4)),
        Constraint::Length(1),
    ])
    .areas(area);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(notes_area, buf);
    rate.render(rate_area, buf);
}

/// The figures joined by ` · `, as many to a line as fit in `cols`: a line breaks between two
/// figures, never inside one ("0:04 in / all" reads as nonsense); a figure wider than the
/// line is cut to it.
fn joined_within(figures: &[String], cols: usize) -> Vec<String> {
    const BETWEEN: &str = " · ";
    let mut lines: Vec<String> = Vec::new();
    for figure in figures {
        match lines.last_mut() {
            Some(line) if width(line) + width(BETWEEN) + width(figure) <= cols => {
                line.push_str(BETWEEN);
                line.push_str(figure);
            }
            _ => lines.push(fit(figure, cols).into_owned()),
        }
    }
    lines
}

/// The end of the drill: every answer with its time against its budget and its rating.
fn summary(view: &View, area: Rect, buf: &mut Buffer) {
    let app = view.app;
    let theme = app.theme();
    let session = app.session();
    let warn = app.options().warn;
    let answers: Vec<Answer> = session
        .answers()
        .iter()
        .cloned()
        .chain(session.pending())
        .collect();
    let over = answers
        .iter()
        .filter(|a| pace::finished(a.took, a.budget, warn) != Pace::Fine)
        .count();
    // Quit early, the questions it never came to are told, so 3 answered is not read as all.
    let head = match session.end() {
        Some((EndReason::Quit, _)) => "Drill quit",
        _ => "Drill over",
    };
    let mut figures = vec![
        head.to_owned(),
        format!("{} answered", answers.len()),
        format!("{} skipped", session.skipped().len()),
    ];
    match session.not_asked(session.prompts().len()) {
        0 => {}
        n => figures.push(format!("{n} not asked")),
    }
    figures.push(format!("{over} over budget"));
    figures.push(format!("{} in all", clock(session.elapsed(view.now))));
    let cols = usize::from(area.width);
    let mut lines = vec![Line::raw("")];
    for line in joined_within(&figures, cols.saturating_sub(1)) {
        lines.push(Line::styled(format!(" {line}"), theme.strong()));
    }
    lines.push(Line::raw(""));
    for answer in &answers {
        let verdict = pace::finished(answer.took, answer.budget, warn);
        let rating = answer.rating.map_or_else(
            || "· not rated".to_owned(),
            |r| format!("{} {}", r.symbol(), r.word()),
        );
        let figures = format!(
            " {} {}/{} ",
            pace_symbol(verdict),
            clock(answer.took),
            clock(answer.budget)
        );
        let head = format!(" {rating:<10}");
        let room = cols.saturating_sub(width(&head) + width(&figures));
        lines.push(Line::from(vec![
            Span::styled(head, theme.strong()),
            Span::styled(figures, theme.pace(verdict)),
            Span::raw(fit(&answer.ask, room).into_owned()),
        ]));
    }
    if answers.is_empty() {
        lines.push(Line::styled(" No question answered.", theme.dim()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {} on time  {} a bit over  {} over · q quits",
            pace_symbol(Pace::Fine),
            pace_symbol(Pace::Amber),
            pace_symbol(Pace::Over)
        ),
        theme.dim(),
    ));
    if let Some(hint) = app.hint() {
        lines.push(Line::styled(format!(" {hint}"), theme.dim()));
    }
    // Narrow, the heading wraps rather than lose what was not asked.
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The keys that do something where the drill stands, as many as fit: `? help` and `q quit`
/// first of all, so that from 60 columns up they are always there.
pub(super) fn keys_line(theme: Theme, session: &Session, cols: usize) -> Line<'static> {
    let all = footer(Stage::of(session), session.can_undo());
    let need = |key: &str, word: &str| width(key) + 1 + width(word) + 3;
    let kept: usize = all
        .iter()
        .filter(|(action, ..)| ALWAYS.contains(action))
        .map(|(_, key, word)| need(key, word))
        .sum();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1 + kept;
    for (action, key, word) in all {
        let always = ALWAYS.contains(&action);
        if !always {
            if used + need(&key, word) > cols {
                continue;
            }
            used += need(&key, word);
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {word}   ")));
    }
    Line::from(spans)
}

/// Every key, from the key table.
fn help(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.app.theme();
    let mut lines = key_lines(BINDINGS, theme);
    lines.push(Line::styled(
        format!(
            "The same key again within {} ms counts once (a held key).",
            REPEAT_WINDOW.as_millis()
        ),
        theme.dim(),
    ));
    let drills = match view.app.record() {
        Record::Off(why) => format!("Drills: not recorded ({why})"),
        Record::Ready(path) | Record::On(path) | Record::Failed { path, .. } => {
            format!("Drills: {}", path.display())
        }
    };
    lines.push(Line::styled(drills, theme.dim()));
    boxed(theme, " Keys · any key closes ", lines, area, buf);
}

fn confirm(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.app.theme();
    let kept = match view.app.record() {
        Record::Off(why) => format!("Nothing is recorded ({why})."),
        Record::Failed { .. } => "Recording failed: only what was written before is kept.".into(),
        Record::Ready(_) | Record::On(_) => {
            "Every answer given so far is kept; a summary follows.".into()
        }
    };
    let lines = vec![
        Line::styled("Quit this drill?", theme.strong()),
        Line::raw(kept),
        Line::raw(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" or "),
            Span::styled("q", theme.key()),
            Span::raw(" ends the drill · any other key goes on"),
        ]),
    ];
    boxed(theme, " Quit? ", lines, area, buf);
}

/// A bordered box centred in `area`, as large as its text or the screen allows.
fn boxed(theme: Theme, title: &str, lines: Vec<Line>, area: Rect, buf: &mut Buffer) {
    let text_cols = lines.iter().map(Line::width).max().unwrap_or(0);
    let cols = u16::try_from(text_cols + 4)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let rows = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let outer = Rect {
        x: area.x + (area.width - cols) / 2,
        y: area.y + (area.height - rows) / 2,
        width: cols,
        height: rows,
    };
    Clear.render(outer, buf);
    let block = Block::bordered().title(title).border_style(theme.frame());
    let inner = block.inner(outer).inner(Margin::new(1, 0));
    block.render(outer, buf);
    Paragraph::new(lines).render(inner, buf);
}

#[cfg(test)]
mod large_question_tests {
    use super::large_question;

    #[test]
    fn a_question_in_ascii_is_wrapped_into_large_lines_where_it_fits() {
        let ask = "What was the hardest problem you hit, and how did you find it?";
        // 120 columns: 30 characters a line, 4 rows each.
        let lines = large_question(ask, 120, 34).expect("fits");
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.len() <= 30), "{lines:?}");
        assert_eq!(lines.join(" "), ask, "every word, in order");
    }

    #[test]
    fn plain_text_where_the_large_form_cannot_do() {
        let ask = "What was the hardest problem you hit, and how did you find it?";
        assert_eq!(
            large_question(ask, 120, 11),
            None,
            "three lines need 12 rows"
        );
        assert_eq!(
            large_question(ask, 60, 40),
            None,
            "15 characters a line is too narrow"
        );
        assert_eq!(
            large_question("발표는 몇 분인가요?", 200, 40),
            None,
            "the font is ASCII"
        );
        assert_eq!(
            large_question("Supercalifragilisticexpialidocious?", 80, 40),
            None
        );
        assert_eq!(large_question("   ", 120, 40), None);
    }
}

#[cfg(test)]
mod summary_line_tests {
    use super::joined_within;

    #[test]
    fn figures_break_between_them_never_inside_one() {
        let figures: Vec<String> = [
            "Drill quit",
            "1 answered",
            "0 skipped",
            "12 not asked",
            "0 over budget",
            "0:04 in all",
        ]
        .map(String::from)
        .into();
        let whole = figures.join(" · ");
        assert_eq!(joined_within(&figures, 200), std::slice::from_ref(&whole));
        for cols in [20, 40, 59, 79] {
            let lines = joined_within(&figures, cols);
            assert!(lines.len() > 1, "{cols}: {lines:?}");
            assert!(lines.iter().all(|l| l.chars().count() <= cols), "{lines:?}");
            // Every figure whole, on one line, in order.
            assert_eq!(lines.join(" · "), whole, "{cols}");
        }
        assert_eq!(
            joined_within(&figures, 5)[0],
            "Dril…",
            "cut where nothing fits"
        );
    }
}
