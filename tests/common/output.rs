//! What a program in a pseudo-terminal wrote, as the pty tests read it: the raw bytes, and the
//! screen a terminal would show (vt100). Shared by `tests/pty.rs` and `tests/pty_drill.rs`.
//!
//! Owns reading the program's output channel and waiting on it: for a text on the screen, or
//! for the program's exit with its last output taken in. Must not start programs or send keys:
//! each test file sets up its own terminal.

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, ExitStatus};

/// The program's output so far, and where more of it comes from.
pub struct Output {
    chunks: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    /// Everything the program wrote, escape sequences included.
    pub raw: Vec<u8>,
}

impl Output {
    /// Output read from `chunks` (a reader thread's), shown on `screen`.
    pub fn new(chunks: Receiver<Vec<u8>>, screen: vt100::Parser) -> Self {
        Self {
            chunks,
            screen,
            raw: Vec::new(),
        }
    }

    pub fn screen(&self) -> &vt100::Screen {
        self.screen.screen()
    }

    pub fn text(&self) -> String {
        self.screen().contents()
    }

    fn take(&mut self, bytes: &[u8]) {
        self.screen.process(bytes);
        self.raw.extend_from_slice(bytes);
    }

    /// Takes in output for up to `wait`; false once the program's side is closed.
    pub fn pump(&mut self, wait: Duration) -> bool {
        match self.chunks.recv_timeout(wait) {
            Ok(bytes) => {
                self.take(&bytes);
                true
            }
            Err(RecvTimeoutError::Timeout) => true,
            Err(RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Whether nothing more is waiting to be read (what was waiting is taken in).
    pub fn quiet(&mut self) -> bool {
        match self.chunks.try_recv() {
            Ok(bytes) => {
                self.take(&bytes);
                false
            }
            Err(_) => true,
        }
    }

    /// Waits up to `deadline` until the screen shows `text`.
    pub fn wait_for(&mut self, text: &str, deadline: Duration) {
        let deadline = Instant::now() + deadline;
        while !self.text().contains(text) {
            assert!(
                Instant::now() < deadline && self.pump(Duration::from_millis(100)),
                "the screen never showed {text:?}; it shows:\n{}",
                self.text()
            );
        }
    }

    /// Waits up to `deadline` for `child` to exit, reading what it still writes, and takes in
    /// whatever it wrote last.
    pub fn wait_exit(
        &mut self,
        mut child: Box<dyn Child + Send + Sync>,
        deadline: Duration,
    ) -> ExitStatus {
        let (tx, exited) = channel();
        std::thread::spawn(move || tx.send(child.wait().unwrap()));
        let deadline = Instant::now() + deadline;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let status = if self.pump(Duration::from_millis(20)) {
                exited.try_recv().ok()
            } else {
                // The terminal is closed: only the exit is left to wait for.
                exited.recv_timeout(left).ok()
            };
            if let Some(status) = status {
                // Whatever it wrote last is already in the pipe: take it in.
                while self.pump(Duration::from_millis(100)) && !self.quiet() {}
                return status;
            }
            assert!(!left.is_zero(), "pacer did not exit");
        }
    }
}
