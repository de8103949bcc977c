//! `pacer plan TALK`: the timetable of a talk.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, Format};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The talk file.
    #[arg(value_name = "TALK")]
    pub talk: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: &Args, _color: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let source = match super::read_source(&args.talk)? {
        Ok(source) => source,
        Err((source, diagnostic)) => {
            eprint!("{}", diagnostic.render(&source, false));
            return Err(Error::Invalid("the talk file is invalid".into()));
        }
    };
    let loaded = crate::load(&source).map_err(|diagnostics| {
        for d in &diagnostics {
            eprint!("{}", d.render(&source, false));
        }
        Error::Invalid("the talk file is invalid".into())
    })?;
    let io = |e: std::io::Error| Error::Runtime(format!("cannot write output: {e}"));
    for slide in &loaded.plan.slides {
        writeln!(
            out,
            "{:>8} {:>8}  {}",
            crate::timefmt::clock(slide.start),
            crate::timefmt::clock(slide.budget),
            slide.title
        )
        .map_err(io)?;
    }
    Ok(ExitCode::SUCCESS)
}
