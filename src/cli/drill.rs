//! `pacer drill [TALK]`: the questions after the talk, timed and rated on the drill screen.
//!
//! Turns the flags into the questions to ask (filters, count, seed), finds the drills file and
//! the past drills, optionally runs the talk first (`--after`), hands over to
//! [`crate::tui::drill`], and says in a line how the drill went once the screen is gone.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::runs::HistoryArg;
use super::{Colors, Error};
use crate::drill::select::{self, Filter};
use crate::drill::{self, Drill, Prompt, Rating};
use crate::history::NotAFile;
use crate::pace::{self, Pace};
use crate::plan::Plan;
use crate::talk::{Question, sample};
use crate::timefmt::clock;
use crate::tui::app::{Exit, Record, Stop};
use crate::tui::drill::Target;
use crate::tui::drill::app::{App, Options};

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// The talk file; without it, the bundled sample talk.
    #[arg(value_name = "TALK")]
    pub talk: Option<PathBuf>,
    /// Ask N questions [default: all that match].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Only questions with this tag (repeat for any of several).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only questions about this slide (its id or title).
    #[arg(long, value_name = "SLIDE")]
    pub slide: Option<String>,
    /// Only questions about the slides marked (`m`) in the last recorded rehearsal.
    #[arg(long)]
    pub marked: bool,
    /// The seed of the order the questions come up in [default: from the clock, printed and
    /// recorded, so a drill can be repeated].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Rehearse the talk first on the rehearsal screen, then straight into N questions (or
    /// --count, or all): the whole session, timed.
    #[arg(long, value_name = "N", num_args = 0..=1, require_equals = true)]
    #[expect(
        clippy::option_option,
        reason = "clap's flag with an optional value: absent, bare, or with N"
    )]
    pub after: Option<Option<u64>>,
    #[command(flatten)]
    pub history: HistoryArg,
    /// The drills file [default: `NAME.drills.jsonl` beside the talk, or beside --history].
    #[arg(long, value_name = "FILE")]
    pub drills: Option<PathBuf>,
    /// Record nothing.
    #[arg(long)]
    pub no_record: bool,
}

pub fn run(args: &Args, colors: Colors) -> Result<ExitCode, Error> {
    let talk_path = args.talk.as_deref();
    let (source, loaded) = match talk_path {
        Some(path) => super::load_talk(path, colors.err)?,
        None => super::load_source(sample::lora_on_device(), colors.err)?,
    };
    super::check::print_diagnostics(&loaded.warnings, &source, colors.err);
    let name = source.name().to_owned();
    let questions = &loaded.talk.questions;
    if questions.is_empty() {
        return Err(Error::Invalid(format!(
            "{name} has no questions to drill: add [[question]] tables (an `ask` each, and \
             `answer` notes to check against): see docs/talk-format.md"
        )));
    }
    let drills_path = drills_path(args, talk_path);
    let history_path = args.history.resolve(talk_path);
    let marked = if args.marked {
        Some(marked_slides(history_path.as_deref(), &name)?)
    } else {
        None
    };
    let filter = filter_of(args, &loaded.plan, marked)?;
    let past = match &drills_path {
        Some(path) => past_drills(path)?,
        None => Vec::new(),
    };
    let count = args
        .after
        .flatten()
        .or(args.count)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let seed = args.seed.unwrap_or_else(seed_from_clock);
    let chosen = select::choose(questions, &past, &filter, count, seed, loaded.talk.warn);
    if chosen.is_empty() {
        return Err(Error::Invalid(format!(
            "no question in {name} matches {}: {}",
            flags_said(args),
            what_there_is(questions)
        )));
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Invalid(
            "the drill screen needs a terminal, and stdin or stdout is redirected".into(),
        ));
    }
    let record = match &drills_path {
        _ if args.no_record => Record::Off("--no-record".into()),
        Some(path) => Record::Ready(path.clone()),
        None => Record::Off("no data folder (set XDG_DATA_HOME or HOME)".into()),
    };
    let session_start = Instant::now();
    if args.after.is_some() {
        let talk = super::run::Args {
            talk: args.talk.clone(),
            history: HistoryArg {
                path: args.history.path.clone(),
            },
            no_record: args.no_record,
            ..super::run::Args::default()
        };
        let code = super::run::run(&talk, colors)?;
        // Stopped by a signal or a closed terminal: the session is over.
        if code != ExitCode::SUCCESS {
            return Ok(code);
        }
    }
    let prompts: Vec<Prompt> = chosen
        .iter()
        .map(|&i| Prompt::from(&questions[i]))
        .collect();
    let target = match &record {
        Record::Ready(path) => Some(Target {
            path: path.clone(),
            seed,
        }),
        _ => None,
    };
    let options = Options {
        color: colors.out,
        warn: loaded.talk.warn,
        title: loaded.talk.title.clone(),
        seed,
    };
    let app = App::new(prompts, options, record);
    let outcome = crate::tui::drill::run(app, target)
        .map_err(|e| Error::Runtime(format!("cannot take the terminal: {e}")))?;
    let session = args.after.is_some().then(|| session_start.elapsed());
    finish(&outcome, &name, seed, session)
}

/// The drills file: `--drills`, else beside `--history`, else beside the talk (the bundled
/// talk's beside its history in the data folder); `None` with no data folder.
fn drills_path(args: &Args, talk: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = &args.drills {
        return Some(path.clone());
    }
    match (&args.history.path, talk) {
        (Some(history), _) => Some(drill::beside_history(history)),
        (None, Some(talk)) => Some(drill::default_path(talk)),
        (None, None) => args
            .history
            .resolve(None)
            .map(|h| drill::beside_history(&h)),
    }
}

/// What the past drills say about which questions come up: one pass over the drills file,
/// keeping only each question's last answer and the newest drill's number (all that
/// [`select::choose`] reads), so memory follows the talk's questions, not the file. None when
/// there is no file yet.
fn past_drills(path: &Path) -> Result<Vec<Drill>, Error> {
    let cannot = |e: &std::io::Error| match e.get_ref().and_then(|e| e.downcast_ref::<NotAFile>()) {
        Some(not) => Error::Invalid(format!(
            "cannot use {} for drills: it is {}, not a drills file; give --drills the path of a \
             regular file (a new name starts a new one)",
            path.display(),
            not.what
        )),
        None => Error::file(e, format!("cannot read {}: {e}", path.display())),
    };
    let Some(file) = crate::history::open(path).map_err(|e| cannot(&e))? else {
        return Ok(Vec::new());
    };
    let mut latest = Latest::default();
    let skipped = drill::scan(BufReader::new(file), |d| latest.add(d)).map_err(|e| cannot(&e))?;
    for warning in &skipped.warnings {
        eprintln!("pacer: warning: {}", super::runs::skipped(path, warning));
    }
    if skipped.unlisted > 0 {
        eprintln!(
            "pacer: warning: {}: {} more lines skipped (only the first {} are listed)",
            path.display(),
            skipped.unlisted,
            crate::history::MAX_WARNINGS
        );
    }
    Ok(latest.into_drills())
}

/// Each question's last answer, by the number of the drill it was given in.
#[derive(Debug, Default)]
struct Latest {
    answers: HashMap<String, (usize, drill::Answer)>,
    newest: usize,
}

impl Latest {
    fn add(&mut self, drill: Drill) {
        self.newest = self.newest.max(drill.number);
        for answer in drill.answers {
            match self.answers.get(&answer.question) {
                // Drills come in the order they end; within one, a later answer is later.
                Some((number, _)) if *number > drill.number => {}
                _ => {
                    self.answers
                        .insert(answer.question.clone(), (drill.number, answer));
                }
            }
        }
    }

    /// The same choice of questions as the whole file would give: one drill per number that
    /// holds a last answer, and the newest drill (for the ages).
    fn into_drills(self) -> Vec<Drill> {
        let mut by_number: BTreeMap<usize, Vec<drill::Answer>> = BTreeMap::new();
        if self.newest > 0 {
            by_number.entry(self.newest).or_default();
        }
        for (number, answer) in self.answers.into_values() {
            by_number.entry(number).or_default().push(answer);
        }
        by_number
            .into_iter()
            .map(|(number, answers)| Drill {
                number,
                id: String::new(),
                started_at: String::new(),
                answers,
                ended: true,
                end: Some(crate::rehearsal::EndReason::Finished),
                skipped: 0,
                not_asked: 0,
            })
            .collect()
    }
}

/// The ids of the slides marked in the last recorded rehearsal.
fn marked_slides(history: Option<&Path>, name: &str) -> Result<BTreeSet<String>, Error> {
    let Some(path) = history else {
        return Err(Error::Invalid(
            "--marked: no data folder to find the history in (set XDG_DATA_HOME or HOME)".into(),
        ));
    };
    let mut last: Option<crate::history::Run> = None;
    super::runs::scan(path, Path::new(name), |run| {
        if last.as_ref().is_none_or(|l| l.number < run.number) {
            last = Some(run);
        }
    })?;
    let Some(run) = last else {
        return Err(super::runs::no_runs(Path::new(name), path, None));
    };
    let replay = run.replay();
    let marked: BTreeSet<String> = replay
        .marks()
        .filter_map(|i| run.plan.slides.get(i).map(|s| s.id.clone()))
        .collect();
    if marked.is_empty() {
        return Err(Error::Invalid(format!(
            "--marked: the last rehearsal of {name} (run {} in {}) marked no slide; press m on \
             a slide during `pacer run` to mark it",
            run.number,
            path.display()
        )));
    }
    Ok(marked)
}

/// What the flags let through: `--tag`s, and the slides of `--slide` and `--marked` (both
/// must hold when both are given).
fn filter_of(args: &Args, plan: &Plan, marked: Option<BTreeSet<String>>) -> Result<Filter, Error> {
    let named = match &args.slide {
        Some(wanted) => {
            let ids = select::slides_named(plan, wanted);
            if ids.is_empty() {
                return Err(Error::Invalid(format!(
                    "--slide {wanted:?}: no slide has that id or title (`pacer plan` lists them)"
                )));
            }
            Some(ids.into_iter().map(str::to_owned).collect::<BTreeSet<_>>())
        }
        None => None,
    };
    let slides = match (named, marked) {
        (Some(named), Some(marked)) => Some(named.intersection(&marked).cloned().collect()),
        (named, marked) => named.or(marked),
    };
    Ok(Filter {
        tags: args.tag.clone(),
        slides,
    })
}

/// The flags that filtered, as given.
fn flags_said(args: &Args) -> String {
    {
        let mut said: Vec<String> = args.tag.iter().map(|t| format!("--tag {t}")).collect();
        if let Some(slide) = &args.slide {
            said.push(format!("--slide {slide:?}"));
        }
        if args.marked {
            said.push("--marked".into());
        }
        said.join(" ")
    }
}

/// What there is to filter by, so the speaker can pick again.
fn what_there_is(questions: &[Question]) -> String {
    {
        let mut tags: Vec<&str> = questions
            .iter()
            .flat_map(|q| q.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let about = questions.iter().filter(|q| q.slide.is_some()).count();
        let tags = if tags.is_empty() {
            "no question has tags".to_owned()
        } else {
            format!("the tags are {}", tags.join(", "))
        };
        format!(
            "{tags}; {about} of {} questions name a slide",
            questions.len()
        )
    }
}

/// A seed from the clock and the process, different for every drill.
fn seed_from_clock() -> u64 {
    let nanos = jiff::Timestamp::now().as_nanosecond();
    // The low bits vary fastest; the process id keeps two drills begun at once apart.
    #[expect(clippy::cast_sign_loss, reason = "only the bits matter")]
    let bits = nanos as u64 ^ (nanos >> 64) as u64;
    (bits ^ u64::from(std::process::id()).rotate_left(32)) % 1_000_000
}

/// Says how the drill went, once the screen is gone; the exit code follows how it ended.
fn finish(
    outcome: &crate::tui::drill::Outcome,
    name: &str,
    seed: u64,
    session: Option<std::time::Duration>,
) -> Result<ExitCode, Error> {
    let app = &outcome.app;
    let drill = app.session();
    let warn = app.options().warn;
    let text = drill.end().map(|_| {
        let answers: Vec<drill::Answer> = drill
            .answers()
            .iter()
            .cloned()
            .chain(drill.pending())
            .collect();
        let left = Left {
            skipped: drill.skipped().len(),
            not_asked: drill.not_asked(drill.prompts().len()),
        };
        said(&answers, left, warn, app.record(), name, seed, session)
    });
    if let Exit::Stopped(stop) = outcome.exit {
        if let Some(text) = text.filter(|_| stop != Stop::Hangup) {
            let _ = writeln!(std::io::stderr(), "pacer: stopped; {text}");
        }
        return Ok(ExitCode::from(stop.exit_code()));
    }
    if let Some(text) = text {
        let _ = writeln!(std::io::stdout(), "{text}");
    }
    if let Record::Failed { path, error } = app.record() {
        return Err(Error::Runtime(format!(
            "the drill was not recorded: {}: {error}",
            path.display()
        )));
    }
    Ok(ExitCode::SUCCESS)
}

/// The questions of a drill it did not answer: skipped, and (quit or stopped early) not asked.
#[derive(Debug, Clone, Copy, Default)]
struct Left {
    skipped: usize,
    not_asked: usize,
}

/// `3 answered: ✓ 1 good, ~ 1 shaky, ✗ 1 missed; 1 over budget · recorded in … · seed 4711`,
/// with `; 1 skipped` and `; 10 not asked` where there were any.
fn said(
    answers: &[drill::Answer],
    left: Left,
    warn: f64,
    record: &Record,
    name: &str,
    seed: u64,
    session: Option<std::time::Duration>,
) -> String {
    let tally: Vec<String> = Rating::ALL
        .iter()
        .rev()
        .map(|r| {
            let n = answers.iter().filter(|a| a.rating == Some(*r)).count();
            format!("{} {n} {}", r.symbol(), r.word())
        })
        .collect();
    let over = answers
        .iter()
        .filter(|a| pace::finished(a.took, a.budget, warn) != Pace::Fine)
        .count();
    let recorded = match record {
        Record::On(path) => format!("recorded in {}", path.display()),
        Record::Off(why) => format!("not recorded ({why})"),
        Record::Ready(_) => "nothing to record".into(),
        Record::Failed { .. } => "recording failed".into(),
    };
    let session = session.map_or_else(String::new, |d| {
        format!(" · the whole session {}", clock(d))
    });
    // The order follows the past drills: once this one is recorded, the same seed gives
    // another order (its weak answers come first), so the repeat is promised only when
    // nothing was written.
    let repeat = match record {
        Record::On(_) | Record::Failed { .. } => String::new(),
        Record::Off(_) | Record::Ready(_) => {
            format!(" (`pacer drill {name} --seed {seed}` asks them in the same order)")
        }
    };
    let mut left_over = String::new();
    for (n, word) in [(left.skipped, "skipped"), (left.not_asked, "not asked")] {
        if n > 0 {
            let _ = write!(left_over, "; {n} {word}");
        }
    }
    format!(
        "{} answered: {}; {over} over budget{left_over} · {recorded} · seed {seed}{repeat}{session}",
        answers.len(),
        tally.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::Source;

    fn loaded() -> crate::Loaded {
        let source = Source::new(
            "t.toml",
            r#"
title = "T"
budget = "2m"
[[section]]
title = "S"
slides = [{ title = "Where it attaches", id = "attach" }, "Latency"]
[[question]]
ask = "Where?"
slide = "attach"
tags = ["method"]
[[question]]
ask = "How fast?"
tags = ["results"]
[[question]]
ask = "Why not a server?"
"#,
        );
        crate::load(&source).unwrap()
    }

    #[test]
    fn the_flags_become_a_filter_and_the_slides_must_hold_together() {
        let loaded = loaded();
        let plan = &loaded.plan;
        let args = Args {
            tag: vec!["method".into()],
            slide: Some("Where it attaches".into()),
            ..Args::default()
        };
        let filter = filter_of(&args, plan, None).unwrap();
        assert_eq!(filter.tags, ["method"]);
        assert_eq!(filter.slides, Some(["attach".to_owned()].into()));
        let qs = &loaded.talk.questions;
        assert_eq!(select::choose(qs, &[], &filter, None, 1, 0.8), [0]);
        // Marked and named: both must hold.
        let marked: BTreeSet<String> = ["s/latency".to_owned()].into();
        let filter = filter_of(&args, plan, Some(marked.clone())).unwrap();
        assert_eq!(filter.slides, Some(BTreeSet::new()));
        let only_marked = filter_of(&Args::default(), plan, Some(marked)).unwrap();
        assert!(select::choose(qs, &[], &only_marked, None, 1, 0.8).is_empty());
        assert_eq!(
            what_there_is(qs),
            "the tags are method, results; 1 of 3 questions name a slide"
        );
        let args = Args {
            slide: Some("nope".into()),
            ..Args::default()
        };
        let err = filter_of(&args, plan, None).unwrap_err().to_string();
        assert!(err.starts_with("--slide \"nope\": no slide"), "{err}");
    }

    #[test]
    fn the_last_answers_choose_as_the_whole_file_does() {
        let loaded = loaded();
        let qs = &loaded.talk.questions;
        let answer = |q: usize, rating| drill::Answer {
            question: qs[q].id.clone(),
            ask: qs[q].ask.clone(),
            budget: qs[q].budget,
            took: std::time::Duration::from_secs(10),
            rating: Some(rating),
        };
        let drill = |number, answers| Drill {
            number,
            id: format!("d{number}"),
            started_at: String::new(),
            answers,
            ended: true,
            end: Some(crate::rehearsal::EndReason::Finished),
            skipped: 0,
            not_asked: 0,
        };
        let full = vec![
            drill(1, vec![answer(0, Rating::Missed), answer(1, Rating::Good)]),
            drill(3, vec![answer(0, Rating::Good)]),
            drill(2, vec![answer(1, Rating::Shaky), answer(2, Rating::Good)]),
            drill(4, vec![]),
        ];
        let mut latest = Latest::default();
        for d in full.clone() {
            latest.add(d);
        }
        let kept = latest.into_drills();
        assert_eq!(kept.iter().map(|d| d.answers.len()).sum::<usize>(), 3);
        for seed in 0..20 {
            assert_eq!(
                select::choose(qs, &kept, &Filter::default(), None, seed, 0.8),
                select::choose(qs, &full, &Filter::default(), None, seed, 0.8),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn the_drills_file_follows_the_talk_or_the_history() {
        let talk = Path::new("talks/demo.toml");
        let args = Args::default();
        assert_eq!(
            drills_path(&args, Some(talk)),
            Some(PathBuf::from("talks/demo.drills.jsonl"))
        );
        let args = Args {
            history: HistoryArg {
                path: Some("h/x.history.jsonl".into()),
            },
            ..Args::default()
        };
        assert_eq!(
            drills_path(&args, Some(talk)),
            Some(PathBuf::from("h/x.drills.jsonl"))
        );
        let args = Args {
            drills: Some("d.jsonl".into()),
            ..args
        };
        assert_eq!(
            drills_path(&args, Some(talk)),
            Some(PathBuf::from("d.jsonl"))
        );
    }

    #[test]
    fn the_closing_line_tallies_and_says_how_to_repeat() {
        let answer = |took: u64, rating| drill::Answer {
            question: "q".into(),
            ask: "Q?".into(),
            budget: std::time::Duration::from_secs(30),
            took: std::time::Duration::from_secs(took),
            rating,
        };
        let text = said(
            &[answer(20, Some(Rating::Good)), answer(45, None)],
            Left::default(),
            0.8,
            &Record::On("t.drills.jsonl".into()),
            "t.toml",
            42,
            None,
        );
        assert_eq!(
            text,
            "2 answered: ✓ 1 good, ~ 0 shaky, ✗ 0 missed; 1 over budget · recorded in \
             t.drills.jsonl · seed 42",
            "recorded, the drill changes what the seed gives next: no promise of a repeat"
        );
        let text = said(
            &[answer(20, Some(Rating::Good))],
            Left {
                skipped: 1,
                not_asked: 10,
            },
            0.8,
            &Record::Off("--no-record".into()),
            "t.toml",
            42,
            None,
        );
        assert_eq!(
            text,
            "1 answered: ✓ 1 good, ~ 0 shaky, ✗ 0 missed; 0 over budget; 1 skipped; 10 not \
             asked · not recorded (--no-record) · seed 42 (`pacer drill t.toml --seed 42` asks them in the same \
             order)"
        );
    }
}
