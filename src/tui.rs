//! The rehearsal screen: what the loop runs for a rehearsal, and the terminal modules.
//!
//! One thread runs everything the speaker sees: it reads the clock once per turn, turns input
//! into messages for [`app::App::update`], carries out the effects (record, bell, suspend) and
//! draws. It sleeps ([`wait`]) until input, a signal, or the next moment a shown figure changes,
//! and not at all otherwise: about one wake-up a second while the clock runs, none on a still
//! screen. No busy loop, no async runtime. A second thread only waits for signals, as a last
//! resort ([`signals`]). A terminal that hangs up, or fails to read or write, ends the run at
//! once, recorded as a hang-up. The loop itself is [`shell`], shared with the drill screen;
//! this file holds only what is the rehearsal's: recording through the [`recorder`], and the
//! past runs and the time zone, read once the first frame is up.

pub mod app;
pub mod clock;
pub mod drill;
pub mod keys;
pub mod recorder;
pub mod shell;
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

use crossterm::event::KeyEvent;
use jiff::tz::TimeZone;
use ratatui::Frame;

use app::{App, Effect, Exit, Msg, Past};
use clock::Reading;
use recorder::{Recorder, Target};
use shell::{Act, Program, Said};

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
    let rehearsal = Rehearsal {
        app,
        recorder: recorder.clone(),
        past: Some(past),
        tz: None,
    };
    let (Rehearsal { app, .. }, at) = shell::run(rehearsal, origin, recorder)?;
    Ok(Outcome {
        exit: app.exit().unwrap_or(Exit::Quit),
        app,
        at,
    })
}

/// The rehearsal as the loop runs it: the model, its journal, and the start-up work that waits
/// for the first frame.
struct Rehearsal<F> {
    app: App,
    /// Shared with the signal watcher, which ends the run itself when the loop cannot.
    recorder: Recorder,
    /// Reads the past runs; taken once the first frame is up (a long history takes a while).
    past: Option<F>,
    /// Found once the first frame is up (finding it can walk the whole tz database; the first
    /// frame is the ready screen, which shows no time of day); UTC until then.
    tz: Option<TimeZone>,
}

impl<F: FnOnce() -> Past> Program for Rehearsal<F> {
    type Msg = Msg;
    type Effect = Effect;

    fn said(said: Said) -> Msg {
        match said {
            Said::Tick => Msg::Tick,
            Said::Stalled(stall) => Msg::Stalled(stall),
            Said::Continued => Msg::Continued,
            Said::Stop(stop) => Msg::Stop(stop),
        }
    }

    fn key(key: &KeyEvent) -> Option<Msg> {
        let press = keys::press(key)?;
        #[cfg(debug_assertions)]
        shell::debug_panic();
        Some(Msg::Key(press))
    }

    fn update(&mut self, msg: Msg, at: Duration) -> Vec<Effect> {
        self.app.update(msg, at)
    }

    fn effect(&mut self, effect: Effect) -> Act<Msg> {
        match effect {
            Effect::Record(event, when) => match self.recorder.record(&event, when) {
                Ok(()) => Act::Done,
                Err(error) => Act::Tell(Msg::RecordFailed(error)),
            },
            Effect::Bell => Act::Bell,
            Effect::Suspend => Act::Suspend,
        }
    }

    fn exit(&self) -> Option<Exit> {
        self.app.exit()
    }

    fn next_frame(&self, at: Duration) -> Option<Duration> {
        self.app.next_frame(at)
    }

    fn draw(&self, frame: &mut Frame, now: Reading) {
        let view = self
            .app
            .view(now, self.tz.as_ref().unwrap_or(&TimeZone::UTC));
        frame.render_widget(&view, frame.area());
    }

    fn drawn(&mut self) -> Option<Msg> {
        self.tz.get_or_insert_with(TimeZone::system);
        let read = self.past.take()?;
        Some(Msg::Past(read()))
    }
}
