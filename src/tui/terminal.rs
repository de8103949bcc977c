//! Owning the terminal: raw mode and the alternate screen in, and always back out, on every
//! path: return, error, panic (the hook restores first, then prints one short line), suspend.
//!
//! Nothing here queries the terminal (no cursor position, no keyboard-protocol probe): some
//! terminals never answer, and start-up must not wait for them. The size is read once, and
//! again only when it changes (SIGWINCH, a resize event, a return from a stop): the viewport is
//! fixed, so drawing a frame never asks for it.

use std::io::{self, Write, stdout};
use std::sync::Once;

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
}

impl Screen {
    /// Takes the terminal: raw mode, alternate screen, hidden cursor, restoring panic hook.
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
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
            Ok(terminal) => Ok(Self { terminal }),
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

/// A panic restores the terminal, then says one line: no backtrace over the screen.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let _ = restore();
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("unknown panic");
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let _ = writeln!(
                io::stderr(),
                "pacer: internal error{place}: {message} (the terminal is restored; what was \
                 recorded of the run is kept, cut short)"
            );
        }));
    });
}
