//! The loop both terminal screens run, the rehearsal's and the drill's: it owns the terminal,
//! reads the clock once per turn, turns input, signals and stalls into messages for the
//! screen's model, carries out what the model asks of the terminal (bell, suspend) and draws.
//!
//! It sleeps ([`super::wait`]) until input, a signal, or the next moment a shown figure
//! changes, and not at all otherwise: no busy loop, no async runtime. A terminal that hangs
//! up, or fails to read or write, ends the screen at once, as a hang-up.
//!
//! What differs between the screens is behind [`Program`]: the messages, the key table, the
//! view, what recording means, and the slow start-up work done once the first frame is up.
//! This module knows nothing of rehearsals, drills or files.

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as TermEvent, KeyEvent};
use ratatui::Frame;

use super::app::{Exit, Stop};
use super::clock::{self, Reading, Stall};
use super::recorder::Recorder;
use super::signals::Signals;
use super::terminal::Screen;
use super::wait::{Waiter, Woke};

/// The most terminal events handled in one turn: a paste or a held key cannot hold the clock.
const EVENTS_PER_TURN: usize = 64;

/// What the stall check assumes the loop waited when it waited for no set time.
const ENDLESS: Duration = Duration::from_secs(365 * 24 * 3600);

/// What the loop itself tells a model, whichever screen it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Time passed (a figure on screen changed, or the loop woke up to look at signals).
    Tick,
    /// The process did not run for a while (stopped, or the machine slept).
    Stalled(Stall),
    /// Back from a Ctrl-Z suspend.
    Continued,
    /// A signal, Ctrl-C or a dead terminal ends the screen at once.
    Stop(Stop),
}

/// What the loop does for one of the model's effects.
#[derive(Debug)]
pub enum Act<M> {
    /// Nothing more: the program carried it out itself (or had nothing to do).
    Done,
    /// Ring the terminal bell.
    Bell,
    /// Give the terminal back and stop the process until `fg`.
    Suspend,
    /// Tell the model this (a recording that failed), at the same moment.
    Tell(M),
}

/// A screen the loop can run: its model, and what it does with the model's effects.
pub trait Program {
    type Msg: PartialEq;
    type Effect;

    /// The loop's own message in the model's terms.
    fn said(said: Said) -> Self::Msg;
    /// The screen's key table: the message a key press stands for, if any.
    fn key(key: &KeyEvent) -> Option<Self::Msg>;
    /// Applies a message at moment `at` on the screen's clock.
    fn update(&mut self, msg: Self::Msg, at: Duration) -> Vec<Self::Effect>;
    /// Carries out an effect (each carries its own moment), or hands it to the loop.
    fn effect(&mut self, effect: Self::Effect) -> Act<Self::Msg>;
    /// How the screen should end, once it should.
    fn exit(&self) -> Option<Exit>;
    /// The next moment something on screen changes by itself, if any.
    fn next_frame(&self, at: Duration) -> Option<Duration>;
    /// Renders the model as it is at `now`.
    fn draw(&self, frame: &mut Frame, now: Reading);
    /// A frame is on screen: start-up work that the first frame does not need may run now
    /// (called after every frame; do it once). What it returns is fed to the model.
    fn drawn(&mut self) -> Option<Self::Msg>;
}

/// Runs `program` until it exits or a signal ends it; returns it, and the moment (on the clock
/// that starts at `origin`) the loop ended.
///
/// `last_resort` is what the signal watcher ends when the loop cannot ([`Signals`]). Errors
/// are the terminal failing to start; once running, a dead terminal ends the screen as a
/// hangup instead.
pub fn run<P: Program>(
    program: P,
    origin: Instant,
    last_resort: Recorder,
) -> io::Result<(P, Duration)> {
    let signals = Signals::install(last_resort)?;
    let waiter = Waiter::new()?;
    let mut shell = Shell {
        program,
        screen: Screen::enter()?,
        origin,
        redraw: true,
        due: None,
        suspended: false,
    };
    let at = shell.run(&signals, &waiter);
    let Shell {
        program, screen, ..
    } = shell;
    // Restore before the watcher hears the loop is done (when `signals` goes, at the end), so
    // it never touches the terminal.
    drop(screen);
    Ok((program, at))
}

struct Shell<P> {
    program: P,
    screen: Screen,
    /// The screen clock's zero.
    origin: Instant,
    redraw: bool,
    /// Next moment a shown figure changes.
    due: Option<Duration>,
    /// Back from a Ctrl-Z stop: the next turn resumes.
    suspended: bool,
}

impl<P: Program> Shell<P> {
    fn read_clock(&self) -> Reading {
        Reading {
            mono: self.origin.elapsed(),
            wall: jiff::Timestamp::now(),
        }
    }

    /// Turns until the program exits; returns the moment it did.
    ///
    /// Why the steps of a turn come in this order: the clock is read once, and every step of
    /// the turn uses that one reading, so the screen, the journal and the state machine agree
    /// on when things happened. The terminal is taken back after a `fg` before anything can
    /// draw on it. A stall (the process stopped, the laptop asleep) is booked as a pause from
    /// the moment it began before any key or tick runs, or the lost minutes would count as
    /// talk (or answer) time. The end of a Ctrl-Z stop and signals (SIGTERM, SIGHUP) come
    /// before keys: a run a signal ends stops at this reading, and a key typed into a dying
    /// terminal changes nothing. Then the input that the previous turn's wait announced (read
    /// only once announced, so the read never blocks), then the tick, which raises a section's
    /// flag the moment it tips over, after the key so the flag lands on the slide now shown.
    /// An exit returns before drawing, so no stale frame flashes on the way out. Drawing
    /// happens only when something changed or a shown second is due, and the slow start-up
    /// work ([`Program::drawn`]) waits until the first frame is on screen. Last, the wait until
    /// the next due moment becomes the wait's timeout (no busy loop), and is kept with this
    /// reading so that the next turn can tell a chosen wait from a stall.
    fn run(&mut self, signals: &Signals, sleeper: &Waiter) -> Duration {
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
                self.tell(Said::Stalled(stall), at);
            }
            if std::mem::take(&mut self.suspended) {
                self.tell(Said::Continued, at);
            }
            if let Some(stop) = signals.stop() {
                self.tell(Said::Stop(stop), at);
            }
            if woke.hung_up {
                self.hang_up(at);
            }
            if signals.resized() {
                self.fit(at);
            }
            // A signal may be crossterm's resize too: let it look, as it does for input.
            if (woke.input || woke.signal || more) && self.program.exit().is_none() {
                more = self.input(sleeper, at);
            }
            self.tell(Said::Tick, at);
            if self.program.exit().is_some() {
                return at;
            }
            if self.redraw || self.due.is_some_and(|due| at >= due) {
                let program = &self.program;
                let drawn = self
                    .screen
                    .terminal()
                    .draw(|frame| program.draw(frame, now));
                if drawn.is_err() {
                    self.hang_up(at);
                    return at;
                }
                self.redraw = false;
                if let Some(msg) = self.program.drawn() {
                    self.feed(msg, at);
                }
            }
            self.due = self.program.next_frame(at);
            let timeout = if more {
                Some(Duration::ZERO)
            } else {
                self.due.map(|due| due.saturating_sub(at))
            };
            waited = timeout.unwrap_or(ENDLESS);
            before = now;
            // A failed wait is a terminal gone: the screen ends as a hangup.
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
                self.hang_up(at);
                return false;
            }
            match event::poll(Duration::ZERO) {
                Ok(true) => self.event(at),
                Ok(false) => return false,
                Err(_) => {
                    self.hang_up(at);
                    return false;
                }
            }
            if self.program.exit().is_some() {
                return false;
            }
            // Stopped by Ctrl-Z: the screen resumes first, next turn, so that a key typed
            // after `fg` is not read as one pressed while paused.
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
                if let Some(msg) = P::key(&key) {
                    self.feed(msg, at);
                }
            }
            Ok(TermEvent::Resize(width, height)) => self.resize(width, height, at),
            Ok(_) => {}
            Err(_) => self.hang_up(at),
        }
    }

    /// The terminal changed size (SIGWINCH): read it once and fit the screen to it.
    fn fit(&mut self, at: Duration) {
        match crossterm::terminal::size() {
            Ok((width, height)) => self.resize(width, height, at),
            Err(_) => self.hang_up(at),
        }
    }

    fn resize(&mut self, width: u16, height: u16, at: Duration) {
        match self.screen.resize(width, height) {
            Ok(true) => self.redraw = true,
            Ok(false) => {}
            Err(_) => self.hang_up(at),
        }
    }

    fn hang_up(&mut self, at: Duration) {
        self.tell(Said::Stop(Stop::Hangup), at);
    }

    fn tell(&mut self, said: Said, at: Duration) {
        self.feed(P::said(said), at);
    }

    /// Updates the model and carries out what it asks.
    fn feed(&mut self, msg: P::Msg, at: Duration) {
        // Time alone changes the screen at the moments `next_frame` names; anything else now.
        self.redraw |= msg != P::said(Said::Tick);
        for effect in self.program.update(msg, at) {
            match self.program.effect(effect) {
                Act::Done => {}
                Act::Bell => {
                    let _ = self.screen.bell();
                }
                Act::Suspend => self.suspend(at),
                Act::Tell(msg) => self.feed(msg, at),
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
            self.hang_up(at);
        }
        self.redraw = true;
    }
}

/// Debug builds only: `PACER_DEBUG_PANIC=1` panics at the first key press (on either screen),
/// so that a test can watch the panic path of the real binary restore the terminal. Each
/// screen calls it from its own [`Program::key`]; the panic names that caller's file, which is
/// how a test tells the screens apart.
#[cfg(debug_assertions)]
#[track_caller]
pub fn debug_panic() {
    let asked = std::env::var_os("PACER_DEBUG_PANIC").is_some_and(|v| v == "1");
    assert!(
        !asked,
        "PACER_DEBUG_PANIC asked for a panic at the first key"
    );
}
