//! `pacer history TALK`: the recorded rehearsals, one row per run.
//!
//! Also the history reading every report command shares: the default path beside the talk,
//! a clear message when nothing was recorded yet, skipped lines as warnings on stderr.

use std::io::{BufReader, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Error, Format};
use crate::history::Run;
use crate::plan::Plan;
use crate::report::RunFigures;
use crate::report::history::{HistoryReport, row};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Output format: text, json or csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The history file [default: TALK's, `talk.history.jsonl` beside it].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
}

pub fn run(args: &Args, color: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    if matches!(args.format, Format::Markdown | Format::Svg) {
        return Err(Error::Invalid(
            "`pacer history` writes text, json or csv".into(),
        ));
    }
    // The list does not need the talk; when it loads, runs of older outlines are told apart.
    let plan = load_plan_quietly(&args.talk);
    let path = args
        .history
        .clone()
        .unwrap_or_else(|| crate::history::default_path(&args.talk));
    let tz = jiff::tz::TimeZone::system();
    let mut rows = Vec::new();
    let mut newest_title = None;
    scan(&path, &args.talk, |run| {
        newest_title = Some(run.plan.title.clone());
        rows.push(row(&RunFigures::of(&run), plan.as_ref(), &tz));
    })?;
    rows.sort_by_key(|r| r.number);
    let history = HistoryReport {
        title: plan
            .as_ref()
            .map(|p| p.title.clone())
            .or(newest_title)
            .unwrap_or_default(),
        runs: rows,
    };
    let io = |e: std::io::Error| Error::Runtime(format!("cannot write output: {e}"));
    match args.format {
        Format::Json => crate::report::history::json::write(&history, out),
        Format::Csv => crate::report::history::csv::write(&history, out),
        _ => crate::report::history::text::write(&history, color, out),
    }
    .map_err(io)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the history at `path` in one pass, handing each run to `each`; prints every skipped
/// line as a warning; returns how many runs it holds. No file or no runs: the message that
/// says how to record one.
pub(super) fn scan(path: &Path, talk: &Path, each: impl FnMut(Run)) -> Result<usize, Error> {
    let file = match crate::history::open(path) {
        Ok(Some(file)) => file,
        Ok(None) => return Err(super::report::no_runs(talk)),
        Err(e) => return Err(open_error(path, &e)),
    };
    let scanned = crate::history::scan(BufReader::new(file), each)
        .map_err(|e| Error::Runtime(format!("cannot read {}: {e}", path.display())))?;
    for warning in &scanned.warnings {
        eprintln!(
            "pacer: warning: {}:{}: skipped: {}",
            path.display(),
            warning.line,
            warning.message
        );
    }
    if scanned.runs == 0 {
        return Err(super::report::no_runs(talk));
    }
    Ok(scanned.runs)
}

/// The error for a history that cannot be opened: exit 2 for a path that is no regular file
/// (the message names what it is), exit 1 for an I/O failure.
pub(super) fn open_error(path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == ErrorKind::InvalidInput {
        Error::Invalid(e.to_string())
    } else {
        Error::Runtime(format!("cannot read {}: {e}", path.display()))
    }
}

/// Reads and plans the talk, printing its problems; the error when it is invalid.
pub(super) fn load_plan(talk: &Path) -> Result<Plan, Error> {
    super::load_talk(talk, false).map(|(_, loaded)| loaded.plan)
}

fn load_plan_quietly(talk: &Path) -> Option<Plan> {
    let source = super::read_source(talk).ok()?.ok()?;
    crate::load(&source).ok().map(|loaded| loaded.plan)
}
