//! Replacing a file atomically: the one place in `tune` that touches the file system.
//!
//! A temporary file in the same folder gets the new contents and the old file's permissions, is
//! fsynced, renamed over the old one, and the folder is fsynced so the rename survives a crash.
//! A symlink is resolved first, so the link stays a link and its target is what changes. Until
//! the rename, any failure leaves the original untouched and removes the temporary file.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One step of a replacement, named in errors (and where tests inject failures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Resolve,
    Create,
    Write,
    Permissions,
    Sync,
    Rename,
    SyncFolder,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Resolve => "find the file",
            Self::Create => "create a temporary file beside it",
            Self::Write => "write the temporary file",
            Self::Permissions => "give the temporary file the file's permissions",
            Self::Sync => "sync the temporary file to disk",
            Self::Rename => "rename the temporary file over it",
            Self::SyncFolder => "sync its folder",
        })
    }
}

/// A failed replacement: which step, on which file, and whether the file changed.
#[derive(Debug)]
pub struct Error {
    pub step: Step,
    /// The file being replaced (the symlink's target, once resolved).
    pub path: PathBuf,
    pub source: io::Error,
}

impl Error {
    /// Whether the original is still in place (every step before the rename).
    pub fn original_intact(&self) -> bool {
        self.step != Step::SyncFolder
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.original_intact() {
            write!(
                f,
                "cannot {} for {path}: {}; the file is unchanged",
                self.step, self.source
            )
        } else {
            write!(
                f,
                "wrote {path} but cannot {}: {}; the change may not survive a crash",
                self.step, self.source
            )
        }
    }
}

/// Replaces the file at `path` with `contents`; returns the path written (a link's target).
pub fn replace(path: &Path, contents: &[u8]) -> Result<PathBuf, Error> {
    replace_with(path, contents, |_| Ok(()))
}

/// [`replace`], with `fault` called before every step: an error it returns fails that step,
/// exactly as a failing system call would (tests simulate a full disk or a lost folder so).
pub fn replace_with(
    path: &Path,
    contents: &[u8],
    mut fault: impl FnMut(Step) -> io::Result<()>,
) -> Result<PathBuf, Error> {
    let resolved = fault(Step::Resolve).and_then(|()| {
        let target = fs::canonicalize(path)?;
        let permissions = fs::metadata(&target)?.permissions();
        Ok((target, permissions))
    });
    let (target, permissions) = resolved.map_err(fail(Step::Resolve, path))?;
    let folder = target.parent().unwrap_or(Path::new(".")).to_owned();
    let name = target
        .file_name()
        .map_or_else(|| "talk".into(), |n| n.to_string_lossy().into_owned());

    let (temp_path, mut file) = fault(Step::Create)
        .and_then(|()| create_temp(&folder, &name))
        .map_err(fail(Step::Create, &target))?;
    let result = (|| {
        fault(Step::Write)
            .and_then(|()| file.write_all(contents))
            .map_err(fail(Step::Write, &target))?;
        fault(Step::Permissions)
            .and_then(|()| file.set_permissions(permissions))
            .map_err(fail(Step::Permissions, &target))?;
        fault(Step::Sync)
            .and_then(|()| file.sync_all())
            .map_err(fail(Step::Sync, &target))?;
        drop(file);
        fault(Step::Rename)
            .and_then(|()| fs::rename(&temp_path, &target))
            .map_err(fail(Step::Rename, &target))
    })();
    if let Err(err) = result {
        // Best effort: the error above is the one to report.
        let _ = fs::remove_file(&temp_path);
        return Err(err);
    }
    fault(Step::SyncFolder)
        .and_then(|()| sync_folder(&folder))
        .map_err(fail(Step::SyncFolder, &target))?;
    Ok(target)
}

fn fail(step: Step, path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error {
        step,
        path: path.to_owned(),
        source,
    }
}

/// A new, empty file beside the target, named so nobody mistakes it for a talk.
fn create_temp(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100 {
        let path = folder.join(format!(".{name}.pacer-{pid}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Makes a rename in `folder` durable.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("talk.toml");
        fs::write(&path, "old").unwrap();
        (dir, path)
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_contents() {
        let (dir, path) = setup();
        let written = replace(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(written, fs::canonicalize(&path).unwrap());
        assert_eq!(leftovers(dir.path()), vec!["talk.toml"]);
    }

    #[test]
    fn a_failure_before_the_rename_leaves_the_original_and_no_temp_file() {
        for step in [
            Step::Resolve,
            Step::Create,
            Step::Write,
            Step::Permissions,
            Step::Sync,
            Step::Rename,
        ] {
            let (dir, path) = setup();
            let err = replace_with(&path, b"new", |s| {
                if s == step {
                    Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
            assert_eq!(err.step, step);
            assert!(err.original_intact());
            let message = err.to_string();
            assert!(message.contains("disk full"), "{message}");
            assert!(message.ends_with("the file is unchanged"), "{message}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "old", "{step:?}");
            assert_eq!(leftovers(dir.path()), vec!["talk.toml"], "{step:?}");
        }
    }

    #[test]
    fn a_failed_folder_sync_says_the_file_changed() {
        let (_dir, path) = setup();
        let err = replace_with(&path, b"new", |s| {
            if s == Step::SyncFolder {
                Err(io::Error::other("lost"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(!err.original_intact());
        assert!(err.to_string().contains("may not survive a crash"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = replace(&dir.path().join("nope.toml"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Resolve);
        assert!(err.to_string().contains("nope.toml"));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = setup();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("talk.toml", &link).unwrap();
        let written = replace(&link, b"new").unwrap();
        assert_eq!(written, fs::canonicalize(&path).unwrap());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&link).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
