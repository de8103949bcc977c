//! The recorded drills as the commands that read them share them: the `--drills` flag and the
//! one place its default is decided (beside the history), reading a drills file with its
//! skipped lines reported, and the one "no drills recorded" message.
//!
//! Nothing here formats a report; the journal's format is [`crate::drill`]'s.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::Error;
use super::runs::skipped;
use crate::drill::{self, Drill};
use crate::history::NotAFile;

/// `--drills FILE`, declared once for every command that takes it.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct DrillsArg {
    /// The drills file [default: beside the history, `NAME.drills.jsonl` for
    /// `NAME.history.jsonl`; see docs/drill.md].
    #[arg(long = "drills", value_name = "FILE")]
    pub drills: Option<PathBuf>,
}

impl DrillsArg {
    /// The drills file: the one given, else the one that goes with `history`.
    pub fn of(&self, history: &Path) -> PathBuf {
        self.drills
            .clone()
            .unwrap_or_else(|| drill::beside_history(history))
    }
}

/// Every drill of the file at `path`, in file order, its skipped lines printed as warnings;
/// `None` when there is no such file.
pub fn read(path: &Path) -> Result<Option<Vec<Drill>>, Error> {
    match drill::read(path) {
        Ok(read) => {
            for warning in &read.warnings {
                eprintln!("pacer: warning: {}", skipped(path, warning));
            }
            Ok(Some(read.drills))
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == ErrorKind::InvalidInput => {
            let what = e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<NotAFile>())
                .map_or("not a regular file", |not| not.what);
            Err(Error::Invalid(format!(
                "cannot read {}: it is {what}, not a drills file: give --drills the path of a \
                 regular file",
                path.display()
            )))
        }
        // A failed read is the system's (exit 1).
        Err(e) => Err(Error::file(
            &e,
            format!("cannot read {}: {e}", path.display()),
        )),
    }
}

/// The error for a talk with no drills recorded (or no drills file yet), with what to do.
pub fn no_drills(talk: &Path, drills: &Path) -> Error {
    let talk = talk.display();
    Error::Invalid(format!(
        "no drills recorded for {talk} yet (none in {}): run `pacer drill {talk}` to record one",
        drills.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drills_are_the_file_given_else_beside_the_history() {
        let history = Path::new("talks/demo.history.jsonl");
        assert_eq!(
            DrillsArg::default().of(history),
            PathBuf::from("talks/demo.drills.jsonl")
        );
        let given = DrillsArg {
            drills: Some("mine.jsonl".into()),
        };
        assert_eq!(given.of(history), PathBuf::from("mine.jsonl"));
    }

    #[test]
    fn no_file_is_no_drills_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(&dir.path().join("none.jsonl")).unwrap(), None);
        let err = read(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err:?}");
        assert!(
            err.to_string()
                .contains("it is a folder, not a drills file"),
            "{err}"
        );
    }
}
