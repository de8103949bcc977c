//! `pacer drill` as the real binary in a pseudo-terminal, its screen read back through a
//! terminal emulator, its drills file read back through `pacer::drill::read`.
//!
//! Every wait polls for what it expects under a generous deadline (a loaded machine is slow,
//! never wrong): no fixed sleeps.

mod common;

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use common::output::Output;
use pacer::drill::{self, Rating};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(20);
const ROWS: NonZeroU16 = NonZeroU16::new(30).unwrap();
const COLS: NonZeroU16 = NonZeroU16::new(100).unwrap();

const TALK: &str = r#"
title = "PTY drill"
budget = "2m"

[[section]]
title = "Only"
slides = ["Hello pty", { title = "Where it attaches", id = "attach" }]

[[question]]
ask = "Where do the adapters attach?"
answer = "q, k, v and out projections"
budget = "40s"
slide = "attach"

[[question]]
ask = "왜 서버가 아니라 휴대폰인가요?"
answer = "Latency, privacy, cost."
budget = "20s"
"#;

const RIGHT: &[u8] = b"\x1b[C";
const PAGE_DOWN: &[u8] = b"\x1b[6~";

/// A `pacer drill` running in a pseudo-terminal.
struct Drill {
    _dir: tempfile::TempDir,
    drills: PathBuf,
    child: Option<Box<dyn Child + Send + Sync>>,
    pid: u32,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// What the program wrote, and the screen it shows.
    term: Output,
    modes: nix::sys::termios::Termios,
}

impl Drill {
    fn start(extra: &[&str]) -> Self {
        Self::launch(&[], extra)
    }

    fn launch(env: &[(&str, &str)], extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let talk = dir.path().join("talk.toml");
        std::fs::write(&talk, TALK).unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let modes = pty.master.get_termios().expect("termios of the pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pacer"));
        cmd.args(["drill", talk.to_str().unwrap(), "--seed", "7"]);
        cmd.args(extra);
        cmd.cwd(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", dir.path());
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        let pid = child.process_id().expect("a pid");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            drills: dir.path().join("talk.drills.jsonl"),
            _dir: dir,
            child: Some(child),
            pid,
            master: pty.master,
            writer,
            term: Output::new(output, vt100::Parser::new(ROWS, COLS, 0)),
            modes,
        }
    }

    fn text(&self) -> String {
        self.term.text()
    }

    /// Takes in output for up to `wait`; false once the program's side is closed.
    fn pump(&mut self, wait: Duration) -> bool {
        self.term.pump(wait)
    }

    fn wait_for(&mut self, text: &str) {
        self.term.wait_for(text, DEADLINE);
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let child = self.child.take().expect("waited for once");
        self.term.wait_exit(child, DEADLINE)
    }

    fn assert_restored(&self) {
        assert_eq!(
            self.master.get_termios().expect("termios of the pty"),
            self.modes,
            "the terminal modes are back as they were"
        );
        assert!(
            !self.term.screen().alternate_screen(),
            "the alternate screen was left"
        );
        assert!(!self.term.screen().hide_cursor(), "the cursor shows again");
    }

    fn read(&self) -> drill::Drills {
        drill::read(&self.drills).unwrap()
    }
}

/// The questions as `drill::select` orders them with seed 7 and no past drills: (ask, notes).
fn order() -> Vec<(String, String)> {
    let source = pacer::talk::Source::new("talk.toml", TALK);
    let loaded = pacer::load(&source).unwrap();
    let questions = &loaded.talk.questions;
    let chosen = drill::select::choose(
        questions,
        &[],
        &drill::select::Filter::default(),
        None,
        7,
        0.8,
    );
    chosen
        .into_iter()
        .map(|i| (questions[i].ask.clone(), questions[i].answer.clone()))
        .collect()
}

/// Answers the first question and rates it good, then answers the second (not rated yet).
fn answer_one_and_a_half(d: &mut Drill) -> Vec<(String, String)> {
    let order = order();
    d.wait_for(&order[0].0);
    d.wait_for("clock stopped");
    d.send(b" ");
    d.wait_for("on time");
    d.send(RIGHT);
    d.wait_for("Rate it");
    d.wait_for(&order[0].1);
    d.send(b"3");
    d.wait_for(&order[1].0);
    d.wait_for("1 answered ✓1");
    d.send(PAGE_DOWN);
    d.wait_for("on time");
    d.send(b"\r");
    d.wait_for(&order[1].1);
    order
}

#[test]
fn a_drill_asks_times_and_rates_two_questions_and_reads_back() {
    let mut d = Drill::start(&[]);
    let order = answer_one_and_a_half(&mut d);
    d.send(b"2");
    d.wait_for("Drill over · 2 answered");
    d.send(b"q");
    let status = d.wait_exit();
    assert!(status.success(), "{status:?}");
    d.assert_restored();
    d.wait_for("2 answered: ✓ 1 good, ~ 1 shaky, ✗ 0 missed");
    d.wait_for("seed 7");

    let read = d.read();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let [drill] = &read.drills[..] else {
        panic!("one drill: {:?}", read.drills)
    };
    assert!(drill.ended);
    let got: Vec<(&str, Option<Rating>)> = drill
        .answers
        .iter()
        .map(|a| (a.ask.as_str(), a.rating))
        .collect();
    assert_eq!(
        got,
        [
            (order[0].0.as_str(), Some(Rating::Good)),
            (order[1].0.as_str(), Some(Rating::Shaky)),
        ]
    );
    for answer in &drill.answers {
        assert!(answer.question.starts_with("q/"), "{answer:?}");
        let budget = if answer.ask.starts_with("Where") {
            40
        } else {
            20
        };
        assert_eq!(answer.budget, Duration::from_secs(budget), "{answer:?}");
    }
    assert!(
        drill
            .answers
            .iter()
            .all(|a| a.took < Duration::from_secs(20))
    );
}

/// Quit after the first answer: the summary, the closing line and the drills file all say
/// that one question was not asked.
#[test]
fn a_drill_quit_early_says_what_it_did_not_ask() {
    let mut d = Drill::start(&[]);
    let order = order();
    d.wait_for(&order[0].0);
    d.send(b" ");
    d.wait_for("on time");
    d.send(RIGHT);
    d.wait_for("Rate it");
    d.send(b"3");
    d.wait_for(&order[1].0);
    d.send(b"q");
    d.wait_for("Quit this drill?");
    d.send(b"y");
    d.wait_for("Drill quit · 1 answered · 0 skipped · 1 not asked");
    d.send(b"q");
    let status = d.wait_exit();
    assert!(status.success(), "{status:?}");
    d.assert_restored();
    d.wait_for("1 answered: ✓ 1 good, ~ 0 shaky, ✗ 0 missed; 0 over budget; 1 not asked");
    let read = d.read();
    let drill = &read.drills[0];
    assert!(drill.ended);
    assert_eq!((drill.answers.len(), drill.not_asked), (1, 1));
}

/// `b` while the first question is read pauses nothing and begins nothing: a line says so, `u`
/// says there is nothing to undo, `q` then leaves at once, and no drills file is written.
#[test]
fn pause_before_the_answer_begins_nothing() {
    let mut d = Drill::start(&[]);
    d.wait_for("clock stopped");
    d.wait_for("Space answer   s skip   ? help   q quit");
    d.send(b"b");
    d.wait_for("nothing to pause: the answer clock starts with Space");
    d.send(b"u");
    d.wait_for("nothing to undo");
    assert!(
        d.text().contains("○ records from the first key"),
        "{}",
        d.text()
    );
    d.send(b"q");
    let status = d.wait_exit();
    assert!(status.success(), "{status:?}");
    d.assert_restored();
    assert!(!d.drills.exists(), "nothing was begun, nothing recorded");
}

#[test]
fn a_kill_9_mid_drill_loses_no_answer_given() {
    let mut d = Drill::start(&[]);
    answer_one_and_a_half(&mut d);
    // The screen shows the notes only once the step is on disk: kill now.
    let status = std::process::Command::new("kill")
        .args(["-9", &d.pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = d.wait_exit();
    assert!(!status.success());

    let read = d.read();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let drill = &read.drills[0];
    assert!(!drill.ended, "killed: cut short");
    let ratings: Vec<Option<Rating>> = drill.answers.iter().map(|a| a.rating).collect();
    assert_eq!(
        ratings,
        [Some(Rating::Good), None],
        "the rated answer and the one answered, not yet rated"
    );
}

#[test]
fn sigterm_ends_the_drill_cut_short_and_restores_the_terminal() {
    let mut d = Drill::start(&[]);
    d.wait_for("clock stopped");
    d.send(b" ");
    d.wait_for("on time");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &d.pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = d.wait_exit();
    assert_eq!(status.exit_code(), 143);
    d.assert_restored();
    let read = d.read();
    assert!(read.drills[0].ended, "the loop wrote the end");
    assert!(read.drills[0].answers.is_empty(), "the answer was not over");
}

#[test]
fn after_rehearses_the_talk_then_asks_the_questions_in_one_session() {
    let mut d = Drill::start(&["--after=1"]);
    d.wait_for("Hello pty");
    d.send(RIGHT);
    d.wait_for("Slide 1/2");
    d.send(b"\x1b[B");
    d.wait_for("Slide 2/2");
    d.send(PAGE_DOWN);
    d.wait_for("Finished in");
    d.send(b"q");
    // Straight into one question.
    d.wait_for("Question 1 of 1");
    d.send(b" ");
    d.wait_for("on time");
    d.send(RIGHT);
    d.wait_for("Rate it");
    d.send(b"1");
    d.wait_for("Drill over · 1 answered");
    d.send(b"q");
    let status = d.wait_exit();
    assert!(status.success(), "{status:?}");
    d.assert_restored();
    d.wait_for("the whole session 0:");
    let history = pacer::history::read(&d.drills.with_file_name("talk.history.jsonl")).unwrap();
    assert!(
        history.runs[0].is_complete(),
        "the talk was recorded as a run"
    );
    let read = d.read();
    assert_eq!(read.drills[0].answers[0].rating, Some(Rating::Missed));
}

#[test]
fn a_hangup_ends_the_drill_keeping_the_answers_and_restores_the_terminal() {
    let mut d = Drill::start(&[]);
    answer_one_and_a_half(&mut d);
    let status = std::process::Command::new("kill")
        .args(["-HUP", &d.pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = d.wait_exit();
    assert_eq!(status.exit_code(), 129);
    d.assert_restored();
    let read = d.read();
    assert!(read.drills[0].ended);
    assert_eq!(read.drills[0].answers.len(), 2, "rated, and answered");
}

#[test]
fn a_panic_restores_the_terminal_and_says_one_line() {
    if !cfg!(debug_assertions) {
        // The trigger exists in debug builds only.
        return;
    }
    let mut d = Drill::launch(&[("PACER_DEBUG_PANIC", "1"), ("RUST_BACKTRACE", "1")], &[]);
    d.wait_for("clock stopped");
    d.send(b" ");
    let status = d.wait_exit();
    assert_eq!(status.exit_code(), 101, "a panic's exit status: {status:?}");
    d.assert_restored();
    let text = d.text();
    let said: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(said.len(), 1, "one line, no backtrace: {text}");
    assert!(
        said[0].starts_with("pacer: internal error at src/tui/drill.rs:"),
        "{text}"
    );
}

#[test]
fn ctrl_z_gives_the_terminal_back_with_the_answer_clock_stopped() {
    let mut d = Drill::start(&[]);
    d.wait_for("clock stopped");
    d.send(b" ");
    d.wait_for("on time");
    let before = d.term.raw.len();
    // Without a shell nothing stops the process group (the kernel ignores SIGTSTP for it), so
    // pacer comes straight back: it must have left the screen, then taken it back.
    d.send(b"\x1a");
    let deadline = Instant::now() + DEADLINE;
    loop {
        let after = String::from_utf8_lossy(&d.term.raw[before..]).into_owned();
        if let (Some(left), Some(back)) = (after.find("\x1b[?1049l"), after.rfind("\x1b[?1049h"))
            && left < back
        {
            break;
        }
        assert!(Instant::now() < deadline && d.pump(Duration::from_millis(100)));
    }
    d.send(RIGHT);
    d.wait_for("Rate it");
    d.send(b"3");
    d.wait_for("1 answered ✓1");
    d.send(b"q");
    d.wait_for("Quit this drill?");
    d.send(b"y");
    d.wait_for("Drill quit");
    d.send(b"q");
    assert!(d.wait_exit().success());
    let text = std::fs::read_to_string(&d.drills).unwrap();
    let events: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split("\"event\":\"").nth(1)?.split('"').next())
        .collect();
    let pause = events.iter().position(|e| *e == "pause").expect("a pause");
    assert_eq!(events[pause + 1], "resume", "{events:?}");
    assert!(text.contains("\"reason\":\"suspend\""), "{text}");
    assert!(
        text.lines().last().unwrap().contains("\"reason\":\"quit\""),
        "{text}"
    );
}
