//! The recorded runs as every command that reads or writes them shares them: the `--history`
//! flag and the one place its default is decided, reading a history in one pass with its
//! skipped lines reported in one format, and the one "no rehearsals recorded" message.
//!
//! A run with no end is checked against `/proc` here, once, as it is read (is its recorder
//! alive: in progress), so the report model stays pure.
//! No command reads a history any other way; nothing here formats a report or a listing.

use std::fs::File;
use std::io::{BufReader, ErrorKind};
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy as _;

use super::Error;
use crate::history::{Here, LineWarning, Liveness, Run};
use crate::plan::Plan;
use crate::talk::sample;

/// `--history FILE`, declared once for every command that takes it.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct HistoryArg {
    /// The history file [default: `NAME.history.jsonl` beside the talk; for the bundled talk,
    /// in the data folder, `$XDG_DATA_HOME/pacer/`].
    #[arg(long = "history", value_name = "FILE")]
    pub path: Option<PathBuf>,
}

impl HistoryArg {
    /// The history of `talk` (`None`: the bundled sample talk): the file given, else the one
    /// beside the talk, else the bundled talk's in the data folder; `None` when there is no
    /// data folder (no home to put it in).
    pub fn resolve(&self, talk: Option<&Path>) -> Option<PathBuf> {
        match (&self.path, talk) {
            (None, None) => sample_history(),
            (_, Some(talk)) => Some(self.of(talk)),
            (Some(path), None) => Some(path.clone()),
        }
    }

    /// The history of a talk file.
    pub fn of(&self, talk: &Path) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| crate::history::default_path(talk))
    }
}

/// Where the bundled talk's history lives: the data folder's `pacer/` (XDG on Unix).
fn sample_history() -> Option<PathBuf> {
    let data = etcetera::choose_base_strategy().ok()?.data_dir();
    let stem = sample::LORA_ON_DEVICE_NAME.trim_end_matches(".toml");
    Some(data.join("pacer").join(format!("{stem}.history.jsonl")))
}

/// Reads the history at `path` in one pass, handing each run to `each`; prints every skipped
/// line as a warning; returns how many runs it holds. No file or no runs: [`no_runs`].
pub fn scan(path: &Path, talk: &Path, each: impl FnMut(Run)) -> Result<usize, Error> {
    scan_or_say(path, talk, None, each)
}

/// [`scan`], with `hint` added to [`no_runs`].
pub fn scan_or_say(
    path: &Path,
    talk: &Path,
    hint: Option<&str>,
    each: impl FnMut(Run),
) -> Result<usize, Error> {
    match scan_any(path, each)? {
        0 => Err(no_runs(talk, path, hint)),
        runs => Ok(runs),
    }
}

/// [`scan`], where no file and no runs are no error: 0 runs.
pub fn scan_any(path: &Path, mut each: impl FnMut(Run)) -> Result<usize, Error> {
    let file = match open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => {
            return Err(Error::file(
                &e,
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    };
    // A run with no end is asked whether its recorder still lives: in progress, or cut short.
    let here = Here::now();
    let scanned = crate::history::scan(BufReader::new(file), |mut run| {
        if run.end().is_none() {
            run.liveness = run
                .recorder
                .as_ref()
                .map_or(Liveness::Gone, |r| r.liveness(&here));
        }
        each(run);
    })
    .map_err(|e| Error::file(&e, format!("cannot read {}: {e}", path.display())))?;
    for warning in &scanned.warnings {
        eprintln!("pacer: warning: {}", skipped(path, warning));
    }
    if scanned.unlisted > 0 {
        eprintln!(
            "pacer: warning: {}: {} more lines skipped (only the first {} are listed)",
            path.display(),
            scanned.unlisted,
            crate::history::MAX_WARNINGS
        );
    }
    Ok(scanned.runs)
}

/// Opens a history for reading: a regular file only (a device or a pipe could be read forever),
/// checked before it is opened (opening a FIFO waits for a writer).
fn open(path: &Path) -> std::io::Result<File> {
    crate::history::open(path)?.ok_or_else(|| std::io::Error::from(ErrorKind::NotFound))
}

/// A skipped line, as every command and the rehearsal screen say it: `FILE:LINE: skipped: why`.
pub fn skipped(path: &Path, warning: &LineWarning) -> String {
    format!(
        "{}:{}: skipped: {}",
        path.display(),
        warning.line,
        warning.message
    )
}

/// The error for a history with no runs (or no file yet), with what to do; `hint` adds
/// another way out.
pub fn no_runs(talk: &Path, history: &Path, hint: Option<&str>) -> Error {
    let talk = talk.display();
    let mut message = format!(
        "no rehearsals recorded for {talk} yet (none in {}): run `pacer run {talk}` to record one",
        history.display()
    );
    if let Some(hint) = hint {
        message.push_str(", or ");
        message.push_str(hint);
    }
    Error::Invalid(message)
}

/// Reads and plans the talk, printing its problems (coloured by `color`); the error when it
/// is invalid.
pub fn load_plan(talk: &Path, color: bool) -> Result<Plan, Error> {
    super::load_talk(talk, color).map(|(_, loaded)| loaded.plan)
}

/// The talk's plan when it loads, saying nothing when it does not.
pub fn load_plan_quietly(talk: &Path) -> Option<Plan> {
    let source = super::read_source(talk).ok()?;
    crate::load(&source).ok().map(|loaded| loaded.plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_is_the_one_given_else_beside_the_talk() {
        let given = HistoryArg {
            path: Some("h.jsonl".into()),
        };
        let talk = Path::new("talks/demo.toml");
        assert_eq!(given.resolve(Some(talk)), Some(PathBuf::from("h.jsonl")));
        assert_eq!(given.of(talk), PathBuf::from("h.jsonl"));
        let beside = PathBuf::from("talks/demo.history.jsonl");
        assert_eq!(
            HistoryArg::default().resolve(Some(talk)),
            Some(beside.clone())
        );
        assert_eq!(HistoryArg::default().of(talk), beside);
    }

    #[test]
    fn no_runs_says_where_it_looked_and_what_to_do() {
        let err = no_runs(Path::new("t.toml"), Path::new("t.history.jsonl"), None).to_string();
        assert!(
            err.starts_with("no rehearsals recorded for t.toml yet"),
            "{err}"
        );
        assert!(err.contains("t.history.jsonl"), "{err}");
        assert!(err.ends_with("`pacer run t.toml` to record one"), "{err}");
        let err = no_runs(Path::new("t.toml"), Path::new("h"), Some("do this")).to_string();
        assert!(err.ends_with("to record one, or do this"), "{err}");
    }

    #[test]
    fn a_folder_is_no_history() {
        let dir = tempfile::tempdir().unwrap();
        let err = scan(dir.path(), Path::new("t.toml"), |_| {}).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err:?}");
        let err = err.to_string();
        assert!(err.contains("it is a folder, not a history file"), "{err}");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
    }
}
