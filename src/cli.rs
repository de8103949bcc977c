//! The command line: clap definitions, dispatch to one module per command, exit codes.
//!
//! Commands read files and write to stdout/stderr here, and nowhere in the core.

mod check;
mod completions;
mod history;
mod man;
pub mod mistyped;
mod plan;
mod report;
mod run;
mod schema;
mod tune;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Never colour the output (the `NO_COLOR` environment variable does the same).
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
    /// Print a shell's completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the pacer(1) man page (roff), every command in it.
    Man(man::Args),
    /// Print the JSON Schema of the talk file, for editors (Taplo, Even Better TOML).
    Schema(schema::Args),
}

/// Output formats; each command accepts the ones that make sense for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Csv,
    Svg,
}

/// A command's failure, with the exit code DESIGN.md gives it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad usage or invalid input: exit 2. The message has been printed already when empty.
    #[error("{0}")]
    Invalid(String),
    /// A runtime failure such as I/O: exit 1.
    #[error("{0}")]
    Runtime(String),
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Invalid(_) => ExitCode::from(2),
            Self::Runtime(_) => ExitCode::from(1),
        }
    }
}

/// Runs the command the user asked for.
pub fn dispatch(cli: Cli) -> Result<ExitCode, Error> {
    let color = use_color(cli.no_color);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        // Both print their problems on stderr: colour them when stderr is a terminal.
        Some(Command::Check(args)) => check::run(&args, use_color_stderr(cli.no_color), &mut out),
        Some(Command::Plan(args)) => plan::run(&args, use_color_stderr(cli.no_color), &mut out),
        Some(Command::Report(args)) => report::run(&args, color, &mut out),
        Some(Command::History(args)) => history::run(&args, color, &mut out),
        Some(Command::Tune(args)) => tune::run(&args, color, &mut out),
        Some(Command::Completions(args)) => completions::run(&args, &mut out),
        Some(Command::Man(args)) => man::run(&args, &mut out),
        Some(Command::Schema(args)) => schema::run(&args, &mut out),
        Some(Command::Run(args)) => run::run(&args, color),
        None => run::run(&cli.run, color),
    };
    match out.flush() {
        // A reader that stopped early (`pacer plan talk.toml | head`) is no failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Error::Runtime(format!("cannot write output: {e}")));
        }
        _ => {}
    }
    result
}

/// Colour only for a terminal, never with `--no-color` or `NO_COLOR` set (to anything but "").
pub fn use_color(no_color_flag: bool) -> bool {
    use std::io::IsTerminal;
    !no_color_flag && !no_color_env() && std::io::stdout().is_terminal()
}

/// Colour for what goes to stderr (diagnostics): only when stderr is a terminal.
pub fn use_color_stderr(no_color_flag: bool) -> bool {
    use std::io::IsTerminal;
    !no_color_flag && !no_color_env() && std::io::stderr().is_terminal()
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
    match Source::from_bytes(name, bytes) {
        Ok(source) => load_source(source, color),
        Err((source, diagnostic)) => {
            check::print_diagnostics(&[diagnostic], &source, color);
            Err(invalid_talk(source.name()))
        }
    }
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

/// Prints what a generator made (a script, a page, a schema): a reader that stopped early
/// (`pacer man | head`) is no failure; any other write error is, naming `what`.
fn print_all(out: &mut impl Write, bytes: &[u8], what: &str) -> Result<ExitCode, Error> {
    match out.write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Runtime(format!("cannot write {what}: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn invalid_talk(name: &str) -> Error {
    Error::Invalid(format!(
        "{name} is not a valid talk: `pacer check {name}` lists every problem"
    ))
}

/// Reads a talk file into a [`Source`], or a one-line error naming the file.
pub fn read_source(
    path: &Path,
) -> Result<Result<Source, (Source, crate::talk::Diagnostic)>, Error> {
    Ok(Source::from_bytes(
        path.display().to_string(),
        read_talk_bytes(path)?,
    ))
}

/// A talk file's bytes, or the one-line error naming it.
pub fn read_talk_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::Invalid(format!("cannot read {}: {e}", path.display())))
}
