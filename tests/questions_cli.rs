//! `pacer report TALK --questions` as a user meets it: every format over a drills file
//! recorded beside the talk (`tests/fixtures/drills/`), `--drills`, and the errors.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drills")
}

fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.current_dir(dir())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TZ", "UTC")
        .env("RUST_BACKTRACE", "1");
    cmd
}

fn report(format: &str) -> String {
    let output = pacer()
        .args(["report", "talk.toml", "--questions", "--format", format])
        .output()
        .unwrap();
    assert!(output.status.success(), "{format}: {output:?}");
    assert!(output.stderr.is_empty(), "{format}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn text_lists_every_question_weakest_first() {
    assert_eq!(
        report("text"),
        "Drilled talk
Questions · 3 in the talk · 2 drills · 4 answers

  #  question                              asked  median  budget  ratings
  1  How did you choose rank 8?                2  ◆ 0:50    0:45  ✗ –
  2  Where does it run?                        1  ● 0:40    1:00  ✓
     An old question?                          1  ● 0:20    0:30  ✓
  3  What would you do next?                   0       –    1:00  not asked yet

median against the budget: ● on time  ◆ a bit over  ▲ over
ratings, oldest first: ✓ good  ~ shaky  ✗ missed  – not rated (drill cut short)
weakest first; a question without a number is no longer in the talk
"
    );
}

#[test]
fn every_other_format_has_the_same_rows() {
    let markdown = report("markdown");
    assert!(
        markdown
            .contains("| 1 | How did you choose rank 8? | 2 | 0:50 | 0:45 | ◆ a bit over | ✗ – |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| removed | An old question? |"),
        "{markdown}"
    );
    let doc: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(doc["schema"], "pacer.questions/1");
    let ids: Vec<&str> = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "q/how-did-you-choose-rank-8",
            "where",
            "q/an-old-question",
            "q/what-would-you-do-next"
        ]
    );
    assert_eq!(doc["questions"][0]["median_ms"], 50_000);
    assert_eq!(doc["questions"][0]["verdict"], "amber");
    assert_eq!(
        doc["questions"][0]["answers"][1]["rating"],
        serde_json::Value::Null
    );
    let csv = report("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][1], "q/how-did-you-choose-rank-8");
    assert_eq!(&rows[0][14], "missed unrated");
    let html = report("html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<td>How did you choose rank 8?</td>"),
        "{html}"
    );
}

#[test]
fn svg_is_refused_naming_the_formats_that_work() {
    pacer()
        .args(["report", "talk.toml", "--questions", "--format", "svg"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--questions writes text, markdown, json, csv or html",
        ));
}

#[test]
fn drills_come_from_the_file_given_or_beside_the_history() {
    let tmp = tempfile::tempdir().unwrap();
    let drills = tmp.path().join("mine.drills.jsonl");
    std::fs::copy(dir().join("talk.drills.jsonl"), &drills).unwrap();
    // `--history runs/mine.history.jsonl`: the drills beside it.
    pacer()
        .args(["report", "talk.toml", "--questions", "--history"])
        .arg(tmp.path().join("mine.history.jsonl"))
        .assert()
        .success()
        .stdout(predicate::str::contains("2 drills · 4 answers"));
    let empty = tmp.path().join("none.jsonl");
    pacer()
        .args(["report", "talk.toml", "--questions", "--drills"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "pacer: no drills recorded for talk.toml yet (none in {}): run `pacer drill talk.toml` to record one",
            empty.display()
        )));
    pacer()
        .args(["report", "talk.toml", "--questions", "--drills"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "it is a folder, not a drills file",
        ));
}

#[test]
fn questions_do_not_mix_with_the_run_picks() {
    pacer()
        .args(["report", "talk.toml", "--questions", "--last", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn a_torn_last_line_is_skipped_with_a_warning_and_the_file_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let drills = tmp.path().join("d.jsonl");
    let mut text = std::fs::read_to_string(dir().join("talk.drills.jsonl")).unwrap();
    text.push_str("{\"drill\":\"d2\",\"event\":\"ra");
    std::fs::write(&drills, &text).unwrap();
    pacer()
        .args(["report", "talk.toml", "--questions", "--drills"])
        .arg(&drills)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 drills · 4 answers"))
        .stderr(predicate::str::contains("skipped"));
    assert_eq!(std::fs::read_to_string(&drills).unwrap(), text);
}

/// `history` lists each drill among the runs: its start, answers, ratings tally and answers
/// over budget; JSON gains `drills`, and a talk only drilled so far still has a history.
#[test]
fn history_has_a_line_per_drill() {
    pacer()
        .args(["history", "talk.toml"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("0 rehearsals and 2 drills recorded\n")
                .and(predicate::str::contains(
                    "   Q1  2025-03-05 08:35  Q&A drill: 2 answered  ✓1 ~0 ✗1  1 over budget\n",
                ))
                .and(predicate::str::contains(
                    "   Q2  2025-03-06 09:00  Q&A drill: 2 answered  ✓1 ~0 ✗0 –1, cut short\n",
                )),
        );
    let output = pacer()
        .args(["history", "talk.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["schema"], "pacer.history/1");
    assert_eq!(doc["runs"], serde_json::json!([]));
    assert_eq!(
        doc["drills"][1],
        serde_json::json!({
            "number": 2, "id": "d2", "started_at": "2025-03-06T09:00:00Z", "ended": false, "end": "none",
            "answered": 2, "missed": 0, "shaky": 0, "good": 1, "unrated": 1, "over_budget": 0,
            "skipped": 0, "not_asked": 0,
        })
    );
}

/// A history that holds no run yet (only a damaged line) does not hide the drills.
#[test]
fn history_lists_the_drills_when_the_history_has_no_run() {
    let tmp = tempfile::tempdir().unwrap();
    let history = tmp.path().join("h.history.jsonl");
    std::fs::write(&history, "{\"torn").unwrap();
    std::fs::copy(
        dir().join("talk.drills.jsonl"),
        tmp.path().join("h.drills.jsonl"),
    )
    .unwrap();
    pacer()
        .args(["history", "talk.toml", "--history"])
        .arg(&history)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 rehearsals and 2 drills recorded",
        ))
        .stderr(predicate::str::contains("skipped"));
    // Without drills, nothing is recorded yet: one line, and no error.
    let empty = tmp.path().join("none.jsonl");
    pacer()
        .args(["history", "talk.toml", "--history"])
        .arg(&history)
        .arg("--drills")
        .arg(&empty)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("no rehearsals recorded yet"));
}
