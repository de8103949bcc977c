//! A history path that is not a regular file (a device, a FIFO, a folder) is refused by every
//! command that reads or records a history, before anything is read or the screen opens:
//! exit 2 and one line naming the path and what it is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn talk() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/talk.toml")
}

/// Runs `pacer COMMAND TALK --history PATH` and checks the refusal.
fn refused(command: &str, path: &Path, what: &str) {
    let out = Command::cargo_bin("pacer")
        .unwrap()
        .arg(command)
        .arg(talk())
        .arg("--history")
        .arg(path)
        // A FIFO opened for reading waits for a writer forever: the refusal comes before.
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "pacer {command}: {stderr}");
    let expected = format!(
        "cannot read {}: it is {what}, not a history file",
        path.display()
    );
    assert!(stderr.contains(&expected), "pacer {command}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("Os {"), "no Debug output: {stderr}");
}

const COMMANDS: [&str; 4] = ["run", "history", "report", "tune"];

#[cfg(unix)]
#[test]
fn devices_are_refused_by_every_command() {
    for command in COMMANDS {
        refused(command, Path::new("/dev/full"), "a character device");
        refused(command, Path::new("/dev/zero"), "a character device");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("runs.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for command in COMMANDS {
        refused(command, &fifo, "a named pipe");
    }
}

#[test]
fn a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for command in COMMANDS {
        refused(command, dir.path(), "a folder");
    }
}
