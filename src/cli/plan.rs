//! `pacer plan TALK`: the timetable of a talk, in the format asked for.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Colors, Error};
use crate::plan::{Plan, render};
use crate::talk::Question;

/// The formats `plan` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The aligned timetable, for people.
    Text,
    /// A Markdown table per section.
    Markdown,
    /// One JSON document (schema in docs/plan-output.md).
    Json,
    /// One row per slide (columns in docs/plan-output.md).
    Csv,
    /// A printable cue sheet: one self-contained HTML page, a checkpoint per slide.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Prints the plan on `out`; warnings and errors go to stderr, coloured by `colors.err`.
pub fn run<W: Write>(args: &Args, colors: Colors, out: &mut W) -> Result<ExitCode, Error> {
    let color = colors.err;
    let write: fn(&Plan, &[Question], &mut W) -> std::io::Result<()> = match args.format {
        Format::Text => render::text,
        Format::Markdown => render::markdown,
        Format::Json => render::json,
        // One row per slide: the questions have no place in it (docs/plan-output.md).
        Format::Csv => |plan, _, out| render::csv(plan, out),
        Format::Html => render::html,
    };
    let (source, loaded) = super::load_talk(&args.talk, color)?;
    super::check::print_diagnostics(&loaded.warnings, &source, color);
    write(&loaded.plan, &loaded.talk.questions, out).map_err(Error::output)?;
    Ok(ExitCode::SUCCESS)
}
