//! `pacer check TALK...`: validate outlines, print every problem, exit 2 when any is invalid
//! (or missing), 1 when the system failed to read one.
//!
//! Problems (errors and warnings) go to stderr, one summary line per valid file to stdout.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Colors, Error, read_source};
use crate::talk::{Diagnostic, Source};

/// Problems printed per file; past it a count says how many more there are.
const MAX_SHOWN: usize = 50;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Talk files to check.
    #[arg(required = true, value_name = "TALK")]
    pub talks: Vec<PathBuf>,
}

/// Checks every file; the problems go to stderr, coloured by `colors.err`.
pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    let color = colors.err;
    let mut invalid = 0;
    let mut unreadable = 0;
    for path in &args.talks {
        let source = match read_source(path) {
            Ok(source) => source,
            Err(err) => {
                eprintln!("pacer: {err}");
                // A file the system failed to read (exit 1) is not an invalid talk (exit 2).
                match err {
                    Error::Runtime(_) => unreadable += 1,
                    _ => invalid += 1,
                }
                continue;
            }
        };
        match crate::load(&source) {
            Ok(loaded) => {
                print_diagnostics(&loaded.warnings, &source, color);
                writeln!(out, "{}", summary(&source, &loaded)).map_err(Error::output)?;
            }
            Err(diagnostics) => {
                invalid += 1;
                print_diagnostics(&diagnostics, &source, color);
            }
        }
    }
    let of = |n: usize, what: &str| {
        let total = args.talks.len();
        let (noun, verb) = if total == 1 { ("", "is") } else { ("s", "are") };
        format!("{n} of {total} talk file{noun} {verb} {what}")
    };
    if unreadable > 0 {
        Err(Error::Runtime(of(unreadable, "unreadable")))
    } else if invalid > 0 {
        Err(Error::Invalid(of(invalid, "invalid")))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// `talk.toml: ok: 6 sections, 80 slides, 20:00 budget, 12 questions, 1 warning` (the
/// questions only when the talk has some; `, 3 more skipped` after the budget when some slides
/// have `skip = true`).
fn summary(source: &Source, loaded: &crate::Loaded) -> String {
    let plan = &loaded.plan;
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}: ok: {}, {}, {} budget",
        source.name(),
        count(plan.sections.len(), "section"),
        count(plan.slides.len(), "slide"),
        crate::timefmt::clock(plan.budget),
    );
    let skipped = loaded
        .talk
        .sections
        .iter()
        .flat_map(|s| &s.slides)
        .filter(|s| s.skip)
        .count();
    if skipped > 0 {
        let _ = write!(line, ", {skipped} more skipped");
    }
    if !loaded.talk.questions.is_empty() {
        let _ = write!(line, ", {}", count(loaded.talk.questions.len(), "question"));
    }
    if !loaded.warnings.is_empty() {
        let _ = write!(line, ", {}", count(loaded.warnings.len(), "warning"));
    }
    line
}

/// Prints problems on stderr in file order, errors and warnings alike, at most [`MAX_SHOWN`].
pub(super) fn print_diagnostics(diagnostics: &[Diagnostic], source: &Source, color: bool) {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.span.start);
    let mut err = std::io::stderr().lock();
    for diagnostic in sorted.iter().take(MAX_SHOWN) {
        // A closed stderr is no reason to fail the check itself.
        let _ = err.write_all(diagnostic.render(source, color).as_bytes());
    }
    if sorted.len() > MAX_SHOWN {
        let _ = writeln!(
            err,
            "{}: {} more problems not shown",
            source.name(),
            sorted.len() - MAX_SHOWN
        );
    }
}
