//! The command line: clap definitions, dispatch to one module per command, exit codes.
//!
//! Commands read files and write to stdout/stderr here, and nowhere in the core.

mod check;
mod color;
mod completions;
mod drill;
mod drills;
mod history;
mod import;
mod man;
pub mod mistyped;
mod plan;
mod questions;
mod report;
mod run;
mod runs;
mod schema;
mod tune;

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use color::{Stream, color, decide};
pub use runs::HistoryArg;

use crate::talk::Source;

/// Rehearse a timed talk: plan per-slide budgets, rehearse in a terminal timer, report, tune.
#[derive(Debug, Parser)]
#[command(name = "pacer", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Without a command, `pacer [TALK] [OPTIONS]` rehearses, as `pacer run` does.
    #[command(flatten)]
    pub run: run::Args,
    /// Never colour anything (as `NO_COLOR` does; `CLICOLOR_FORCE=1` colours even into a pipe).
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rehearse in the terminal timer (the default; without TALK, the bundled sample talk).
    Run(run::Args),
    /// Validate talk outlines: every problem with `file:line:col`; exit 2 when any is invalid.
    Check(check::Args),
    /// The timetable: every slide's budget and planned start, per-section totals.
    Plan(plan::Args),
    /// Pacing report of recorded rehearsals: the last run, a chosen run, or many side by side.
    Report(report::Args),
    /// The recorded rehearsals: date, length, over/under, complete or cut short.
    History(history::Args),
    /// Suggested budgets from past rehearsals; `--write` updates the talk file in place.
    Tune(tune::Args),
    /// A talk outline from a deck (pptx, odp, PDF, Markdown decks); `--update` re-syncs one.
    Import(import::Args),
    /// The questions after the talk (`[[question]]`), timed against their budgets and rated.
    Drill(drill::Args),
    /// Print a shell's completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the pacer(1) man page (roff), every command in it.
    Man(man::Args),
    /// Print the JSON Schema of the talk file, for editors (Taplo, Even Better TOML).
    Schema(schema::Args),
}

/// Whether each stream is coloured, decided once per command by [`color`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colors {
    /// What the command prints on stdout (and the rehearsal screen).
    pub out: bool,
    /// Diagnostics and warnings on stderr.
    pub err: bool,
}

/// A command's failure, with the exit code the README gives it: 2 when the user's input or
/// usage is wrong, 1 when the system failed us.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage or invalid input: exit 2.
    #[error("{0}")]
    Invalid(String),
    /// A runtime failure such as I/O: exit 1.
    #[error("{0}")]
    Runtime(String),
    /// Writing to stdout failed: exit 1, except for a reader that stopped early (a closed
    /// pipe), which is no failure: exit 0, silently.
    #[error("cannot write output: {0}")]
    Output(io::Error),
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Invalid(_) => ExitCode::from(2),
            Self::Runtime(_) | Self::Output(_) => ExitCode::from(1),
        }
    }

    /// A file that cannot be read or written, by the one rule: a file that is not there, or
    /// is not a regular file, is the user's input (exit 2); anything else, such as a denied
    /// permission or a failing disk, is the system failing us (exit 1). `message` names the file.
    pub fn file(err: &io::Error, message: String) -> Self {
        match err.kind() {
            io::ErrorKind::NotFound
            | io::ErrorKind::IsADirectory
            | io::ErrorKind::NotADirectory
            | io::ErrorKind::InvalidInput => Self::Invalid(message),
            _ => Self::Runtime(message),
        }
    }

    /// Writing what the command prints on stdout failed.
    pub fn output(err: io::Error) -> Self {
        Self::Output(err)
    }
}

/// Parses the command line. Clap's own messages (usage errors, `--help`) follow the colour
/// rule too: clap already heeds `NO_COLOR`, `CLICOLOR_FORCE` and `TERM=dumb` per stream, as
/// [`color`] does, and `--no-color` is told to it here.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let no_color = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--no-color");
    let choice = if no_color {
        clap::ColorChoice::Never
    } else {
        clap::ColorChoice::Auto
    };
    let matches = Cli::command().color(choice).get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Runs the command the user asked for.
pub fn dispatch(cli: Cli) -> Result<ExitCode, Error> {
    let colors = Colors {
        out: color(Stream::Stdout, cli.no_color),
        err: color(Stream::Stderr, cli.no_color),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(&args, colors, &mut out),
        Some(Command::Plan(args)) => plan::run(&args, colors, &mut out),
        Some(Command::Report(args)) => report::run(&args, colors, &mut out),
        Some(Command::History(args)) => history::run(&args, colors, &mut out),
        Some(Command::Tune(args)) => tune::run(&args, colors, &mut out),
        Some(Command::Import(args)) => import::run(&args, colors, &mut out),
        Some(Command::Completions(args)) => completions::run(&args, &mut out),
        Some(Command::Man(args)) => man::run(&args, &mut out),
        Some(Command::Schema(args)) => schema::run(&args, &mut out),
        Some(Command::Run(args)) => run::run(&args, colors),
        Some(Command::Drill(args)) => drill::run(&args, colors),
        None => run::run(&cli.run, colors),
    };
    let flushed = out.flush().map_err(Error::output);
    match result.and_then(|code| flushed.map(|()| code)) {
        // A reader that stopped early (`pacer history talk.toml | head -1`) is no failure.
        Err(Error::Output(e)) if is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

/// Whether a write failed on a closed pipe, also where a writer (csv, say) wrapped the error.
fn is_broken_pipe(err: &io::Error) -> bool {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = err.get_ref().map(|e| e as _);
    while let Some(inner) = source {
        if inner
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        {
            return true;
        }
        source = inner.source();
    }
    false
}

/// Reads, validates and plans a talk file, printing its errors on stderr (`color`: the
/// diagnostics' colour); the caller decides whether to print `loaded.warnings`.
pub fn load_talk(path: &Path, color: bool) -> Result<(Source, crate::Loaded), Error> {
    load_bytes(path.display().to_string(), read_talk_bytes(path)?, color)
}

/// [`load_talk`] over bytes already read, reported under `name`.
pub fn load_bytes(
    name: String,
    bytes: Vec<u8>,
    color: bool,
) -> Result<(Source, crate::Loaded), Error> {
    load_source(Source::from_bytes(name, bytes), color)
}

/// [`load_talk`] over a source already read (the bundled sample, say).
pub fn load_source(source: Source, color: bool) -> Result<(Source, crate::Loaded), Error> {
    match crate::load(&source) {
        Ok(loaded) => Ok((source, loaded)),
        Err(diagnostics) => {
            check::print_diagnostics(&diagnostics, &source, color);
            Err(invalid_talk(source.name()))
        }
    }
}

/// Prints what a generator made (a script, a page, a schema); a closed pipe is handled as for
/// every command's output, in [`dispatch`].
fn print_all(out: &mut impl Write, bytes: &[u8]) -> Result<ExitCode, Error> {
    out.write_all(bytes).map_err(Error::output)?;
    Ok(ExitCode::SUCCESS)
}

fn invalid_talk(name: &str) -> Error {
    Error::Invalid(format!(
        "{name} is not a valid talk: `pacer check {name}` lists every problem"
    ))
}

/// Reads a talk file into a [`Source`], or a one-line error naming the file.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    Ok(Source::from_bytes(
        path.display().to_string(),
        read_talk_bytes(path)?,
    ))
}

/// Replaces (or creates) the file at `path` atomically; returns the path written (a link's
/// target). Only a missing folder or a wrong kind of file is the user's to fix (exit 2); a
/// failure after that is the system's (exit 1).
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<std::path::PathBuf, Error> {
    use crate::fsutil::atomic;
    atomic::replace(path, bytes).map_err(|e| {
        if e.step == atomic::Step::Resolve {
            Error::file(&e.source, e.to_string())
        } else {
            Error::Runtime(e.to_string())
        }
    })
}

/// The largest talk file read: a 10,000-slide talk with notes is about 1.5 MB.
const TALK_MAX: u64 = 64 << 20;

/// A talk file's bytes, or the one-line error naming it ([`Error::file`] gives its exit code).
/// A talk file's byte-order mark, kept when a command rewrites the file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Replaces a talk file with `new` (its BOM kept), unless someone changed it since it was read
/// as `original`; returns the path written (a symlink's target). `doing` and `again` finish the
/// refusal: "changed while pacer was {doing} it; nothing written ({again})".
pub fn replace_talk(
    path: &Path,
    original: &[u8],
    new: &str,
    doing: &str,
    again: &str,
) -> Result<std::path::PathBuf, Error> {
    let now = read_talk_bytes(path)?;
    if now != original {
        return Err(Error::Runtime(format!(
            "{} changed while pacer was {doing} it; nothing written ({again})",
            path.display()
        )));
    }
    let mut bytes = Vec::with_capacity(new.len() + BOM.len());
    if original.starts_with(BOM) {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(new.as_bytes());
    replace_file(path, &bytes)
}

/// At most [`TALK_MAX`] bytes are read, so a device or a pipe without end cannot hold pacer.
pub fn read_talk_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let fail = |e: io::Error| Error::file(&e, format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(TALK_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > TALK_MAX {
        return Err(Error::Invalid(format!(
            "cannot read {}: it is larger than {} MiB, too large for a talk file",
            path.display(),
            TALK_MAX >> 20
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_follow_one_rule() {
        let code = |kind: io::ErrorKind| {
            let err = io::Error::from(kind);
            match Error::file(&err, "cannot read x".into()) {
                Error::Invalid(_) => 2,
                Error::Runtime(_) => 1,
                Error::Output(_) => 0,
            }
        };
        for kind in [
            io::ErrorKind::NotFound,
            io::ErrorKind::IsADirectory,
            io::ErrorKind::NotADirectory,
            io::ErrorKind::InvalidInput,
        ] {
            assert_eq!(code(kind), 2, "{kind:?}");
        }
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::StorageFull,
            io::ErrorKind::Other,
        ] {
            assert_eq!(code(kind), 1, "{kind:?}");
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("wrapped")]
    struct Wrapper(#[source] io::Error);

    #[test]
    fn a_closed_pipe_is_seen_through_a_wrapping_writer() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&pipe()));
        assert!(is_broken_pipe(&io::Error::other(Wrapper(pipe()))));
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert!(!is_broken_pipe(&full));
        assert!(!is_broken_pipe(&io::Error::other(Wrapper(full))));
    }
}
