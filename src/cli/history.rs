//! `pacer history TALK`: the recorded rehearsals, one row per run.
//!
//! Reads the history through [`super::runs`] (the one shared reading) and hands the rows to
//! the listing's formats; formats nothing itself but the one line of a talk with nothing
//! recorded yet (no error: exit 0).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::drills::{self, DrillsArg};
use super::runs::{self, HistoryArg};
use super::{Colors, Error};
use crate::report::RunFigures;
use crate::report::history::{HistoryReport, drill_line, row};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub history: HistoryArg,
    #[command(flatten)]
    pub drills: DrillsArg,
}

/// The formats `history` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One aligned row per run, for people.
    Text,
    /// One JSON document (schema in docs/reports.md).
    Json,
    /// One row per run (columns in docs/reports.md).
    Csv,
}

pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    // The list does not need the talk; when it loads, runs of older outlines are told apart.
    let plan = runs::load_plan_quietly(&args.talk);
    let path = args.history.of(&args.talk);
    let tz = jiff::tz::TimeZone::system();
    // Drills are listed with the runs; a talk only drilled so far still has a history.
    let drills = drills::read(&args.drills.of(&path))?.unwrap_or_default();
    let warn = plan.as_ref().map_or(crate::talk::DEFAULT_WARN, |p| p.warn);
    let drills: Vec<_> = drills.iter().map(|d| drill_line(d, warn, &tz)).collect();
    let mut rows = Vec::new();
    let mut newest_title = None;
    let each = |run: crate::history::Run| {
        newest_title = Some(run.plan.title.clone());
        rows.push(row(&RunFigures::of(&run), plan.as_ref(), &tz));
    };
    // No run (no file, or none in it) is a talk not rehearsed yet, no error; a talk file
    // that is not there is (the history is no proof it exists).
    runs::scan_any(&path, each)?;
    if rows.is_empty() && drills.is_empty() && plan.is_none() {
        super::read_source(&args.talk)?;
    }
    rows.sort_by_key(|r| r.number);
    let history = HistoryReport {
        title: plan
            .as_ref()
            .map(|p| p.title.clone())
            .or(newest_title)
            .unwrap_or_default(),
        runs: rows,
        drills,
    };
    match args.format {
        Format::Json => crate::report::history::json::write(&history, out),
        Format::Csv => crate::report::history::csv::write(&history, out),
        Format::Text if history.runs.is_empty() && history.drills.is_empty() => {
            writeln!(out, "{}", not_rehearsed(&args.talk))
        }
        Format::Text => {
            crate::report::history::text::write(&history, colors.out, terminal_cols(), out)
        }
    }
    .map_err(Error::output)?;
    Ok(ExitCode::SUCCESS)
}

/// The one line for a talk with nothing recorded yet.
fn not_rehearsed(talk: &std::path::Path) -> String {
    let talk = talk.display();
    format!("no rehearsals recorded yet for {talk}: `pacer run {talk}` records one")
}

/// The width of the terminal stdout is, or none into a pipe or a file (nothing is cut there).
fn terminal_cols() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(cols, _)| usize::from(cols))
}
