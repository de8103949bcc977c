//! The rehearsal screen: the loop that owns the terminal, and its modules.
//!
//! One thread runs everything the speaker sees: it reads the clock once per turn, turns input
//! into messages for [`app::App::update`], carries out the effects (record, bell, suspend) and
//! draws. It sleeps in `event::poll` until the next moment a shown figure changes (at most a
//! quarter second, to look at signals): no busy loop, no async runtime. A second thread only
//! waits for signals ([`signals`]).

pub mod app;
pub mod clock;
pub mod keys;
pub mod recorder;
pub mod signals;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme;
pub mod view;

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent};
use jiff::tz::TimeZone;

use app::{App, Effect, Exit, Msg, Past, Stop};
use clock::Reading;
use recorder::{Recorder, Target};
use signals::Signals;
use terminal::Screen;

/// The longest the loop sleeps: signals are noticed within this.
pub const MAX_WAIT: Duration = Duration::from_millis(250);

/// How a rehearsal ended, for the line printed once the screen is gone.
#[derive(Debug)]
pub struct Outcome {
    pub exit: Exit,
    pub app: App,
    /// Run-clock moment the loop ended.
    pub at: Duration,
}

/// Runs the rehearsal screen until the speaker quits or a signal ends it.
///
/// `target` is where to record (`None`: nowhere); `past` reads what recorded runs offer to
/// compare with, once the first frame is up. Errors are the terminal failing to start; once
/// running, a dead terminal ends the run as a hangup instead.
pub fn run(app: App, target: Option<Target>, past: impl FnOnce() -> Past) -> io::Result<Outcome> {
    let origin = Instant::now();
    let recorder = Recorder::new(target, origin);
    let signals = Signals::install(recorder.clone())?;
    let mut shell = Shell {
        app,
        screen: Screen::enter()?,
        recorder,
        origin,
        redraw: true,
        due: None,
        suspended: false,
    };
    let at = shell.run(&signals, past);
    let Shell { app, screen, .. } = shell;
    // Restore before the watcher hears the loop is done, so it never touches the terminal.
    drop(screen);
    drop(signals);
    Ok(Outcome {
        exit: app.exit().unwrap_or(Exit::Quit),
        app,
        at,
    })
}

struct Shell {
    app: App,
    screen: Screen,
    recorder: Recorder,
    /// The run clock's zero.
    origin: Instant,
    redraw: bool,
    /// Next run-clock moment a shown figure changes.
    due: Option<Duration>,
    /// Back from a Ctrl-Z stop: the next turn resumes the run.
    suspended: bool,
}

impl Shell {
    fn read_clock(&self) -> Reading {
        Reading {
            mono: self.origin.elapsed(),
            wall: jiff::Timestamp::now(),
        }
    }

    /// Turns until the run ends; returns the run-clock moment it did.
    ///
    /// Why the steps of a turn come in this order: the clock is read once, and every step of
    /// the turn uses that one reading, so the screen, the journal and the state machine agree
    /// on when things happened. The terminal is taken back after a `fg` before anything can
    /// draw on it. A stall (the process stopped, the laptop asleep) is booked as a pause from
    /// the moment it began before any key or tick runs, or the lost minutes would count as talk
    /// time on the current slide. The end of a Ctrl-Z stop and signals (SIGTERM, SIGHUP) come
    /// before keys: a run a signal ends stops at this reading, and a key typed into a dying
    /// terminal changes nothing. Then the key that the previous turn's `poll` announced (read
    /// only once announced, so the read never blocks), then the tick, which raises a section's
    /// flag the moment it tips over, after the key so the flag lands on the slide now shown.
    /// An exit returns before drawing, so no stale frame flashes on the way out. Drawing
    /// happens only when something changed or a shown second is due, and the slow start-up
    /// work (the time zone, the past runs) waits until the first frame is on screen. Last, the
    /// wait until the next due moment becomes the poll's timeout (no busy loop), and is kept
    /// with this reading so that the next turn can tell a chosen wait from a stall.
    fn run(&mut self, signals: &Signals, past: impl FnOnce() -> Past) -> Duration {
        // Start-up work the first frame does not need waits until it is on screen: the past
        // runs (a long history takes a while to read), the time zone (finding it can walk the
        // whole tz database; the first frame is the ready screen, which shows no time of day).
        let mut past = Some(past);
        let mut tz: Option<TimeZone> = None;
        let mut before = self.read_clock();
        let mut waited = Duration::ZERO;
        let mut input = false;
        loop {
            let now = self.read_clock();
            let at = now.mono;
            // Continued after a stop from outside: the shell may have reset the terminal.
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
            if input {
                self.input(at);
            }
            self.feed(Msg::Tick, at);
            if self.app.exit().is_some() {
                return at;
            }
            if self.redraw || self.due.is_some_and(|due| at >= due) {
                let view = self.app.view(now, tz.as_ref().unwrap_or(&TimeZone::UTC));
                let drawn = self
                    .screen
                    .terminal()
                    .draw(|frame| frame.render_widget(&view, frame.area()));
                if drawn.is_err() {
                    self.feed(Msg::Stop(Stop::Hangup), at);
                    return at;
                }
                self.redraw = false;
                tz.get_or_insert_with(TimeZone::system);
                if let Some(read) = past.take() {
                    self.feed(Msg::Past(read()), at);
                }
            }
            self.due = self.app.next_frame(at);
            waited = self
                .due
                .map_or(MAX_WAIT, |due| due.saturating_sub(at))
                .min(MAX_WAIT);
            before = now;
            // A poll error is a terminal gone: the run ends as a hangup.
            input = event::poll(waited).unwrap_or_else(|_| {
                self.feed(Msg::Stop(Stop::Hangup), at);
                false
            });
            if self.app.exit().is_some() {
                return at;
            }
        }
    }

    /// Reads the one event `poll` announced.
    fn input(&mut self, at: Duration) {
        match event::read() {
            Ok(TermEvent::Key(key)) => {
                if let Some(press) = keys::press(&key) {
                    self.feed(Msg::Key(press), at);
                }
            }
            Ok(TermEvent::Resize(..)) => self.redraw = true,
            Ok(_) => {}
            Err(_) => self.feed(Msg::Stop(Stop::Hangup), at),
        }
    }

    /// Updates the model and carries out what it asks.
    fn feed(&mut self, msg: Msg, at: Duration) {
        // Time alone changes the screen at the moments `next_frame` names; anything else now.
        self.redraw |= msg != Msg::Tick;
        for effect in self.app.update(msg, at) {
            match effect {
                Effect::Record(event, when) => {
                    if let Err(error) = self.recorder.record(&event, when) {
                        self.feed(Msg::RecordFailed(error), at);
                    }
                }
                Effect::Bell => {
                    let _ = self.screen.bell();
                }
                Effect::Suspend => self.suspend(at),
            }
        }
    }

    /// Ctrl-Z: give the terminal back, stop until `fg`, then take it back and repaint.
    fn suspend(&mut self, at: Duration) {
        let _ = self.screen.leave();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        self.take_back(at);
        self.suspended = true;
    }

    fn take_back(&mut self, at: Duration) {
        if self.screen.take_back().is_err() {
            self.feed(Msg::Stop(Stop::Hangup), at);
        }
        self.redraw = true;
    }
}
