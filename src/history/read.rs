//! Reading a history back: every run, killed ones as cut short, bad lines skipped and named.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::Run;
use super::record::{Kind, LineIn, PlanSnapshot};
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

/// Reads the history at `path`.
pub fn read(path: &Path) -> io::Result<History> {
    parse(BufReader::new(File::open(path)?))
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
}

/// Reads a history one line at a time and hands over each run as soon as it is whole: at its
/// end record, or at the end of the input for a run cut short.
///
/// Only the runs still open are held, so memory follows what the caller keeps, not the file.
/// Runs come in the order they end, which is file order unless runs interleave; each carries
/// its [`Run::number`]. A record for a run that has already ended is skipped with a warning.
pub fn scan(mut input: impl BufRead, mut each: impl FnMut(Run)) -> io::Result<Scanned> {
    let mut scanned = Scanned::default();
    let mut open: HashMap<String, Run> = HashMap::new();
    let mut ended: HashSet<String> = HashSet::new();
    let mut last_plan: Option<LastPlan> = None;
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        number += 1;
        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let warn = |message: String| LineWarning {
            line: number,
            message,
        };
        let line: LineIn = match serde_json::from_slice(text) {
            Ok(line) => line,
            Err(err) => {
                let message = if err.is_eof() {
                    "the line is cut short (torn by a crash)".to_owned()
                } else {
                    format!("not a pacer record ({err})")
                };
                scanned.warnings.push(warn(message));
                continue;
            }
        };
        if line.event == Kind::Start {
            match start_run(&line, scanned.runs + 1, &mut last_plan) {
                Ok(run) => {
                    scanned.runs += 1;
                    ended.remove(&run.id);
                    if let Some(earlier) = open.insert(run.id.clone(), run) {
                        each(earlier);
                    }
                }
                Err(message) => scanned.warnings.push(warn(message)),
            }
            continue;
        }
        let Some(run) = open.get_mut(line.run.as_ref()) else {
            let message = if ended.contains(line.run.as_ref()) {
                format!("event for run `{}` after its end", line.run)
            } else {
                format!("event for run `{}`, which has no start", line.run)
            };
            scanned.warnings.push(warn(message));
            continue;
        };
        match line.event() {
            Ok(event) => {
                let t = Duration::from_millis(line.t_ms).max(run.last_moment());
                run.events.push((event, t));
                if matches!(event, Event::End(_))
                    && let Some(run) = open.remove(line.run.as_ref())
                {
                    ended.insert(line.run.into_owned());
                    each(run);
                }
            }
            Err(message) => scanned.warnings.push(warn(message)),
        }
    }
    // Runs with no end record were cut short by a crash or a kill: still runs, in file order.
    let mut cut_short: Vec<Run> = open.into_values().collect();
    cut_short.sort_unstable_by_key(|run| run.number);
    cut_short.into_iter().for_each(each);
    Ok(scanned)
}

/// The plan of the last start line: its raw JSON, the snapshot, the plan runs share.
struct LastPlan {
    raw: String,
    snapshot: PlanSnapshot,
    plan: Arc<Plan>,
}

fn start_run(line: &LineIn, number: usize, last: &mut Option<LastPlan>) -> Result<Run, String> {
    let raw = line.plan.ok_or("a run start without its plan")?.get();
    // Runs of an unchanged talk share one plan: memory follows the talk, not the file, and a
    // repeated plan is compared as text, never parsed again.
    let plan = match last {
        Some(last) if last.raw == raw => Arc::clone(&last.plan),
        _ => {
            let snapshot: PlanSnapshot = serde_json::from_str(raw)
                .map_err(|err| format!("not a pacer record (its plan: {err})"))?;
            let plan = match last {
                Some(last) if last.snapshot == snapshot => Arc::clone(&last.plan),
                _ => Arc::new(snapshot.to_plan()?),
            };
            *last = Some(LastPlan {
                raw: raw.to_owned(),
                snapshot,
                plan: Arc::clone(&plan),
            });
            plan
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
    fn garbage_and_foreign_lines_are_named() {
        let text = "not json\n{\"hello\":1}\n{\"run\":\"zz\",\"event\":\"enter\",\"t_ms\":5,\"slide\":1}\n\n";
        let history = parse(text.as_bytes()).unwrap();
        assert!(history.runs.is_empty());
        let lines: Vec<usize> = history.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert!(history.warnings[2].to_string().contains("no start"));
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
}
