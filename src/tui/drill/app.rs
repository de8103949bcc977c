//! The drill screen's model and its one `update`: messages and clock readings in, drill events
//! out.
//!
//! The Elm architecture, as for the rehearsal ([`crate::tui::app`]): the loop turns input into
//! a [`Msg`], [`App::update`] applies it to the [`Session`] at the drill-clock moment `now` and
//! returns the [`Effect`]s the shell carries out (record a step, suspend). No terminal, no
//! file, no clock: tests drive it with synthetic moments.

use std::time::Duration;

use super::keys::{Action, Press};
use crate::drill::{Event, Phase, Prompt, Session};
use crate::rehearsal::{EndReason, PauseReason};
use crate::tui::app::{Exit, Overlay, REPEAT_WINDOW, Record, Stop};
use crate::tui::clock::Stall;
use crate::tui::keys::Key;
use crate::tui::theme::Theme;

/// What the loop tells the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(Press),
    Tick,
    /// The process did not run for a while (stopped, or the machine slept).
    Stalled(Stall),
    /// Back from a Ctrl-Z suspend.
    Continued,
    Stop(Stop),
    /// The drills file could not be written; recording has stopped.
    RecordFailed(String),
}

/// What the shell must do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Append the step, applied at this drill-clock moment, to the drills file.
    Record(Event, Duration),
    /// Give the terminal back and stop the process until `fg`.
    Suspend,
}

/// Settings of the drill the model needs.
#[derive(Debug, Clone)]
pub struct Options {
    pub color: bool,
    /// The talk's `warn`: answers turn amber at this share of their budget.
    pub warn: f64,
    /// The talk's title, for the header.
    pub title: String,
    /// The seed the questions were chosen with, shown so a drill can be repeated.
    pub seed: u64,
}

/// The drill screen's model.
#[derive(Debug)]
pub struct App {
    session: Session,
    theme: Theme,
    options: Options,
    overlay: Option<Overlay>,
    record: Record,
    /// A word for the speaker (a key that does nothing here says why), until the next key.
    hint: Option<&'static str>,
    last_press: Option<(Key, Duration)>,
    suspended: bool,
    /// Whether any step was taken: before that, quitting has nothing to keep.
    begun: bool,
    exit: Option<Exit>,
}

impl App {
    pub fn new(prompts: Vec<Prompt>, options: Options, record: Record) -> Self {
        Self {
            session: Session::new(prompts),
            theme: Theme::new(options.color),
            options,
            overlay: None,
            record,
            hint: None,
            last_press: None,
            suspended: false,
            begun: false,
            exit: None,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn record(&self) -> &Record {
        &self.record
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn hint(&self) -> Option<&'static str> {
        self.hint
    }

    /// Set once the loop should end.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    /// The next drill-clock moment a shown figure changes: the answer clock's next second.
    pub fn next_frame(&self, now: Duration) -> Option<Duration> {
        if self.session.phase() != Phase::Answering || self.session.is_paused() {
            return None;
        }
        let took = self.session.took(now);
        let into = Duration::from_nanos(u64::from(took.subsec_nanos()));
        Some(now + Duration::from_secs(1).saturating_sub(into))
    }

    /// Applies a message at drill-clock moment `now`.
    pub fn update(&mut self, msg: Msg, now: Duration) -> Vec<Effect> {
        let mut fx = Vec::new();
        match msg {
            Msg::Key(press) => self.key(press, now, &mut fx),
            Msg::Tick => {}
            Msg::Stalled(stall) => {
                if self.session.phase() == Phase::Answering && !self.session.is_paused() {
                    self.apply(
                        Event::Pause(PauseReason::Suspend),
                        stall.since.min(now),
                        &mut fx,
                    );
                    self.apply(Event::Resume, now, &mut fx);
                }
            }
            Msg::Continued => {
                if std::mem::take(&mut self.suspended) {
                    self.apply(Event::Resume, now, &mut fx);
                }
            }
            Msg::Stop(stop) => self.stop(stop, now, &mut fx),
            Msg::RecordFailed(error) => {
                if let Record::On(path) | Record::Ready(path) = &self.record {
                    let path = path.clone();
                    self.record = Record::Failed { path, error };
                }
            }
        }
        fx
    }

    fn key(&mut self, press: Press, now: Duration, fx: &mut Vec<Effect>) {
        // A held key repeats: the same key again within the window is the key still down.
        let held = self
            .last_press
            .is_some_and(|(k, t)| k == press.key && now.saturating_sub(t) < REPEAT_WINDOW);
        self.last_press = Some((press.key, now));
        if held {
            return;
        }
        self.hint = None;
        let action = press.action;
        match action {
            Action::Interrupt => return self.stop(Stop::Interrupt, now, fx),
            Action::QuitNow => return self.stop(Stop::QuitSignal, now, fx),
            Action::Suspend => {
                if self.live() && !self.session.is_paused() && self.begun {
                    self.apply(Event::Pause(PauseReason::Suspend), now, fx);
                    self.suspended = true;
                }
                fx.push(Effect::Suspend);
                return;
            }
            _ => {}
        }
        match self.overlay.take() {
            // Only a deliberate yes quits; any other key (a clicker's next) keeps going.
            // The drill ends there, quit; the summary says what it got through and how many
            // questions it did not ask, and `q` leaves it.
            Some(Overlay::ConfirmQuit) => {
                if matches!(action, Action::Quit | Action::Confirm) {
                    self.apply(Event::End(EndReason::Quit), now, fx);
                }
                return;
            }
            Some(Overlay::Help) => return,
            None => {}
        }
        let phase = self.session.phase();
        let paused = self.session.is_paused();
        let event = match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                None
            }
            Action::Quit if self.live() && self.begun => {
                self.overlay = Some(Overlay::ConfirmQuit);
                None
            }
            // Every question dealt with: leaving the summary ends the drill, complete.
            Action::Quit if self.session.end().is_none() && self.begun => {
                self.exit = Some(Exit::Quit);
                Some(Event::End(EndReason::Finished))
            }
            Action::Quit => {
                self.exit = Some(Exit::Quit);
                None
            }
            // On the summary too, the last rating can still be taken back.
            Action::Undo if self.session.can_undo() => Some(Event::Undo),
            Action::Undo => {
                self.hint = Some("nothing to undo");
                None
            }
            _ if !self.live() => None,
            Action::Pause if paused => Some(Event::Resume),
            // The answer clock is not running: a pause would stop nothing, and must not begin
            // the drill (nor, through the undo, start or stop a clock).
            Action::Pause if phase == Phase::Asking => {
                self.hint = Some("nothing to pause: the answer clock starts with Space");
                None
            }
            Action::Pause => Some(Event::Pause(PauseReason::Speaker)),
            _ if paused => {
                self.hint = Some("paused: b resumes");
                None
            }
            Action::Next if phase == Phase::Asking => Some(Event::Start),
            Action::Next if phase == Phase::Answering => Some(Event::Stop),
            Action::Next | Action::Rate(_) if phase != Phase::Reviewing => {
                self.hint = Some("answer first: Space starts the clock");
                None
            }
            Action::Next => {
                self.hint = Some("rate it: 1 missed, 2 shaky, 3 good");
                None
            }
            Action::Rate(rating) => Some(Event::Rate(rating)),
            Action::Skip => Some(Event::Skip),
            _ => None,
        };
        if let Some(event) = event {
            self.apply(event, now, fx);
        }
    }

    /// Whether the drill is still going (not ended, questions left).
    fn live(&self) -> bool {
        !self.session.is_over()
    }

    fn stop(&mut self, stop: Stop, now: Duration, fx: &mut Vec<Effect>) {
        if self.live() && self.begun {
            self.apply(Event::End(stop.reason()), now, fx);
            self.exit = Some(Exit::Stopped(stop));
        } else if self.session.is_over() && self.begun {
            // The summary was up: every question dealt with, the drill complete; this is
            // just the way out.
            self.apply(Event::End(EndReason::Finished), now, fx);
            self.exit = Some(Exit::Quit);
        } else {
            self.exit = Some(Exit::Stopped(stop));
        }
    }

    fn apply(&mut self, event: Event, at: Duration, fx: &mut Vec<Effect>) {
        if !self.session.apply(&event, at) {
            return;
        }
        // Ending a drill nothing happened in records nothing.
        if matches!(event, Event::End(_)) && !self.begun {
            return;
        }
        self.begun = true;
        if let Record::Ready(path) = &self.record {
            self.record = Record::On(path.clone());
        }
        fx.push(Effect::Record(event, at));
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::drill::Rating;
    use crate::tui::drill::keys::BINDINGS;

    pub fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    pub fn app() -> App {
        let prompts = ["Why LoRA?", "Which layers?"]
            .iter()
            .enumerate()
            .map(|(i, ask)| Prompt {
                id: format!("q/{i}"),
                ask: (*ask).to_owned(),
                answer: "Rank 4 on q, k, v, out.".into(),
                budget: secs(30),
            })
            .collect();
        let options = Options {
            color: false,
            warn: 0.8,
            title: "T".into(),
            seed: 7,
        };
        App::new(
            prompts,
            options,
            Record::Ready(PathBuf::from("t.drills.jsonl")),
        )
    }

    pub fn press(app: &mut App, action: Action, at: Duration) -> Vec<Effect> {
        let binding = BINDINGS.iter().find(|b| b.action == action).unwrap();
        let press = Press {
            key: binding.keys[0],
            action,
        };
        app.update(Msg::Key(press), at)
    }

    fn recorded(fx: &[Effect]) -> Vec<Event> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::Record(event, _) => Some(*event),
                Effect::Suspend => None,
            })
            .collect()
    }

    #[test]
    fn next_starts_and_ends_an_answer_and_a_key_rates_it() {
        let mut app = app();
        assert_eq!(
            recorded(&press(&mut app, Action::Rate(Rating::Good), secs(1))),
            []
        );
        assert_eq!(app.hint(), Some("answer first: Space starts the clock"));
        assert_eq!(
            recorded(&press(&mut app, Action::Next, secs(2))),
            [Event::Start]
        );
        assert_eq!(app.record(), &Record::On(PathBuf::from("t.drills.jsonl")));
        assert_eq!(
            app.next_frame(secs(2) + Duration::from_millis(300)),
            Some(secs(3))
        );
        assert_eq!(
            recorded(&press(&mut app, Action::Next, secs(20))),
            [Event::Stop]
        );
        assert_eq!(
            app.next_frame(secs(21)),
            None,
            "a frozen clock needs no frames"
        );
        press(&mut app, Action::Next, secs(21));
        assert_eq!(app.hint(), Some("rate it: 1 missed, 2 shaky, 3 good"));
        press(&mut app, Action::Rate(Rating::Shaky), secs(22));
        press(&mut app, Action::Next, secs(23));
        press(&mut app, Action::Next, secs(24));
        let fx = press(&mut app, Action::Rate(Rating::Missed), secs(25));
        assert_eq!(recorded(&fx), [Event::Rate(Rating::Missed)]);
        assert!(app.session().is_over(), "the summary is up");
        // The wrong key on the last question: taken back from the summary.
        assert_eq!(
            recorded(&press(&mut app, Action::Undo, secs(26))),
            [Event::Undo]
        );
        assert_eq!(app.session().phase(), Phase::Reviewing);
        press(&mut app, Action::Rate(Rating::Good), secs(27));
        assert_eq!(app.exit(), None, "the summary stays up");
        let fx = press(&mut app, Action::Quit, secs(28));
        assert_eq!(
            recorded(&fx),
            [Event::End(EndReason::Finished)],
            "leaving the summary ends the drill, complete, with no confirm"
        );
        assert_eq!(app.exit(), Some(Exit::Quit));
        assert_eq!(app.session().answers()[1].rating, Some(Rating::Good));
    }

    #[test]
    fn quitting_asks_first_once_begun_and_a_held_key_counts_once() {
        let mut app = app();
        press(&mut app, Action::Next, secs(1));
        press(&mut app, Action::Next, secs(1) + Duration::from_millis(50));
        assert_eq!(
            app.session().phase(),
            Phase::Answering,
            "held, not clicked twice"
        );
        press(&mut app, Action::Quit, secs(3));
        assert_eq!(app.overlay(), Some(Overlay::ConfirmQuit));
        press(&mut app, Action::Next, secs(4));
        assert_eq!(app.exit(), None, "any other key goes on");
        press(&mut app, Action::Quit, secs(5));
        let fx = press(&mut app, Action::Confirm, secs(6));
        assert_eq!(recorded(&fx), [Event::End(EndReason::Quit)]);
        assert_eq!(app.exit(), None, "the summary of the drill quit comes up");
        assert!(app.session().is_over());
        assert_eq!(
            app.session().not_asked(2),
            2,
            "the first cut off, the second not shown"
        );
        press(&mut app, Action::Undo, secs(7));
        assert_eq!(
            app.hint(),
            Some("nothing to undo"),
            "a quit is not taken back"
        );
        let fx = press(&mut app, Action::Quit, secs(8));
        assert!(recorded(&fx).is_empty(), "ended once");
        assert_eq!(app.exit(), Some(Exit::Quit));

        // Nothing begun: q leaves at once and records nothing.
        let mut app = self::app();
        assert!(recorded(&press(&mut app, Action::Quit, secs(1))).is_empty());
        assert_eq!(app.exit(), Some(Exit::Quit));
    }

    #[test]
    fn pause_holds_the_steps_and_undo_works_through_it() {
        let mut app = app();
        press(&mut app, Action::Next, secs(0));
        press(&mut app, Action::Pause, secs(5));
        press(&mut app, Action::Next, secs(6));
        assert_eq!(app.hint(), Some("paused: b resumes"));
        assert_eq!(app.session().phase(), Phase::Answering);
        assert_eq!(app.next_frame(secs(7)), None, "paused: no ticking");
        press(&mut app, Action::Pause, secs(10));
        press(&mut app, Action::Next, secs(12));
        assert_eq!(app.session().took(secs(12)), secs(7));
        let fx = press(&mut app, Action::Undo, secs(13));
        assert_eq!(recorded(&fx), [Event::Undo]);
        assert_eq!(app.session().phase(), Phase::Answering);
    }

    #[test]
    fn pause_before_the_answer_has_started_pauses_nothing_and_records_nothing() {
        let mut app = app();
        assert!(recorded(&press(&mut app, Action::Pause, secs(1))).is_empty());
        assert_eq!(
            app.hint(),
            Some("nothing to pause: the answer clock starts with Space")
        );
        assert!(!app.session().is_paused());
        assert_eq!(app.session().phase(), Phase::Asking);
        assert_eq!(
            app.record(),
            &Record::Ready(PathBuf::from("t.drills.jsonl")),
            "no drill begun"
        );
        press(&mut app, Action::Next, secs(3));
        assert_eq!(
            app.session().took(secs(5)),
            secs(2),
            "started by Space only"
        );
        press(&mut app, Action::Next, secs(6));
        press(&mut app, Action::Rate(Rating::Good), secs(7));
        // The next question too: read with the clock stopped, nothing to pause.
        assert!(recorded(&press(&mut app, Action::Pause, secs(8))).is_empty());
        assert!(!app.session().is_paused());
        // Nothing begun: q leaves at once.
        let mut app = self::app();
        press(&mut app, Action::Pause, secs(1));
        press(&mut app, Action::Quit, secs(2));
        assert_eq!(app.exit(), Some(Exit::Quit));
        assert_eq!(app.overlay(), None);
    }

    #[test]
    fn undo_with_nothing_to_undo_says_so() {
        let mut app = app();
        assert!(recorded(&press(&mut app, Action::Undo, secs(1))).is_empty());
        assert_eq!(app.hint(), Some("nothing to undo"));
        press(&mut app, Action::Next, secs(2));
        assert_eq!(app.hint(), None, "the next key clears it");
        press(&mut app, Action::Undo, secs(3));
        assert_eq!(app.hint(), None, "the start was taken back");
        press(&mut app, Action::Undo, secs(4));
        assert_eq!(app.hint(), Some("nothing to undo"));
    }

    /// The drill in each stage, by the steps that lead there (a second apart).
    fn stages() -> Vec<(&'static str, Vec<Action>)> {
        use Action::{Confirm, Next, Pause, Quit, Rate, Skip};
        vec![
            ("first question", vec![]),
            ("second question", vec![Next, Next, Rate(Rating::Good)]),
            ("answering", vec![Next]),
            ("reviewing", vec![Next, Next]),
            ("paused answering", vec![Next, Pause]),
            ("paused reviewing", vec![Next, Next, Pause]),
            ("summary", vec![Skip, Skip]),
            ("summary of a quit", vec![Next, Quit, Confirm]),
        ]
    }

    fn reach(steps: &[Action]) -> App {
        let mut app = app();
        for (s, action) in (1..).zip(steps) {
            press(&mut app, *action, secs(s));
        }
        app
    }

    /// What a key can change: where the drill stands, its overlay, whether it ends.
    fn standing(app: &App) -> String {
        let s = app.session();
        format!(
            "{:?}",
            (
                s.phase(),
                s.index(),
                s.is_paused(),
                s.answers().len(),
                s.skipped().len(),
                s.end().is_some(),
                app.overlay(),
                app.exit(),
            )
        )
    }

    /// Each stage's footer shows exactly the keys that do something there (a word in the hint
    /// line is not doing something), so it never offers a key that does nothing.
    #[test]
    fn every_stage_shows_the_keys_that_do_something_there_and_no_other() {
        use crate::drill::Rating::{Good, Missed, Shaky};
        use crate::tui::drill::keys::{Stage, footer};
        let actions = [
            Action::Next,
            Action::Rate(Missed),
            Action::Rate(Shaky),
            Action::Rate(Good),
            Action::Skip,
            Action::Pause,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ];
        for (name, steps) in stages() {
            let app = reach(&steps);
            let footer = footer(Stage::of(app.session()), app.session().can_undo());
            let shown: Vec<Action> = footer.iter().map(|(a, ..)| *a).collect();
            for action in actions {
                let mut pressed = reach(&steps);
                let before = standing(&pressed);
                press(&mut pressed, action, secs(100));
                let did = standing(&pressed) != before;
                let in_footer = match action {
                    Action::Rate(_) => shown.contains(&Action::Rate(Missed)),
                    _ => shown.contains(&action),
                };
                assert_eq!(in_footer, did, "{name}: {action:?} (footer {footer:?})");
            }
        }
    }

    #[test]
    fn signals_end_a_begun_drill_and_a_stall_is_a_pause() {
        let mut app = app();
        press(&mut app, Action::Next, secs(0));
        let stall = Stall { since: secs(10) };
        let fx = app.update(Msg::Stalled(stall), secs(11));
        assert_eq!(
            recorded(&fx),
            [Event::Pause(PauseReason::Suspend), Event::Resume]
        );
        assert_eq!(app.session().took(secs(12)), secs(11));
        let fx = app.update(Msg::Stop(Stop::Hangup), secs(13));
        assert_eq!(recorded(&fx), [Event::End(EndReason::Hangup)]);
        assert_eq!(app.exit(), Some(Exit::Stopped(Stop::Hangup)));

        let mut app = self::app();
        assert!(app.update(Msg::Stop(Stop::Terminate), secs(1)).is_empty());
        assert_eq!(app.exit(), Some(Exit::Stopped(Stop::Terminate)));

        // A signal on the summary: the drill was complete, and is recorded so.
        let mut app = self::app();
        press(&mut app, Action::Skip, secs(1));
        press(&mut app, Action::Skip, secs(2));
        let fx = app.update(Msg::Stop(Stop::Hangup), secs(3));
        assert_eq!(recorded(&fx), [Event::End(EndReason::Finished)]);
        assert_eq!(app.exit(), Some(Exit::Quit));
    }
}
