//! The drill screen: the loop that owns the terminal while the questions are asked, and its
//! model, key table and view.
//!
//! The same loop as the rehearsal's ([`super::shell`]): one thread reads the clock once per
//! turn, turns input into messages for [`app::App::update`], records the steps it returns and
//! draws; it sleeps until input, a signal or the answer clock's next second, and not at all
//! otherwise. The terminal ([`super::terminal::Screen`]), signals, the wait and the stall check
//! are the rehearsal's, so the terminal is restored on every way out: quit, error, panic,
//! SIGTERM, SIGHUP, a closed terminal. Every step is in the drills file before the next key
//! is read ([`crate::drill::Journal`]). This file holds only what is the drill's: the drills
//! file, opened by the first step.

pub mod app;
pub mod keys;
#[cfg(test)]
mod tests;
pub mod view;

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use ratatui::Frame;

use app::{App, Effect, Msg};
use view::View;

use super::app::Exit;
use super::clock::{Reading, Stall};
use super::recorder::Recorder;
use super::shell::{self, Act, Program, Said};
use crate::drill::Journal;

/// Where to record the drill.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    pub seed: u64,
}

/// How a drill ended, for the line printed once the screen is gone.
#[derive(Debug)]
pub struct Outcome {
    pub exit: Exit,
    pub app: App,
    /// Drill-clock moment the loop ended.
    pub at: Duration,
}

/// Runs the drill screen until the speaker quits or a signal ends it. Errors are the terminal
/// failing to start; once running, a dead terminal ends the drill as a hangup instead.
pub fn run(app: App, target: Option<Target>) -> io::Result<Outcome> {
    let origin = Instant::now();
    let drill = Drill {
        app,
        target,
        journal: None,
        started: Duration::ZERO,
    };
    // The signal watcher's last resort writes a rehearsal's end; a drill has none to write (an
    // unended drill reads back as cut short, every answer kept), so it gets an empty one.
    let (Drill { app, .. }, at) = shell::run(drill, origin, Recorder::new(None, origin))?;
    Ok(Outcome {
        exit: app.exit().unwrap_or(Exit::Quit),
        app,
        at,
    })
}

/// The drill as the loop runs it: the model and its drills file.
struct Drill {
    app: App,
    /// What the first step opens; `None` once open, or when recording is off.
    target: Option<Target>,
    journal: Option<Journal>,
    /// Drill-clock moment of the first step: the journal's zero.
    started: Duration,
}

impl Drill {
    /// Writes a step; the first opens the drills file (its folder created if need be).
    fn record(&mut self, event: crate::drill::Event, at: Duration) -> io::Result<()> {
        if let Some(target) = self.target.take() {
            let session = self.app.session();
            self.journal = Some(Journal::begin(
                &target.path,
                session.prompts(),
                target.seed,
                jiff::Timestamp::now(),
            )?);
            self.started = at;
        }
        let t = at.saturating_sub(self.started);
        match self.journal.as_mut() {
            Some(journal) => journal.record(&event, t, self.app.session()),
            None => Ok(()),
        }
    }
}

/// `at` down to its whole millisecond. The drill runs on the clock its journal keeps (`t_ms`,
/// whole milliseconds from the first step), so that an answer's time on the screen, its
/// `took_ms` and the time the reader replays from the `t_ms`s are one figure: on the finer
/// clock a time between two milliseconds of the first step rounded apart from its `t_ms`s.
fn whole_ms(at: Duration) -> Duration {
    Duration::from_millis(crate::timefmt::ms(at))
}

impl Program for Drill {
    type Msg = Msg;
    type Effect = Effect;

    fn said(said: Said) -> Msg {
        match said {
            Said::Tick => Msg::Tick,
            Said::Stalled(stall) => Msg::Stalled(stall),
            Said::Continued => Msg::Continued,
            Said::Stop(stop) => Msg::Stop(stop),
        }
    }

    fn key(key: &KeyEvent) -> Option<Msg> {
        let press = keys::press(key)?;
        #[cfg(debug_assertions)]
        shell::debug_panic();
        Some(Msg::Key(press))
    }

    fn update(&mut self, msg: Msg, at: Duration) -> Vec<Effect> {
        // A stall's start becomes a pause's moment: on the same clock.
        let msg = match msg {
            Msg::Stalled(stall) => Msg::Stalled(Stall {
                since: whole_ms(stall.since),
            }),
            msg => msg,
        };
        self.app.update(msg, whole_ms(at))
    }

    fn effect(&mut self, effect: Effect) -> Act<Msg> {
        match effect {
            Effect::Record(event, when) => match self.record(event, when) {
                Ok(()) => Act::Done,
                Err(error) => {
                    // A drills file with a hole would read back wrong: nothing more is written.
                    self.journal = None;
                    Act::Tell(Msg::RecordFailed(error.to_string()))
                }
            },
            Effect::Suspend => Act::Suspend,
        }
    }

    fn exit(&self) -> Option<Exit> {
        self.app.exit()
    }

    fn next_frame(&self, at: Duration) -> Option<Duration> {
        self.app.next_frame(at)
    }

    fn draw(&self, frame: &mut Frame, now: Reading) {
        let view = View {
            app: &self.app,
            now: now.mono,
        };
        frame.render_widget(&view, frame.area());
    }

    /// A drill has no start-up work held back for the first frame: its questions are chosen
    /// before the screen starts, and it shows no time of day.
    fn drawn(&mut self) -> Option<Msg> {
        None
    }
}

#[cfg(test)]
mod journal_tests {
    use std::time::Duration;

    use super::app::{App, Msg, Options};
    use super::keys::{Action, BINDINGS, Press};
    use super::shell::Program;
    use super::{Drill, Target};
    use crate::drill::{Prompt, Rating};
    use crate::tui::app::Record;

    /// A key press of `action`, its first key.
    fn key(action: Action) -> Msg {
        let binding = BINDINGS.iter().find(|b| b.action == action).unwrap();
        Msg::Key(Press {
            key: binding.keys[0],
            action,
        })
    }

    /// The shell as the loop drives it: each message at its moment, each effect carried out.
    fn drive(drill: &mut Drill, steps: Vec<(Msg, Duration)>) {
        for (msg, at) in steps {
            for effect in drill.update(msg, at) {
                drill.effect(effect);
            }
        }
    }

    /// The journal's `took_ms` is what the drill reads back, and so what `report --questions`
    /// takes the median of: the screen's clock, finer than a millisecond, and the file's must
    /// not round apart.
    #[test]
    fn took_ms_is_the_answer_read_back_to_the_millisecond() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.drills.jsonl");
        let prompts = ["a", "b"]
            .map(|id| Prompt {
                id: format!("q/{id}"),
                ask: format!("{id}?"),
                answer: String::new(),
                budget: Duration::from_secs(30),
            })
            .to_vec();
        let options = Options {
            color: false,
            warn: 0.8,
            title: "T".into(),
            seed: 1,
        };
        let mut drill = Drill {
            app: App::new(prompts, options, Record::Ready(path.clone())),
            target: Some(Target {
                path: path.clone(),
                seed: 1,
            }),
            journal: None,
            started: Duration::ZERO,
        };
        let micros = Duration::from_micros;
        drive(
            &mut drill,
            vec![
                // The first step is the journal's zero; the answer starts and ends between
                // two milliseconds of it, and a stall (a machine asleep) does too.
                (key(Action::Skip), micros(1_000_600)),
                (key(Action::Next), micros(2_000_200)),
                (
                    Msg::Stalled(crate::tui::clock::Stall {
                        since: micros(2_500_900),
                    }),
                    micros(2_700_100),
                ),
                (key(Action::Next), micros(3_000_800)),
                (key(Action::Rate(Rating::Good)), micros(4_000_000)),
                (key(Action::Quit), micros(4_500_000)),
            ],
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains("\"answered\""))
            .expect("an answered line");
        let took_ms: u64 = line
            .split("\"took_ms\":")
            .nth(1)
            .and_then(|rest| rest.trim_end_matches('}').parse().ok())
            .expect("took_ms");
        let read = crate::drill::read(&path).unwrap();
        let report = crate::report::questions::build("T", &[], &read.drills, 0.8);
        let median = report.rows[0].median.expect("answered once");
        assert_eq!(
            Duration::from_millis(took_ms),
            median,
            "took_ms against the median of the one answer read back:\n{text}"
        );
        assert_eq!(median, read.drills[0].answers[0].took);
    }
}
