//! The fixture histories the report tests read must be what the real journal writes: this
//! test writes them again through [`Journal`] with synthetic times, into a temporary folder,
//! and compares them with the committed ones. After a deliberate change of the journal format,
//! `PACER_BLESS=1 cargo test --test report_fixtures` rewrites the committed files (the one
//! bless mechanism of the test suite; review the diff, and the report snapshots after it).
//!
//! Run ids carry the writer's process id, so they are compared by their start time alone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pacer::history::Journal;
use pacer::plan::Plan;
use pacer::rehearsal::{EndReason, Event, PauseReason};

/// The committed fixtures, and the talks they are runs of.
fn committed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// The histories written here.
const HISTORIES: [&str; 3] = [
    "several.history.jsonl",
    "older.history.jsonl",
    "damaged.history.jsonl",
];

fn plan(file: &str) -> Plan {
    let path = committed().join(file);
    let source = pacer::talk::Source::from_bytes(file, std::fs::read(path).unwrap());
    pacer::load(&source).unwrap().plan
}

/// A run as the speaker does it: time on slides, moves, pauses, marks.
struct Script {
    t: Duration,
    events: Vec<(Event, Duration)>,
}

impl Script {
    fn new() -> Self {
        Self {
            t: Duration::ZERO,
            events: Vec::new(),
        }
    }

    fn wait(&mut self, secs: f64) -> &mut Self {
        self.t += Duration::from_secs_f64(secs);
        self
    }

    fn then(&mut self, event: Event) -> &mut Self {
        self.events.push((event, self.t));
        self
    }

    /// Speaks slides `first..` for these many seconds each, moving on after each one.
    fn slides(&mut self, first: usize, secs: &[f64]) -> &mut Self {
        for (i, s) in secs.iter().enumerate() {
            self.wait(*s).then(Event::Goto(first + i + 1));
        }
        self
    }

    fn record(&self, path: &Path, plan: &Plan, from: usize, day: u8) {
        let at: jiff::Timestamp = format!("2025-03-{day:02}T08:{:02}:00Z", 30 + day)
            .parse()
            .unwrap();
        let mut journal = Journal::begin(path, plan, from, None, at).unwrap();
        for (event, t) in &self.events {
            journal.record(event, *t).unwrap();
        }
    }
}

fn finished(script: &mut Script) -> &mut Script {
    script.then(Event::End(EndReason::Finished))
}

/// Writes the three histories into `dir`.
fn write_fixtures(dir: &Path) {
    let current = plan("talk.toml");
    let v1 = plan("talk-v1.toml");
    let several = dir.join("several.history.jsonl");
    let older = dir.join("older.history.jsonl");

    // Run 1: complete, 41 s over.
    let mut s = Script::new();
    s.slides(0, &[18., 16., 20., 62., 35., 30., 34., 38., 33., 30.]);
    finished(s.wait(25.)).record(&several, &current, 0, 1);
    // Run 2: complete, 14 s over.
    let mut s = Script::new();
    s.slides(0, &[16., 15., 17., 55., 33., 31., 30., 35., 31., 29.]);
    finished(s.wait(22.)).record(&several, &current, 0, 2);
    // Run 3: killed on slide 6 (no end record).
    let mut s = Script::new();
    s.slides(0, &[15., 14., 16., 50., 31.])
        .wait(12.)
        .then(Event::Pause(PauseReason::Speaker));
    s.record(&several, &current, 0, 3);
    // Run 4: the Method section and on, from slide 4; quit on slide 8.
    let mut s = Script::new();
    s.slides(3, &[48., 30., 29., 31.])
        .wait(10.)
        .then(Event::End(EndReason::Quit));
    s.record(&several, &current, 3, 4);
    // Run 5: complete and on time, with a skip, a pause, a revisit, a mark and an undone click.
    let mut s = Script::new();
    s.wait(15.).then(Event::Goto(1));
    s.wait(14.).then(Event::Goto(3)); // "Why on-device?" skipped
    s.wait(47.).then(Event::Mark(3)).then(Event::Goto(4));
    s.wait(20.).then(Event::Pause(PauseReason::Speaker));
    s.wait(60.).then(Event::Resume);
    s.wait(12.).then(Event::Goto(3)); // back for 5 s
    s.wait(5.).then(Event::Goto(4));
    s.wait(2.).then(Event::Goto(5));
    s.wait(29.).then(Event::Goto(6));
    s.wait(30.).then(Event::Goto(7)).wait(1.).then(Event::Undo); // a double click, undone
    s.slides(6, &[0., 30., 29., 30.]);
    finished(s.wait(26.)).record(&several, &current, 0, 5);

    // The older outline twice, then the current one.
    let mut s = Script::new();
    s.slides(0, &[17., 15., 16., 58., 40., 33., 31., 36., 32., 31.]);
    finished(s.wait(24.)).record(&older, &v1, 0, 1);
    let mut s = Script::new();
    s.slides(0, &[16., 15., 15., 50., 35., 31., 30., 33., 30., 30.]);
    finished(s.wait(20.)).record(&older, &v1, 0, 2);
    let mut s = Script::new();
    s.slides(0, &[15., 15., 15., 46., 30., 33., 30., 31., 30., 30.]);
    finished(s.wait(22.)).record(&older, &current, 0, 3);

    // The several-run history, damaged: garbage, a foreign record, an orphan event, a torn end.
    let text = std::fs::read_to_string(&several).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "this is not json");
    lines.insert(7, r#"{"type":"metrics","cpu":0.3}"#);
    lines.insert(12, r#"{"run":"nobody","event":"enter","t_ms":5,"slide":1}"#);
    let mut damaged = lines.join("\n");
    damaged.push_str("\n{\"run\":\"x\",\"event\":\"ent");
    std::fs::write(dir.join("damaged.history.jsonl"), damaged).unwrap();
}

/// A history with every journal run id (`20250301T083100-PID-N`) cut to its start time.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\"run\":\"") {
        let (head, tail) = rest.split_at(at + "\"run\":\"".len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        let id = &tail[..end];
        let is_journal_id = id.len() > 16 && id.as_bytes()[8] == b'T' && id.as_bytes()[15] == b'-';
        out.push_str(if is_journal_id { &id[..15] } else { id });
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn normalizing_keeps_everything_but_the_writer_in_run_ids() {
    assert_eq!(
        normalized(r#"{"run":"20250301T083100-1287","t_ms":5}{"run":"20250301T083100-ab-3"}"#),
        r#"{"run":"20250301T083100","t_ms":5}{"run":"20250301T083100"}"#
    );
    assert_eq!(normalized(r#"{"run":"nobody"}"#), r#"{"run":"nobody"}"#);
}

#[test]
fn committed_fixtures_are_what_the_journal_writes() {
    let dir = tempfile::tempdir().unwrap();
    write_fixtures(dir.path());
    let bless = std::env::var_os("PACER_BLESS").is_some();
    for name in HISTORIES {
        let written = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let path = committed().join(name);
        if bless {
            std::fs::write(&path, &written).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with PACER_BLESS=1)", path.display()));
        let (written, kept) = (normalized(&written), normalized(&kept));
        if written != kept {
            let first = written
                .lines()
                .zip(kept.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| written.lines().count().min(kept.lines().count()));
            panic!(
                "{name} is not what the journal writes now (first difference at line {}; \
                 PACER_BLESS=1 rewrites it):\n  written: {}\n  kept:    {}",
                first + 1,
                written.lines().nth(first).unwrap_or("(end)"),
                kept.lines().nth(first).unwrap_or("(end)"),
            );
        }
    }
}
