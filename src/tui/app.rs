//! The model and its one `update`: messages and clock readings in, rehearsal events out.
//!
//! The Elm architecture: the loop turns terminal input into a [`Msg`], [`App::update`] applies
//! it to the rehearsal at the run-clock moment `now` and returns the [`Effect`]s the shell must
//! carry out (record an event, ring the bell, suspend). No terminal, no file, no clock here:
//! tests drive it with synthetic moments.

mod figures;
mod msg;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::keys::{Action, Key, Press};
use super::theme::Theme;
use crate::plan::Plan;
use crate::rehearsal::{Basis, EndReason, Event, PauseReason, Phase, Reference, Rehearsal};
use crate::timefmt::clock;

pub use msg::{Effect, Exit, Msg, Past, Stop};

/// The same key again sooner than this is the keyboard's auto-repeat, not a click.
pub const REPEAT_WINDOW: Duration = Duration::from_millis(150);
/// How long a notice (a section tipping over, the comparison changing) stays up.
pub const NOTICE_FOR: Duration = Duration::from_secs(3);

/// A screen on top of the rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
}

/// Where the run is recorded, as the screen reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// Nothing is written, and why.
    Off(String),
    /// The history at this path opens with the first key.
    Ready(PathBuf),
    On(PathBuf),
    /// Writing failed: recording stopped, the timer goes on.
    Failed {
        path: PathBuf,
        error: String,
    },
}

/// A message that stays up for a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// The section that just tipped over (an alarm), or none (information).
    pub section: Option<usize>,
    pub until: Duration,
}

/// Settings of the run that the model needs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub color: bool,
    /// Ring the bell when a section tips over.
    pub bell: bool,
    /// The section rehearsed alone (`--section`).
    pub scope: Option<String>,
}

/// The rehearsal screen's model.
#[derive(Debug)]
pub struct App {
    run: Rehearsal,
    theme: Theme,
    options: Options,
    overlay: Option<Overlay>,
    /// The plan first, then what past runs offer; `c` cycles through them.
    references: Vec<Reference>,
    compare: usize,
    record: Record,
    notice: Option<Notice>,
    last_press: Option<(Key, Duration)>,
    /// Paused by Ctrl-Z: resume on return.
    suspended: bool,
    exit: Option<Exit>,
}

impl App {
    /// A run of `plan` ready on slide `from`, compared with the plan until past runs arrive
    /// ([`Msg::Past`]).
    pub fn new(plan: Arc<Plan>, from: usize, options: Options, record: Record) -> Self {
        let references = vec![Reference::plan(&plan)];
        Self {
            run: Rehearsal::starting_at(plan, from),
            theme: Theme::new(options.color),
            options,
            overlay: None,
            references,
            compare: 0,
            record,
            notice: None,
            last_press: None,
            suspended: false,
            exit: None,
        }
    }

    pub fn rehearsal(&self) -> &Rehearsal {
        &self.run
    }

    pub fn record(&self) -> &Record {
        &self.record
    }

    /// Set once the loop should end.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    /// Applies a message at run-clock moment `now`.
    pub fn update(&mut self, msg: Msg, now: Duration) -> Vec<Effect> {
        let mut fx = Vec::new();
        self.observe(now, &mut fx);
        match msg {
            Msg::Key(press) => self.key(press, now, &mut fx),
            Msg::Tick => {}
            Msg::Stalled(stall) => {
                if self.run.phase() == Phase::Running {
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
            Msg::Past(past) => {
                self.references.truncate(1);
                self.references.extend(past.references);
                if let Some(text) = past.notice {
                    self.notice = Some(Notice {
                        text,
                        section: None,
                        until: now + NOTICE_FOR * 2,
                    });
                }
            }
            Msg::RecordFailed(error) => {
                if let Record::On(path) | Record::Ready(path) = &self.record {
                    let path = path.clone();
                    self.record = Record::Failed { path, error };
                }
            }
        }
        // An undo can move time into another section: look again.
        self.observe(now, &mut fx);
        if self.notice.as_ref().is_some_and(|n| now >= n.until) {
            self.notice = None;
        }
        fx
    }

    fn key(&mut self, press: Press, now: Duration, fx: &mut Vec<Effect>) {
        // Auto-repeat of a held key arrives as presses: the same key again within the window
        // is the key still down (measured from the last press seen, not the last taken).
        let held = self
            .last_press
            .is_some_and(|(k, t)| k == press.key && now.saturating_sub(t) < REPEAT_WINDOW);
        self.last_press = Some((press.key, now));
        if held {
            return;
        }
        let action = press.action;
        match action {
            Action::Interrupt => return self.stop(Stop::Interrupt, now, fx),
            Action::QuitNow => return self.stop(Stop::QuitSignal, now, fx),
            Action::Suspend => {
                if self.run.phase() == Phase::Running {
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
            Some(Overlay::ConfirmQuit) => {
                if matches!(action, Action::Quit | Action::Confirm) {
                    self.apply(Event::End(EndReason::Quit), now, fx);
                    self.exit = Some(Exit::Quit);
                }
                return;
            }
            Some(Overlay::Help) => return,
            None => {}
        }
        let phase = self.run.phase();
        let live = matches!(phase, Phase::Running | Phase::Paused);
        let current = self.run.current();
        let last = self.run.plan().slides.len().saturating_sub(1);
        let event = match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                None
            }
            Action::Compare => {
                self.cycle_compare(now);
                None
            }
            Action::Quit if live => {
                self.overlay = Some(Overlay::ConfirmQuit);
                None
            }
            Action::Quit => {
                self.exit = Some(Exit::Quit);
                None
            }
            Action::Next | Action::Start | Action::StartStop if phase == Phase::Ready => {
                Some(Event::Start)
            }
            Action::Pause | Action::StartStop if phase == Phase::Running => {
                Some(Event::Pause(PauseReason::Speaker))
            }
            Action::Pause | Action::StartStop if phase == Phase::Paused => Some(Event::Resume),
            // Leaving the last slide ends the run.
            Action::Next if live && current >= last => Some(Event::End(EndReason::Finished)),
            Action::Next if live => Some(Event::Goto(current + 1)),
            Action::Prev if live && current > 0 => Some(Event::Goto(current - 1)),
            Action::First if live => Some(Event::Goto(self.run.from())),
            Action::Last if live => Some(Event::Goto(last)),
            Action::Undo if live => Some(Event::Undo),
            Action::Undo => {
                self.nothing_to_undo(now);
                None
            }
            Action::Mark if live => Some(Event::Mark(current)),
            _ => None,
        };
        if let Some(event) = event {
            self.apply(event, now, fx);
        }
    }

    fn stop(&mut self, stop: Stop, now: Duration, fx: &mut Vec<Effect>) {
        match self.run.phase() {
            // Over already: the summary was up, this is just the way out.
            Phase::Finished => self.exit = Some(Exit::Quit),
            // Nothing started, nothing to end.
            Phase::Ready => self.exit = Some(Exit::Stopped(stop)),
            Phase::Running | Phase::Paused => {
                self.apply(Event::End(stop.reason()), now, fx);
                self.exit = Some(Exit::Stopped(stop));
            }
        }
    }

    fn cycle_compare(&mut self, now: Duration) {
        let text = if self.references.len() < 2 {
            "no finished runs recorded yet: pacing against the plan".to_owned()
        } else {
            self.compare = (self.compare + 1) % self.references.len();
            format!("pacing against {}", basis_name(self.basis()))
        };
        self.notice = Some(Notice {
            text,
            section: None,
            until: now + NOTICE_FOR,
        });
    }

    fn basis(&self) -> Basis {
        self.references[self.compare].basis
    }

    /// A key that does nothing says so, so that the speaker does not press it again and wonder.
    fn nothing_to_undo(&mut self, now: Duration) {
        self.notice = Some(Notice {
            text: "nothing to undo".to_owned(),
            section: None,
            until: now + NOTICE_FOR,
        });
    }

    fn apply(&mut self, event: Event, at: Duration, fx: &mut Vec<Effect>) {
        if !self.run.apply(&event, at) {
            if matches!(event, Event::Undo) {
                self.nothing_to_undo(at);
            }
            return;
        }
        if let (Event::Start, Record::Ready(path)) = (event, &self.record) {
            self.record = Record::On(path.clone());
        }
        fx.push(Effect::Record(event, at));
    }

    /// Raises the flag of every section that tipped over, with a notice and maybe the bell.
    fn observe(&mut self, now: Duration, fx: &mut Vec<Effect>) {
        for s in self.run.observe(now) {
            let section = &self.run.plan().sections[s];
            self.notice = Some(Notice {
                text: format!(
                    "{} is over its {} budget",
                    section.title,
                    clock(section.budget)
                ),
                section: Some(s),
                until: now + NOTICE_FOR,
            });
            if self.options.bell {
                fx.push(Effect::Bell);
            }
        }
    }
}

/// How the screen names a comparison basis.
pub fn basis_name(basis: Basis) -> String {
    match basis {
        Basis::Plan => "the plan".into(),
        Basis::LastRun => "the last run".into(),
        Basis::Median { runs } => format!("the median of {runs} runs"),
    }
}

#[cfg(test)]
mod tests;
