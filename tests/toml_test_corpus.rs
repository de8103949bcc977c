//! The public toml-test suite (`../shared/corpus/toml-test`): 509 files that are not valid TOML
//! and valid TOML that is not a talk. Every one must get a clean error: exit 2, `file:line:col`,
//! never a panic nor a hang.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use pacer::talk::{Problem, Source};

/// Where CI and every worktree find the corpus: beside the repository, in `shared/`.
fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/toml-test");
    if dir.join("tests").is_dir() {
        return Some(dir);
    }
    let message = format!(
        "\n!!! toml-test corpus not found at {}: its tests did NOT run !!!\n",
        dir.display()
    );
    // Straight to stderr, past the test harness's capture: a skipped suite must be seen.
    let _ = writeln!(std::io::stderr().lock(), "{message}");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    None
}

/// Every `.toml` file under `dir`, sorted (the suite's `.multi` files are generator input).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// What the loader says about one file, or why that is wrong.
fn judge(path: &Path, invalid_toml: bool) -> Result<(), String> {
    let bytes = std::fs::read(path).unwrap();
    let started = Instant::now();
    let outcome = std::panic::catch_unwind(|| {
        let source = Source::from_bytes("t.toml", bytes);
        match pacer::load(&source) {
            Ok(_) => Err("loaded as a valid talk".to_owned()),
            Err(errors) => {
                for e in &errors {
                    // Rendering must not panic either, and must name a line and column.
                    let shown = e.render(&source, false);
                    if !shown.starts_with("t.toml:") {
                        return Err(format!("rendered as {shown:?}"));
                    }
                }
                Ok(errors)
            }
        }
    });
    if started.elapsed() > Duration::from_secs(2) {
        return Err(format!("took {:?}", started.elapsed()));
    }
    let diagnostics = match outcome {
        Err(_) => return Err("panicked".to_owned()),
        Ok(result) => result?,
    };
    let Some(first) = diagnostics.iter().find(|d| d.is_error()) else {
        return Err("no error".to_owned());
    };
    // Files the TOML 1.1 reader accepts (the suite predates some of 1.1) still fail as talks.
    let syntax = matches!(first.problem, Problem::Syntax(_) | Problem::NotUtf8);
    if !invalid_toml && syntax {
        return Err(format!("valid TOML reported as broken: {}", first.problem));
    }
    Ok(())
}

#[test]
fn every_corpus_file_gets_a_clean_error_from_the_loader() {
    let Some(dir) = corpus() else { return };
    let mut wrong = Vec::new();
    let mut count = 0;
    for (folder, invalid) in [("tests/invalid", true), ("tests/valid", false)] {
        for path in files(&dir.join(folder)) {
            count += 1;
            if let Err(why) = judge(&path, invalid) {
                wrong.push(format!("{}: {why}", path.display()));
            }
        }
    }
    assert!(count > 700, "only {count} corpus files found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_sample_of_the_corpus_through_the_binary() {
    let Some(dir) = corpus() else { return };
    let all: Vec<PathBuf> = files(&dir.join("tests"));
    let mut wrong = Vec::new();
    // Every 8th file, and all the encoding cases (BOMs, UTF-16, bad UTF-8).
    let sample = all
        .iter()
        .enumerate()
        .filter(|(i, p)| i % 8 == 0 || p.parent().is_some_and(|d| d.ends_with("encoding")));
    let mut count = 0;
    for (_, path) in sample {
        count += 1;
        let relative = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let output = Command::cargo_bin("pacer")
            .unwrap()
            .current_dir(&dir)
            .args(["check", "--no-color", &relative])
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("");
        let located = first
            .strip_prefix(&format!("{relative}:"))
            .and_then(|rest| rest.split_once(": error: "))
            .is_some_and(|(at, _)| {
                at.split(':').count() == 2 && at.split(':').all(|n| n.parse::<usize>().is_ok())
            });
        if output.status.code() != Some(2)
            || stderr.contains("panicked")
            || stderr.contains("stack backtrace")
            || !located
        {
            wrong.push(format!(
                "{relative}: exit {:?}\n{stderr}",
                output.status.code()
            ));
        }
    }
    assert!(count >= 90, "only {count} files sampled");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
