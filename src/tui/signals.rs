//! Signals: SIGTERM, SIGINT and SIGHUP end the run (recorded as cut short), SIGCONT says the
//! process was stopped and the terminal must be taken back.
//!
//! A watcher thread waits for them (blocked on signal-hook's pipe: no wake-ups) and raises a
//! flag the loop reads every turn. The loop is the one that ends the run, so it is recorded and
//! the terminal restored in order. But once the terminal is gone, crossterm can spin forever
//! inside `poll` and the loop never looks again: if it has not finished within
//! [`LOOP_GRACE`], the watcher records the end itself and lets the signal end the process.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM};

use super::app::Stop;
use super::recorder::Recorder;

/// How long the loop has to end the run itself after a signal (it looks every quarter second).
pub const LOOP_GRACE: Duration = Duration::from_millis(1200);

/// The flags the watcher raises. Dropping this tells the watcher the loop is done.
#[derive(Debug)]
pub struct Signals {
    stop: Arc<AtomicUsize>,
    continued: Arc<AtomicBool>,
    _done: Sender<()>,
}

impl Signals {
    /// Starts watching; `recorder` is what the watcher ends the run with if the loop cannot.
    pub fn install(recorder: Recorder) -> io::Result<Self> {
        let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGCONT])?;
        let stop = Arc::new(AtomicUsize::new(0));
        let continued = Arc::new(AtomicBool::new(false));
        let (done, done_rx) = mpsc::channel();
        let watcher = Watcher {
            stop: Arc::clone(&stop),
            continued: Arc::clone(&continued),
            done: done_rx,
            recorder,
        };
        thread::Builder::new()
            .name("pacer-signals".into())
            .spawn(move || watcher.run(signals))?;
        Ok(Self {
            stop,
            continued,
            _done: done,
        })
    }

    /// The signal that asks the run to stop, if one came (it stays raised).
    pub fn stop(&self) -> Option<Stop> {
        stop_for(i32::try_from(self.stop.load(Ordering::SeqCst)).ok()?)
    }

    /// Whether the process was continued after a stop since the last call.
    pub fn continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }
}

fn stop_for(signal: i32) -> Option<Stop> {
    match signal {
        SIGINT => Some(Stop::Interrupt),
        SIGTERM => Some(Stop::Terminate),
        SIGHUP => Some(Stop::Hangup),
        _ => None,
    }
}

struct Watcher {
    stop: Arc<AtomicUsize>,
    continued: Arc<AtomicBool>,
    done: Receiver<()>,
    recorder: Recorder,
}

impl Watcher {
    fn run(self, mut signals: signal_hook::iterator::Signals) {
        for signal in signals.forever() {
            if signal == SIGCONT {
                self.continued.store(true, Ordering::SeqCst);
                continue;
            }
            let Some(stop) = stop_for(signal) else {
                continue;
            };
            self.stop
                .store(usize::try_from(signal).unwrap_or(0), Ordering::SeqCst);
            // Ended in time (or done before the signal): the loop did everything.
            if self.done.recv_timeout(LOOP_GRACE) != Err(RecvTimeoutError::Timeout) {
                return;
            }
            self.recorder.end_now(stop.reason());
            if stop != Stop::Hangup {
                let _ = super::terminal::restore();
            }
            // Dies by the signal, as it would have without a handler (falls back to abort).
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            return;
        }
    }
}
