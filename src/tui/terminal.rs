//! Owning the terminal: raw mode and the alternate screen in, and always back out, on every
//! path: return, error, panic (the hook restores first, then says one line), suspend. The hook
//! lives as long as the screen: closing the screen puts the previous hook back.
//!
//! Nothing here queries the terminal (no cursor position, no keyboard-protocol probe): some
//! terminals never answer, and start-up must not wait for them. The size is read once, and
//! again only when it changes (SIGWINCH, a resize event, a return from a stop): the viewport is
//! fixed, so drawing a frame never asks for it.

use std::io::{self, Write, stdout};
use std::panic::PanicHookInfo;
use std::sync::Arc;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, disable_raw_mode, enable_raw_mode, is_raw_mode_enabled,
};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal, TerminalOptions, Viewport};

/// The terminal in raw mode on the alternate screen, restored when dropped.
pub struct Screen {
    terminal: DefaultTerminal,
    /// Dropped after the terminal is restored (fields drop after `Drop::drop`).
    _hook: PanicHook,
}

impl Screen {
    /// Takes the terminal: raw mode, alternate screen, hidden cursor, restoring panic hook.
    pub fn enter() -> io::Result<Self> {
        let hook = PanicHook::install(restore_and_say, false);
        let (width, height) = crossterm::terminal::size()?;
        enable_raw_mode()?;
        let terminal = execute!(stdout(), EnterAlternateScreen, Hide).and_then(|()| {
            Terminal::with_options(
                CrosstermBackend::new(stdout()),
                TerminalOptions {
                    viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
                },
            )
        });
        match terminal {
            Ok(terminal) => Ok(Self {
                terminal,
                _hook: hook,
            }),
            Err(err) => {
                let _ = restore();
                Err(err)
            }
        }
    }

    pub fn terminal(&mut self) -> &mut DefaultTerminal {
        &mut self.terminal
    }

    /// Fits the screen to a new size; false when it already had that size. The next draw
    /// repaints everything.
    pub fn resize(&mut self, width: u16, height: u16) -> io::Result<bool> {
        let area = Rect::new(0, 0, width, height);
        if self.terminal.get_frame().area() == area {
            return Ok(false);
        }
        self.terminal.resize(area)?;
        Ok(true)
    }

    /// Gives the terminal back to the shell (before a suspend).
    pub fn leave(&mut self) -> io::Result<()> {
        restore()
    }

    /// Takes the terminal again after a stop (the shell may have reset it) and repaints
    /// everything on the next draw.
    pub fn take_back(&mut self) -> io::Result<()> {
        // crossterm skips enabling raw mode when it believes it is on: reset its belief first.
        if is_raw_mode_enabled()? {
            disable_raw_mode()?;
        }
        enable_raw_mode()?;
        execute!(stdout(), EnterAlternateScreen, Hide)?;
        // The size may have changed while stopped. A resize clears the screen and forgets the
        // last frame, with no terminal query.
        let (width, height) = crossterm::terminal::size()?;
        self.terminal.resize(Rect::new(0, 0, width, height))
    }

    /// Rings the bell.
    pub fn bell(&mut self) -> io::Result<()> {
        let mut out = stdout();
        out.write_all(b"\x07")?;
        out.flush()
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor; never panics.
pub fn restore() -> io::Result<()> {
    let left = ratatui::try_restore();
    let shown = execute!(stdout(), Show);
    left.and(shown)
}

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// The screen's panic hook, installed over the previous one and chained to it; dropping it
/// puts the previous hook back.
struct PanicHook {
    previous: Arc<Hook>,
}

impl PanicHook {
    /// A panic runs `first` (restore the terminal, say one short line: nothing is printed over
    /// the alternate screen), then, when `chain`, the previous hook (a test harness's capture),
    /// on a terminal that can show it. The screen does not chain: the previous hook is std's,
    /// which would say the panic again, with a whole backtrace under `RUST_BACKTRACE`, where
    /// one line is enough.
    fn install(first: fn(&PanicHookInfo<'_>), chain: bool) -> Self {
        let previous: Arc<Hook> = Arc::new(std::panic::take_hook());
        let chained = Arc::clone(&previous);
        std::panic::set_hook(Box::new(move |info| {
            first(info);
            if chain {
                chained(info);
            }
        }));
        Self { previous }
    }
}

impl Drop for PanicHook {
    fn drop(&mut self) {
        // The hook cannot be changed while unwinding (that would abort): then it stays, and
        // only restores a terminal that is already restored.
        if std::thread::panicking() {
            return;
        }
        drop(std::panic::take_hook());
        let previous = Arc::clone(&self.previous);
        std::panic::set_hook(Box::new(move |info| previous(info)));
    }
}

/// What the screen's hook does first: the terminal back, and one line saying what happened.
fn restore_and_say(info: &PanicHookInfo<'_>) {
    let _ = restore();
    let _ = writeln!(
        io::stderr(),
        "pacer: internal error{}: {} (the terminal is restored; what was recorded of the run \
         is kept, cut short)",
        place(info),
        message(info)
    );
}

fn message<'a>(info: &'a PanicHookInfo<'_>) -> &'a str {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic")
}

fn place(info: &PanicHookInfo<'_>) -> String {
    info.location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    const NAME: &str =
        "tui::terminal::tests::the_hook_chains_the_previous_one_and_goes_with_the_screen";
    static FIRST: AtomicUsize = AtomicUsize::new(0);
    static PREVIOUS: AtomicUsize = AtomicUsize::new(0);

    /// Counts only this test's panics: other tests may panic on other threads meanwhile.
    fn count(counter: &AtomicUsize) {
        if std::thread::current().name() == Some(NAME) {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_hook_chains_the_previous_one_and_goes_with_the_screen() {
        let outer = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| count(&PREVIOUS)));
        let hook = PanicHook::install(|_| count(&FIRST), true);
        let _ = std::panic::catch_unwind(|| panic!("while the screen is up"));
        assert_eq!(
            (
                FIRST.load(Ordering::SeqCst),
                PREVIOUS.load(Ordering::SeqCst)
            ),
            (1, 1),
            "the screen's hook, then the previous one"
        );
        drop(hook);
        let _ = std::panic::catch_unwind(|| panic!("after the screen closed"));
        assert_eq!(
            (
                FIRST.load(Ordering::SeqCst),
                PREVIOUS.load(Ordering::SeqCst)
            ),
            (1, 2),
            "only the previous hook is left"
        );
        std::panic::set_hook(outer);
    }
}
