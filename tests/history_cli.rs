//! `pacer history` as a user meets it: a talk never rehearsed (every format), the CSV's rows
//! for Q&A drills, and the files that stay errors (a missing talk, a history that is no file).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// `pacer` in `dir`, with a fixed time zone and no colour from the environment.
fn pacer(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.current_dir(dir)
        .env("TZ", "UTC")
        .env("RUST_BACKTRACE", "1")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Stdout and stderr of `pacer ARGS` in `dir`, asserting the exit code.
fn outputs(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let out = pacer(dir).args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stdout}{stderr}");
    (stdout, stderr)
}

/// A folder holding the report fixture's talk and nothing else: never rehearsed.
fn never_rehearsed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures("report").join("talk.toml"),
        dir.path().join("talk.toml"),
    )
    .unwrap();
    dir
}

const CSV_HEADER: &str = "number,id,started_at,end,complete,partial,from_slide,scope,\
outline_changed,talked_ms,paused_ms,length_ms,budget_ms,delta_ms,on_time,covered,slides,marks,\
skipped,in_progress,kind,answered,missed,shaky,good,unrated,over_budget,not_asked";

#[test]
fn a_talk_never_rehearsed_is_said_in_one_line_and_is_no_error() {
    let dir = never_rehearsed();
    let (text, stderr) = outputs(dir.path(), &["history", "talk.toml"], 0);
    assert_eq!(
        text,
        "no rehearsals recorded yet for talk.toml: `pacer run talk.toml` records one\n"
    );
    assert_eq!(stderr, "");

    let (json, stderr) = outputs(dir.path(), &["history", "talk.toml", "--format", "json"], 0);
    assert_eq!(stderr, "");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["schema"], "pacer.history/1");
    assert_eq!(doc["runs"], serde_json::json!([]));
    assert_eq!(doc["drills"], serde_json::json!([]));

    let (csv, stderr) = outputs(dir.path(), &["history", "talk.toml", "--format", "csv"], 0);
    assert_eq!(stderr, "");
    assert_eq!(csv, format!("{CSV_HEADER}\n"), "the header alone");

    // A history of nothing but a damaged line is the same, with the line's warning.
    std::fs::write(dir.path().join("talk.history.jsonl"), "{\"torn").unwrap();
    let (text, stderr) = outputs(dir.path(), &["history", "talk.toml"], 0);
    assert!(text.starts_with("no rehearsals recorded yet"), "{text}");
    assert!(stderr.contains("talk.history.jsonl:1: skipped"), "{stderr}");
}

#[test]
fn a_missing_talk_or_a_history_that_is_no_file_stays_exit_2() {
    let dir = never_rehearsed();
    for format in ["text", "json", "csv"] {
        let (stdout, stderr) = outputs(
            dir.path(),
            &["history", "nowhere.toml", "--format", format],
            2,
        );
        assert_eq!(stdout, "", "{format}");
        assert!(stderr.contains("nowhere.toml"), "{format}: {stderr}");
        assert!(!stderr.contains("no rehearsals"), "{format}: {stderr}");
        assert!(!stderr.contains("backtrace"), "{format}: {stderr}");

        std::fs::create_dir_all(dir.path().join("folder")).unwrap();
        let (stdout, stderr) = outputs(
            dir.path(),
            &[
                "history",
                "talk.toml",
                "--history",
                "folder",
                "--format",
                format,
            ],
            2,
        );
        assert_eq!(stdout, "", "{format}");
        assert!(stderr.contains("folder"), "{format}: {stderr}");
    }
}

#[test]
fn the_csv_has_a_row_per_drill_after_the_runs() {
    // The drills fixture: a talk drilled twice and never rehearsed.
    let (csv, _) = outputs(
        &fixtures("drills"),
        &["history", "talk.toml", "--format", "csv"],
        0,
    );
    assert_eq!(
        csv,
        format!(
            "{CSV_HEADER}\n\
             1,d1,2025-03-05T08:35:01Z,finished,true,,,,,,,,,,,,,,0,,drill,2,1,0,1,0,1,0\n\
             2,d2,2025-03-06T09:00:00Z,none,false,,,,,,,,,,,,,,0,,drill,2,0,0,1,1,0,0\n"
        )
    );

    // Runs keep their rows and columns, `kind` run; the drills follow them.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures("report").join("talk.toml"),
        dir.path().join("talk.toml"),
    )
    .unwrap();
    std::fs::copy(
        fixtures("report").join("several.history.jsonl"),
        dir.path().join("talk.history.jsonl"),
    )
    .unwrap();
    let (before, _) = outputs(dir.path(), &["history", "talk.toml", "--format", "csv"], 0);
    std::fs::copy(
        fixtures("drills").join("talk.drills.jsonl"),
        dir.path().join("talk.drills.jsonl"),
    )
    .unwrap();
    let (after, _) = outputs(dir.path(), &["history", "talk.toml", "--format", "csv"], 0);
    let runs: Vec<&str> = before.lines().collect();
    let lines: Vec<&str> = after.lines().collect();
    assert_eq!(lines.len(), runs.len() + 2, "{after}");
    assert_eq!(lines[..runs.len()], runs[..], "the run rows unchanged");
    assert!(
        runs[1..].iter().all(|r| r.ends_with(",run,,,,,,,")),
        "{before}"
    );
    assert!(lines[runs.len()].starts_with("1,d1,"), "{after}");
    assert!(lines[runs.len() + 1].contains(",drill,"), "{after}");
}
