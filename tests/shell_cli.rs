//! The command-line shell's rules, end to end through the real binary: the formats each
//! command accepts, the one exit-code rule for files, readers that stop early, a full disk,
//! the colour rule, and the temporary files of killed writers.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use clap::CommandFactory;
use pacer::history::Journal;
use pacer::rehearsal::{EndReason, Event};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The binary with a clean colour environment and backtraces on, so a panic would show.
fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM")
        .env("RUST_BACKTRACE", "1")
        .env("TZ", "UTC");
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The report fixtures (a talk and its five runs) copied into a fresh folder.
fn report_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("talk.toml");
    std::fs::copy(fixtures().join("report/talk.toml"), &talk).unwrap();
    std::fs::copy(
        fixtures().join("report/several.history.jsonl"),
        dir.path().join("talk.history.jsonl"),
    )
    .unwrap();
    (dir, talk)
}

/// A talk of `n` slides in ten sections, and a history of `runs` complete runs of it, each
/// `secs` seconds a slide; written on a RAM disk where there is one (every event is fsynced).
fn big_talk(n: usize, runs: usize) -> (tempfile::TempDir, PathBuf) {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let mut text = String::from("title = \"Generated\"\nbudget = \"20h\"\n");
    for s in 0..10 {
        let _ = write!(text, "\n[[section]]\ntitle = \"Part {s}\"\nslides = [\n");
        for i in 0..n / 10 {
            let _ = writeln!(text, "  \"Slide {i} of a long and winding part {s}\",");
        }
        text.push_str("]\n");
    }
    let talk = dir.path().join("big.toml");
    std::fs::write(&talk, &text).unwrap();
    let source = pacer::talk::Source::new("big.toml", text);
    let plan = pacer::load(&source).unwrap().plan;
    let history = pacer::history::default_path(&talk);
    for run in 0..runs {
        let start = jiff::Timestamp::from_second(1_750_000_000 + 3600 * run as i64).unwrap();
        let mut journal = Journal::begin(&history, &plan, 0, None, start).unwrap();
        let mut t = Duration::ZERO;
        for i in 1..plan.slides.len() {
            t += Duration::from_secs(5 + (i % 7) as u64 + run as u64);
            journal.record(&Event::Goto(i), t).unwrap();
        }
        t += Duration::from_secs(9);
        journal.record(&Event::End(EndReason::Finished), t).unwrap();
    }
    (dir, talk)
}

#[test]
fn each_command_accepts_exactly_its_formats() {
    let cli = pacer::cli::Cli::command();
    let formats = |name: &str| -> Vec<String> {
        let sub = cli.find_subcommand(name).unwrap();
        let arg = sub
            .get_arguments()
            .find(|a| a.get_id() == "format")
            .unwrap();
        arg.get_possible_values()
            .iter()
            .map(|v| v.get_name().to_owned())
            .collect()
    };
    for (command, want) in [
        ("plan", &["text", "markdown", "json", "csv", "html"][..]),
        ("history", &["text", "json", "csv"]),
        (
            "report",
            &["text", "markdown", "json", "csv", "svg", "html"],
        ),
        ("tune", &["text", "markdown", "json"]),
    ] {
        assert_eq!(formats(command), want, "{command}");
        let help = pacer().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(help.stdout).unwrap();
        for format in ["text", "markdown", "json", "csv", "svg"] {
            let listed = help.contains(&format!("    {format}"))
                || help.contains(&format!("{format}:"))
                || help.contains(&format!(" {format},"))
                || help.contains(&format!(", {format}]"));
            assert_eq!(
                listed,
                want.contains(&format),
                "{command} --help, {format}:\n{help}"
            );
        }
    }
    // What a command does not write is refused while parsing, before any file is read.
    for (command, format) in [
        ("plan", "svg"),
        ("history", "markdown"),
        ("history", "svg"),
        ("tune", "csv"),
    ] {
        let out = pacer()
            .args([command, "no-such-talk.toml", "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command} {format}");
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(&format!("invalid value '{format}'")),
            "{stderr}"
        );
    }
}

#[test]
fn every_command_declares_history_once_with_one_help() {
    let cli = pacer::cli::Cli::command();
    let mut helps = Vec::new();
    for name in ["run", "report", "history", "tune"] {
        let sub = cli.find_subcommand(name).unwrap();
        let history: Vec<_> = sub
            .get_arguments()
            .filter(|a| a.get_long() == Some("history"))
            .collect();
        assert_eq!(history.len(), 1, "{name}");
        helps.push(history[0].get_help().unwrap().to_string());
    }
    helps.dedup();
    assert_eq!(helps.len(), 1, "{helps:?}");
}

#[test]
fn a_missing_or_wrong_kind_of_file_is_the_users_input_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().display().to_string();
    let (_reports, talk) = report_folder();
    let talk = talk.display().to_string();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["check", "nope.toml"], "cannot read nope.toml".into()),
        (vec!["plan", "nope.toml"], "cannot read nope.toml".into()),
        (vec!["plan", &folder], format!("cannot read {folder}")),
        (vec!["tune", &folder], format!("cannot read {folder}")),
        (vec!["report", "nope.toml"], "cannot read nope.toml".into()),
        (
            vec!["history", &talk, "--history", &folder],
            format!("{folder}: it is a folder, not a history file"),
        ),
        (
            vec!["report", &talk, "--history", &folder],
            format!("{folder}: it is a folder, not a history file"),
        ),
        (
            vec!["report", &talk, "-o", &folder],
            format!("for {folder}: it is a folder, not a regular file"),
        ),
        (
            vec!["report", &talk, "-o", "/no/such/folder/out.txt"],
            "/no/such/folder/out.txt".into(),
        ),
    ];
    for (args, want) in cases {
        let out = pacer()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&want), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Os {"),
            "{stderr}"
        );
    }
}

/// Reading `/proc/self/mem` from its start fails with an I/O error, for root too.
#[cfg(target_os = "linux")]
#[test]
fn a_file_the_system_fails_to_read_is_exit_1_naming_it() {
    let (_dir, talk) = report_folder();
    for args in [
        vec!["check", "/proc/self/mem"],
        vec!["plan", "/proc/self/mem"],
        vec![
            "history",
            talk.to_str().unwrap(),
            "--history",
            "/proc/self/mem",
        ],
        vec![
            "report",
            talk.to_str().unwrap(),
            "--history",
            "/proc/self/mem",
        ],
    ] {
        let out = pacer().args(&args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot read /proc/self/mem: "), "{stderr}");
    }
}

/// `/proc/1` takes no new files: the error says so, not that something does not exist.
#[cfg(target_os = "linux")]
#[test]
fn an_output_in_a_folder_that_takes_no_files_says_the_true_error() {
    let (_dir, talk) = report_folder();
    let out = pacer()
        .arg("report")
        .arg(&talk)
        .args(["-o", "/proc/1/mem"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/proc/1 does not take new files"),
        "{stderr}"
    );
    assert!(stderr.contains("/proc/1/mem"), "{stderr}");
    assert!(!stderr.contains("No such file"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_device_is_written_into_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let (_dir, talk) = report_folder();
    pacer()
        .arg("report")
        .arg(&talk)
        .args(["-o", "/dev/null"])
        .assert()
        .success()
        .stderr("");
    let kind = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null is still a device");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_1() {
    let (_dir, talk) = report_folder();
    let talk = talk.to_str().unwrap();
    let out = pacer()
        .args(["report", talk, "-o", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("cannot write /dev/full: No space left"));
    for args in [
        vec!["history", talk],
        vec!["report", talk],
        vec!["plan", talk],
        vec!["check", talk],
        vec!["tune", talk],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Process::new(assert_cmd::cargo::cargo_bin("pacer"))
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write output: No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

/// Like `pacer ... | head -1`: the reader takes one line and goes away.
fn read_one_line_then_close(args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("pacer");
    let mut child = Process::new(bin)
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty(), "{args:?} printed nothing");
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_stops_early_is_no_failure() {
    // Every output here is far larger than a pipe holds (64 KiB), so the writer meets the
    // closed pipe whatever the timing.
    let (_dir, talk) = big_talk(2_000, 2);
    let talk = talk.to_str().unwrap();
    let check_many: Vec<&str> = std::iter::once("check")
        .chain(std::iter::repeat_n(talk, 2_000))
        .collect();
    for args in [
        vec!["plan", talk],
        vec!["plan", talk, "--format", "json"],
        vec!["history", talk, "--format", "json"],
        vec!["report", talk, "--last", "2"],
        vec!["report", talk, "--format", "csv"],
        vec!["tune", talk],
        check_many,
    ] {
        let out = read_one_line_then_close(&args);
        let shown: Vec<&str> = args.iter().take(3).copied().collect();
        assert_eq!(out.status.code(), Some(0), "{shown:?}: {}", stderr_of(&out));
        assert_eq!(stderr_of(&out), "", "{shown:?}");
    }
}

#[test]
fn a_reader_that_stops_early_on_a_short_listing_is_no_failure_either() {
    // The pipe is closed before pacer writes anything: its first write fails.
    let (_dir, talk) = report_folder();
    let bin = assert_cmd::cargo::cargo_bin("pacer");
    let mut child = Process::new(bin)
        .arg("history")
        .arg(&talk)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out), "");
}

#[test]
fn colour_follows_one_rule_for_every_stream() {
    let (_dir, talk) = report_folder();
    let colored = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = pacer();
        cmd.arg("history").arg(&talk).args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap().contains("\x1b[")
    };
    assert!(!colored(&[], &[]), "a pipe is not a terminal");
    assert!(
        colored(&[("CLICOLOR_FORCE", "1")], &[]),
        "forced into a pipe"
    );
    assert!(colored(&[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")], &[]));
    assert!(!colored(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!colored(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]));
    assert!(!colored(&[("CLICOLOR_FORCE", "1")], &["--no-color"]));

    // Usage errors, which clap prints, too.
    let usage = |args: &[&str]| {
        let out = pacer()
            .args(["plan", "talk.toml", "--format", "svg"])
            .args(args)
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        stderr_of(&out).contains("\x1b[")
    };
    assert!(usage(&[]), "forced");
    assert!(!usage(&["--no-color"]), "--no-color beats CLICOLOR_FORCE");

    // Diagnostics on stderr follow the same rule, for stderr.
    let bad = fixtures().join("../bad-talks/unknown-talk-key.toml");
    for (command, force, want) in [
        ("check", "1", true),
        ("plan", "1", true),
        ("report", "1", true),
        ("check", "0", false),
    ] {
        let out = pacer()
            .arg(command)
            .arg(&bad)
            .env("CLICOLOR_FORCE", force)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stderr_of(&out).contains("\x1b["), want, "{command} {force}");
    }
}

/// A temporary file as a writer on this host with process `pid` names it.
fn temp_name(file: &str, pid: u32) -> String {
    pacer::fsutil::temp::file_name(file, &pacer::fsutil::temp::this_host(), pid, 0)
}

/// A process id that has just ended.
fn dead_pid() -> u32 {
    let mut child = Process::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_removes_dead_writers_temporary_files_and_only_those() {
    let (dir, talk) = report_folder();
    let out = dir.path().join("report.txt");
    let plant = |file: &str| {
        let dead = dir.path().join(temp_name(file, dead_pid()));
        let live = dir.path().join(temp_name(file, 1));
        let other_host = dir.path().join(pacer::fsutil::temp::file_name(
            file,
            "elsewhere",
            dead_pid(),
            0,
        ));
        for path in [&dead, &live, &other_host] {
            std::fs::write(path, "half a file").unwrap();
        }
        (dead, live, other_host)
    };

    let (dead, live, other_host) = plant("report.txt");
    pacer()
        .arg("report")
        .arg(&talk)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.is_file());
    assert!(!dead.exists(), "a dead writer's file is removed");
    assert!(live.exists(), "a live writer's file stays");
    assert!(other_host.exists(), "another host's file stays");

    let (dead, live, other_host) = plant("talk.toml");
    let before = std::fs::read_to_string(&talk).unwrap();
    pacer()
        .args(["tune", "--write"])
        .arg(&talk)
        .assert()
        .success();
    assert_ne!(std::fs::read_to_string(&talk).unwrap(), before, "tuned");
    assert!(!dead.exists(), "a dead writer's file is removed");
    assert!(live.exists(), "a live writer's file stays");
    assert!(other_host.exists(), "another host's file stays");
}
