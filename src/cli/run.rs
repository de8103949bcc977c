//! `pacer run [TALK]` and bare `pacer`: rehearse in the terminal timer.
//!
//! Turns the flags into a plan (one section alone, a tighter budget, a later first slide),
//! finds the history and what past runs offer to compare with, hands over to [`crate::tui`],
//! and says in one or two lines how the run went once the screen is gone.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::runs::HistoryArg;
use super::{Colors, Error};
use crate::history;
use crate::plan::{Plan, scope};
use crate::rehearsal::{RUNS_FOR_REFERENCES, Reference};
use crate::talk::{Source, sample};
use crate::timefmt::clock;
use crate::tui::app::{App, Exit, Options, Past, Record};
use crate::tui::recorder::Target;
use crate::tui::view::said;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// The talk file; without it, the bundled 80-slide sample talk.
    #[arg(value_name = "TALK")]
    pub talk: Option<PathBuf>,
    #[command(flatten)]
    pub history: HistoryArg,
    /// Record nothing.
    #[arg(long)]
    pub no_record: bool,
    /// Rehearse one section alone, against its own budget (its title or number).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// Start at slide N (from 1); the planned time before it counts as spent on plan.
    #[arg(long, value_name = "N")]
    pub from: Option<usize>,
    /// Rehearse against a tighter total: the plan is re-allocated by the same rules.
    #[arg(long, value_name = "DURATION", value_parser = parse_budget)]
    pub budget: Option<Duration>,
    /// Ring the terminal bell when a section goes over its budget.
    #[arg(long)]
    pub bell: bool,
}

fn parse_budget(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d.is_zero() => Err("a budget must be more than zero".into()),
        Ok(d) => Ok(d),
        Err(err) => Err(format!("{err} (try \"15m\" or \"12m 30s\")")),
    }
}

pub fn run(args: &Args, colors: Colors) -> Result<ExitCode, Error> {
    let talk_path = args.talk.as_deref();
    let (source, loaded) = match talk_path {
        Some(path) => super::load_talk(path, colors.err)?,
        None => super::load_source(sample::lora_on_device(), colors.err)?,
    };
    super::check::print_diagnostics(&loaded.warnings, &source, colors.err);
    let (plan, scope) = rehearsal_plan(&loaded, args, &source)?;
    let from = match args.from {
        None => 0,
        Some(n) if (1..=plan.slides.len()).contains(&n) => n - 1,
        Some(n) => {
            return Err(Error::Invalid(format!(
                "--from {n}: the rehearsal has slides 1 to {}",
                plan.slides.len()
            )));
        }
    };
    let history_path = args.history.resolve(talk_path);
    // A device, FIFO or folder given as the history is refused before the screen opens.
    if let Some(path) = &history_path {
        history::check(path)
            .map_err(|e| Error::file(&e, format!("cannot read {}: {e}", path.display())))?;
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Invalid(
            "the rehearsal screen needs a terminal, and stdin or stdout is redirected; \
             `pacer plan TALK` prints the timetable instead"
                .into(),
        ));
    }

    let record = match &history_path {
        _ if args.no_record => Record::Off("--no-record".into()),
        Some(path) => Record::Ready(path.clone()),
        None => Record::Off("no data folder (set XDG_DATA_HOME or HOME)".into()),
    };
    let target = match &record {
        Record::Ready(path) => Some(Target {
            path: path.clone(),
            plan: Arc::clone(&plan),
            from,
            scope: scope.clone(),
        }),
        _ => None,
    };
    let options = Options {
        color: colors.out,
        bell: args.bell,
        scope,
    };
    let past = {
        let plan = Arc::clone(&plan);
        move || history_path.map_or_else(Past::default, |path| past_runs(&plan, &path))
    };
    let app = App::new(plan, from, options, record);
    let outcome = crate::tui::run(app, target, past)
        .map_err(|e| Error::Runtime(format!("cannot take the terminal: {e}")))?;
    finish(&outcome)
}

/// The plan to rehearse: the talk's, or one section alone (`--section`), or re-allocated to a
/// tighter total (`--budget`); with the name of the section rehearsed alone.
fn rehearsal_plan(
    loaded: &crate::Loaded,
    args: &Args,
    source: &Source,
) -> Result<(Arc<Plan>, Option<String>), Error> {
    let section = match &args.section {
        Some(name) => Some(
            scope::find_section(&loaded.plan, name)
                .map_err(|why| Error::Invalid(format!("--section: {why}")))?,
        ),
        None => None,
    };
    let scope = scope::Scope {
        section,
        budget: args.budget,
    };
    let (plan, title) =
        scope::rehearsal(&loaded.talk, &loaded.plan, scope).map_err(|diagnostics| {
            // The problems come from the flags, not from a place in the file: say them plainly.
            let what = match (&args.section, args.budget) {
                (_, Some(budget)) => format!("--budget {}", clock(budget)),
                _ => "--section".to_owned(),
            };
            let problems: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.problem.to_string())
                .collect();
            Error::Invalid(format!(
                "{what} does not fit the budgets written in {}: {}; give a larger --budget, or \
                 rehearse one section with --section",
                source.name(),
                problems.join("; ")
            ))
        })?;
    Ok((Arc::new(plan), title))
}

/// What past runs offer to compare with, and a word for the screen if the history had trouble.
///
/// One pass over the file, keeping only the newest complete runs: memory follows what is
/// compared with, not the length of the history.
fn past_runs(plan: &Plan, path: &Path) -> Past {
    let file = match history::open(path) {
        Ok(Some(file)) => file,
        Ok(None) => return Past::default(),
        Err(err) => return trouble(&err),
    };
    let mut newest: Vec<history::Run> = Vec::new();
    let scanned = history::scan(std::io::BufReader::new(file), |run| {
        if !run.is_complete() {
            return;
        }
        newest.push(run);
        if newest.len() >= 2 * RUNS_FOR_REFERENCES {
            keep_newest(&mut newest);
        }
    });
    let scanned = match scanned {
        Ok(scanned) => scanned,
        Err(err) => return trouble(&err),
    };
    keep_newest(&mut newest);
    let notice = history_warning(path, &scanned.warnings, scanned.skipped());
    let newest_first = newest.iter().rev().map(crate::rehearsal::PastRun::of);
    Past {
        references: Reference::past(plan, newest_first),
        notice,
    }
}

/// Keeps the [`RUNS_FOR_REFERENCES`] runs with the highest numbers, oldest first.
fn keep_newest(runs: &mut Vec<history::Run>) {
    runs.sort_unstable_by_key(|run| run.number);
    let extra = runs.len().saturating_sub(RUNS_FOR_REFERENCES);
    runs.drain(..extra);
}

fn trouble(err: &std::io::Error) -> Past {
    Past {
        references: Vec::new(),
        notice: Some(format!("cannot read the history: {err}")),
    }
}

/// The skipped lines, said as every command says them ([`super::runs::skipped`]).
fn history_warning(
    path: &Path,
    warnings: &[history::LineWarning],
    skipped: usize,
) -> Option<String> {
    let first = super::runs::skipped(path, warnings.first()?);
    Some(match skipped {
        1 => first,
        n => format!("{n} history lines skipped ({first})"),
    })
}

/// Says how the run went, once the screen is gone; the exit code follows how it ended.
fn finish(outcome: &crate::tui::Outcome) -> Result<ExitCode, Error> {
    let run = outcome.app.rehearsal();
    let record = outcome.app.record();
    // Left before the clock started: nothing happened, nothing to say.
    let text = run.end().map(|_| said(run, record, outcome.at));
    if let Exit::Stopped(stop) = outcome.exit {
        // After a hangup there is no terminal left to tell.
        if let Some(text) = text.filter(|_| stop != crate::tui::app::Stop::Hangup) {
            let _ = writeln!(std::io::stderr(), "pacer: stopped; {text}");
        }
        return Ok(ExitCode::from(stop.exit_code()));
    }
    if let Some(text) = text {
        let _ = writeln!(std::io::stdout(), "{text}");
    }
    if let Record::Failed { path, error } = record {
        return Err(Error::Runtime(format!(
            "the rehearsal was not recorded: {}: {error}",
            path.display()
        )));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::history::Journal;
    use crate::rehearsal::{Basis, EndReason, Event};

    fn loaded() -> (crate::Loaded, Source) {
        let source = Source::new("t.toml", crate::plan::scope::TWO_SECTIONS);
        (crate::load(&source).unwrap(), source)
    }

    fn args(section: Option<&str>, budget: Option<u64>) -> Args {
        Args {
            section: section.map(str::to_owned),
            budget: budget.map(Duration::from_secs),
            ..Args::default()
        }
    }

    /// The rules are `plan::scope`'s (tested there); the shell turns the flags into a scope
    /// and the problems into messages about the flags.
    #[test]
    fn the_flags_become_a_scope_and_plain_errors() {
        let (loaded, source) = loaded();
        let (plan, scope) = rehearsal_plan(&loaded, &args(Some("METHOD"), None), &source).unwrap();
        assert_eq!(scope.as_deref(), Some("Method"));
        assert_eq!(plan.budget, loaded.plan.sections[1].budget);
        let (plan, _) = rehearsal_plan(&loaded, &args(Some("2"), Some(45)), &source).unwrap();
        assert_eq!(plan.slides_total(), Duration::from_secs(45));

        let err = rehearsal_plan(&loaded, &args(Some("Metod"), None), &source)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--section: no section \"Metod\""), "{err}");
        assert!(err.contains("did you mean \"Method\"?"), "{err}");
        assert!(err.contains("1 Opening, 2 Method"), "{err}");
        let err = rehearsal_plan(&loaded, &args(None, Some(20)), &source)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("--budget 0:20 does not fit the budgets written in t.toml: "),
            "{err}"
        );
    }

    #[test]
    fn past_runs_offer_the_last_run_and_the_median() {
        let (loaded, _) = loaded();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        assert_eq!(
            past_runs(&loaded.plan, &path),
            Past::default(),
            "no history yet"
        );
        for (run, secs) in [5, 7, 9].into_iter().enumerate() {
            let mut journal = Journal::begin(
                &path,
                &loaded.plan,
                0,
                None,
                jiff::Timestamp::from_second(run as i64).unwrap(),
            )
            .unwrap();
            let t = Duration::from_secs(secs);
            journal.record(&Event::Goto(1), t).unwrap();
            journal
                .record(&Event::End(EndReason::Finished), t * 2)
                .unwrap();
        }
        // A cut-short run does not count; a torn line is reported.
        Journal::begin(&path, &loaded.plan, 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(b"{\"run\":");
        std::fs::write(&path, bytes).unwrap();

        let past = past_runs(&loaded.plan, &path);
        let bases: Vec<Basis> = past.references.iter().map(|r| r.basis).collect();
        assert_eq!(bases, [Basis::LastRun, Basis::Median { runs: 3 }]);
        assert_eq!(past.references[0].slides[0], Duration::from_secs(9));
        assert_eq!(past.references[1].slides[0], Duration::from_secs(7));
        let notice = past.notice.unwrap();
        assert!(notice.contains("cut short (torn"), "{notice}");
    }

    #[test]
    fn past_runs_leave_out_a_slide_changed_since() {
        let (loaded, _) = loaded();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.history.jsonl");
        for (run, secs) in [5, 7, 9].into_iter().enumerate() {
            let at = jiff::Timestamp::from_second(run as i64).unwrap();
            let mut journal = Journal::begin(&path, &loaded.plan, 0, None, at).unwrap();
            let t = Duration::from_secs(secs);
            journal.record(&Event::Goto(1), t).unwrap();
            journal
                .record(&Event::End(EndReason::Finished), t * 2)
                .unwrap();
        }
        // Slide 1's notes rewritten since every run: its budget (0:20) stands in, as `tune`
        // reads it; slide 2 is unchanged and keeps the runs' times.
        let mut now = loaded.plan.clone();
        now.slides[0].notes = "Said another way now.".into();
        let past = runs_compared(&now, &path);
        assert_eq!(past, [[20, 9], [20, 7]]);
        assert_eq!(runs_compared(&loaded.plan, &path), [[9, 9], [7, 7]]);
    }

    /// The first two slides' times in the last run's and the median's references, in seconds.
    fn runs_compared(plan: &Plan, path: &Path) -> Vec<[u64; 2]> {
        past_runs(plan, path)
            .references
            .iter()
            .map(|r| [r.slides[0].as_secs(), r.slides[1].as_secs()])
            .collect()
    }
}
