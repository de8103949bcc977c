//! Signals: SIGTERM, SIGINT, SIGQUIT and SIGHUP end the run (recorded as cut short), SIGCONT says
//! the process was stopped and the terminal must be taken back, SIGWINCH that its size changed.
//!
//! Each signal raises a flag and writes a byte into a self-pipe that the loop's wait watches
//! beside the terminal ([`super::wait`]): the loop acts at once and sleeps otherwise, with no
//! polling for flags. A watcher thread, blocked on signal-hook's own pipe, is the last resort:
//! if the loop has not ended the run within [`LOOP_GRACE`] of a stopping signal (stuck writing to
//! a terminal that does not read), it records the end itself and lets the signal end the
//! process. Nothing here touches the terminal but that last resort's restore.
//!
//! Unix only. Elsewhere [`Signals`] never raises anything: Windows delivers Ctrl-C as a key in
//! raw mode, and has no hang-up, stop or resize signal to hear (crossterm reports resizes).

use std::time::Duration;

use super::app::Stop;

/// How long the loop has to end the run itself after a stopping signal; woken by the signal,
/// it normally takes a millisecond or two, the fsync of the end record included.
pub const LOOP_GRACE: Duration = Duration::from_millis(1200);

#[cfg(unix)]
pub use unix::Signals;

#[cfg(not(unix))]
pub use portable::Signals;

#[cfg(unix)]
mod unix {
    use std::io::{self, Read};
    use std::os::fd::{AsFd, BorrowedFd};
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
    use std::thread;

    use signal_hook::SigId;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
    use signal_hook::{flag, low_level};

    use super::{LOOP_GRACE, Stop};
    use crate::tui::recorder::Recorder;

    const STOPPING: [i32; 4] = [SIGINT, SIGTERM, SIGQUIT, SIGHUP];

    /// The flags the signals raise and the pipe they wake the loop through. Dropping this
    /// unregisters them and tells the watcher the loop is done.
    #[derive(Debug)]
    pub struct Signals {
        stop: Arc<AtomicUsize>,
        continued: Arc<AtomicBool>,
        resized: Arc<AtomicBool>,
        /// The read end of the self-pipe: readable once a signal came.
        wake: UnixStream,
        registered: Vec<SigId>,
        _done: Sender<()>,
    }

    impl Signals {
        /// Starts listening; `recorder` is what the watcher ends the run with if the loop
        /// cannot.
        pub fn install(recorder: Recorder) -> io::Result<Self> {
            let (wake, waker) = UnixStream::pair()?;
            wake.set_nonblocking(true)?;
            let stop = Arc::new(AtomicUsize::new(0));
            let continued = Arc::new(AtomicBool::new(false));
            let resized = Arc::new(AtomicBool::new(false));
            let mut registered = Vec::new();
            // The flags first: signal-hook runs a signal's actions in the order registered, so
            // the loop woken by the pipe always finds its flag raised.
            for signal in STOPPING {
                let value = usize::try_from(signal).unwrap_or(0);
                registered.push(flag::register_usize(signal, Arc::clone(&stop), value)?);
            }
            registered.push(flag::register(SIGCONT, Arc::clone(&continued))?);
            registered.push(flag::register(SIGWINCH, Arc::clone(&resized))?);
            for signal in STOPPING.into_iter().chain([SIGCONT, SIGWINCH]) {
                // Each registration owns a copy of the write end, closed when unregistered.
                registered.push(low_level::pipe::register(signal, waker.try_clone()?)?);
            }
            let (done, done_rx) = mpsc::channel();
            let watcher = Watcher {
                done: done_rx,
                recorder,
            };
            let heard = signal_hook::iterator::Signals::new(STOPPING)?;
            thread::Builder::new()
                .name("pacer-signals".into())
                .spawn(move || watcher.run(heard))?;
            Ok(Self {
                stop,
                continued,
                resized,
                wake,
                registered,
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

        /// Whether the terminal changed size since the last call.
        pub fn resized(&self) -> bool {
            self.resized.swap(false, Ordering::SeqCst)
        }

        /// What the loop's wait watches: readable once a signal came.
        pub fn wake_fd(&self) -> BorrowedFd<'_> {
            self.wake.as_fd()
        }

        /// Empties the self-pipe, once the flags are about to be read.
        pub fn drain(&self) {
            let mut bytes = [0u8; 64];
            while matches!((&self.wake).read(&mut bytes), Ok(n) if n > 0) {}
        }
    }

    impl Drop for Signals {
        fn drop(&mut self) {
            for id in self.registered.drain(..) {
                low_level::unregister(id);
            }
        }
    }

    fn stop_for(signal: i32) -> Option<Stop> {
        match signal {
            SIGINT => Some(Stop::Interrupt),
            SIGTERM => Some(Stop::Terminate),
            SIGQUIT => Some(Stop::QuitSignal),
            SIGHUP => Some(Stop::Hangup),
            _ => None,
        }
    }

    struct Watcher {
        done: Receiver<()>,
        recorder: Recorder,
    }

    impl Watcher {
        fn run(self, mut signals: signal_hook::iterator::Signals) {
            for signal in signals.forever() {
                let Some(stop) = stop_for(signal) else {
                    continue;
                };
                // Ended in time (or done before the signal): the loop did everything.
                if self.done.recv_timeout(LOOP_GRACE) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                self.recorder.end_now(stop.reason());
                if stop != Stop::Hangup {
                    let _ = crate::tui::terminal::restore();
                }
                // Dies by the signal, as it would have without a handler (falls back to abort).
                let _ = low_level::emulate_default_handler(signal);
                return;
            }
        }
    }
}

#[cfg(not(unix))]
mod portable {
    use std::io;

    use super::Stop;
    use crate::tui::recorder::Recorder;

    /// No signals to hear: every query answers "none came".
    #[derive(Debug)]
    pub struct Signals;

    impl Signals {
        pub fn install(_recorder: Recorder) -> io::Result<Self> {
            Ok(Self)
        }

        pub fn stop(&self) -> Option<Stop> {
            None
        }

        pub fn continued(&self) -> bool {
            false
        }

        pub fn resized(&self) -> bool {
            false
        }
    }
}
