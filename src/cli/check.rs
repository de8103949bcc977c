//! `pacer check TALK...`: validate outlines, print every problem, exit 2 when any is invalid.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, read_source};
use crate::talk::Diagnostic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Talk files to check.
    #[arg(required = true, value_name = "TALK")]
    pub talks: Vec<PathBuf>,
}

pub fn run(args: &Args, color: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let mut invalid = 0;
    let io = |e: std::io::Error| Error::Runtime(format!("cannot write output: {e}"));
    for path in &args.talks {
        let source = match read_source(path) {
            Ok(Ok(source)) => source,
            Ok(Err((source, diagnostic))) => {
                eprint!("{}", diagnostic.render(&source, color));
                invalid += 1;
                continue;
            }
            Err(err) => {
                eprintln!("pacer: {err:#}");
                invalid += 1;
                continue;
            }
        };
        match crate::load(&source) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    eprint!("{}", warning.render(&source, color));
                }
                let plan = &loaded.plan;
                writeln!(
                    out,
                    "{}: ok: {} sections, {} slides, {} budget{}",
                    source.name(),
                    plan.sections.len(),
                    plan.slides.len(),
                    crate::timefmt::clock(plan.budget),
                    match loaded.warnings.len() {
                        0 => String::new(),
                        1 => ", 1 warning".to_owned(),
                        n => format!(", {n} warnings"),
                    }
                )
                .map_err(io)?;
            }
            Err(diagnostics) => {
                invalid += 1;
                print_all(&diagnostics, &source, color);
            }
        }
    }
    if invalid > 0 {
        Err(Error::Invalid(format!(
            "{invalid} of {} talk file(s) invalid",
            args.talks.len()
        )))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn print_all(diagnostics: &[Diagnostic], source: &crate::talk::Source, color: bool) {
    for diagnostic in diagnostics {
        eprint!("{}", diagnostic.render(source, color));
    }
}
