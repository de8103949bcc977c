//! Reading a history back: every run, killed ones as cut short, bad lines skipped and named.

use std::collections::{HashMap, VecDeque};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::lines::{Lines, RawLine, unreadable};
use super::record::{Kind, LineIn, PlanSnapshot};
use super::{Fingerprint, Run};
use crate::plan::Plan;
use crate::rehearsal::Event;

/// Every run of a history file, in file order, and the lines that could not be used.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub runs: Vec<Run>,
    pub warnings: Vec<LineWarning>,
}

/// A line skipped on reading (the file itself is never changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWarning {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: skipped: {}", self.line, self.message)
    }
}

/// The longest line a history may hold: a run's start line carries its plan, which for a talk
/// of 100,000 slides is a few MB. A longer line is skipped as damaged, never held whole.
pub const MAX_LINE: usize = 64 << 20;

/// A history path that names something other than a regular file: a device, a FIFO, a folder.
/// Reading one could wait forever or never end; writing one loses the runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "it is {what}, not a history file: give --history the path of a regular file (a new \
     name starts a new history)"
)]
pub struct NotAFile {
    pub path: PathBuf,
    pub what: &'static str,
}

/// Checks, without opening it, that `path` can hold a history: `Ok(true)` for a regular file,
/// `Ok(false)` when there is nothing there yet, an error of kind `InvalidInput` carrying a
/// [`NotAFile`] for anything else.
pub fn check(path: &Path) -> io::Result<bool> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(true),
        Ok(meta) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            NotAFile {
                path: path.to_owned(),
                what: crate::fsutil::kind_of(meta.file_type()),
            },
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Opens the history at `path` for reading after [`check`]: `Ok(None)` when there is none.
pub fn open(path: &Path) -> io::Result<Option<File>> {
    if !check(path)? {
        return Ok(None);
    }
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads the history at `path` (an error of kind `NotFound` when there is none).
pub fn read(path: &Path) -> io::Result<History> {
    read_with(path, parse)
}

/// Reads the journal at `path` (a history, a drills file) with `parse`, after [`check`]: an
/// error of kind `NotFound` when there is none.
pub fn read_with<T>(
    path: &Path,
    parse: impl FnOnce(BufReader<File>) -> io::Result<T>,
) -> io::Result<T> {
    match open(path)? {
        Some(file) => parse(BufReader::new(file)),
        None => Err(io::Error::from(io::ErrorKind::NotFound)),
    }
}

/// Reads a history from any reader, one line at a time.
pub fn parse(input: impl BufRead) -> io::Result<History> {
    let mut runs = Vec::new();
    let scanned = scan(input, |run| runs.push(run))?;
    runs.sort_unstable_by_key(|run: &Run| run.number);
    Ok(History {
        runs,
        warnings: scanned.warnings,
    })
}

/// What [`scan`] saw besides the runs it handed over.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// How many runs the history holds (they are numbered `1..=runs`).
    pub runs: usize,
    pub warnings: Vec<LineWarning>,
    /// The most runs held open at once while reading (never more than [`MAX_OPEN`]).
    pub most_open: usize,
    /// Lines skipped past the first [`MAX_WARNINGS`], counted, not listed.
    pub unlisted: usize,
}

/// The most events one run holds (a rehearsal of 80 slides records a few hundred): past them,
/// a run's records are skipped, all but its end, so that no run outgrows memory.
pub const MAX_EVENTS: usize = 100_000;

/// How many skipped lines [`scan`] lists; past them it only counts (a file of garbage lines
/// must not become a list as long as itself).
pub const MAX_WARNINGS: usize = 100;

impl Scanned {
    /// Every line skipped, listed or not.
    pub fn skipped(&self) -> usize {
        self.warnings.len() + self.unlisted
    }

    fn skip(&mut self, warning: LineWarning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.unlisted += 1;
        }
    }
}

/// The most runs [`scan`] holds open (started, not yet ended) at once. Runs interleave only
/// when several rehearsals record into one history at the same time; past this many, the
/// oldest open run is taken to have been killed and handed over as cut short, so a history
/// of many killed runs is read in bounded memory.
pub const MAX_OPEN: usize = 32;

/// How many ended runs [`scan`] remembers, to name a stray record as coming after its run's
/// end; an older run's stray record is named as having no start.
const ENDED_REMEMBERED: usize = 4096;

/// The ids of the runs ended last, and whether each was set aside (not ended by a record).
#[derive(Default)]
struct Ended {
    ids: HashMap<String, bool>,
    order: VecDeque<String>,
}

impl Ended {
    fn insert(&mut self, id: String, set_aside: bool) {
        if self.ids.insert(id.clone(), set_aside).is_none() {
            self.order.push_back(id);
        }
        if self.order.len() > ENDED_REMEMBERED
            && let Some(old) = self.order.pop_front()
        {
            self.ids.remove(&old);
        }
    }

    /// Why a record for run `id`, which is not open, is skipped.
    fn stray(&self, id: &str) -> String {
        match self.ids.get(id) {
            Some(false) => format!("event for run `{id}` after its end"),
            Some(true) => format!(
                "event for run `{id}`, read as cut short: more than {MAX_OPEN} runs were open \
                 at once"
            ),
            None => format!("event for run `{id}`, which has no start"),
        }
    }

    /// Forgets `id` (a new run of the same id started); its place in the order stays, and at
    /// worst forgets a later run of that id early: only a warning's wording depends on it.
    fn remove(&mut self, id: &str) {
        self.ids.remove(id);
    }
}

/// Reads a history one line at a time and hands over each run as soon as it is whole: at its
/// end record, or at the end of the input for a run cut short.
///
/// Only the runs still open are held (at most [`MAX_OPEN`]), so memory follows what the
/// caller keeps, not the file. Runs come in the order they end, which is file order unless
/// runs interleave; each carries its [`Run::number`]. A record for a run that has already
/// ended is skipped with a warning.
pub fn scan(input: impl BufRead, mut each: impl FnMut(Run)) -> io::Result<Scanned> {
    let mut scanned = Scanned::default();
    let mut open: HashMap<String, Run> = HashMap::new();
    let mut ended = Ended::default();
    let mut last_plan: Option<LastPlan> = None;
    let mut lines = Lines::new(input, MAX_LINE);
    while let Some((number, line)) = lines.next()? {
        let text = match line {
            RawLine::Text(text) => text,
            RawLine::TooLong(len) => {
                scanned.skip(LineWarning {
                    line: number,
                    message: format!(
                        "damaged: {len} bytes long, over the {} MiB a record can take",
                        MAX_LINE >> 20
                    ),
                });
                continue;
            }
        };
        let warn = |message: String| LineWarning {
            line: number,
            message,
        };
        let line: LineIn = match serde_json::from_slice(text) {
            Ok(line) => line,
            Err(err) => {
                scanned.skip(warn(unreadable(&err, "a pacer record")));
                continue;
            }
        };
        if line.event == Kind::Start {
            match start_run(&line, scanned.runs + 1, &mut last_plan) {
                Ok(run) => {
                    scanned.runs += 1;
                    ended.remove(&run.id);
                    hold(&mut open, &mut ended, run, &mut each);
                    scanned.most_open = scanned.most_open.max(open.len());
                }
                Err(message) => scanned.skip(warn(message)),
            }
            continue;
        }
        let Some(run) = open.get_mut(line.run.as_ref()) else {
            scanned.skip(warn(ended.stray(&line.run)));
            continue;
        };
        match line.event() {
            Ok(event) if run.events.len() >= MAX_EVENTS && !matches!(event, Event::End(_)) => {
                scanned.skip(warn(format!(
                    "run `{}` has more than {MAX_EVENTS} events (a rehearsal records a few \
                     hundred): the rest of them are skipped",
                    line.run
                )));
            }
            Ok(event) => {
                let t = Duration::from_millis(line.t_ms).max(run.last_moment());
                run.events.push((event, t));
                if matches!(event, Event::End(_))
                    && let Some(run) = open.remove(line.run.as_ref())
                {
                    ended.insert(line.run.into_owned(), false);
                    each(run);
                }
            }
            Err(message) => scanned.skip(warn(message)),
        }
    }
    // Runs with no end record were cut short by a crash or a kill: still runs, in file order.
    let mut cut_short: Vec<Run> = open.into_values().collect();
    cut_short.sort_unstable_by_key(|run| run.number);
    cut_short.into_iter().for_each(each);
    Ok(scanned)
}

/// Holds `run` open; past [`MAX_OPEN`] open runs, hands the oldest over as cut short.
fn hold(open: &mut HashMap<String, Run>, ended: &mut Ended, run: Run, each: &mut impl FnMut(Run)) {
    if let Some(earlier) = open.insert(run.id.clone(), run) {
        each(earlier);
    }
    if open.len() > MAX_OPEN
        && let Some(oldest) = open
            .iter()
            .min_by_key(|(_, r)| r.number)
            .map(|(id, _)| id.clone())
        && let Some(run) = open.remove(&oldest)
    {
        ended.insert(oldest, true);
        each(run);
    }
}

/// What [`next_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Got {
    End,
    /// A line, in the buffer (with its newline, if it had one).
    Line,
    /// A line longer than the cap, of this many bytes: read past, not kept.
    TooLong(u64),
}

/// Reads one line into `buf`, never holding more than `cap` bytes of it.
pub(crate) fn next_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Got> {
    buf.clear();
    let mut len: u64 = 0;
    let mut keep = true;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..=i], true),
            None => (chunk, false),
        };
        let n = part.len();
        len += n as u64;
        if keep && buf.len() + n <= cap {
            buf.extend_from_slice(part);
        } else {
            keep = false;
            buf.clear();
        }
        input.consume(n);
        if done {
            break;
        }
    }
    Ok(match (len, keep) {
        (0, _) => Got::End,
        (_, true) => Got::Line,
        (len, false) => Got::TooLong(len),
    })
}

/// The plan of the last start line: its raw JSON, the snapshot, the plan runs share.
struct LastPlan {
    raw: String,
    snapshot: PlanSnapshot,
    plan: Arc<Plan>,
    fingerprints: Arc<[Option<Fingerprint>]>,
}

fn start_run(line: &LineIn, number: usize, last: &mut Option<LastPlan>) -> Result<Run, String> {
    let raw = line.plan.ok_or("a run start without its plan")?.get();
    // Runs of an unchanged talk share one plan: memory follows the talk, not the file, and a
    // repeated plan is compared as text, never parsed again.
    let (plan, fingerprints) = match last {
        Some(last) if last.raw == raw => (Arc::clone(&last.plan), Arc::clone(&last.fingerprints)),
        _ => {
            let snapshot: PlanSnapshot = serde_json::from_str(raw)
                .map_err(|err| format!("not a pacer record (its plan: {err})"))?;
            let (plan, fingerprints) = match last {
                Some(last) if last.snapshot == snapshot => {
                    (Arc::clone(&last.plan), Arc::clone(&last.fingerprints))
                }
                _ => (Arc::new(snapshot.to_plan()?), snapshot.fingerprints()),
            };
            *last = Some(LastPlan {
                raw: raw.to_owned(),
                snapshot,
                plan: Arc::clone(&plan),
                fingerprints: Arc::clone(&fingerprints),
            });
            (plan, fingerprints)
        }
    };
    Ok(Run {
        number,
        id: line.run.clone().into_owned(),
        started_at: line.started_at.clone().unwrap_or_default(),
        from: line.from.unwrap_or(0).min(plan.slides.len() - 1),
        plan,
        scope: line.scope.clone(),
        events: vec![(crate::rehearsal::Event::Start, Duration::ZERO)],
        fingerprints,
        recorder: line.recorder.clone(),
        liveness: super::Liveness::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Journal;
    use crate::plan::PlannedSlide;
    use crate::rehearsal::{EndReason, Event, PauseReason};
    use crate::testing;

    fn plan() -> Plan {
        let slide = |i: usize| PlannedSlide {
            title: format!("Slide {i}"),
            optional: i == 2,
            ..testing::slide(&format!("s/{i}"))
        };
        testing::plan(vec![("A", vec![slide(0), slide(1)]), ("B", vec![slide(2)])])
    }

    fn at(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_run_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let mut journal =
            Journal::begin(&path, &plan(), 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
        for (event, t) in [
            (Event::Goto(1), at(12)),
            (Event::Pause(PauseReason::Suspend), at(14)),
            (Event::Resume, at(100)),
            (Event::Mark(2), at(101)),
            (Event::Goto(2), at(105)),
            (Event::End(EndReason::Finished), at(111)),
        ] {
            journal.record(&event, t).unwrap();
        }
        let history = read(&path).unwrap();
        assert!(history.warnings.is_empty(), "{:?}", history.warnings);
        let run = &history.runs[0];
        assert_eq!(run.number, 1);
        assert_eq!(run.started_at, "1970-01-01T00:00:00Z");
        assert_eq!(*run.plan, plan());
        assert!(run.is_complete());
        let replay = run.replay();
        assert_eq!(replay.slide_spent(0, at(999)), at(12));
        assert_eq!(replay.slide_spent(1, at(999)), at(7));
        assert_eq!(replay.slide_spent(2, at(999)), at(6));
        assert!(replay.is_marked(2));
    }

    #[test]
    fn each_slide_keeps_the_fingerprint_of_its_content_and_old_histories_have_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let mut noted = plan();
        noted.slides[1].notes = "Say it slowly.".into();
        Journal::begin(&path, &noted, 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let want = crate::history::Fingerprint::of("Slide 1", "Say it slowly.");
        assert!(
            text.contains(&format!("\"fingerprint\":\"{want}\"")),
            "{text}"
        );
        let run = &parse(text.as_bytes()).unwrap().runs[0];
        let now = crate::history::fingerprints(&noted);
        assert_eq!(run.fingerprint(1), Some(want));
        assert_eq!(
            (0..3)
                .map(|i| run.fingerprint(i).unwrap())
                .collect::<Vec<_>>(),
            now
        );

        // Written before fingerprints (and one not 16 hex digits): read as unknown.
        let old = text.replace(&format!(",\"fingerprint\":\"{want}\""), "");
        let old = old.replace(
            &format!("\"fingerprint\":\"{}\"", now[0]),
            "\"fingerprint\":\"x\"",
        );
        let history = parse(old.as_bytes()).unwrap();
        assert!(history.warnings.is_empty(), "{:?}", history.warnings);
        let run = &history.runs[0];
        assert_eq!(run.fingerprint(0), None, "not hex");
        assert_eq!(run.fingerprint(1), None, "not recorded");
        assert_eq!(run.fingerprint(2), Some(now[2]));
        let none = old.replace(&format!(",\"fingerprint\":\"{}\"", now[2]), "");
        let none = none.replace(",\"fingerprint\":\"x\"", "");
        assert!(!none.contains("fingerprint"), "{none}");
        let run = &parse(none.as_bytes()).unwrap().runs[0];
        assert!(run.fingerprints.is_empty());
        assert_eq!(*run.plan, noted_without_notes(&noted));
    }

    fn noted_without_notes(plan: &Plan) -> Plan {
        let mut plan = plan.clone();
        plan.slides.iter_mut().for_each(|s| s.notes.clear());
        plan
    }

    #[test]
    fn a_killed_run_is_cut_short_and_a_torn_line_is_skipped_but_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let mut journal =
            Journal::begin(&path, &plan(), 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
        journal.record(&Event::Goto(1), at(9)).unwrap();
        drop(journal);
        // A kill in the middle of a write leaves half a line.
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(br#"{"run":"x","event":"ent"#);
        std::fs::write(&path, &bytes).unwrap();
        let mut second =
            Journal::begin(&path, &plan(), 1, Some("A"), jiff::Timestamp::UNIX_EPOCH).unwrap();
        second.record(&Event::End(EndReason::Quit), at(3)).unwrap();

        let history = read(&path).unwrap();
        assert_eq!(history.runs.len(), 2);
        assert_ne!(
            history.runs[0].id, history.runs[1].id,
            "same second, same process"
        );
        assert_eq!(history.runs[0].end(), None, "no end record: cut short");
        assert_eq!(history.runs[0].replay().current(), 1);
        assert_eq!(history.runs[1].end(), Some(EndReason::Quit));
        assert_eq!(history.runs[1].from, 1);
        assert_eq!(history.runs[1].scope.as_deref(), Some("A"));
        assert!(Arc::ptr_eq(&history.runs[0].plan, &history.runs[1].plan));
        assert_eq!(history.warnings.len(), 1);
        assert_eq!(history.warnings[0].line, 3);
        assert!(history.warnings[0].message.contains("torn"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("{\"run\":\"x\",\"event\":\"ent\n"),
            "the torn line stays"
        );
    }

    #[test]
    fn the_recorder_named_at_the_start_reads_back_and_older_starts_name_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let me = crate::history::Recorder {
            host: Some("stage".into()),
            pid: 4242,
            boot: Some("b-1".into()),
            start_ticks: Some(777),
        };
        let at = jiff::Timestamp::UNIX_EPOCH;
        Journal::begin_by(&path, &plan(), 0, None, at, Some(me.clone())).unwrap();
        Journal::begin(&path, &plan(), 0, None, at).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.lines().next().unwrap().contains(
                r#""recorder":{"host":"stage","pid":4242,"boot":"b-1","start_ticks":777}"#
            ),
            "{text}"
        );
        assert!(!text.lines().nth(1).unwrap().contains("recorder"));
        let history = read(&path).unwrap();
        assert_eq!(history.runs[0].recorder, Some(me));
        assert_eq!(history.runs[1].recorder, None);
        // Read back, nothing is alive until the reader asks: both are cut short as written.
        assert!(history.runs.iter().all(|r| !r.in_progress()));
    }

    #[test]
    fn a_line_over_the_cap_is_skipped_as_damaged_and_never_held() {
        let mut input: &[u8] = b"short\nmuch too long a line\nend";
        let mut buf = Vec::new();
        assert_eq!(next_line(&mut input, &mut buf, 8).unwrap(), Got::Line);
        assert_eq!(buf, b"short\n");
        assert_eq!(
            next_line(&mut input, &mut buf, 8).unwrap(),
            Got::TooLong(21)
        );
        assert!(buf.capacity() <= 16, "never grew to the line");
        assert_eq!(next_line(&mut input, &mut buf, 8).unwrap(), Got::Line);
        assert_eq!(buf, b"end");
        assert_eq!(next_line(&mut input, &mut buf, 8).unwrap(), Got::End);
        // A buffered reader smaller than the line: the cap holds across refills.
        let long = vec![b'x'; 10_000];
        let mut input = BufReader::with_capacity(64, &long[..]);
        assert_eq!(
            next_line(&mut input, &mut buf, 100).unwrap(),
            Got::TooLong(10_000)
        );
    }

    #[test]
    fn a_history_that_is_not_a_regular_file_is_named_for_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(
            err.to_string().contains("is a folder, not a history file"),
            "{err}"
        );
        assert!(
            !check(&dir.path().join("new.jsonl")).unwrap(),
            "nothing there yet"
        );
        #[cfg(unix)]
        {
            let err = check(Path::new("/dev/null")).unwrap_err();
            assert!(
                err.to_string().starts_with("it is a character device"),
                "{err}"
            );
        }
    }

    #[test]
    fn garbage_and_foreign_lines_are_named() {
        let text = "not json\n{\"hello\":1}\n{\"run\":\"zz\",\"event\":\"enter\",\"t_ms\":5,\"slide\":1}\n\n";
        let history = parse(text.as_bytes()).unwrap();
        assert!(history.runs.is_empty());
        let lines: Vec<usize> = history.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert!(history.warnings[2].to_string().contains("no start"));
    }

    #[test]
    fn a_history_of_many_killed_runs_is_read_holding_few() {
        use std::fmt::Write as _;
        // 2,000 runs, every other one killed (no end record): all read, at most MAX_OPEN held.
        let snapshot = serde_json::to_string(&PlanSnapshot::of(&plan())).unwrap();
        let mut text = String::new();
        for k in 0..2000 {
            let _ = writeln!(
                text,
                "{{\"run\":\"r{k}\",\"event\":\"start\",\"t_ms\":0,\"plan\":{snapshot}}}"
            );
            let _ = writeln!(
                text,
                "{{\"run\":\"r{k}\",\"event\":\"enter\",\"t_ms\":5,\"slide\":1}}"
            );
            if k % 2 == 0 {
                let _ = writeln!(
                    text,
                    "{{\"run\":\"r{k}\",\"event\":\"end\",\"t_ms\":9,\"reason\":\"finished\"}}"
                );
            }
        }
        // A stray record of a run set aside long ago says why it is skipped.
        text.push_str("{\"run\":\"r1\",\"event\":\"resume\",\"t_ms\":10}\n");
        let mut seen = Vec::new();
        let scanned = scan(text.as_bytes(), |run| {
            seen.push((run.number, run.end().is_some()));
        })
        .unwrap();
        assert_eq!(scanned.runs, 2000);
        assert!(scanned.most_open <= MAX_OPEN, "{}", scanned.most_open);
        assert_eq!(
            scanned.most_open, MAX_OPEN,
            "the bound was reached, and held"
        );
        seen.sort_unstable();
        assert_eq!(seen.len(), 2000);
        assert!(
            seen.iter().all(|&(n, ended)| ended == (n % 2 == 1)),
            "every run, as it ended"
        );
        assert_eq!(scanned.warnings.len(), 1, "{:?}", scanned.warnings);
        assert!(
            scanned.warnings[0].message.contains("read as cut short"),
            "{:?}",
            scanned.warnings
        );
    }

    #[test]
    fn scan_hands_each_run_over_as_it_ends_and_cut_short_ones_at_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        let mut first =
            Journal::begin(&path, &plan(), 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
        first.record(&Event::Goto(1), at(5)).unwrap();
        let later = jiff::Timestamp::from_second(60).unwrap();
        let mut second = Journal::begin(&path, &plan(), 0, None, later).unwrap();
        second
            .record(&Event::End(EndReason::Finished), at(9))
            .unwrap();
        drop((first, second));
        // A record for the second run after its end is skipped, and named.
        let mut text = std::fs::read_to_string(&path).unwrap();
        let id = parse(text.as_bytes()).unwrap().runs[1].id.clone();
        text = format!("{text}{{\"run\":\"{id}\",\"event\":\"resume\",\"t_ms\":10}}\n");
        let mut order = Vec::new();
        let scanned = scan(text.as_bytes(), |run| order.push((run.number, run.end()))).unwrap();
        assert_eq!(order, [(2, Some(EndReason::Finished)), (1, None)]);
        assert_eq!(scanned.runs, 2);
        assert_eq!(scanned.warnings.len(), 1);
        assert!(scanned.warnings[0].message.contains("after its end"));
        let history = parse(text.as_bytes()).unwrap();
        let numbers: Vec<usize> = history.runs.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2], "parse keeps file order");
    }

    #[test]
    fn a_file_of_garbage_lists_the_first_skipped_lines_and_counts_the_rest() {
        let text = "garbage\n".repeat(10_000);
        let scanned = scan(text.as_bytes(), |_| {}).unwrap();
        assert_eq!(scanned.warnings.len(), MAX_WARNINGS);
        assert_eq!(scanned.skipped(), 10_000);
        assert_eq!(scanned.warnings[0].line, 1);
    }

    #[test]
    fn a_run_holds_at_most_max_events_and_still_ends() {
        use std::fmt::Write as _;
        let snapshot = serde_json::to_string(&PlanSnapshot::of(&plan())).unwrap();
        let mut text =
            format!("{{\"run\":\"r\",\"event\":\"start\",\"t_ms\":0,\"plan\":{snapshot}}}\n");
        for k in 0..MAX_EVENTS + 10 {
            let _ = writeln!(
                text,
                "{{\"run\":\"r\",\"event\":\"enter\",\"t_ms\":{k},\"slide\":{}}}",
                k % 3
            );
        }
        text.push_str(
            "{\"run\":\"r\",\"event\":\"end\",\"t_ms\":999999,\"reason\":\"finished\"}\n",
        );
        let mut runs = Vec::new();
        let scanned = scan(text.as_bytes(), |run| runs.push(run)).unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].events.len(), MAX_EVENTS + 1, "the cap, and its end");
        assert!(runs[0].is_complete());
        assert_eq!(scanned.skipped(), 11);
        assert!(
            scanned.warnings[0]
                .message
                .contains("more than 100000 events")
        );
    }
}
