//! The real binary in a pseudo-terminal, its screen read back through a terminal emulator.
//!
//! Every wait polls for what it expects under a generous deadline (a loaded CI machine is
//! slow, never wrong): no fixed sleeps. Each test takes a second or two.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::output::Output;
use pacer::history::{self, History};
use pacer::rehearsal::{EndReason, Event, PauseReason};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(20);
const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();

const TALK: &str = r#"
title = "PTY rehearsal"
budget = "2m"

[[section]]
title = "Start"
slides = ["Hello pty", "Second slide"]

[[section]]
title = "End"
slides = ["Third slide", "감사합니다"]
"#;

const RIGHT: &[u8] = b"\x1b[C";
const DOWN: &[u8] = b"\x1b[B";
const PAGE_DOWN: &[u8] = b"\x1b[6~";

/// A pacer running in a pseudo-terminal.
struct Session {
    dir: tempfile::TempDir,
    history: PathBuf,
    child: Option<Box<dyn Child + Send + Sync>>,
    pid: u32,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Set to ask the reader to let go of the terminal; it then notes when it did.
    hang_up: Arc<Mutex<Option<Instant>>>,
    /// What the program wrote, and the screen it shows.
    term: Output,
    /// The terminal's modes before the program started.
    modes: nix::sys::termios::Termios,
}

/// How to start pacer: through a wrapper (`setsid -w`, a shell), with more environment.
#[derive(Default)]
struct Launch<'a> {
    wrapper: &'a [&'a str],
    env: &'a [(&'a str, &'a str)],
    /// Use this history path instead of a fresh one in the session's folder.
    history: Option<&'a Path>,
}

impl Session {
    fn start(extra: &[&str]) -> Self {
        Self::launch(&Launch::default(), extra)
    }

    fn launch(launch: &Launch, extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let talk = dir.path().join("talk.toml");
        std::fs::write(&talk, TALK).unwrap();
        let history = launch
            .history
            .map_or_else(|| dir.path().join("runs.jsonl"), Path::to_path_buf);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let modes = pty.master.get_termios().expect("termios of the pty");
        let mut cmd = match launch.wrapper.split_first() {
            Some((program, args)) => {
                let mut cmd = CommandBuilder::new(program);
                cmd.args(args);
                cmd.arg(env!("CARGO_BIN_EXE_pacer"));
                cmd
            }
            None => CommandBuilder::new(env!("CARGO_BIN_EXE_pacer")),
        };
        cmd.args(["run", talk.to_str().unwrap(), "--history"]);
        cmd.arg(history.to_str().unwrap());
        cmd.args(extra);
        cmd.cwd(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", dir.path());
        for (key, value) in launch.env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        let pid = child.process_id().expect("a pid");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, output) = channel();
        let hang_up = Arc::new(Mutex::new(None::<Instant>));
        let closed = Arc::clone(&hang_up);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                // Asked to hang up: drop the last handle on the terminal (the clock's next
                // redraw wakes this read up within a second).
                let mut closed = closed.lock().unwrap();
                if closed.is_some() {
                    *closed = Some(Instant::now());
                    break;
                }
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            dir,
            history,
            child: Some(child),
            pid,
            master: Some(pty.master),
            writer: Some(writer),
            hang_up,
            term: Output::new(output, vt100::Parser::new(ROWS, COLS, 0)),
            modes,
        }
    }

    /// The terminal's modes now, as `stty -g` would read them.
    fn modes(&self) -> nix::sys::termios::Termios {
        let master = self.master.as_ref().expect("the terminal is open");
        master.get_termios().expect("termios of the pty")
    }

    /// Checks that the terminal is as it was before pacer: the same modes, the main screen,
    /// the cursor shown.
    fn assert_restored(&self) {
        assert_eq!(
            self.modes(),
            self.modes,
            "the terminal modes are back as they were"
        );
        assert!(
            !self.term.screen().alternate_screen(),
            "the alternate screen was left"
        );
        assert!(!self.term.screen().hide_cursor(), "the cursor shows again");
    }

    fn text(&self) -> String {
        self.term.text()
    }

    /// Takes in output for up to `wait`; false when the program's side is closed.
    fn pump(&mut self, wait: Duration) -> bool {
        self.term.pump(wait)
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        self.term.wait_for(text, DEADLINE);
    }

    fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    /// Waits for the program to exit, reading what it still writes.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let child = self.child.take().expect("waited for once");
        self.term.wait_exit(child, DEADLINE)
    }

    fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([name, &self.pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn history(&self) -> History {
        history::read(&self.history).unwrap()
    }

    /// `pacer COMMAND` on this session's talk and history, from outside the terminal: stdout,
    /// after checking that it succeeded.
    fn pacer(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pacer"))
            .arg(args[0])
            .arg(self.dir.path().join("talk.toml"))
            .arg("--history")
            .arg(&self.history)
            .args(&args[1..])
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "pacer {args:?}: {stderr}");
        assert!(stderr.is_empty(), "pacer {args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Waits until the history holds the slides entered so far, `want`.
    fn wait_recorded(&mut self, want: &[usize]) {
        let deadline = Instant::now() + DEADLINE;
        while !(self.history.exists() && entered(&self.history()) == want) {
            assert!(
                Instant::now() < deadline && self.pump(Duration::from_millis(50)),
                "the history never held slides {want:?}"
            );
        }
    }

    /// Whether the pseudo-terminal is back in cooked mode with echo.
    fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let master = self.master.as_ref().expect("the terminal is open");
        let termios = master.get_termios().expect("termios of the pty");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }
}

/// Starts the clock and moves to the third slide, waiting for each screen.
fn rehearse_two_slides(session: &mut Session) {
    session.wait_for("Hello pty");
    session.wait_for("READY");
    session.send(RIGHT);
    session.wait_for("on pace with the plan");
    // Different keys with the same meaning: a quick succession of them is not a held key.
    session.send(DOWN);
    session.wait_for("Slide 2/4");
    session.wait_for("Second slide");
    session.send(PAGE_DOWN);
    session.wait_for("Slide 3/4");
    session.wait_for("Third slide");
}

fn entered(history: &History) -> Vec<usize> {
    history.runs[0]
        .events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Goto(i) => Some(*i),
            _ => None,
        })
        .collect()
}

#[test]
fn a_rehearsal_advances_quits_and_restores_the_terminal() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    session.send(b"q");
    session.wait_for("Quit this rehearsal?");
    session.send(b"y");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");

    let raw = String::from_utf8_lossy(&session.term.raw);
    let entered_alt = raw
        .find("\x1b[?1049h")
        .expect("the alternate screen was used");
    let left_alt = raw
        .rfind("\x1b[?1049l")
        .expect("the alternate screen was left");
    assert!(entered_alt < left_alt);
    assert!(!session.term.screen().alternate_screen());
    assert!(
        !session.term.screen().hide_cursor(),
        "the cursor shows again"
    );
    assert!(session.cooked(), "raw mode is off");
    assert!(
        session.text().contains("Cut short on slide 3/4"),
        "{}",
        session.text()
    );

    let history = session.history();
    assert_eq!(history.runs.len(), 1);
    assert_eq!(history.runs[0].end(), Some(EndReason::Quit));
    assert_eq!(entered(&history), vec![1, 2]);
}

#[test]
fn sigterm_records_the_run_as_cut_short_and_restores_the_terminal() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    session.signal("-TERM");
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 143, "{status:?}");
    assert!(!session.term.screen().alternate_screen());
    assert!(session.cooked(), "raw mode is off");
    let history = session.history();
    assert_eq!(history.runs[0].end(), Some(EndReason::Signal));
    assert_eq!(entered(&history), vec![1, 2]);
}

#[test]
fn a_killed_run_reads_back_cut_short_with_every_slide_it_entered() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    session.signal("-KILL");
    session.wait_exit();
    let history = session.history();
    assert!(history.warnings.is_empty(), "{:?}", history.warnings);
    assert_eq!(history.runs[0].end(), None, "no end record: cut short");
    assert_eq!(entered(&history), vec![1, 2]);
    assert_eq!(history.runs[0].replay().current(), 2);
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_repaints_on_return() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    let before = session.term.raw.len();
    // Nothing here stops a process group without a shell (the kernel ignores SIGTSTP for it), so
    // pacer comes straight back: it must have left the screen, then taken it back and repainted.
    session.send(b"\x1a");
    let deadline = Instant::now() + DEADLINE;
    while !String::from_utf8_lossy(&session.term.raw[before..]).contains("\x1b[?1049h") {
        assert!(Instant::now() < deadline && session.pump(Duration::from_millis(100)));
    }
    let after = String::from_utf8_lossy(&session.term.raw[before..]).into_owned();
    let left = after
        .find("\x1b[?1049l")
        .expect("the screen was given back");
    let back = after
        .rfind("\x1b[?1049h")
        .expect("the screen was taken back");
    assert!(left < back);
    session.wait_for("Third slide");
    session.send(b"q");
    session.wait_for("Quit this rehearsal?");
    session.send(b"y");
    session.wait_exit();
    let events: Vec<Event> = session.history().runs[0]
        .events
        .iter()
        .map(|(e, _)| *e)
        .collect();
    let suspend = events
        .iter()
        .position(|e| *e == Event::Pause(PauseReason::Suspend))
        .expect("the stop is a suspend pause");
    assert_eq!(events[suspend + 1], Event::Resume);
}

#[test]
fn no_record_writes_nothing() {
    let mut session = Session::start(&["--no-record"]);
    session.wait_for("not recorded");
    session.send(RIGHT);
    session.wait_for("on pace with the plan");
    session.send(b"\x03");
    let status = session.wait_exit();
    assert_eq!(
        status.exit_code(),
        130,
        "Ctrl-C stops like SIGINT: {status:?}"
    );
    assert!(!Path::new(&session.history).exists());
}

/// CPU time pacer's threads have used, in nanoseconds; `None` once it has exited.
fn cpu_ns(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The state follows the command name in parentheses: a zombie has exited.
    let state = stat.rsplit_once(") ")?.1.chars().next()?;
    if state == 'Z' || state == 'X' {
        return None;
    }
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut total = 0;
    for task in tasks.flatten() {
        let text = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        total += text
            .split_whitespace()
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
    }
    Some(total)
}

/// The pid of the pacer a wrapper (`setsid -w`) started: its one child.
fn child_of(pid: u32) -> u32 {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(child) = children.split_whitespace().next() {
            return child.parse().unwrap();
        }
        assert!(Instant::now() < deadline, "the wrapper started nothing");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Closes the terminal mid-run: pacer must notice at once, with or without a SIGHUP, and end
/// the run as a hangup within a second, using under 5 % of that second's CPU.
fn a_closed_terminal_ends_the_run_at_once(launch: &Launch) {
    let mut session = Session::launch(launch, &[]);
    rehearse_two_slides(&mut session);
    let pacer = if launch.wrapper.first() == Some(&"setsid") {
        child_of(session.pid)
    } else {
        session.pid
    };
    let before = cpu_ns(pacer).expect("pacer is running");
    session.writer = None;
    session.master = None;
    *session.hang_up.lock().unwrap() = Some(Instant::now());
    let deadline = Instant::now() + DEADLINE;
    let mut after = before;
    while let Some(ns) = cpu_ns(pacer) {
        after = ns;
        assert!(Instant::now() < deadline, "pacer never exited");
        std::thread::sleep(Duration::from_millis(5));
    }
    let exited = Instant::now();
    let closed = session.hang_up.lock().unwrap().expect("closed");
    let took = exited.duration_since(closed);
    assert!(took < Duration::from_secs(1), "took {took:?}");
    let spent = Duration::from_nanos(after - before);
    eprintln!("hang-up to exit: {took:?}, {spent:?} of CPU");
    assert!(
        spent < Duration::from_millis(50),
        "{spent:?} of CPU between the close and the exit: pacer spun"
    );
    let history = session.history();
    assert_eq!(history.runs[0].end(), Some(EndReason::Hangup));
    assert_eq!(entered(&history), vec![1, 2]);
    if launch.wrapper.first() != Some(&"setsid") {
        session.wait_exit();
    }
}

#[test]
fn a_closed_terminal_with_its_sighup_ends_the_run_at_once_without_spinning() {
    a_closed_terminal_ends_the_run_at_once(&Launch::default());
}

#[test]
fn a_closed_terminal_ends_the_run_with_sighup_ignored() {
    a_closed_terminal_ends_the_run_at_once(&Launch {
        wrapper: &["sh", "-c", "trap '' HUP; exec \"$0\" \"$@\""],
        ..Launch::default()
    });
}

#[test]
fn a_closed_terminal_ends_the_run_when_pacer_is_not_in_its_session() {
    // Under `setsid -w` the terminal is not pacer's controlling terminal: no SIGHUP comes.
    a_closed_terminal_ends_the_run_at_once(&Launch {
        wrapper: &["setsid", "-w"],
        ..Launch::default()
    });
}

#[test]
fn sigquit_records_the_run_as_cut_short_and_restores_the_terminal() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    session.signal("-QUIT");
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 131, "{status:?}");
    session.assert_restored();
    let history = session.history();
    assert_eq!(history.runs[0].end(), Some(EndReason::Signal));
    assert_eq!(entered(&history), vec![1, 2]);
}

#[test]
fn ctrl_backslash_stops_like_sigquit() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    // Raw mode turns Ctrl-\ into a key: byte 0x1c.
    session.send(b"\x1c");
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 131, "{status:?}");
    session.assert_restored();
    assert_eq!(session.history().runs[0].end(), Some(EndReason::Signal));
}

#[test]
fn a_history_that_is_a_device_is_refused_before_the_screen_opens() {
    let mut session = Session::launch(
        &Launch {
            history: Some(Path::new("/dev/full")),
            ..Launch::default()
        },
        &[],
    );
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let raw = String::from_utf8_lossy(&session.term.raw).into_owned();
    assert!(
        !raw.contains("\x1b[?1049h"),
        "the screen never opened: {raw:?}"
    );
    assert!(
        session
            .text()
            .contains("cannot read /dev/full: it is a character device, not a history"),
        "{}",
        session.text()
    );
    session.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_says_one_line() {
    if !cfg!(debug_assertions) {
        // The trigger exists in debug builds only.
        return;
    }
    let mut session = Session::launch(
        &Launch {
            env: &[("PACER_DEBUG_PANIC", "1"), ("RUST_BACKTRACE", "1")],
            ..Launch::default()
        },
        &[],
    );
    session.wait_for("READY");
    assert_ne!(
        session.modes(),
        session.modes,
        "raw mode while the screen is up"
    );
    session.send(RIGHT);
    let status = session.wait_exit();
    assert_eq!(status.exit_code(), 101, "a panic's exit status: {status:?}");
    session.assert_restored();
    let text = session.text();
    let said: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(said.len(), 1, "one line, no backtrace: {text}");
    assert!(
        said[0].starts_with("pacer: internal error at src/tui.rs:"),
        "{text}"
    );
}

#[test]
fn a_live_recording_is_in_progress_until_it_is_killed_then_cut_short() {
    let mut session = Session::start(&[]);
    rehearse_two_slides(&mut session);
    session.wait_recorded(&[1, 2]);

    // While pacer records in its terminal, another terminal asks.
    let listed = session.pacer(&["history"]);
    let row = listed.lines().last().unwrap();
    assert!(row.ends_with("▷ in progress"), "{listed}");
    let report = session.pacer(&["report"]);
    assert!(report.contains("· ▷ in progress"), "{report}");
    assert!(report.contains("now on “Third slide”"), "{report}");
    let third = report
        .lines()
        .find(|l| l.trim_start().starts_with("3 ▷"))
        .unwrap_or_else(|| panic!("slide 3 in progress:\n{report}"));
    assert!(
        third.contains("in progress") && !third.contains("0:00"),
        "{third}"
    );
    assert!(!report.contains("cut short"), "{report}");
    let json = session.pacer(&["history", "--format", "json"]);
    assert!(json.contains("\"in_progress\": true"), "{json}");
    let svg = session.pacer(&["report", "--format", "svg"]);
    assert!(svg.contains("in progress)"), "{svg}");

    session.signal("-KILL");
    session.wait_exit();
    let listed = session.pacer(&["history"]);
    assert!(
        listed
            .lines()
            .last()
            .unwrap()
            .ends_with("cut short (no end recorded)"),
        "{listed}"
    );
    let report = session.pacer(&["report"]);
    assert!(report.contains("· cut short (no end recorded)"), "{report}");
    assert!(report.contains("stopped on “Third slide”"), "{report}");
    assert!(!report.contains("· ▷ in progress"), "{report}");
    let json = session.pacer(&["history", "--format", "json"]);
    assert!(json.contains("\"in_progress\": false"), "{json}");
}

#[test]
fn a_run_that_jumped_to_the_end_lists_its_skipped_slides() {
    let mut session = Session::start(&[]);
    session.wait_for("READY");
    session.send(RIGHT);
    session.wait_for("on pace with the plan");
    // End, from slide 1: slides 2 and 3 are never shown.
    session.send(b"\x1b[F");
    session.wait_for("Slide 4/4");
    session.send(RIGHT);
    session.wait_for("2 slides skipped");
    session.send(b"q");
    session.wait_exit();
    let history = session.history();
    assert_eq!(history.runs[0].end(), Some(EndReason::Finished));
    assert_eq!(entered(&history), vec![3]);
    let listed = session.pacer(&["history"]);
    let row = listed.lines().last().unwrap();
    assert!(row.contains(" 2/4 "), "{listed}");
    assert!(row.contains("complete, 2 skipped"), "{listed}");
    let report = session.pacer(&["report"]);
    assert!(
        report.contains("2 of 4 slides shown · » 2 slides skipped"),
        "{report}"
    );
    let sections: Vec<&str> = report
        .lines()
        .skip_while(|l| !l.starts_with("Sections"))
        .take(3)
        .collect();
    assert!(
        sections[1].contains("◐ Start") && sections[1].ends_with("partly skipped"),
        "{report}"
    );
    assert!(
        sections[2].contains("◐ End") && sections[2].ends_with("partly skipped"),
        "{report}"
    );
}
