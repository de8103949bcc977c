//! `pacer report TALK --questions`: how the talk's questions went in the recorded drills, in
//! any format but svg, to stdout or atomically to a file.
//!
//! The shell around [`crate::report::questions`]: reads the talk and the drills file, writes
//! the output; formats nothing itself.

use std::io::Write;
use std::process::ExitCode;

use super::report::{Args, Format, write_file};
use super::{Colors, Error, drills};
use crate::report::questions;

/// Writes the questions report `args` asks for.
pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    if args.format == Format::Svg {
        return Err(Error::Invalid(
            "--questions writes text, markdown, json, csv or html; svg draws the charts of \
             rehearsals: drop --questions, or pick one of those formats"
                .into(),
        ));
    }
    let (_, loaded) = super::load_talk(&args.talk, colors.err)?;
    let path = args.drills.of(&args.history.of(&args.talk));
    let drills = match drills::read(&path)? {
        Some(drills) if !drills.is_empty() => drills,
        _ => return Err(drills::no_drills(&args.talk, &path)),
    };
    let report = questions::build(
        &loaded.plan.title,
        &loaded.talk.questions,
        &drills,
        loaded.plan.warn,
    );
    let to_file = args.output.is_some();
    let mut bytes = Vec::new();
    match args.format {
        Format::Text => questions::text::write(&report, colors.out && !to_file, &mut bytes),
        Format::Markdown => questions::markdown::write(&report, &mut bytes),
        Format::Json => questions::json::write(&report, &mut bytes),
        Format::Csv => questions::csv::write(&report, &mut bytes),
        Format::Html => questions::html::write(&report, &mut bytes),
        Format::Svg => unreachable!("refused above"),
    }
    .map_err(|e| Error::Runtime(format!("cannot write the report: {e}")))?;
    match &args.output {
        Some(file) => write_file(file, &bytes)?,
        None => out.write_all(&bytes).map_err(Error::output)?,
    }
    Ok(ExitCode::SUCCESS)
}
