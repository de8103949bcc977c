//! Replacing a file atomically (`tune --write`, `report --output`): after a crash at any
//! moment the file is either the old one, whole, or the new one, whole.
//!
//! A temporary file in the same folder gets the new contents and the old file's permissions, is
//! fsynced, renamed over the old one, and the folder is fsynced so the rename survives a crash.
//! A symlink is resolved first, so the link stays a link and its target is what changes; a file
//! that does not exist yet is created the same way. Until the rename, any failure leaves the
//! original untouched and removes the temporary file; the leftovers of writers that were killed
//! are removed by the next write ([`super::temp`]). Only regular files are replaced: a device,
//! a pipe or a folder is an error, never renamed over.

use std::fmt;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{folder_of, kind_of, sync_folder, temp};

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
            Self::Resolve => "find the file or its folder",
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
    /// Whether the file was to be created (it did not exist).
    pub new_file: bool,
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
                "cannot {} for {path}: {}; {}",
                self.step,
                self.source,
                if self.new_file {
                    "nothing written"
                } else {
                    "the file is unchanged"
                }
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

/// Replaces the file at `path` with `contents` (creating it when there is none); returns the
/// path written (a link's target).
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
    let (target, permissions) = fault(Step::Resolve)
        .and_then(|()| resolve(path))
        .map_err(fail(Step::Resolve, path, false))?;
    let new_file = permissions.is_none();
    let folder = folder_of(&target).to_owned();
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    temp::remove_stale(&folder, &name);

    let (temp_path, mut file) = fault(Step::Create)
        .and_then(|()| temp::create(&folder, &name).map_err(|e| refused(e, &folder)))
        .map_err(fail(Step::Create, &target, new_file))?;
    let result = (|| {
        fault(Step::Write)
            .and_then(|()| file.write_all(contents))
            .map_err(fail(Step::Write, &target, new_file))?;
        if let Some(permissions) = permissions {
            fault(Step::Permissions)
                .and_then(|()| file.set_permissions(permissions))
                .map_err(fail(Step::Permissions, &target, new_file))?;
        }
        fault(Step::Sync)
            .and_then(|()| file.sync_all())
            .map_err(fail(Step::Sync, &target, new_file))?;
        drop(file);
        fault(Step::Rename)
            .and_then(|()| fs::rename(&temp_path, &target))
            .map_err(fail(Step::Rename, &target, new_file))
    })();
    if let Err(err) = result {
        // Best effort: the error above is the one to report.
        let _ = fs::remove_file(&temp_path);
        return Err(err);
    }
    fault(Step::SyncFolder)
        .and_then(|()| sync_folder(&folder))
        .map_err(fail(Step::SyncFolder, &target, new_file))?;
    Ok(target)
}

/// The regular file to replace and its permissions; for a file that does not exist yet, where
/// it will be and `None`. A link is followed; anything but a regular file is refused.
fn resolve(path: &Path) -> io::Result<(PathBuf, Option<Permissions>)> {
    match fs::canonicalize(path) {
        Ok(target) => {
            let meta = fs::metadata(&target)?;
            if !meta.is_file() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("it is {}, not a regular file", kind_of(meta.file_type())),
                ));
            }
            Ok((target, Some(meta.permissions())))
        }
        // Nothing there, not even a dangling link: a new file in a folder that must exist.
        Err(err)
            if err.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() =>
        {
            let name = path.file_name().ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "that is not a file name")
            })?;
            Ok((fs::canonicalize(folder_of(path))?.join(name), None))
        }
        Err(err) => Err(err),
    }
}

/// A folder that exists yet answers "no such file" to a new file in it (`/proc/1`, say) does
/// not take new files: say that, rather than that something is missing.
fn refused(err: io::Error, folder: &Path) -> io::Error {
    if err.kind() == io::ErrorKind::NotFound && folder.is_dir() {
        io::Error::other(format!("{} does not take new files", folder.display()))
    } else {
        err
    }
}

fn fail(step: Step, path: &Path, new_file: bool) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error {
        step,
        path: path.to_owned(),
        source,
        new_file,
    }
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

    use crate::fsutil::names_in as leftovers;

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
    fn a_missing_folder_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = replace(&dir.path().join("gone/nope.toml"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Resolve);
        assert_eq!(err.source.kind(), io::ErrorKind::NotFound);
        assert!(err.to_string().contains("nope.toml"));
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        let written = replace(&path, b"new").unwrap();
        assert_eq!(written, fs::canonicalize(&path).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(leftovers(dir.path()), vec!["report.txt"]);
    }

    #[test]
    fn a_new_file_that_fails_says_nothing_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        let err = replace_with(&path, b"new", |s| {
            if s == Step::Write {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        assert!(err.to_string().ends_with("nothing written"), "{err}");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("out")).unwrap();
        let err = replace(&dir.path().join("out"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Resolve);
        assert_eq!(err.source.kind(), io::ErrorKind::InvalidInput);
        assert!(
            err.to_string().contains("a folder, not a regular file"),
            "{err}"
        );
        assert!(dir.path().join("out").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_replaced() {
        let err = replace(Path::new("/dev/null"), b"x").unwrap_err();
        assert_eq!(err.step, Step::Resolve);
        assert!(err.to_string().contains("a character device"), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_dead_writers_leftover_is_removed_by_the_next_write() {
        let (dir, path) = setup();
        let host = temp::this_host();
        // A pid past the kernel's limit belongs to no process.
        let dead = temp::file_name("talk.toml", &host, u32::MAX - 1, 0);
        let live = temp::file_name("talk.toml", &host, 1, 0);
        fs::write(dir.path().join(&dead), "stale").unwrap();
        fs::write(dir.path().join(&live), "busy").unwrap();
        replace(&path, b"new").unwrap();
        let left = leftovers(dir.path());
        assert!(left.contains(&live), "pid 1 is alive: {left:?}");
        assert!(!left.contains(&dead), "{left:?}");
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
