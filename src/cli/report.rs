//! `pacer report TALK`: the pacing report of the last run, a chosen run, the last K runs
//! together, or two runs compared, in any format, to stdout or atomically to a file.
//!
//! The shell around [`crate::report`]: reads the talk and the history (one pass, keeping only
//! the runs the report needs), prints skipped lines as warnings, writes the output.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::drills::DrillsArg;
use super::runs::{self, HistoryArg};
use super::{Colors, Error};
use crate::report::{self, Against, Pick, Picker, Report, RunFigures, RunInfo};

/// The formats `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned tables with bars, for people.
    Text,
    /// The same tables in Markdown.
    Markdown,
    /// One JSON document (schema in docs/reports.md).
    Json,
    /// One row per slide per run (columns in docs/reports.md).
    Csv,
    /// The pace chart, an SVG image (best with `--output`).
    Svg,
    /// One self-contained HTML page with the tables and the charts, to keep and print.
    Html,
}

/// The charts `report --format svg` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartArg {
    /// Time spoken against the plan's diagonal.
    Pace,
    /// Ahead or behind the plan at every slide boundary, one line per run, the grace as a band.
    Delta,
    /// Per section, the median over or under its budget, with the range of the runs.
    Sections,
}

impl From<ChartArg> for report::svg::Kind {
    fn from(chart: ChartArg) -> Self {
        match chart {
            ChartArg::Pace => Self::Pace,
            ChartArg::Delta => Self::Delta,
            ChartArg::Sections => Self::Sections,
        }
    }
}

/// Which plan a run's deltas are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgainstArg {
    /// The plan the run was rehearsed with (recorded when it started).
    Rehearsed,
    /// The talk's budgets as they are now.
    Current,
}

impl From<AgainstArg> for Against {
    fn from(against: AgainstArg) -> Self {
        match against {
            AgainstArg::Rehearsed => Self::Rehearsed,
            AgainstArg::Current => Self::Current,
        }
    }
}

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
    /// Which chart `--format svg` draws (default: pace).
    #[arg(long, value_enum, value_name = "CHART")]
    pub chart: Option<ChartArg>,
    /// Read each run against the plan it was rehearsed with (the default), or against the
    /// talk's current budgets.
    #[arg(long, value_enum, default_value_t = AgainstArg::Rehearsed, value_name = "PLAN")]
    pub against: AgainstArg,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub history: HistoryArg,
    /// Report the Q&A drills instead: per question, times asked, median answer time against
    /// its budget, ratings over time, the weakest first (docs/reports.md).
    #[arg(long, conflicts_with_all = ["run", "last", "compare", "chart"])]
    pub questions: bool,
    #[command(flatten)]
    pub drills: DrillsArg,
}

fn pick(args: &Args) -> Pick {
    match (&args.compare, args.run, args.last) {
        (Some(ab), _, _) => Pick::Compare(ab[0], ab[1]),
        (None, Some(n), _) => Pick::Run(n),
        (None, None, Some(k)) => Pick::Last(usize::try_from(k).unwrap_or(usize::MAX)),
        (None, None, None) => Pick::Last(1),
    }
}

pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    if args.questions {
        return super::questions::run(args, colors, out);
    }
    if args.chart.is_some() && args.format != Format::Svg {
        return Err(Error::Invalid(
            "--chart picks the chart that --format svg draws: add --format svg".into(),
        ));
    }
    let plan = runs::load_plan(&args.talk, colors.err)?;
    let pick = pick(args);
    let path = args.history.of(&args.talk);
    // One pass; only the runs the report needs are kept, then replayed into their figures.
    let mut picker = Picker::new(pick);
    let count = runs::scan(&path, &args.talk, |run| picker.offer(run))?;
    let kept: BTreeMap<usize, RunFigures> = picker
        .into_runs()
        .into_iter()
        .map(|(n, run)| (n, RunFigures::of(&run)))
        .collect();
    let tz = jiff::tz::TimeZone::system();
    let against = Against::from(args.against);
    let info = |fig: &RunFigures| match against {
        Against::Rehearsed => RunInfo::new(fig, fig.plan.budget, fig.plan.grace, Some(&plan), &tz),
        Against::Current => RunInfo::new(fig, plan.budget, plan.grace, Some(&plan), &tz),
    };
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
            report::single_against(&plan, fig, info(fig), against)
        }
        Pick::Last(1) => {
            let fig = kept
                .values()
                .next_back()
                .ok_or_else(|| runs::no_runs(&args.talk, &path, None))?;
            report::single_against(&plan, fig, info(fig), against)
        }
        Pick::Last(_) => {
            let runs: Vec<RunFigures> = kept.into_values().collect();
            let infos = runs.iter().map(info).collect();
            report::several_against(&plan, &runs, infos, against)
        }
        Pick::Compare(a, b) => {
            let (fa, fb) = (find(a)?, find(b)?);
            report::compare_against(&plan, fa, fb, [info(fa), info(fb)], against)
        }
    };
    let to_file = args.output.is_some();
    let mut bytes = Vec::new();
    let color = colors.out && !to_file;
    match args.format {
        Format::Text => report::text::write(&report, color, &mut bytes),
        Format::Markdown => report::markdown::write(&report, &mut bytes),
        Format::Json => report::json::write(&report, &mut bytes),
        Format::Csv => report::csv::write(&report, &mut bytes),
        Format::Html => report::html::write(&report, &mut bytes),
        Format::Svg => report::svg::write_chart(
            &report,
            args.chart.map(Into::into).unwrap_or_default(),
            &mut bytes,
        ),
    }
    .map_err(|e| Error::Runtime(format!("cannot write the report: {e}")))?;
    if let Some(file) = &args.output {
        write_file(file, &bytes)?;
    } else {
        if args.format == Format::Svg && std::io::stdout().is_terminal() {
            eprintln!(
                "pacer: hint: that is an SVG image; write it to a file with `--output chart.svg`"
            );
        }
        out.write_all(&bytes).map_err(Error::output)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the report to `path`: a regular file (or none yet) is replaced atomically; a device
/// or a pipe (`/dev/stdout`, a FIFO) is written into, as a shell redirection would.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Ok(meta) = std::fs::metadata(path)
        && is_stream(meta.file_type())
    {
        let written = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()));
        return written
            .map_err(|e| Error::file(&e, format!("cannot write {}: {e}", path.display())));
    }
    super::replace_file(path, bytes).map(drop)
}

/// A character device or a named pipe: written into, never replaced.
fn is_stream(file_type: std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        file_type.is_char_device() || file_type.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = file_type;
        false
    }
}
