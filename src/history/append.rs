//! The append-only JSON Lines file both journals write, a rehearsal history and a drills file:
//! opened for appending with a torn last line closed, then every line written whole, flushed
//! and fsynced before the call returns, and a journal's id.
//!
//! Must not truncate, rewrite or seek to write (a history is user data), and knows nothing of
//! what a line says: the journals own their formats.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::Serialize;

/// A journal file open for appending. Every [`Appender::line`] is on disk when it returns.
#[derive(Debug)]
pub struct Appender {
    file: File,
}

impl Appender {
    /// Opens the file at `path` for appending, creating it if need be (its folder must be
    /// there); a new file's entry in its folder is made durable.
    ///
    /// A device, FIFO or folder is refused before it is opened ([`super::check`]: opening a
    /// FIFO waits). A torn last line (a kill mid-write) is closed with a newline, so that it
    /// cannot swallow the first line written now.
    pub fn open(path: &Path) -> io::Result<Self> {
        let existed = super::check(path)?;
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        if !existed {
            crate::fsutil::sync_folder(crate::fsutil::folder_of(path))?;
        }
        let len = file.metadata()?.len();
        if len > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
            }
        }
        Ok(Self { file })
    }

    /// Appends `line` as one line of JSON and syncs it to disk.
    pub fn line(&mut self, line: &impl Serialize) -> io::Result<()> {
        let mut bytes = serde_json::to_vec(line).map_err(io::Error::other)?;
        bytes.push(b'\n');
        // One write of the whole line, then fsync: a failed sync is reported, never retried.
        self.file.write_all(&bytes)?;
        self.file.flush()?;
        self.file.sync_data()
    }
}

/// A new journal's id: its start second, this process's id, and how many journals of its kind
/// this process has begun (`begun`, counted up here), so that it is unique even for two begun
/// in the same second.
pub fn journal_id(started_at: jiff::Timestamp, begun: &AtomicU32) -> String {
    format!(
        "{}-{:x}-{}",
        started_at.strftime("%Y%m%dT%H%M%S"),
        std::process::id(),
        begun.fetch_add(1, Ordering::Relaxed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_lines_and_closes_a_torn_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, "{\"a\":1}\n{\"to").unwrap();
        let mut file = Appender::open(&path).unwrap();
        file.line(&serde_json::json!({"b": 2})).unwrap();
        file.line(&serde_json::json!({"c": 3})).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"a\":1}\n{\"to\n{\"b\":2}\n{\"c\":3}\n"
        );
    }

    #[test]
    fn creates_a_new_file_and_refuses_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        Appender::open(&path).unwrap().line(&1).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "1\n");
        let err = Appender::open(dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }

    #[test]
    fn ids_differ_within_a_second() {
        let begun = AtomicU32::new(0);
        let at: jiff::Timestamp = "2026-12-01T12:00:00Z".parse().unwrap();
        let (a, b) = (journal_id(at, &begun), journal_id(at, &begun));
        assert_ne!(a, b);
        assert!(a.starts_with("20261201T120000-"), "{a}");
    }
}
