//! The temporary files an atomic replacement writes beside its file, and the clean-up of those
//! a killed writer left behind.
//!
//! A temporary file is named `.NAME.pacer-HOST-PID-N.tmp`: hidden, never mistaken for the file
//! itself, and telling which process on which host made it. A writer removes the leftovers of
//! writers that are dead (their process no longer exists on this host) and nothing else: a
//! file of a live writer, of another host, or of a process whose life cannot be checked stays.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The longest host part of a temporary name, so long host names keep names short.
const HOST_MAX: usize = 24;

/// Creates a new, empty temporary file for `name` in `folder`.
pub fn create(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let (host, pid) = (this_host(), std::process::id());
    let mut last = None;
    for attempt in 0..100 {
        let path = folder.join(file_name(name, &host, pid, attempt));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// Removes the temporary files for `name` in `folder` whose writer is dead; returns how many.
/// Best effort: a folder that cannot be listed, or a file that cannot be removed, is left.
pub fn remove_stale(folder: &Path, name: &str) -> usize {
    remove_stale_with(folder, name, &this_host(), alive)
}

/// [`remove_stale`] with the host and the liveness check given (`None`: cannot tell).
pub fn remove_stale_with(
    folder: &Path,
    name: &str,
    host: &str,
    alive: impl Fn(u32) -> Option<bool>,
) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some((their_host, pid)) = file_name.to_str().and_then(|n| parse(n, name)) else {
            continue;
        };
        let dead = their_host == host && pid != std::process::id() && alive(pid) == Some(false);
        if dead && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The temporary name for `name`, made by process `pid` on `host`, attempt `n`.
pub fn file_name(name: &str, host: &str, pid: u32, n: u32) -> String {
    format!(".{name}.pacer-{host}-{pid}-{n}.tmp")
}

/// The host and process of a temporary name for `name`; `None` for any other file.
fn parse<'a>(file_name: &'a str, name: &str) -> Option<(&'a str, u32)> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(".pacer-")?
        .strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '-');
    let attempt = parts.next()?;
    let pid = parts.next()?;
    let host = parts.next()?;
    attempt.parse::<u32>().ok()?;
    Some((host, pid.parse().ok()?))
}

/// This host's name as temporary names carry it: letters, digits and dots, others as `_`.
pub fn this_host() -> String {
    let raw = host_name().unwrap_or_default();
    let host: String = raw
        .trim()
        .chars()
        .take(HOST_MAX)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if host.is_empty() {
        "host".to_owned()
    } else {
        host
    }
}

#[cfg(target_os = "linux")]
fn host_name() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/hostname").ok()
}

#[cfg(not(target_os = "linux"))]
fn host_name() -> Option<String> {
    std::env::var("HOSTNAME").ok()
}

/// Whether process `pid` exists on this host; `None` where that cannot be told.
#[cfg(target_os = "linux")]
pub fn alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(proc.join(pid.to_string()).exists())
}

/// Whether process `pid` exists on this host; `None` where that cannot be told.
#[cfg(not(target_os = "linux"))]
pub fn alive(_pid: u32) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsutil::names_in as names;

    #[test]
    fn a_created_name_parses_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _file) = create(dir.path(), "talk.toml").unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            parse(name, "talk.toml"),
            Some((this_host().as_str(), std::process::id()))
        );
        assert_eq!(parse(name, "talk"), None, "another file's temporary");
    }

    #[test]
    fn names_that_are_not_temporaries_are_not_parsed() {
        for other in [
            "talk.toml",
            ".talk.toml.pacer-vm-12.tmp",
            ".talk.toml.pacer-vm-x-0.tmp",
            ".talk.toml.pacer-vm-12-0.tmp.bak",
            ".talk.toml.12.tmp",
        ] {
            assert_eq!(parse(other, "talk.toml"), None, "{other}");
        }
        assert_eq!(
            parse(".talk.toml.pacer-my-laptop-12-3.tmp", "talk.toml"),
            Some(("my-laptop", 12))
        );
    }

    #[test]
    fn only_dead_writers_of_this_host_lose_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let own = std::process::id();
        for file in [
            file_name("talk.toml", "here", 10, 0),  // dead: removed
            file_name("talk.toml", "here", 11, 2),  // alive: kept
            file_name("talk.toml", "here", 12, 0),  // cannot tell: kept
            file_name("talk.toml", "there", 10, 0), // another host: kept
            file_name("other.toml", "here", 10, 0), // another file: kept
            file_name("talk.toml", "here", own, 0), // this process: kept
            "talk.toml".to_owned(),
        ] {
            fs::write(dir.path().join(file), "x").unwrap();
        }
        let alive = |pid| match pid {
            10 => Some(false),
            12 => None,
            _ => Some(true),
        };
        assert_eq!(remove_stale_with(dir.path(), "talk.toml", "here", alive), 1);
        let left = names(dir.path());
        assert_eq!(left.len(), 6, "{left:?}");
        assert!(!left.contains(&file_name("talk.toml", "here", 10, 0)));
    }

    #[test]
    fn host_names_are_made_safe_for_a_file_name() {
        let host = this_host();
        assert!(!host.is_empty() && host.len() <= HOST_MAX, "{host}");
        assert!(
            host.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._".contains(c))
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_alive_and_a_finished_one_is_not() {
        assert_eq!(alive(std::process::id()), Some(true));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(alive(pid), Some(false));
    }
}
