//! Writing a drill: one self-describing JSON line per step, appended, flushed and fsynced as it
//! happens, in a file of its own (`talk.drills.jsonl`), so readers of rehearsal histories never
//! meet a drill line.
//!
//! Every line carries the drill's id, the event and the drill-clock time (`t_ms`); the start
//! line the wall-clock start, the seed and the number of questions chosen; each question's
//! `ask` line its id, text and budget, so that a drill reads back after the talk changed. The
//! format is documented in docs/drill.md. Must not read the clock: times come in as data.

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::Rating;
use super::state::{Event, Phase, Prompt, Session};
use crate::history::{Appender, journal_id};
use crate::rehearsal::{EndReason, PauseReason};
use crate::timefmt::ms;

/// Drills this process has begun: with the start second and the process id, a drill's id is
/// unique even for two begun in the same second.
static DRILLS_BEGUN: AtomicU32 = AtomicU32::new(0);

/// What a line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A drill begins (`t_ms` 0).
    Start,
    /// A question is shown: its id, text and budget.
    Ask,
    /// The answer clock starts.
    Answer,
    /// The answer is over (`took_ms`, for people reading the file; the reader replays).
    Answered,
    Rate,
    Skip,
    Pause,
    Resume,
    Undo,
    End,
}

/// A drill journal line, as written and read. Flat, with optional fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line<'a> {
    #[serde(borrow)]
    pub drill: Cow<'a, str>,
    pub event: Kind,
    /// Drill-clock milliseconds since the drill's start.
    pub t_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// How many questions the drill chose (on the start line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<usize>,
    /// The question's position in the drill, 0-based (on `ask`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub took_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pacer: Option<String>,
    /// On `end`: the questions chosen that were neither answered nor skipped (a drill quit
    /// early), for people reading the file; the reader counts them by replaying. Absent from
    /// drills recorded before it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_asked: Option<usize>,
}

impl<'a> Line<'a> {
    fn new(drill: &'a str, event: Kind, t: Duration) -> Self {
        Self {
            drill: Cow::Borrowed(drill),
            event,
            t_ms: ms(t),
            started_at: None,
            seed: None,
            questions: None,
            n: None,
            question: None,
            ask: None,
            budget_ms: None,
            took_ms: None,
            rating: None,
            reason: None,
            pacer: None,
            not_asked: None,
        }
    }

    /// The state-machine event this line records (`None` for start and ask lines), or why it
    /// records none.
    pub fn event(&self) -> Result<Option<Event>, String> {
        Ok(Some(match self.event {
            Kind::Start | Kind::Ask => return Ok(None),
            Kind::Answer => Event::Start,
            Kind::Answered => Event::Stop,
            Kind::Rate => Event::Rate(self.rating.ok_or("a rating without its `rating`")?),
            Kind::Skip => Event::Skip,
            Kind::Pause => Event::Pause(match self.reason.as_deref() {
                Some("suspend") => PauseReason::Suspend,
                _ => PauseReason::Speaker,
            }),
            Kind::Resume => Event::Resume,
            Kind::Undo => Event::Undo,
            Kind::End => Event::End(match self.reason.as_deref() {
                Some("finished") => EndReason::Finished,
                Some("signal") => EndReason::Signal,
                Some("hangup") => EndReason::Hangup,
                _ => EndReason::Quit,
            }),
        }))
    }

    /// The question an `ask` line announces.
    pub fn prompt(&self) -> Result<Prompt, String> {
        let question = self
            .question
            .clone()
            .ok_or("a question without its `question` id")?;
        Ok(Prompt {
            ask: self.ask.clone().unwrap_or_else(|| question.clone()),
            id: question,
            answer: String::new(),
            budget: Duration::from_millis(self.budget_ms.unwrap_or(0)),
        })
    }
}

fn end_word(reason: EndReason) -> &'static str {
    match reason {
        EndReason::Finished => "finished",
        EndReason::Quit => "quit",
        EndReason::Signal => "signal",
        EndReason::Hangup => "hangup",
    }
}

/// An open drill in a drills file. Every write is on disk when it returns.
#[derive(Debug)]
pub struct Journal {
    file: Appender,
    path: PathBuf,
    drill: String,
    /// The position of the last question announced with an `ask` line.
    announced: Option<usize>,
}

impl Journal {
    /// Starts a drill of `prompts` in the file at `path` (created if need be, its folder too):
    /// writes its start line, then the `ask` line of the first question. Call it before the
    /// first step is recorded (a drill starts on its first question).
    pub fn begin(
        path: &Path,
        prompts: &[Prompt],
        seed: u64,
        started_at: jiff::Timestamp,
    ) -> io::Result<Self> {
        // The folder is made only for a file not there yet, after the check that refuses a
        // device, FIFO or folder (the rehearsal's recorder makes its folder before opening).
        let existed = crate::history::check(path)?;
        if !existed && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = Appender::open(path)?;
        let drill = journal_id(started_at, &DRILLS_BEGUN);
        let mut journal = Self {
            file,
            path: path.to_owned(),
            drill,
            announced: None,
        };
        let mut line = Line::new(&journal.drill, Kind::Start, Duration::ZERO);
        line.started_at = Some(started_at.to_string());
        line.seed = Some(seed);
        line.questions = Some(prompts.len());
        line.pacer = Some(env!("CARGO_PKG_VERSION").to_owned());
        journal.file.line(&line)?;
        if let Some(first) = prompts.first() {
            journal.ask(0, first, Duration::ZERO)?;
        }
        Ok(journal)
    }

    /// Appends `event`, applied to `session` at drill-clock time `t`, and syncs it; then the
    /// `ask` line of the question the event brought up, if it is a new one.
    pub fn record(&mut self, event: &Event, t: Duration, session: &Session) -> io::Result<()> {
        let (kind, rating, reason) = match *event {
            Event::Start => (Kind::Answer, None, None),
            Event::Stop => (Kind::Answered, None, None),
            Event::Rate(r) => (Kind::Rate, Some(r), None),
            Event::Skip => (Kind::Skip, None, None),
            Event::Pause(PauseReason::Speaker) => (Kind::Pause, None, None),
            Event::Pause(PauseReason::Suspend) => (Kind::Pause, None, Some("suspend")),
            Event::Resume => (Kind::Resume, None, None),
            Event::Undo => (Kind::Undo, None, None),
            Event::End(r) => (Kind::End, None, Some(end_word(r))),
        };
        let mut line = Line::new(&self.drill, kind, t);
        line.rating = rating;
        line.reason = reason.map(str::to_owned);
        match event {
            Event::Stop => line.took_ms = Some(ms(session.took(t))),
            Event::End(_) => line.not_asked = Some(session.not_asked(session.prompts().len())),
            _ => {}
        }
        self.file.line(&line)?;
        self.announce(session, t)
    }

    /// Writes the `ask` line of the question `session` asks, unless it was the last announced.
    fn announce(&mut self, session: &Session, t: Duration) -> io::Result<()> {
        if session.phase() != Phase::Asking || self.announced == Some(session.index()) {
            return Ok(());
        }
        match session.current() {
            Some(prompt) => self.ask(session.index(), prompt, t),
            None => Ok(()),
        }
    }

    /// Writes the `ask` line of question `n`, `prompt`.
    fn ask(&mut self, n: usize, prompt: &Prompt, t: Duration) -> io::Result<()> {
        let mut line = Line::new(&self.drill, Kind::Ask, t);
        line.n = Some(n);
        line.question = Some(prompt.id.clone());
        line.ask = Some(prompt.ask.clone());
        line.budget_ms = Some(ms(prompt.budget));
        self.file.line(&line)?;
        self.announced = Some(n);
        Ok(())
    }

    /// The drill's id in the file.
    pub fn drill_id(&self) -> &str {
        &self.drill
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    /// The field names are a contract (docs/drill.md): reports and other tools read them.
    #[test]
    fn every_line_is_self_describing_in_the_documented_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper/t.drills.jsonl");
        let prompts = vec![
            Prompt {
                id: "q/a".into(),
                ask: "A?".into(),
                answer: "never written".into(),
                budget: secs(30),
            },
            Prompt {
                id: "q/b".into(),
                ask: "B?".into(),
                answer: String::new(),
                budget: Duration::from_millis(1500),
            },
        ];
        let mut session = Session::new(prompts.clone());
        let mut journal = Journal::begin(&path, &prompts, 9, jiff::Timestamp::UNIX_EPOCH).unwrap();
        for (event, t) in [
            (Event::Start, 1),
            (Event::Pause(PauseReason::Suspend), 2),
            (Event::Resume, 3),
            (Event::Stop, 5),
            (Event::Rate(Rating::Shaky), 6),
            (Event::Skip, 7),
            (Event::Undo, 8),
            (Event::End(EndReason::Signal), 9),
        ] {
            assert!(session.apply(&event, secs(t)), "{event:?}");
            journal.record(&event, secs(t), &session).unwrap();
        }
        let id = journal.drill_id().to_owned();
        assert!(id.starts_with("19700101T000000-"), "{id}");
        let text = std::fs::read_to_string(&path).unwrap().replace(&id, "ID");
        let version = env!("CARGO_PKG_VERSION");
        let want = [
            format!(
                r#"{{"drill":"ID","event":"start","t_ms":0,"started_at":"1970-01-01T00:00:00Z","seed":9,"questions":2,"pacer":"{version}"}}"#
            ),
            r#"{"drill":"ID","event":"ask","t_ms":0,"n":0,"question":"q/a","ask":"A?","budget_ms":30000}"#.into(),
            r#"{"drill":"ID","event":"answer","t_ms":1000}"#.into(),
            r#"{"drill":"ID","event":"pause","t_ms":2000,"reason":"suspend"}"#.into(),
            r#"{"drill":"ID","event":"resume","t_ms":3000}"#.into(),
            r#"{"drill":"ID","event":"answered","t_ms":5000,"took_ms":3000}"#.into(),
            r#"{"drill":"ID","event":"rate","t_ms":6000,"rating":"shaky"}"#.into(),
            r#"{"drill":"ID","event":"ask","t_ms":6000,"n":1,"question":"q/b","ask":"B?","budget_ms":1500}"#.into(),
            r#"{"drill":"ID","event":"skip","t_ms":7000}"#.into(),
            r#"{"drill":"ID","event":"undo","t_ms":8000}"#.into(),
            r#"{"drill":"ID","event":"end","t_ms":9000,"reason":"signal","not_asked":1}"#.into(),
        ];
        assert_eq!(text.lines().collect::<Vec<_>>(), want);
    }

    #[test]
    fn a_rehearsal_reader_pointed_at_a_drills_file_finds_no_run_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.drills.jsonl");
        let prompts = vec![Prompt {
            id: "q/a".into(),
            ask: "A?".into(),
            answer: String::new(),
            budget: secs(30),
        }];
        Journal::begin(&path, &prompts, 1, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let history = crate::history::read(&path).unwrap();
        assert!(history.runs.is_empty());
        assert_eq!(history.warnings.len(), 2, "{:?}", history.warnings);
    }
}
