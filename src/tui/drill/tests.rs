//! Whole drill screens of named states at fixed sizes (insta snapshots), the colour of a pace
//! and its absence under `NO_COLOR`, and every size from 1x1 up rendering without a panic.

use std::path::PathBuf;
use std::time::Duration;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;

use super::app::{App, Msg, Options};
use super::keys::{Action, BINDINGS, Press};
use super::view::View;
use crate::drill::{Prompt, Rating};
use crate::tui::app::Record;
use crate::tui::testing::rows;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn prompts() -> Vec<Prompt> {
    vec![
        Prompt {
            id: "q/where-do-the-lora-layers-attach".into(),
            ask: "Where exactly do the LoRA layers attach, and why only there?".into(),
            answer: "The q, k, v and out projections of every attention block.\nRank 4: 0.3 % of \
                     the weights; the convolutions gained nothing in the ablation."
                .into(),
            budget: secs(60),
        },
        Prompt {
            id: "q/latency".into(),
            ask: "How fast is it on a phone from 2021?".into(),
            answer: String::new(),
            budget: secs(30),
        },
        Prompt {
            id: "q/발표".into(),
            ask: "왜 서버가 아니라 휴대폰인가요?".into(),
            answer: "Latency, privacy, cost.".into(),
            budget: secs(45),
        },
    ]
}

fn app_colored(color: bool) -> App {
    let options = Options {
        color,
        warn: 0.8,
        title: "Making diffusion light: LoRA for on-device image translation".into(),
        seed: 4711,
    };
    App::new(
        prompts(),
        options,
        Record::Ready(PathBuf::from("talks/lora.drills.jsonl")),
    )
}

fn app() -> App {
    app_colored(false)
}

fn press(app: &mut App, action: Action, at: Duration) {
    let binding = BINDINGS.iter().find(|b| b.action == action).unwrap();
    let press = Press {
        key: binding.keys[0],
        action,
    };
    app.update(Msg::Key(press), at);
}

fn draw(app: &App, at: Duration, cols: u16, height: u16) -> Buffer {
    let view = View { app, now: at };
    let mut terminal = Terminal::new(TestBackend::new(cols, height)).expect("a test terminal");
    terminal
        .draw(|frame| frame.render_widget(&view, frame.area()))
        .expect("drawn");
    terminal.backend().buffer().clone()
}

fn screen(app: &App, at: Duration, cols: u16, height: u16) -> String {
    rows(&draw(app, at, cols, height)).join("\n")
}

/// Answering the first question since second 2.
fn answering() -> App {
    let mut app = app();
    press(&mut app, Action::Next, secs(2));
    app
}

#[test]
fn asking() {
    assert_snapshot!(screen(&app(), secs(1), 80, 24));
}

/// While it is asked, on a large terminal, the question is drawn in large glyphs.
#[test]
fn asking_on_a_large_terminal() {
    let text = screen(&app(), secs(1), 160, 40);
    assert!(
        text.contains('▀') || text.contains('▄'),
        "large glyphs:\n{text}"
    );
    assert_snapshot!(text);
}

#[test]
fn answering_on_time() {
    assert_snapshot!(screen(&answering(), secs(25), 80, 24));
}

#[test]
fn answering_amber() {
    let app = answering();
    let buf = draw(&app, secs(52), 80, 24);
    let text = rows(&buf).join("\n");
    assert!(text.contains("◆ wrap up"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn answering_over() {
    assert_snapshot!(screen(&answering(), secs(77), 80, 24));
}

#[test]
fn reviewing() {
    let mut app = answering();
    press(&mut app, Action::Next, secs(50));
    assert_snapshot!(screen(&app, secs(51), 80, 24));
}

#[test]
fn paused() {
    let mut app = answering();
    press(&mut app, Action::Pause, secs(10));
    assert_snapshot!(screen(&app, secs(40), 80, 16));
}

#[test]
fn help() {
    let mut app = answering();
    press(&mut app, Action::Help, secs(3));
    assert_snapshot!(screen(&app, secs(3), 80, 24));
}

#[test]
fn quit_confirm() {
    let mut app = answering();
    press(&mut app, Action::Quit, secs(3));
    assert_snapshot!(screen(&app, secs(3), 80, 24));
}

#[test]
fn summary() {
    let mut app = answering();
    for (action, at) in [
        (Action::Next, 50),
        (Action::Rate(Rating::Good), 51),
        (Action::Next, 52),
        (Action::Next, 90),
        (Action::Rate(Rating::Shaky), 91),
        (Action::Skip, 92),
    ] {
        press(&mut app, action, secs(at));
    }
    assert!(app.session().is_over());
    assert_snapshot!(screen(&app, secs(93), 80, 24));
}

/// Quit after one answer: the summary says the drill was quit and how many it did not ask.
#[test]
fn summary_of_a_drill_quit_early() {
    let mut app = answering();
    for (action, at) in [
        (Action::Next, 50),
        (Action::Rate(Rating::Good), 51),
        (Action::Quit, 60),
        (Action::Confirm, 61),
    ] {
        press(&mut app, action, secs(at));
    }
    let text = screen(&app, secs(90), 80, 24);
    assert!(
        text.contains("Drill quit · 1 answered · 0 skipped · 2 not asked"),
        "{text}"
    );
    assert_snapshot!(text);
}

#[test]
fn the_pace_has_its_colour_and_without_colour_over_is_still_bold_and_marked() {
    for color in [true, false] {
        let mut app = app_colored(color);
        press(&mut app, Action::Next, secs(0));
        let buf = draw(&app, secs(75), 80, 24);
        let text = rows(&buf);
        let (y, row) = text
            .iter()
            .enumerate()
            .find(|(_, r)| r.contains("▲ over"))
            .expect("the over line");
        let x = u16::try_from(row.find('▲').unwrap()).unwrap();
        let cell = &buf[(x, u16::try_from(y).unwrap())];
        assert!(cell.modifier.contains(Modifier::BOLD), "{color}");
        if color {
            assert_eq!(cell.fg, crate::tui::theme::RED);
        } else {
            assert!(
                matches!(cell.fg, Color::Reset),
                "NO_COLOR: no colour at all, got {:?}",
                cell.fg
            );
        }
    }
}

#[test]
fn every_size_renders_without_a_panic() {
    let mut states = vec![app(), answering()];
    let mut reviewing = answering();
    press(&mut reviewing, Action::Next, secs(70));
    states.push(reviewing);
    let mut over = answering();
    press(&mut over, Action::Skip, secs(3));
    press(&mut over, Action::Skip, secs(4));
    press(&mut over, Action::Skip, secs(5));
    states.push(over);
    let mut help = answering();
    press(&mut help, Action::Help, secs(3));
    states.push(help);
    for app in &states {
        for cols in (1..=200).step_by(7).chain([1, 2, 3, 200]) {
            for height in (1..=60).step_by(3).chain([1, 2, 60]) {
                let view = View { app, now: secs(80) };
                let mut buf = Buffer::empty(Rect::new(0, 0, cols, height));
                (&view).render(buf.area, &mut buf);
            }
        }
    }
}

/// The footer keeps `? help` and `q quit` at every width from 60 up, in every stage, and `q
/// quit` as long as it fits at all.
#[test]
fn help_and_quit_stay_in_the_footer_at_every_width_from_60() {
    let mut states = vec![("asking", app()), ("answering", answering())];
    let mut reviewing = answering();
    press(&mut reviewing, Action::Next, secs(30));
    states.push(("reviewing", reviewing));
    let mut paused = answering();
    press(&mut paused, Action::Pause, secs(30));
    states.push(("paused", paused));
    let mut summary = answering();
    for (action, at) in [(Action::Skip, 30), (Action::Skip, 31), (Action::Skip, 32)] {
        press(&mut summary, action, secs(at));
    }
    states.push(("summary", summary));
    for (name, app) in &states {
        for cols in 20..=300 {
            let line = super::view::keys_line(app.theme(), app.session(), cols);
            let footer = line.to_string();
            assert!(line.width() <= cols + 3, "{name} at {cols}: {footer:?}");
            assert!(footer.contains("q quit"), "{name} at {cols}: {footer:?}");
            if cols >= 60 {
                assert!(footer.contains("? help"), "{name} at {cols}: {footer:?}");
            }
        }
        // And on the whole screen, at the sizes a speaker has.
        for (cols, height) in [(60, 20), (80, 24), (120, 40)] {
            let footer = rows(&draw(app, secs(40), cols, height))
                .pop()
                .unwrap_or_default();
            assert!(
                footer.contains("? help") && footer.contains("q quit"),
                "{name} at {cols}x{height}: {footer:?}"
            );
        }
    }
}

#[test]
fn a_small_terminal_still_shows_the_question_the_clock_and_the_rating_keys() {
    let mut app = answering();
    let answering = screen(&app, secs(52), 40, 8);
    press(&mut app, Action::Next, secs(52));
    let reviewing = screen(&app, secs(53), 40, 12);
    assert_snapshot!(format!("{answering}\n---\n{reviewing}"));
}

#[test]
fn a_large_terminal_shows_a_large_answer_clock() {
    let app = answering();
    let text = screen(&app, secs(77), 120, 40);
    assert!(text.contains("██████      ██████"), "{text}");
    assert_snapshot!(text);
}

/// Rows of the large answer clock: they begin with a block (every glyph of `0:..` does).
fn clock_rows(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with(" █")).count()
}

#[test]
fn the_answer_clock_grows_with_the_terminal_and_leaves_the_notes_room() {
    let mut app = answering();
    let small = clock_rows(&screen(&app, secs(77), 80, 24));
    let large = clock_rows(&screen(&app, secs(77), 120, 40));
    let huge = screen(&app, secs(77), 200, 60);
    assert!(small >= 5, "{small} rows at 80x24");
    assert!(large > small.max(10), "{large} rows at 120x40");
    assert!(clock_rows(&huge) > large, "{huge}");
    press(&mut app, Action::Next, secs(77));
    let reviewing = screen(&app, secs(78), 200, 60);
    assert!(clock_rows(&reviewing) > 10, "{reviewing}");
    for line in ["Notes", "the convolutions gained nothing", "Rate it:"] {
        assert!(reviewing.contains(line), "{line} missing:\n{reviewing}");
    }
}

#[test]
fn in_colour_the_clock_is_solid_cells_of_its_colour_and_without_it_blocks() {
    // A block character leaves seams between cells in many fonts, and anti-aliased edges that
    // outlive it when the clock shrinks (seen in xterm): the rehearsal's large figures paint
    // spaces on the colour instead, and so does the drill.
    for color in [true, false] {
        let mut app = app_colored(color);
        press(&mut app, Action::Next, secs(0));
        let buf = draw(&app, secs(75), 80, 24);
        // The top-left cell of the clock's first glyph, `1` of `1:15`: a filled cell.
        let row = (0..buf.area.height)
            .find(|&y| (0..buf.area.width).any(|x| !buf[(x, y)].bg.eq(&Color::Reset)))
            .or_else(|| (0..buf.area.height).find(|&y| buf[(4, y)].symbol() == "█"))
            .expect("a clock row");
        let x = (0..buf.area.width)
            .find(|&x| buf[(x, row)].bg != Color::Reset || buf[(x, row)].symbol() == "█")
            .expect("a filled cell");
        let cell = &buf[(x, row)];
        if color {
            assert_eq!(
                (cell.symbol(), cell.bg),
                (" ", crate::tui::theme::RED),
                "row {row}"
            );
        } else {
            assert_eq!((cell.symbol(), cell.bg), ("█", Color::Reset));
        }
    }
}
