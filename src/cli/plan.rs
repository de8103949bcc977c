//! `pacer plan TALK`: the timetable of a talk, in the format asked for.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, Format};
use crate::plan::{Plan, render};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Output format: text and markdown for people, json and csv for machines.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Prints the plan on `out`; warnings and errors go to stderr, coloured when `color`.
pub fn run<W: Write>(args: &Args, color: bool, out: &mut W) -> Result<ExitCode, Error> {
    let write: fn(&Plan, &mut W) -> std::io::Result<()> = match args.format {
        Format::Text => render::text,
        Format::Markdown => render::markdown,
        Format::Json => render::json,
        Format::Csv => render::csv,
        Format::Svg => {
            return Err(Error::Invalid(
                "`plan` writes text, markdown, json or csv, not svg".into(),
            ));
        }
    };
    let (source, loaded) = super::load_talk(&args.talk, color)?;
    super::check::print_diagnostics(&loaded.warnings, &source, color);
    match write(&loaded.plan, out) {
        // A reader that stopped early (`pacer plan talk.toml | head`) is no failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Runtime(format!("cannot write output: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
