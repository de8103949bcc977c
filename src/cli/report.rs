//! `pacer report TALK`: the pacing report of the last run, a chosen run, the last K runs
//! together, or two runs compared, in any format, to stdout or atomically to a file.
//!
//! The shell around [`crate::report`]: reads the talk and the history (one pass, keeping only
//! the runs the report needs), prints skipped lines as warnings, writes the output.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Error, Format};
use crate::report::{self, Pick, Picker, Report, RunFigures, RunInfo};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Report this run (its number in `pacer history`) instead of the last.
    #[arg(long, value_name = "N", conflicts_with_all = ["last", "compare"])]
    pub run: Option<usize>,
    /// Report the last K runs together: per slide median, min, max, spread; total per run.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "compare")]
    pub last: Option<u64>,
    /// Compare two runs slide by slide, sorted by the change.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub compare: Option<Vec<usize>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The history file [default: TALK's, `talk.history.jsonl` beside it].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
}

fn pick(args: &Args) -> Pick {
    match (&args.compare, args.run, args.last) {
        (Some(ab), _, _) => Pick::Compare(ab[0], ab[1]),
        (None, Some(n), _) => Pick::Run(n),
        (None, None, Some(k)) => Pick::Last(usize::try_from(k).unwrap_or(usize::MAX)),
        (None, None, None) => Pick::Last(1),
    }
}

pub fn run(args: &Args, color: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let plan = super::history::load_plan(&args.talk)?;
    let pick = pick(args);
    let path = args
        .history
        .clone()
        .unwrap_or_else(|| crate::history::default_path(&args.talk));
    // One pass; only the runs the report needs are kept, then replayed into their figures.
    let mut picker = Picker::new(pick);
    let count = super::history::scan(&path, &args.talk, |run| picker.offer(run))?;
    let kept: BTreeMap<usize, RunFigures> = picker
        .into_runs()
        .into_iter()
        .map(|(n, run)| (n, RunFigures::of(&run)))
        .collect();
    let tz = jiff::tz::TimeZone::system();
    let info = |fig: &RunFigures| RunInfo::new(fig, plan.budget, plan.grace, Some(&plan), &tz);
    let find = |n: usize| {
        kept.get(&n).ok_or_else(|| {
            Error::Invalid(format!(
                "no run {n} in {}: {}",
                path.display(),
                match count {
                    1 => "its only run is 1".to_owned(),
                    _ => format!("its runs are 1 to {count}"),
                }
            ))
        })
    };
    let report: Report = match pick {
        Pick::Run(n) => {
            let fig = find(n)?;
            report::single(&plan, fig, info(fig))
        }
        Pick::Last(1) => {
            let fig = kept
                .values()
                .next_back()
                .ok_or_else(|| no_runs(&args.talk))?;
            report::single(&plan, fig, info(fig))
        }
        Pick::Last(_) => {
            let runs: Vec<RunFigures> = kept.into_values().collect();
            let infos = runs.iter().map(info).collect();
            report::several(&plan, &runs, infos)
        }
        Pick::Compare(a, b) => {
            let (fa, fb) = (find(a)?, find(b)?);
            report::compare(&plan, fa, fb, [info(fa), info(fb)])
        }
    };
    let to_file = args.output.is_some();
    let mut bytes = Vec::new();
    let color = color && !to_file;
    match args.format {
        Format::Text => report::text::write(&report, color, &mut bytes),
        Format::Markdown => report::markdown::write(&report, &mut bytes),
        Format::Json => report::json::write(&report, &mut bytes),
        Format::Csv => report::csv::write(&report, &mut bytes),
        Format::Svg => report::svg::write(&report, &mut bytes),
    }
    .map_err(|e| Error::Runtime(format!("cannot write the report: {e}")))?;
    if let Some(file) = &args.output {
        write_atomically(file, &bytes)?;
    } else {
        if args.format == Format::Svg && std::io::stdout().is_terminal() {
            eprintln!(
                "pacer: hint: that is an SVG image; write it to a file with `--output chart.svg`"
            );
        }
        out.write_all(&bytes)
            .map_err(|e| Error::Runtime(format!("cannot write output: {e}")))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The error for a history with no runs (or none yet).
pub(super) fn no_runs(talk: &Path) -> Error {
    Error::Invalid(format!(
        "no rehearsals recorded for {} yet: run `pacer run {}` to record one",
        talk.display(),
        talk.display()
    ))
}

/// Writes `bytes` to `path` so that it is either the old file or the whole new one: a temp file
/// in the same folder, synced, renamed over, the folder synced.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::Runtime(format!("cannot write {}: {e}", path.display()));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{} is not a file name", path.display())))?;
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        #[cfg(unix)]
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(fail)
}
