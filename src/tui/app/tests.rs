//! The model driven by keys and messages at synthetic moments: no terminal, no sleeps.

use super::*;
use crate::rehearsal::Pace;
use crate::tui::clock::Stall;
use crate::tui::testing::{app, app_with, key_for, ms, plan, press, secs};

fn recorded(fx: &[Effect]) -> Vec<Event> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Record(event, _) => Some(*event),
            _ => None,
        })
        .collect()
}

#[test]
fn the_first_next_starts_the_clock_on_slide_one() {
    let mut app = app();
    assert_eq!(app.rehearsal().phase(), Phase::Ready);
    assert_eq!(app.next_frame(secs(1)), None, "nothing moves while ready");
    let fx = press(&mut app, Action::Next, secs(2));
    assert_eq!(fx, vec![Effect::Record(Event::Start, secs(2))]);
    assert_eq!(app.rehearsal().current(), 0);
    assert_eq!(
        *app.record(),
        Record::On("talks/fixture.history.jsonl".into())
    );
    assert_eq!(app.rehearsal().slide_spent(0, secs(5)), secs(3));
}

#[test]
fn start_keys_start_and_prev_or_pause_do_not() {
    for (action, starts) in [
        (Action::Start, true),
        (Action::StartStop, true),
        (Action::Next, true),
        (Action::Prev, false),
        (Action::Pause, false),
        (Action::Mark, false),
        (Action::Undo, false),
    ] {
        let mut app = app();
        let fx = press(&mut app, action, secs(1));
        assert_eq!(!fx.is_empty(), starts, "{action:?}");
        assert_eq!(
            app.rehearsal().phase() == Phase::Running,
            starts,
            "{action:?}"
        );
    }
}

#[test]
fn a_held_key_is_one_press() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    // Auto-repeat every 33 ms for a second: only the first press moves.
    let mut moved = 0;
    for i in 0..30 {
        moved += recorded(&press(&mut app, Action::Next, secs(1) + ms(33 * i))).len();
    }
    assert_eq!(moved, 1);
    assert_eq!(app.rehearsal().current(), 1);
    // A deliberate click after letting go counts; so does another key at once, even one
    // with the same meaning.
    press(&mut app, Action::Next, secs(3));
    assert_eq!(app.rehearsal().current(), 2);
    press(&mut app, Action::Prev, secs(3) + ms(10));
    assert_eq!(app.rehearsal().current(), 1);
    let page_down = Press {
        key: Key::Code(crossterm::event::KeyCode::PageDown),
        action: Action::Next,
    };
    app.update(Msg::Key(page_down), secs(3) + ms(20));
    assert_eq!(app.rehearsal().current(), 2);
}

#[test]
fn f5_and_esc_pause_and_resume_and_never_quit() {
    let mut app = app();
    press(&mut app, Action::StartStop, secs(0));
    let fx = press(&mut app, Action::StartStop, secs(10));
    assert_eq!(recorded(&fx), vec![Event::Pause(PauseReason::Speaker)]);
    assert_eq!(
        app.next_frame(ms(10_300)),
        Some(secs(11)),
        "the pause clock ticks"
    );
    press(&mut app, Action::Pause, secs(40));
    assert_eq!(app.rehearsal().phase(), Phase::Running);
    assert_eq!(app.rehearsal().elapsed(secs(45)), secs(15));
    assert_eq!(app.exit(), None);
}

#[test]
fn leaving_the_last_slide_finishes_and_q_then_quits() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    press(&mut app, Action::Last, secs(5));
    assert_eq!(app.rehearsal().current(), 6);
    let fx = press(&mut app, Action::Next, secs(9));
    assert_eq!(recorded(&fx), vec![Event::End(EndReason::Finished)]);
    assert_eq!(app.rehearsal().phase(), Phase::Finished);
    assert_eq!(app.exit(), None, "the summary stays until q");
    press(&mut app, Action::Next, secs(10));
    assert_eq!(app.exit(), None);
    press(&mut app, Action::Quit, secs(11));
    assert_eq!(app.exit(), Some(Exit::Quit));
}

#[test]
fn quitting_a_run_asks_first_and_only_yes_quits() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    press(&mut app, Action::Quit, secs(5));
    assert_eq!(app.overlay, Some(Overlay::ConfirmQuit));
    // A clicker's next while asked: the question goes away, the slide stays.
    assert!(press(&mut app, Action::Next, secs(6)).is_empty());
    assert_eq!((app.overlay, app.rehearsal().current()), (None, 0));
    press(&mut app, Action::Quit, secs(7));
    // A held q does not confirm by itself.
    press(&mut app, Action::Quit, secs(7) + ms(40));
    assert_eq!(app.exit(), None);
    let fx = press(&mut app, Action::Confirm, secs(8));
    assert_eq!(recorded(&fx), vec![Event::End(EndReason::Quit)]);
    assert_eq!(app.exit(), Some(Exit::Quit));
    assert!(!app.rehearsal().summary(secs(8)).complete);
}

#[test]
fn quitting_before_the_start_records_nothing() {
    let mut app = app();
    assert!(press(&mut app, Action::Quit, secs(1)).is_empty());
    assert_eq!(app.exit(), Some(Exit::Quit));
}

#[test]
fn help_opens_and_any_key_closes_it_without_acting() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    press(&mut app, Action::Help, secs(1));
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert!(press(&mut app, Action::Next, secs(2)).is_empty());
    assert_eq!((app.overlay, app.rehearsal().current()), (None, 0));
}

#[test]
fn ctrl_c_and_signals_end_the_run_at_once() {
    for (msg, stop) in [
        (Msg::Key(key_for(Action::Interrupt)), Stop::Interrupt),
        (Msg::Stop(Stop::Terminate), Stop::Terminate),
        (Msg::Stop(Stop::Hangup), Stop::Hangup),
        (Msg::Key(key_for(Action::QuitNow)), Stop::QuitSignal),
        (Msg::Stop(Stop::QuitSignal), Stop::QuitSignal),
    ] {
        let mut app = app();
        press(&mut app, Action::Next, secs(0));
        press(&mut app, Action::Quit, secs(1));
        let fx = app.update(msg, secs(3));
        assert_eq!(recorded(&fx), vec![Event::End(stop.reason())], "{stop:?}");
        assert_eq!(app.exit(), Some(Exit::Stopped(stop)));
    }
}

#[test]
fn ctrl_z_stops_the_clock_until_the_process_is_back() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    let fx = press(&mut app, Action::Suspend, secs(10));
    assert_eq!(
        fx,
        vec![
            Effect::Record(Event::Pause(PauseReason::Suspend), secs(10)),
            Effect::Suspend
        ]
    );
    // The loop's next turn sees a long gap, then the return.
    app.update(Msg::Stalled(Stall { since: ms(10_250) }), secs(300));
    let fx = app.update(Msg::Continued, secs(300));
    assert_eq!(recorded(&fx), vec![Event::Resume]);
    assert_eq!(app.rehearsal().elapsed(secs(305)), secs(15));
}

#[test]
fn a_suspend_while_paused_stays_paused() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    press(&mut app, Action::Pause, secs(5));
    assert_eq!(
        press(&mut app, Action::Suspend, secs(6)),
        vec![Effect::Suspend]
    );
    assert!(app.update(Msg::Continued, secs(60)).is_empty());
    assert_eq!(app.rehearsal().phase(), Phase::Paused);
}

#[test]
fn a_stall_while_running_is_recorded_as_a_suspend_pause() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    let fx = app.update(Msg::Stalled(Stall { since: secs(20) }), secs(3620));
    assert_eq!(
        fx,
        vec![
            Effect::Record(Event::Pause(PauseReason::Suspend), secs(20)),
            Effect::Record(Event::Resume, secs(3620)),
        ]
    );
    assert_eq!(app.rehearsal().elapsed(secs(3630)), secs(30));
}

#[test]
fn a_section_tipping_over_flashes_and_rings_only_when_asked() {
    for bell in [false, true] {
        let options = Options {
            bell,
            ..Options::default()
        };
        let mut app = app_with(options, Vec::new());
        press(&mut app, Action::Next, secs(0));
        // The opening has 40 s; the loop is told to wake just past it.
        assert_eq!(
            app.next_frame(ms(39_500)),
            Some(secs(40)),
            "a second ticks first"
        );
        assert_eq!(app.next_frame(secs(40)), Some(ms(40_001)));
        let fx = app.update(Msg::Tick, ms(40_001));
        assert_eq!(fx.contains(&Effect::Bell), bell);
        let notice = app.notice.clone().expect("a notice");
        assert_eq!(notice.section, Some(0), "{notice:?}");
        assert_eq!(notice.text, "Opening is over its 0:40 budget");
        assert_eq!(app.rehearsal().section_pace(0, secs(41)), Pace::Over);
        app.update(Msg::Tick, secs(44));
        assert_eq!(app.notice, None, "a flash is short");
    }
}

#[test]
fn compare_cycles_through_what_history_offers() {
    let mut alone = app();
    press(&mut alone, Action::Compare, secs(0));
    assert!(
        alone
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("no finished runs")
    );
    assert_eq!(alone.basis(), Basis::Plan);

    let plan = plan();
    let mut last = Reference::plan(&plan);
    last.basis = Basis::LastRun;
    let mut median = Reference::plan(&plan);
    median.basis = Basis::Median { runs: 3 };
    let mut app = app_with(Options::default(), vec![last, median]);
    let mut seen = Vec::new();
    for i in 0..3 {
        press(&mut app, Action::Compare, secs(i));
        seen.push(app.basis());
    }
    assert_eq!(
        seen,
        [Basis::LastRun, Basis::Median { runs: 3 }, Basis::Plan]
    );
}

#[test]
fn a_failed_record_is_shown_and_the_clock_goes_on() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    app.update(Msg::RecordFailed("Permission denied".into()), secs(1));
    assert!(matches!(app.record(), Record::Failed { error, .. } if error == "Permission denied"));
    let fx = press(&mut app, Action::Next, secs(5));
    assert_eq!(recorded(&fx), vec![Event::Goto(1)]);
}

#[test]
fn undo_and_marks_apply_while_running() {
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    press(&mut app, Action::Next, secs(10));
    press(&mut app, Action::Mark, secs(11));
    press(&mut app, Action::Undo, secs(12));
    assert_eq!(app.rehearsal().current(), 0);
    assert_eq!(app.rehearsal().slide_spent(0, secs(12)), secs(12));
    assert!(app.rehearsal().is_marked(1));
}

#[test]
fn undo_with_nothing_to_take_back_says_so_and_records_nothing() {
    let mut app = app();
    // Before the clock starts, and once the one step there was has been taken back.
    let fx = press(&mut app, Action::Undo, secs(0));
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some("nothing to undo")
    );
    assert!(fx.is_empty(), "{fx:?}");
    press(&mut app, Action::Next, secs(1));
    press(&mut app, Action::Next, secs(5));
    press(&mut app, Action::Undo, secs(6));
    assert_eq!(app.rehearsal().current(), 0);
    let fx = press(&mut app, Action::Undo, secs(7));
    assert_eq!(
        app.notice.as_ref().map(|n| n.text.as_str()),
        Some("nothing to undo")
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Record(..))),
        "{fx:?}"
    );
}

#[test]
fn past_runs_arrive_after_the_first_frame_with_their_warning() {
    let mut app = app();
    let plan = plan();
    let mut last = Reference::plan(&plan);
    last.basis = Basis::LastRun;
    app.update(
        Msg::Past(Past {
            references: vec![last],
            notice: Some("history line 7: skipped: the line is cut short".into()),
        }),
        secs(0),
    );
    assert!(app.notice.as_ref().unwrap().text.contains("line 7"));
    press(&mut app, Action::Compare, secs(1));
    assert_eq!(app.basis(), Basis::LastRun);
}

#[test]
fn a_signal_before_the_start_ends_nothing() {
    let mut app = app();
    assert!(app.update(Msg::Stop(Stop::Terminate), secs(2)).is_empty());
    assert_eq!(app.exit(), Some(Exit::Stopped(Stop::Terminate)));
    assert_eq!(app.rehearsal().end(), None);
}

/// The press a real key event makes, through the key table.
fn typed(app: &mut App, c: char, at: Duration) -> Vec<Effect> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let press = crate::tui::keys::press(&event).expect("a press is a key");
    app.update(Msg::Key(press), at)
}

#[test]
fn any_key_closes_the_quit_question_and_only_yes_or_q_quits() {
    for (c, quits) in [
        ('n', false),
        ('x', false),
        ('m', false),
        ('y', true),
        ('q', true),
    ] {
        let mut app = app();
        press(&mut app, Action::Next, secs(0));
        typed(&mut app, 'q', secs(5));
        assert_eq!(app.overlay, Some(Overlay::ConfirmQuit), "{c}");
        let fx = typed(&mut app, c, secs(6));
        assert_eq!(app.overlay, None, "{c} closes the question");
        assert_eq!(app.exit().is_some(), quits, "{c}");
        let want = if quits {
            vec![Event::End(EndReason::Quit)]
        } else {
            Vec::new()
        };
        assert_eq!(recorded(&fx), want, "{c} acts only as yes or not at all");
        assert_eq!(app.rehearsal().marks().count(), 0, "{c} marks nothing");
    }
}

#[test]
fn any_key_closes_the_help_even_one_the_table_does_not_bind() {
    for c in ['x', 'n', 'm', 'q'] {
        let mut app = app();
        press(&mut app, Action::Next, secs(0));
        press(&mut app, Action::Help, secs(1));
        let fx = typed(&mut app, c, secs(2));
        assert_eq!(app.overlay, None, "{c} closes the help");
        assert!(fx.is_empty(), "{c} does nothing else");
        assert_eq!(app.exit(), None, "{c}");
    }
}

#[test]
fn a_key_held_past_the_repeat_delay_moves_twice_as_the_docs_say() {
    // X's default: the first repeat 660 ms after the press, then one every 40 ms (25/s).
    let mut app = app();
    press(&mut app, Action::Next, secs(0));
    let mut moved = recorded(&press(&mut app, Action::Next, secs(1))).len();
    for i in 0..20 {
        moved += recorded(&press(&mut app, Action::Next, secs(1) + ms(660 + 40 * i))).len();
    }
    assert_eq!(
        moved, 2,
        "the press and the first repeat; the stream after is one key held"
    );
    // A second deliberate press 120 ms after the first is taken for a bounce.
    press(&mut app, Action::Next, secs(5));
    assert_eq!(app.rehearsal().current(), 3);
    press(&mut app, Action::Next, secs(5) + ms(120));
    assert_eq!(app.rehearsal().current(), 3);
}
