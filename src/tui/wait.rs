//! Sleeping until something happens: input, a signal, a hang-up, or the moment the loop asked
//! for (the next change of a shown figure). No wake-up otherwise.
//!
//! crossterm cannot be given extra file descriptors to wait on, and it spins on a terminal that
//! is gone: its read loop retries a zero-length read or an EIO forever, inside `event::poll`.
//! So on Unix the loop waits in poll(2) itself, on the terminal and on the signals' self-pipe
//! with the computed timeout, and hands over to crossterm (with a zero timeout) only while the
//! terminal is not hung up. Where poll(2) cannot watch the terminal (macOS answers `POLLNVAL`
//! for `/dev/tty`), it watches the signal pipe alone and lets crossterm look every
//! [`MAX_WAIT`]; elsewhere (Windows) crossterm waits, for at most [`MAX_WAIT`].
//!
//! Owns no terminal state: it only waits and tells what woke it.

use std::io;
use std::time::Duration;

use super::signals::Signals;

/// The longest wait where the loop cannot be woken by a signal (not Unix): the figures it could
/// miss change no faster than this.
pub const MAX_WAIT: Duration = Duration::from_millis(250);

/// What ended a wait; all false: the time asked for is up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Woke {
    /// The terminal has input (or crossterm may have some buffered).
    pub input: bool,
    /// A signal came: its flag is raised.
    pub signal: bool,
    /// The terminal hung up, or reading it fails: the run is over.
    pub hung_up: bool,
}

/// Waits on the terminal the process draws on (its stdin, which `run` checks is a terminal).
#[derive(Debug)]
pub struct Waiter {
    #[cfg(unix)]
    tty: std::os::fd::OwnedFd,
    /// Whether poll(2) can watch the terminal: false once it answered `POLLNVAL` for it (the
    /// descriptor is ours and open, so that means "not supported").
    #[cfg(unix)]
    pollable: std::cell::Cell<bool>,
}

impl Waiter {
    /// Waits on stdin, the terminal crossterm reads.
    #[cfg(unix)]
    pub fn new() -> io::Result<Self> {
        use std::os::fd::AsFd;
        Ok(Self::on(std::io::stdin().as_fd().try_clone_to_owned()?))
    }

    /// Waits on `tty`.
    #[cfg(unix)]
    pub fn on(tty: std::os::fd::OwnedFd) -> Self {
        Self {
            tty,
            pollable: std::cell::Cell::new(true),
        }
    }

    #[cfg(not(unix))]
    pub fn new() -> io::Result<Self> {
        Ok(Self {})
    }

    /// Sleeps until input, a signal or a hang-up, or until `timeout` is up (`None`: no limit).
    #[cfg(unix)]
    pub fn wait(&self, signals: &Signals, timeout: Option<Duration>) -> io::Result<Woke> {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let pollable = self.pollable.get();
        // Without the terminal in the poll, crossterm has to look now and then.
        let timeout = if pollable {
            timeout
        } else {
            Some(timeout.map_or(MAX_WAIT, |t| t.min(MAX_WAIT)))
        };
        let timeout = timeout.map(Timespec::try_from).transpose().ok().flatten();
        let mut fds = [
            PollFd::from_borrowed_fd(signals.wake_fd(), PollFlags::IN),
            PollFd::new(&self.tty, PollFlags::IN),
        ];
        let watched = if pollable {
            &mut fds[..]
        } else {
            &mut fds[..1]
        };
        match poll(watched, timeout.as_ref()) {
            Ok(_) => {}
            // A signal interrupted the wait: its byte is in the pipe, its flag raised.
            Err(rustix::io::Errno::INTR) => {
                return Ok(Woke {
                    signal: true,
                    ..Woke::default()
                });
            }
            Err(err) => return Err(err.into()),
        }
        let (wake, tty) = (fds[0].revents(), fds[1].revents());
        let signal = wake.contains(PollFlags::IN);
        if signal {
            signals.drain();
        }
        if !pollable || tty.contains(PollFlags::NVAL) {
            self.pollable.set(false);
            return Ok(Woke {
                input: true,
                signal,
                hung_up: false,
            });
        }
        Ok(Woke {
            input: tty.contains(PollFlags::IN),
            signal,
            hung_up: tty.intersects(PollFlags::HUP | PollFlags::ERR),
        })
    }

    /// Sleeps until input or until `timeout` is up, at most [`MAX_WAIT`] (no signals to hear).
    #[cfg(not(unix))]
    pub fn wait(&self, _signals: &Signals, timeout: Option<Duration>) -> io::Result<Woke> {
        let input = crossterm::event::poll(timeout.unwrap_or(MAX_WAIT).min(MAX_WAIT))?;
        Ok(Woke {
            input,
            ..Woke::default()
        })
    }

    /// Whether the terminal is hung up now, asked without waiting: crossterm must never read a
    /// terminal that is gone. Always false where poll(2) cannot watch the terminal.
    #[cfg(unix)]
    pub fn hung_up(&self) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        if !self.pollable.get() {
            return false;
        }
        let mut fds = [PollFd::new(&self.tty, PollFlags::IN)];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        match poll(&mut fds, Some(&now)) {
            Ok(_) => fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR),
            Err(rustix::io::Errno::INTR) => false,
            Err(_) => true,
        }
    }

    #[cfg(not(unix))]
    pub fn hung_up(&self) -> bool {
        false
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;
    use std::os::unix::net::UnixStream;
    use std::time::Instant;

    use super::*;
    use crate::tui::recorder::Recorder;

    fn pair() -> (Waiter, UnixStream) {
        let (ours, theirs) = UnixStream::pair().unwrap();
        (Waiter::on(ours.into()), theirs)
    }

    #[test]
    fn input_a_hang_up_and_a_signal_each_wake_the_wait_and_say_so() {
        let signals = Signals::install(Recorder::new(None, Instant::now())).unwrap();
        let (waiter, mut other) = pair();
        let none = waiter.wait(&signals, Some(Duration::ZERO)).unwrap();
        assert_eq!(none, Woke::default(), "nothing yet: the time is up");
        other.write_all(b"x").unwrap();
        let woke = waiter.wait(&signals, None).unwrap();
        assert!(woke.input && !woke.hung_up, "{woke:?}");
        assert!(!waiter.hung_up());
        drop(other);
        let woke = waiter.wait(&signals, None).unwrap();
        assert!(woke.hung_up, "{woke:?}");
        assert!(waiter.hung_up());

        // One test for both: the signal is the whole process's.
        let (waiter, _other) = pair();
        signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).unwrap();
        let woke = waiter.wait(&signals, None).unwrap();
        assert!(woke.signal && !woke.input, "{woke:?}");
        assert!(signals.resized());
        assert!(!signals.resized(), "taken once");
        // The pipe was emptied: the next wait sleeps its time out.
        let woke = waiter
            .wait(&signals, Some(Duration::from_millis(1)))
            .unwrap();
        assert_eq!(woke, Woke::default());
    }
}
