//! `pacer run` before the screen opens: bad flags and no terminal are exit 2 with a message.

use assert_cmd::Command;
use predicates::str::contains;

const TALK: &str = r#"
title = "CLI rehearsal"
budget = "2m"

[[section]]
title = "Opening"
slides = ["One", { title = "Two", budget = "50s" }]

[[section]]
title = "Method"
slides = ["Three", "Four"]
"#;

fn pacer(dir: &tempfile::TempDir, args: &[&str]) -> assert_cmd::assert::Assert {
    let talk = dir.path().join("talk.toml");
    std::fs::write(&talk, TALK).unwrap();
    Command::cargo_bin("pacer")
        .unwrap()
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .arg("run")
        .arg(&talk)
        .args(args)
        .assert()
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    pacer(&dir, &[])
        .code(2)
        .stderr(contains("needs a terminal"))
        .stdout("");
    assert!(!dir.path().join("talk.history.jsonl").exists());
}

#[test]
fn the_bundled_talk_needs_a_terminal_too() {
    Command::cargo_bin("pacer")
        .unwrap()
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["--from", "9"][..],
            "--from 9: the rehearsal has slides 1 to 4",
        ),
        (&["--from", "0"][..], "--from 0"),
        (&["--section", "Methdo"][..], "did you mean \"Method\"?"),
        (&["--section", "7"][..], "the sections: 1 Opening, 2 Method"),
        (&["--budget", "soon"][..], "invalid value 'soon'"),
        (&["--budget", "0s"][..], "more than zero"),
        (
            &["--budget", "40s"][..],
            "--budget 0:40 does not fit the budgets written in",
        ),
        (&["--section", "Method", "--from", "3"][..], "slides 1 to 2"),
    ] {
        pacer(&dir, args).code(2).stderr(contains(message));
    }
}

#[test]
fn scoped_and_tighter_runs_get_past_planning() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--section", "method"][..],
        &["--section", "1", "--budget", "1m"][..],
        &["--budget", "90s", "--from", "2"][..],
    ] {
        // Planning succeeds; only the missing terminal stops it.
        pacer(&dir, args)
            .code(2)
            .stderr(contains("needs a terminal"));
    }
}

#[test]
fn an_invalid_talk_points_at_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("bad.toml");
    std::fs::write(&talk, "title = \"x\"\nbudget = \"20 parsecs\"\n").unwrap();
    Command::cargo_bin("pacer")
        .unwrap()
        .arg("run")
        .arg(&talk)
        .assert()
        .code(2)
        .stderr(contains("bad.toml:2:"));
}
