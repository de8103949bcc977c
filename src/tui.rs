//! The rehearsal screen: the loop that owns the terminal, and its modules.
//!
//! One thread runs everything the speaker sees: it reads the clock once per turn, turns input
//! into messages for [`app::App::update`], carries out the effects (record, bell, suspend) and
//! draws. It sleeps ([`wait`]) until input, a signal, or the next moment a shown figure changes,
//! and not at all otherwise: about one wake-up a second while the clock runs, none on a still
//! screen. No busy loop, no async runtime. A second thread only waits for signals, as a last
//! resort ([`signals`]). A terminal that hangs up, or fails to read or write, ends the run at
//! once, recorded as a hang-up.

pub mod app;
pub mod clock;
pub mod drill;
pub mod keys;
pub mod recorder;
pub mod signals;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme;
pub mod view;
pub mod wait;

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent};
use jiff::tz::TimeZone;

use app::{App, Effect, Exit, Msg, Past, Stop};
use clock::Reading;
use recorder::{Recorder, Target};
use signals::Signals;
use terminal::Screen;
use wait::{Waiter, Woke};

/// The most terminal events handled in one turn: a paste or a held key cannot hold the clock.
const EVENTS_PER_TURN: usize = 64;

/// What the stall check assumes the loop waited when it waited for no set time.
const ENDLESS: Duration = Duration::from_secs(365 * 24 * 3600);

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
    let waiter = Waiter::new()?;
    let mut shell = Shell {
        app,
        screen: Screen::enter()?,
        recorder,
        origin,
        redraw: true,
        due: None,
        suspended: false,
    };
    let at = shell.run(&signals, &waiter, past);
    let Shell { app, screen, .. } = shell;
    // Restore before the watcher hears the loop is done (when `signals` goes, at the end), so
    // it never touches the terminal.
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
    /// terminal changes nothing. Then the input that the previous turn's wait announced (read
    /// only once announced, so the read never blocks), then the tick, which raises a section's
    /// flag the moment it tips over, after the key so the flag lands on the slide now shown.
    /// An exit returns before drawing, so no stale frame flashes on the way out. Drawing
    /// happens only when something changed or a shown second is due, and the slow start-up
    /// work (the time zone, the past runs) waits until the first frame is on screen. Last, the
    /// wait until the next due moment becomes the wait's timeout (no busy loop), and is kept
    /// with this reading so that the next turn can tell a chosen wait from a stall.
    fn run(
        &mut self,
        signals: &Signals,
        sleeper: &Waiter,
        past: impl FnOnce() -> Past,
    ) -> Duration {
        // Start-up work the first frame does not need waits until it is on screen: the past
        // runs (a long history takes a while to read), the time zone (finding it can walk the
        // whole tz database; the first frame is the ready screen, which shows no time of day).
        let mut past = Some(past);
        let mut tz: Option<TimeZone> = None;
        let mut before = self.read_clock();
        let mut waited = Duration::ZERO;
        let mut woke = Woke::default();
        let mut more = false;
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
            if woke.hung_up {
                self.feed(Msg::Stop(Stop::Hangup), at);
            }
            if signals.resized() {
                self.fit(at);
            }
            // A signal may be crossterm's resize too: let it look, as it does for input.
            if (woke.input || woke.signal || more) && self.app.exit().is_none() {
                more = self.input(sleeper, at);
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
            let timeout = if more {
                Some(Duration::ZERO)
            } else {
                self.due.map(|due| due.saturating_sub(at))
            };
            waited = timeout.unwrap_or(ENDLESS);
            before = now;
            // A failed wait is a terminal gone: the run ends as a hangup.
            woke = sleeper.wait(signals, timeout).unwrap_or(Woke {
                hung_up: true,
                ..Woke::default()
            });
        }
    }

    /// Handles the terminal's events, as many as are there (up to [`EVENTS_PER_TURN`]); true
    /// when there may be more. crossterm is only asked while the terminal is not hung up: on a
    /// terminal that is gone it would spin.
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
            // Stopped by Ctrl-Z: the run resumes first, next turn, so that a key typed after
            // `fg` is not read as one pressed while paused.
            if self.suspended {
                return true;
            }
        }
        true
    }

    /// Reads the one event `poll` announced.
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

    /// The terminal changed size (SIGWINCH): read it once and fit the screen to it.
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
    #[cfg(unix)]
    fn suspend(&mut self, at: Duration) {
        let _ = self.screen.leave();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        self.take_back(at);
        self.suspended = true;
    }

    /// No job control to stop for (Windows): the pause the key asked for is undone at once.
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

/// Debug builds only: `PACER_DEBUG_PANIC=1` panics at the first key press, so that a test can
/// watch the panic path of the real binary restore the terminal.
#[cfg(debug_assertions)]
fn debug_panic(msg: &Msg) {
    let asked = std::env::var_os("PACER_DEBUG_PANIC").is_some_and(|v| v == "1");
    assert!(
        !(asked && matches!(msg, Msg::Key(_))),
        "PACER_DEBUG_PANIC asked for a panic at the first key"
    );
}
