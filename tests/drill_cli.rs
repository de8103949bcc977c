//! `pacer drill` as a user meets it before the screen opens: the errors of a talk without
//! questions, of filters that leave none, of a drills file that cannot be one, and of no
//! terminal. (The screen itself is tested in `tests/pty_drill.rs`.)

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const TALK: &str = r#"
title = "T"
budget = "1m"
[[section]]
title = "S"
slides = [{ title = "Where it attaches", id = "attach" }, "Latency"]
[[question]]
ask = "Where?"
slide = "attach"
tags = ["method"]
[[question]]
ask = "How fast?"
tags = ["results"]
"#;

fn pacer(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("RUST_BACKTRACE", "1")
        .env("XDG_DATA_HOME", dir);
    cmd
}

fn clean() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .or(predicate::str::contains("stack backtrace"))
        .not()
}

fn talk_dir(talk: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talk.toml"), talk).unwrap();
    dir
}

#[test]
fn a_talk_without_questions_says_how_to_add_them() {
    let dir =
        talk_dir("title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"S\"\nslides = [\"A\"]\n");
    pacer(dir.path())
        .args(["drill", "talk.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pacer: talk.toml has no questions to drill: add [[question]] tables",
        ))
        .stderr(predicate::str::contains("docs/talk-format.md"))
        .stderr(clean());
}

#[test]
fn filters_that_leave_nothing_say_what_there_is() {
    let dir = talk_dir(TALK);
    pacer(dir.path())
        .args(["drill", "talk.toml", "--tag", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no question in talk.toml matches --tag nope: the tags are method, results; 1 of 2 \
             questions name a slide",
        ))
        .stderr(clean());
    pacer(dir.path())
        .args(["drill", "talk.toml", "--slide", "Latency"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matches --slide \"Latency\""));
    pacer(dir.path())
        .args(["drill", "talk.toml", "--slide", "Nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--slide \"Nowhere\": no slide has that id or title",
        ));
    pacer(dir.path())
        .args(["drill", "talk.toml", "--marked"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no rehearsals recorded for talk.toml yet",
        ));
    pacer(dir.path())
        .args(["drill", "talk.toml", "--count", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--count"));
}

#[test]
fn a_drills_file_that_is_a_folder_is_refused_and_no_terminal_is_said_plainly() {
    let dir = talk_dir(TALK);
    std::fs::create_dir(dir.path().join("d")).unwrap();
    pacer(dir.path())
        .args(["drill", "talk.toml", "--drills", "d"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot use d for drills: it is a folder, not a drills file",
        ))
        .stderr(clean());
    pacer(dir.path())
        .args(["drill", "talk.toml", "--tag", "method"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the drill screen needs a terminal",
        ))
        .stderr(clean());
    assert!(
        !dir.path().join("talk.drills.jsonl").exists(),
        "nothing recorded before the screen"
    );
}

#[test]
fn marked_takes_the_slides_marked_in_the_last_rehearsal() {
    let dir = talk_dir(TALK);
    let source = pacer::talk::Source::new("talk.toml", TALK);
    let plan = pacer::load(&source).unwrap().plan;
    let history = dir.path().join("talk.history.jsonl");
    let at = std::time::Duration::from_secs;
    // An older run marked the first slide; the last one marked the second: only the last counts.
    for (marked, second) in [(0, 1), (1, 2)] {
        let started = jiff::Timestamp::from_second(second).unwrap();
        let mut run = pacer::history::Journal::begin(&history, &plan, 0, None, started).unwrap();
        run.record(&pacer::rehearsal::Event::Start, at(0)).unwrap();
        run.record(&pacer::rehearsal::Event::Mark(marked), at(1))
            .unwrap();
    }
    // The last run marked "Latency", which no question is about.
    pacer(dir.path())
        .args(["drill", "talk.toml", "--marked"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no question in talk.toml matches --marked",
        ));
    // Marked the slide a question is about: it passes the filter (and meets no terminal).
    let started = jiff::Timestamp::from_second(3).unwrap();
    let mut run = pacer::history::Journal::begin(&history, &plan, 0, None, started).unwrap();
    run.record(&pacer::rehearsal::Event::Mark(0), at(1))
        .unwrap();
    pacer(dir.path())
        .args(["drill", "talk.toml", "--marked"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the drill screen needs a terminal",
        ));
    // A last run that marked nothing says how to mark.
    let started = jiff::Timestamp::from_second(4).unwrap();
    pacer::history::Journal::begin(&history, &plan, 0, None, started).unwrap();
    pacer(dir.path())
        .args(["drill", "talk.toml", "--marked"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(run 4 in "))
        .stderr(predicate::str::contains(
            "marked no slide; press m on a slide",
        ));
}

/// A drill quit after its first answer is listed by `history` with the questions it never
/// asked, in text and in JSON, from the drills file as the screen writes it; a drill that
/// asked them all says nothing of the kind.
#[test]
fn history_says_how_many_questions_a_drill_quit_early_did_not_ask() {
    use pacer::drill::{Event, Journal, Prompt, Rating, Session};
    use pacer::rehearsal::EndReason;
    use std::time::Duration;

    let dir = talk_dir(TALK);
    let path = dir.path().join("talk.drills.jsonl");
    let prompts: Vec<Prompt> = ["a", "b", "c", "d"]
        .iter()
        .map(|id| Prompt {
            id: format!("q/{id}"),
            ask: format!("{id}?"),
            answer: String::new(),
            budget: Duration::from_secs(30),
        })
        .collect();
    let drive = |steps: &[Event], second: i64| {
        let mut session = Session::new(prompts.clone());
        let started = jiff::Timestamp::from_second(second).unwrap();
        let mut journal = Journal::begin(&path, session.prompts(), 1, started).unwrap();
        for (t, event) in (1..).map(Duration::from_secs).zip(steps) {
            assert!(session.apply(event, t), "{event:?}");
            journal.record(event, t, &session).unwrap();
        }
    };
    let answer = [Event::Start, Event::Stop, Event::Rate(Rating::Good)];
    let quit: Vec<Event> = answer
        .iter()
        .copied()
        .chain([Event::Skip, Event::End(EndReason::Quit)])
        .collect();
    drive(&quit, 0);
    let all: Vec<Event> = [Event::Skip; 4]
        .into_iter()
        .chain([Event::End(EndReason::Finished)])
        .collect();
    drive(&all, 100);
    pacer(dir.path())
        .args(["history", "talk.toml"])
        .env("TZ", "UTC")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Q&A drill: 1 answered  ✓1 ~0 ✗0  1 skipped  2 not asked\n",
        ))
        .stdout(predicate::str::contains(
            "Q&A drill: 0 answered  ✓0 ~0 ✗0  4 skipped\n",
        ))
        .stderr(clean());
    let output = pacer(dir.path())
        .args(["history", "talk.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let figures: Vec<(&str, u64, u64)> = (0..2)
        .map(|i| {
            let d = &doc["drills"][i];
            (
                d["end"].as_str().unwrap(),
                d["skipped"].as_u64().unwrap(),
                d["not_asked"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(figures, [("quit", 1, 2), ("finished", 4, 0)]);
    // In CSV a drill quit early is `quit`, not complete, and counts what it did not ask.
    let output = pacer(dir.path())
        .args(["history", "talk.toml", "--format", "csv"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let csv = String::from_utf8(output.stdout).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let picked: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            ["end", "complete", "skipped", "not_asked"]
                .iter()
                .map(|c| r[column(c)])
                .collect()
        })
        .collect();
    assert_eq!(
        picked,
        [["quit", "false", "1", "2"], ["finished", "true", "4", "0"]]
    );
}
