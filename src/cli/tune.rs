//! `pacer tune TALK`: suggested budgets from rehearsals or notes; `--write` applies them.
//!
//! The shell around [`crate::tune`]: reads the talk and its history, prints the proposal and
//! the diff, and with `--write` replaces the file atomically after the new text has been
//! validated and planned. Exit 0 ok, 2 bad usage or nothing to tune from, 1 a failed write
//! (the file is then unchanged).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::ValueEnum;

use super::runs::{self, HistoryArg};
use super::{Colors, Error};
use crate::talk::Source;
use crate::tune::{self, Evidence, Method, Outcome, Proposal};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Estimate from your rehearsals, or from the notes (a talk not rehearsed yet).
    #[arg(long, value_enum, default_value_t = FromArg::History)]
    pub from: FromArg,
    /// How many of the last complete runs to use.
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub runs: u16,
    /// How runs become one estimate per slide.
    #[arg(long, value_enum, default_value_t = MethodArg::Shares)]
    pub method: MethodArg,
    /// Measure your own speaking rate (words of notes per minute) from your runs and use it
    /// for notes, in place of `wpm`.
    #[arg(long)]
    pub calibrate: bool,
    /// Keep the budgets of sections that have one; only their slides are rebalanced.
    #[arg(long)]
    pub keep_sections: bool,
    /// A new total for the talk (a shorter slot): `optional` slides are cut, largest first,
    /// until the rest fits at your rehearsed pace; `--write` keeps them as `skip = true`.
    #[arg(long, value_name = "DURATION", value_parser = parse_budget)]
    pub budget: Option<Duration>,
    /// Write the new budgets into the talk file (otherwise only show them and the diff).
    #[arg(long)]
    pub write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub history: HistoryArg,
}

/// The formats `tune` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The proposal, the verdict and the diff, for people.
    Text,
    /// The same in Markdown.
    Markdown,
    /// One JSON document (schema in docs/tuning.md).
    Json,
}

/// Where estimates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromArg {
    /// The last complete rehearsals.
    History,
    /// The notes, at `wpm` (130 when the talk sets none).
    Notes,
}

/// How rehearsals become an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// The median of each slide's times, recent runs weighing more.
    Median,
    /// Each run as shares of its own length, a trimmed geometric mean, at your runs' length:
    /// steadier when one run went badly or your pace changed overall (the default: it
    /// predicts the next run best).
    Shares,
}

/// The longest budget a talk may have (the talk format's limit).
const MAX_BUDGET: Duration = Duration::from_secs(24 * 3600);

fn parse_budget(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d.is_zero() => Err("a budget must be more than zero: write `15m`".into()),
        Ok(d) if d > MAX_BUDGET => Err("a budget must be at most 24 hours: write `15m`".into()),
        // The talk format counts milliseconds.
        Ok(d) => Ok(Duration::from_millis(crate::timefmt::ms(d))),
        Err(err) => Err(format!("{err}: write `15m`, `12m 30s` or `1h`")),
    }
}

pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    let name = args.talk.display().to_string();
    let original = super::read_talk_bytes(&args.talk)?;
    let (source, loaded) = super::load_bytes(name.clone(), original.clone(), colors.err)?;

    let options = tune::Options {
        evidence: match args.from {
            FromArg::History => Evidence::History,
            FromArg::Notes => Evidence::Notes,
        },
        runs: usize::from(args.runs),
        method: match args.method {
            MethodArg::Median => Method::Median,
            MethodArg::Shares => Method::Shares,
        },
        calibrate: args.calibrate,
        keep_sections: args.keep_sections,
        budget: args.budget,
    };
    let history_path = args.history.of(&args.talk);
    // One pass over the history, holding only the last complete runs the estimate uses.
    let mut recent = tune::Recent::new(options.runs);
    if options.evidence == Evidence::History || options.calibrate {
        let notes = format!("estimate from the notes with `pacer tune {name} --from notes`");
        runs::scan_or_say(&history_path, &args.talk, Some(&notes), |run| {
            recent.offer(run);
        })?;
    }
    let proposal = tune::propose_recent(&loaded.plan, &recent, &options)
        .map_err(|e| explain(&e, &name, &history_path))?;

    let rewrite = checked_rewrite(&proposal, &loaded.talk, &source);
    let diff = match &rewrite {
        Ok(new) => unified_diff(source.text(), new, &name),
        Err(_) => String::new(),
    };
    let applied = apply(args, &rewrite, &diff, &original);
    let written = applied
        .as_ref()
        .ok()
        .and_then(Option::as_ref)
        .map(|path| path.display().to_string());
    let outcome = Outcome {
        file: &name,
        diff: &diff,
        written: written.as_deref(),
        unwritable: rewrite.as_ref().err().map(String::as_str),
    };
    render(args.format, &proposal, &outcome, colors.out, out).map_err(Error::output)?;
    applied.map(|_| ExitCode::SUCCESS)
}

/// With `--write`, replaces the talk file by its checked rewrite; returns the path written
/// (`None`: not asked to, or nothing to change).
fn apply(
    args: &Args,
    rewrite: &Result<String, String>,
    diff: &str,
    original: &[u8],
) -> Result<Option<PathBuf>, Error> {
    match rewrite {
        _ if !args.write => Ok(None),
        Err(why) => Err(Error::Invalid(format!(
            "cannot rewrite {}: {why}; nothing written",
            args.talk.display()
        ))),
        Ok(_) if diff.is_empty() => Ok(None),
        Ok(new) => {
            super::replace_talk(&args.talk, original, new, "tuning", "run tune again").map(Some)
        }
    }
}

fn explain(err: &tune::Error, talk: &str, history: &Path) -> Error {
    Error::Invalid(match err {
        tune::Error::NoRuns { .. } => format!(
            "{err} in {}: rehearse to the end first with `pacer run {talk}`, or estimate from \
             the notes with `pacer tune {talk} --from notes`",
            history.display()
        ),
        tune::Error::NoNotes => {
            format!("{err}: write notes for your slides, or rehearse and tune from your runs")
        }
        _ => err.to_string(),
    })
}

/// The rewritten text, validated and planned exactly as proposed; or why there is none.
fn checked_rewrite(
    proposal: &Proposal,
    talk: &crate::talk::Talk,
    source: &Source,
) -> Result<String, String> {
    let rewrite =
        tune::write::rewrite(source.text(), &proposal.budgets(talk)).map_err(|e| e.to_string())?;
    let new = Source::new(source.name(), rewrite.text);
    let loaded = crate::load(&new).map_err(|diagnostics| {
        let first = diagnostics
            .first()
            .map_or_else(String::new, |d| d.render(&new, false));
        format!("the rewritten file would not be valid (a pacer bug, please report it):\n{first}")
    })?;
    proposal
        .verify(&loaded.plan)
        .map_err(|why| format!("the rewritten file would not plan as proposed ({why})"))?;
    Ok(new.text().to_owned())
}

fn unified_diff(old: &str, new: &str, name: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (tuned)"))
        .to_string()
}

fn render(
    format: Format,
    proposal: &Proposal,
    outcome: &Outcome<'_>,
    color: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    match format {
        Format::Markdown => tune::markdown::render(proposal, outcome, out),
        Format::Json => tune::json::render(proposal, outcome, out),
        Format::Text => tune::text::render(proposal, outcome, color, out),
    }
}
