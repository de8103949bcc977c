//! The drill screen: the loop that owns the terminal while the questions are asked, and its
//! model, key table and view.
//!
//! The same shell as the rehearsal's ([`crate::tui::run`]): one thread reads the clock once per
//! turn, turns input into messages for [`app::App::update`], records the steps it returns and
//! draws; it sleeps until input, a signal or the answer clock's next second, and not at all
//! otherwise. The terminal ([`super::terminal::Screen`]), signals, the wait and the stall check
//! are the rehearsal's, so the terminal is restored on every way out: quit, error, panic,
//! SIGTERM, SIGHUP, a closed terminal. Every step is in the drills file before the next key
//! is read ([`crate::drill::Journal`]).

pub mod app;
pub mod keys;
#[cfg(test)]
mod tests;
pub mod view;

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent};

use app::{App, Effect, Msg};
use view::View;

use super::app::{Exit, Stop};
use super::clock::{self, Reading};
use super::recorder::Recorder;
use super::signals::Signals;
use super::terminal::Screen;
use super::wait::{Waiter, Woke};
use crate::drill::Journal;

/// The most terminal events handled in one turn: a paste or a held key cannot hold the clock.
const EVENTS_PER_TURN: usize = 64;

/// What the stall check assumes the loop waited when it waited for no set time.
const ENDLESS: Duration = Duration::from_secs(365 * 24 * 3600);

/// Where to record the drill.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    pub seed: u64,
}

/// How a drill ended, for the line printed once the screen is gone.
#[derive(Debug)]
pub struct Outcome {
    pub exit: Exit,
    pub app: App,
    /// Drill-clock moment the loop ended.
    pub at: Duration,
}

/// Runs the drill screen until the speaker quits or a signal ends it. Errors are the terminal
/// failing to start; once running, a dead terminal ends the drill as a hangup instead.
pub fn run(app: App, target: Option<Target>) -> io::Result<Outcome> {
    let origin = Instant::now();
    // The signal watcher's last resort writes a rehearsal's end; a drill has none to write (an
    // unended drill reads back as cut short, every answer kept), so it gets an empty one.
    let signals = Signals::install(Recorder::new(None, origin))?;
    let waiter = Waiter::new()?;
    let mut shell = Shell {
        app,
        screen: Screen::enter()?,
        target,
        journal: None,
        started: Duration::ZERO,
        origin,
        redraw: true,
        due: None,
        suspended: false,
    };
    let at = shell.run(&signals, &waiter);
    let Shell { app, screen, .. } = shell;
    drop(screen);
    Ok(Outcome {
        exit: app.exit().unwrap_or(Exit::Quit),
        app,
        at,
    })
}

struct Shell {
    app: App,
    screen: Screen,
    /// What the first step opens; `None` once open, or when recording is off.
    target: Option<Target>,
    journal: Option<Journal>,
    /// Drill-clock moment of the first step: the journal's zero.
    started: Duration,
    origin: Instant,
    redraw: bool,
    due: Option<Duration>,
    suspended: bool,
}

impl Shell {
    fn read_clock(&self) -> Reading {
        Reading {
            mono: self.origin.elapsed(),
            wall: jiff::Timestamp::now(),
        }
    }

    /// Turns until the drill ends; the order of a turn's steps is the rehearsal's, and for the
    /// same reasons ([`crate::tui`]): one clock reading per turn, stalls booked as pauses
    /// before any key, signals before keys, no frame drawn on the way out, and the wait's
    /// timeout the next moment the answer clock shows a new second.
    fn run(&mut self, signals: &Signals, sleeper: &Waiter) -> Duration {
        let mut before = self.read_clock();
        let mut waited = Duration::ZERO;
        let mut woke = Woke::default();
        let mut more = false;
        loop {
            let now = self.read_clock();
            let at = now.mono;
            if signals.continued() && !self.suspended {
                self.take_back(at);
            }
            if let Some(stall) = clock::stall(before, now, waited) {
                self.feed(Msg::Stalled(stall), at);
            }
            if std::mem::take(&mut self.suspended) {
                self.feed(Msg::Continued, at);
            }
            if let Some(stop) = signals.stop() {
                self.feed(Msg::Stop(stop), at);
            }
            if woke.hung_up {
                self.feed(Msg::Stop(Stop::Hangup), at);
            }
            if signals.resized() {
                self.fit(at);
            }
            if (woke.input || woke.signal || more) && self.app.exit().is_none() {
                more = self.input(sleeper, at);
            }
            self.feed(Msg::Tick, at);
            if self.app.exit().is_some() {
                return at;
            }
            if self.redraw || self.due.is_some_and(|due| at >= due) {
                let view = View {
                    app: &self.app,
                    now: at,
                };
                let drawn = self
                    .screen
                    .terminal()
                    .draw(|frame| frame.render_widget(&view, frame.area()));
                if drawn.is_err() {
                    self.feed(Msg::Stop(Stop::Hangup), at);
                    return at;
                }
                self.redraw = false;
            }
            self.due = self.app.next_frame(at);
            let timeout = if more {
                Some(Duration::ZERO)
            } else {
                self.due.map(|due| due.saturating_sub(at))
            };
            waited = timeout.unwrap_or(ENDLESS);
            before = now;
            woke = sleeper.wait(signals, timeout).unwrap_or(Woke {
                hung_up: true,
                ..Woke::default()
            });
        }
    }

    /// Handles the terminal's events, as many as are there (up to [`EVENTS_PER_TURN`]); true
    /// when there may be more. crossterm is never asked once the terminal hung up.
    fn input(&mut self, waiter: &Waiter, at: Duration) -> bool {
        for _ in 0..EVENTS_PER_TURN {
            if waiter.hung_up() {
                self.feed(Msg::Stop(Stop::Hangup), at);
                return false;
            }
            match event::poll(Duration::ZERO) {
                Ok(true) => self.event(at),
                Ok(false) => return false,
                Err(_) => {
                    self.feed(Msg::Stop(Stop::Hangup), at);
                    return false;
                }
            }
            if self.app.exit().is_some() {
                return false;
            }
            // Back from a Ctrl-Z stop: the drill resumes first, next turn, so that a key typed
            // meanwhile is not read as one pressed while paused.
            if self.suspended {
                return true;
            }
        }
        true
    }

    fn event(&mut self, at: Duration) {
        match event::read() {
            Ok(TermEvent::Key(key)) => {
                if let Some(press) = keys::press(&key) {
                    self.feed(Msg::Key(press), at);
                }
            }
            Ok(TermEvent::Resize(width, height)) => self.resize(width, height, at),
            Ok(_) => {}
            Err(_) => self.feed(Msg::Stop(Stop::Hangup), at),
        }
    }

    fn fit(&mut self, at: Duration) {
        match crossterm::terminal::size() {
            Ok((width, height)) => self.resize(width, height, at),
            Err(_) => self.feed(Msg::Stop(Stop::Hangup), at),
        }
    }

    fn resize(&mut self, width: u16, height: u16, at: Duration) {
        match self.screen.resize(width, height) {
            Ok(true) => self.redraw = true,
            Ok(false) => {}
            Err(_) => self.feed(Msg::Stop(Stop::Hangup), at),
        }
    }

    /// Updates the model and carries out what it asks.
    fn feed(&mut self, msg: Msg, at: Duration) {
        #[cfg(debug_assertions)]
        debug_panic(&msg);
        self.redraw |= msg != Msg::Tick;
        for effect in self.app.update(msg, at) {
            match effect {
                Effect::Record(event, when) => {
                    if let Err(error) = self.record(event, when) {
                        self.journal = None;
                        self.feed(Msg::RecordFailed(error.to_string()), at);
                    }
                }
                Effect::Suspend => self.suspend(at),
            }
        }
    }

    /// Writes a step; the first opens the drills file (its folder created if need be).
    fn record(&mut self, event: crate::drill::Event, at: Duration) -> io::Result<()> {
        if let Some(target) = self.target.take() {
            let session = self.app.session();
            self.journal = Some(Journal::begin(
                &target.path,
                session.prompts(),
                target.seed,
                jiff::Timestamp::now(),
            )?);
            self.started = at;
        }
        let t = at.saturating_sub(self.started);
        match self.journal.as_mut() {
            Some(journal) => journal.record(&event, t, self.app.session()),
            None => Ok(()),
        }
    }

    #[cfg(unix)]
    fn suspend(&mut self, at: Duration) {
        let _ = self.screen.leave();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        self.take_back(at);
        self.suspended = true;
    }

    #[cfg(not(unix))]
    fn suspend(&mut self, _at: Duration) {
        self.suspended = true;
    }

    fn take_back(&mut self, at: Duration) {
        if self.screen.take_back().is_err() {
            self.feed(Msg::Stop(Stop::Hangup), at);
        }
        self.redraw = true;
    }
}

/// Debug builds only: `PACER_DEBUG_PANIC=1` panics at the first key press, as on the rehearsal
/// screen, so that a test can watch the panic path of the real binary restore the terminal.
#[cfg(debug_assertions)]
fn debug_panic(msg: &Msg) {
    let asked = std::env::var_os("PACER_DEBUG_PANIC").is_some_and(|v| v == "1");
    assert!(
        !(asked && matches!(msg, Msg::Key(_))),
        "PACER_DEBUG_PANIC asked for a panic at the first key"
    );
}
