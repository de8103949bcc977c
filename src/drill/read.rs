//! Reading a drills file back: every drill, a killed one as cut short, bad lines skipped and
//! named. Streaming (one line at a time, each capped), and the file is never modified.
//!
//! Each drill is replayed through the same state machine the screen drove
//! ([`super::state::Session`]), so undo, pauses and skips read back as they happened. An
//! answer counts once rated, or once answered (its clock stopped) when the drill was cut.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, BufRead};
// For the tests, which read through a small buffer.
#[cfg(test)]
use std::io::BufReader;
use std::path::Path;
use std::time::Duration;

use super::Drill;
use super::journal::{Kind, Line};
use super::state::{Event, Session};
use crate::history::{LineWarning, Lines, MAX_WARNINGS, RawLine, unreadable};

/// The longest line a drills file may hold: a question and its id, with room to spare. A
/// longer line is skipped as damaged, never held whole.
pub const MAX_LINE: usize = 1 << 20;

/// Every drill of a drills file, in file order, and the lines that could not be used.
#[derive(Debug, Clone, Default)]
pub struct Drills {
    pub drills: Vec<Drill>,
    /// The first [`MAX_WARNINGS`] lines skipped.
    pub warnings: Vec<LineWarning>,
    /// Lines skipped past those, counted, not listed.
    pub unlisted: usize,
}

/// The lines [`scan`] skipped: the first [`MAX_WARNINGS`] listed, the rest counted (a file of
/// garbage lines must not become a list as long as itself).
#[derive(Debug, Clone, Default)]
pub struct Skipped {
    pub warnings: Vec<LineWarning>,
    pub unlisted: usize,
}

impl Skipped {
    fn skip(&mut self, warning: LineWarning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.unlisted += 1;
        }
    }
}

/// Reads the drills at `path` (an error of kind `NotFound` when there is none; of kind
/// `InvalidInput` for a device, FIFO or folder, as for histories).
pub fn read(path: &Path) -> io::Result<Drills> {
    crate::history::read_with(path, parse)
}

/// Reads drills from any reader, one line at a time, in file order.
pub fn parse(input: impl BufRead) -> io::Result<Drills> {
    let mut drills = Vec::new();
    let skipped = scan(input, |drill| drills.push(drill))?;
    drills.sort_unstable_by_key(|d: &Drill| d.number);
    Ok(Drills {
        drills,
        warnings: skipped.warnings,
        unlisted: skipped.unlisted,
    })
}

/// How many drills may be open (started, not ended) at once while reading; past this, the
/// oldest is taken to have been killed and handed over as cut short (as for histories), so a
/// file of many killed drills reads in bounded memory.
pub const MAX_OPEN: usize = crate::history::MAX_OPEN;

/// The most questions one drill holds (a talk has a dozen or two): past them, `ask` lines are
/// skipped, so that no drill outgrows memory.
pub const MAX_QUESTIONS: usize = 10_000;

/// How many ended drills are remembered, to name a stray record as coming after its drill's
/// end (an older one's is named as having no start).
const ENDED_REMEMBERED: usize = 4096;

/// The ids of the drills ended last.
#[derive(Default)]
struct Ended {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl Ended {
    fn insert(&mut self, id: &str) {
        if self.ids.insert(id.to_owned()) {
            self.order.push_back(id.to_owned());
        }
        if self.order.len() > ENDED_REMEMBERED
            && let Some(old) = self.order.pop_front()
        {
            self.ids.remove(&old);
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    fn remove(&mut self, id: &str) {
        self.ids.remove(id);
    }
}

/// A drill being read: its replay so far.
struct Open {
    number: usize,
    started_at: String,
    /// How many questions the drill chose (its start line's `questions`).
    chosen: Option<usize>,
    session: Session,
    last: Duration,
}

impl Open {
    fn finish(self, id: String) -> Drill {
        let mut answers = self.session.answers().to_vec();
        answers.extend(self.session.reviewed());
        // A start line without `questions` (none written so) has only the questions asked.
        let chosen = self.chosen.unwrap_or(self.session.prompts().len());
        Drill {
            number: self.number,
            id,
            started_at: self.started_at,
            answers,
            ended: self.session.end().is_some(),
            end: self.session.end().map(|(reason, _)| reason),
            skipped: self.session.skipped().len(),
            not_asked: self.session.not_asked(chosen),
        }
    }
}

/// Reads drills one line at a time and hands over each as soon as it is whole: at its end
/// line, or at the end of the input for a drill cut short. Only the drills still open are
/// held. Returns the lines skipped.
pub fn scan(input: impl BufRead, mut each: impl FnMut(Drill)) -> io::Result<Skipped> {
    let mut state = Scan::default();
    let mut lines = Lines::new(input, MAX_LINE);
    while let Some((number, line)) = lines.next()? {
        let warning = match line {
            RawLine::TooLong(len) => Some(format!(
                "damaged: {len} bytes long, over the {} MiB a drill record can take",
                MAX_LINE >> 20
            )),
            RawLine::Text(text) => match serde_json::from_slice::<Line<'_>>(text) {
                Ok(line) => state.line(&line, &mut each),
                Err(err) => Some(unreadable(&err, "a pacer drill record")),
            },
        };
        if let Some(message) = warning {
            state.skipped.skip(LineWarning {
                line: number,
                message,
            });
        }
    }
    // Drills with no end line were cut short by a crash or a kill: still drills, in file order.
    let mut cut: Vec<(String, Open)> = state.open.into_iter().collect();
    cut.sort_unstable_by_key(|(_, d)| d.number);
    for (id, drill) in cut {
        each(drill.finish(id));
    }
    Ok(state.skipped)
}

/// What [`scan`] holds between lines.
#[derive(Default)]
struct Scan {
    open: HashMap<String, Open>,
    ended: Ended,
    drills: usize,
    skipped: Skipped,
}

impl Scan {
    /// Takes in one record; returns why it was skipped, if it was.
    fn line(&mut self, line: &Line<'_>, each: &mut impl FnMut(Drill)) -> Option<String> {
        let id = line.drill.as_ref();
        if line.event == Kind::Start {
            self.start(id, line, each);
            return None;
        }
        let Some(drill) = self.open.get_mut(id) else {
            return Some(if self.ended.contains(id) {
                format!("record for drill `{id}` after its end")
            } else {
                format!("record for drill `{id}`, which has no start")
            });
        };
        let t = Duration::from_millis(line.t_ms).max(drill.last);
        drill.last = t;
        if line.event == Kind::Ask {
            return match (line.prompt(), line.n) {
                (Ok(_), Some(n)) if n >= MAX_QUESTIONS => Some(format!(
                    "a drill of more than {MAX_QUESTIONS} questions: the rest are skipped"
                )),
                // The next question; an undo brings a question back, announced again.
                (Ok(prompt), Some(n)) if n == drill.session.prompts().len() => {
                    drill.session.push(prompt);
                    None
                }
                (Ok(_), Some(n)) if n < drill.session.prompts().len() => None,
                (Ok(_), _) => Some("a question out of order (no `n`, or one skipped)".into()),
                (Err(message), _) => Some(message),
            };
        }
        match line.event() {
            Ok(Some(event)) => {
                drill.session.apply(&event, t);
                if matches!(event, Event::End(_))
                    && let Some(drill) = self.open.remove(id)
                {
                    self.ended.insert(id);
                    each(drill.finish(id.to_owned()));
                }
                None
            }
            Ok(None) => None,
            Err(message) => Some(message),
        }
    }

    fn start(&mut self, id: &str, line: &Line<'_>, each: &mut impl FnMut(Drill)) {
        self.drills += 1;
        self.ended.remove(id);
        let drill = Open {
            number: self.drills,
            started_at: line.started_at.clone().unwrap_or_default(),
            chosen: line.questions,
            session: Session::new(Vec::new()),
            last: Duration::ZERO,
        };
        if let Some(earlier) = self.open.insert(id.to_owned(), drill) {
            each(earlier.finish(id.to_owned()));
        }
        // Past this many open at once, the oldest was killed: cut short, handed over.
        if self.open.len() > MAX_OPEN
            && let Some(oldest) = self
                .open
                .iter()
                .min_by_key(|(_, d)| d.number)
                .map(|(id, _)| id.clone())
            && let Some(drill) = self.open.remove(&oldest)
        {
            self.ended.insert(&oldest);
            each(drill.finish(oldest));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::drill::Rating;
    use crate::drill::journal::Journal;
    use crate::drill::state::Prompt;
    use crate::rehearsal::{EndReason, PauseReason};

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn prompts() -> Vec<Prompt> {
        ["a", "b", "c"]
            .iter()
            .map(|id| Prompt {
                id: format!("q/{id}"),
                ask: format!("Why {id}?"),
                answer: "notes are not journaled".into(),
                budget: secs(30),
            })
            .collect()
    }

    /// Drives a session and its journal together, as the screen does.
    fn drive(path: &Path, steps: &[(Event, u64)], at: u64) -> Journal {
        let mut session = Session::new(prompts());
        let started = jiff::Timestamp::from_second(i64::try_from(at).unwrap()).unwrap();
        let mut journal = Journal::begin(path, session.prompts(), 42, started).unwrap();
        for (event, t) in steps {
            if session.apply(event, secs(*t)) {
                journal.record(event, secs(*t), &session).unwrap();
            }
        }
        journal
    }

    #[test]
    fn a_drill_reads_back_as_it_was_driven() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.drills.jsonl");
        drive(
            &path,
            &[
                (Event::Start, 2),
                (Event::Pause(PauseReason::Speaker), 10),
                (Event::Resume, 40),
                (Event::Stop, 45),
                (Event::Rate(Rating::Missed), 46),
                (Event::Undo, 47),
                (Event::Rate(Rating::Shaky), 48),
                (Event::Skip, 49),
                (Event::Start, 50),
                (Event::Stop, 80),
                (Event::Rate(Rating::Good), 81),
                (Event::End(EndReason::Finished), 81),
            ],
            0,
        );
        let read = read(&path).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let drill = &read.drills[0];
        assert_eq!(drill.number, 1);
        assert_eq!(drill.started_at, "1970-01-01T00:00:00Z");
        assert!(drill.ended);
        assert_eq!(
            (drill.skipped, drill.not_asked),
            (1, 0),
            "every question asked"
        );
        let got: Vec<(&str, &str, Duration, Option<Rating>)> = drill
            .answers
            .iter()
            .map(|a| (a.question.as_str(), a.ask.as_str(), a.took, a.rating))
            .collect();
        assert_eq!(
            got,
            [
                ("q/a", "Why a?", secs(13), Some(Rating::Shaky)),
                ("q/c", "Why c?", secs(30), Some(Rating::Good)),
            ]
        );
        assert_eq!(drill.answers[0].budget, secs(30));
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.lines()
                .filter(|l| l.contains("\"event\":\"ask\""))
                .count(),
            3,
            "a, b and c, each once: the rating taken back and given again asks b once"
        );
    }

    #[test]
    fn a_drill_quit_early_reads_back_with_the_questions_it_did_not_ask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.drills.jsonl");
        drive(
            &path,
            &[
                (Event::Start, 1),
                (Event::Stop, 5),
                (Event::Rate(Rating::Good), 6),
                (Event::End(EndReason::Quit), 8),
            ],
            0,
        );
        // A killed one: the second question on the screen, the third never shown.
        drop(drive(&path, &[(Event::Skip, 1), (Event::Start, 2)], 0));
        let read = read(&path).unwrap();
        let got: Vec<(Option<EndReason>, usize, usize, usize)> = read
            .drills
            .iter()
            .map(|d| (d.end, d.answers.len(), d.skipped, d.not_asked))
            .collect();
        assert_eq!(got, [(Some(EndReason::Quit), 1, 0, 2), (None, 0, 1, 2)]);
        // The end line says it too, for a reader of the file.
        let text = std::fs::read_to_string(&path).unwrap();
        let end = text.lines().find(|l| l.contains("\"end\"")).unwrap();
        assert!(end.ends_with(r#""reason":"quit","not_asked":2}"#), "{end}");
    }

    #[test]
    fn a_drill_recorded_before_not_asked_was_written_still_reads() {
        // As pacer 0.1.0 wrote them: no `not_asked` on the end line (and a start line without
        // `questions` counts the questions it asked).
        let text = concat!(
            r#"{"drill":"d","event":"start","t_ms":0,"started_at":"2025-03-05T08:35:01Z","seed":1,"questions":3,"pacer":"0.1.0"}"#,
            "\n",
            r#"{"drill":"d","event":"ask","t_ms":0,"n":0,"question":"q/a","ask":"A?","budget_ms":5000}"#,
            "\n",
            r#"{"drill":"d","event":"skip","t_ms":100}"#,
            "\n",
            r#"{"drill":"d","event":"ask","t_ms":100,"n":1,"question":"q/b","ask":"B?","budget_ms":5000}"#,
            "\n",
            r#"{"drill":"d","event":"end","t_ms":200,"reason":"quit"}"#,
            "\n",
            r#"{"drill":"e","event":"start","t_ms":0}"#,
            "\n",
            r#"{"drill":"e","event":"ask","t_ms":0,"n":0,"question":"q/a","ask":"A?","budget_ms":5000}"#,
            "\n",
            r#"{"drill":"e","event":"end","t_ms":200,"reason":"quit"}"#,
            "\n",
        );
        let read = parse(text.as_bytes()).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let got: Vec<(usize, usize)> = read
            .drills
            .iter()
            .map(|d| (d.skipped, d.not_asked))
            .collect();
        assert_eq!(got, [(1, 2), (0, 1)]);
    }

    #[test]
    fn a_killed_drill_keeps_every_answer_given_and_a_torn_line_is_skipped_but_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.drills.jsonl");
        let journal = drive(
            &path,
            &[
                (Event::Start, 1),
                (Event::Stop, 11),
                (Event::Rate(Rating::Good), 12),
                (Event::Start, 13),
                (Event::Stop, 20),
            ],
            0,
        );
        drop(journal);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(br#"{"drill":"x","event":"ra"#);
        std::fs::write(&path, &bytes).unwrap();
        // The next drill starts on a line of its own.
        let second = drive(&path, &[(Event::End(EndReason::Quit), 3)], 0);
        assert_ne!(second.drill_id(), "", "an id");

        let read = read(&path).unwrap();
        assert_eq!(read.drills.len(), 2);
        let first = &read.drills[0];
        assert!(!first.ended, "no end line: cut short");
        let ratings: Vec<Option<Rating>> = first.answers.iter().map(|a| a.rating).collect();
        assert_eq!(
            ratings,
            [Some(Rating::Good), None],
            "answered, not rated: kept"
        );
        assert_eq!(first.answers[1].took, secs(7));
        assert!(read.drills[1].ended);
        assert!(read.drills[1].answers.is_empty());
        assert_ne!(first.id, read.drills[1].id, "same second, same process");
        assert_eq!(read.warnings.len(), 1);
        assert!(read.warnings[0].message.contains("torn"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("{\"drill\":\"x\",\"event\":\"ra\n"),
            "the torn line stays"
        );
    }

    #[test]
    fn a_drill_cut_mid_answer_loses_only_that_answer() {
        let text = concat!(
            r#"{"drill":"d","event":"start","t_ms":0,"questions":2}"#,
            "\n",
            r#"{"drill":"d","event":"ask","t_ms":0,"n":0,"question":"q/a","ask":"A?","budget_ms":5000}"#,
            "\n",
            r#"{"drill":"d","event":"answer","t_ms":100}"#,
            "\n",
        );
        let read = parse(text.as_bytes()).unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert!(read.drills[0].answers.is_empty());
    }

    #[test]
    fn garbage_foreign_and_rehearsal_lines_are_named() {
        let text = concat!(
            "not json\n",
            r#"{"run":"r","event":"start","t_ms":0}"#,
            "\n",
            r#"{"drill":"zz","event":"answer","t_ms":5}"#,
            "\n",
            r#"{"drill":"d","event":"start","t_ms":0}"#,
            "\n",
            r#"{"drill":"d","event":"rate","t_ms":1}"#,
            "\n",
            r#"{"drill":"d","event":"ask","t_ms":1,"n":3,"question":"q"}"#,
            "\n",
            r#"{"drill":"d","event":"end","t_ms":2,"reason":"quit"}"#,
            "\n",
            r#"{"drill":"d","event":"resume","t_ms":3}"#,
            "\n\n",
        );
        let read = parse(text.as_bytes()).unwrap();
        assert_eq!(read.drills.len(), 1);
        let lines: Vec<usize> = read.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [1, 2, 3, 5, 6, 8]);
        assert!(read.warnings[2].message.contains("no start"));
        assert!(read.warnings[3].message.contains("`rating`"));
        assert!(read.warnings[4].message.contains("out of order"));
        assert!(read.warnings[5].message.contains("after its end"));
    }

    /// A reader that says how far it has been read.
    struct Counted<'a> {
        bytes: &'a [u8],
        read: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl io::Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.bytes.len().min(buf.len()).min(64);
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            self.read.set(self.read.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn many_killed_drills_are_handed_over_as_they_go_each_cut_short() {
        let mut text = String::new();
        for d in 0..(MAX_OPEN * 3) {
            let _ = writeln!(
                text,
                "{{\"drill\":\"d{d}\",\"event\":\"start\",\"t_ms\":0}}"
            );
        }
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let input = BufReader::with_capacity(
            64,
            Counted {
                bytes: text.as_bytes(),
                read: std::rc::Rc::clone(&read),
            },
        );
        let mut handed = Vec::new();
        scan(input, |d| handed.push((d.number, d.ended, read.get()))).unwrap();
        assert_eq!(handed.len(), MAX_OPEN * 3, "every drill handed over");
        assert!(
            handed.windows(2).all(|w| w[0].0 < w[1].0),
            "the oldest first"
        );
        assert!(handed.iter().all(|(_, ended, _)| !ended), "all cut short");
        // The first is handed over once MAX_OPEN more have started, long before the end: no
        // more than MAX_OPEN are ever held.
        let line = text.len() / (MAX_OPEN * 3);
        assert!(handed[0].2 <= (MAX_OPEN + 2) * line + 64, "{:?}", handed[0]);
    }

    #[test]
    fn a_file_of_garbage_lists_the_first_lines_skipped_and_counts_the_rest() {
        let text = "garbage\n".repeat(MAX_WARNINGS + 7);
        let read = parse(text.as_bytes()).unwrap();
        assert_eq!(read.warnings.len(), MAX_WARNINGS);
        assert_eq!(read.unlisted, 7);
        assert_eq!(read.warnings[MAX_WARNINGS - 1].line, MAX_WARNINGS);
    }

    #[test]
    fn a_line_over_the_cap_is_skipped_and_a_folder_is_refused() {
        let mut text = format!(
            "{{\"drill\":\"d\",\"event\":\"start\",\"t_ms\":0,\"started_at\":\"{}\"}}\n",
            "x".repeat(MAX_LINE)
        );
        text.push_str(r#"{"drill":"d","event":"start","t_ms":0}"#);
        let read = parse(text.as_bytes()).unwrap();
        assert_eq!(read.drills.len(), 1);
        assert!(
            read.warnings[0].message.contains("damaged"),
            "{:?}",
            read.warnings
        );
        let dir = tempfile::tempdir().unwrap();
        let err = super::read(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            super::read(&dir.path().join("none")).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }
}
