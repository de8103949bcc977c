//! The `pacer` binary as a user meets it: `check` and `plan` in every format, exit codes, and
//! inputs that must never panic. Expected plans live in `tests/fixtures/` (regenerate them
//! with `PACER_BLESS=1 cargo test --test cli` and review the diff).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The binary, run in the fixtures folder so file names print short, with a clean colour
/// environment and `RUST_BACKTRACE=1`, so that a panic or an error printed with Debug would
/// show its backtrace and fail [`clean`].
fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.current_dir(fixtures())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("RUST_BACKTRACE", "1");
    cmd
}

/// Output that leaked a panic or a Debug-printed error (`RUST_BACKTRACE=1` is set above).
fn clean() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .or(predicate::str::contains("stack backtrace"))
        .or(predicate::str::contains("\x1b["))
        .not()
}

#[test]
fn cli_definition_is_consistent() {
    pacer::cli::Cli::command().debug_assert();
}

#[test]
fn check_valid_talk_prints_a_summary() {
    pacer()
        .args(["check", "demo.toml"])
        .assert()
        .success()
        .stdout("demo.toml: ok: 3 sections, 8 slides, 12:00 budget\n")
        .stderr("");
}

#[test]
fn check_prints_warnings_on_stderr_and_still_succeeds() {
    pacer()
        .args(["check", "warnings.toml"])
        .assert()
        .success()
        .stdout("warnings.toml: ok: 1 section, 3 slides, 10:00 budget, 4 warnings\n")
        .stderr(
            predicate::str::contains(
                "warnings.toml:2:10: warning: the talk leaves 8:00 of its budget to no slide",
            )
            .and(predicate::str::contains(
                "warnings.toml:8:31: warning: this slide gets only 1000 ms",
            ))
            .and(predicate::str::contains(
                "warnings.toml:9:38: warning: these notes need 180 words per minute",
            ))
            .and(predicate::str::contains(
                "  |                               ^^^^\n",
            ))
            .and(clean()),
        );
}

#[test]
fn check_many_files_exits_2_when_any_is_invalid() {
    let bad = Path::new("../bad-talks/unknown-talk-key.toml");
    pacer()
        .args(["check", "demo.toml"])
        .arg(bad)
        .assert()
        .code(2)
        .stdout("demo.toml: ok: 3 sections, 8 slides, 12:00 budget\n")
        .stderr(
            predicate::str::contains(
                "../bad-talks/unknown-talk-key.toml:3:1: error: unknown key `budgt` in the talk\n",
            )
            .and(predicate::str::contains("= hint: did you mean `budget`?"))
            .and(predicate::str::contains(
                "pacer: 1 of 2 talk files are invalid",
            ))
            .and(clean()),
        );
}

#[test]
fn check_without_a_terminal_or_with_no_color_never_colours() {
    for (flag, env) in [(None, None), (Some("--no-color"), None), (None, Some("1"))] {
        let mut cmd = pacer();
        cmd.args(["check", "../bad-talks/number-budget.toml"]);
        if let Some(flag) = flag {
            cmd.arg(flag);
        }
        if let Some(value) = env {
            cmd.env("NO_COLOR", value);
        }
        cmd.assert().code(2).stderr(clean());
    }
}

#[test]
fn check_missing_file_is_bad_input() {
    pacer()
        .args(["check", "no-such-talk.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no-such-talk.toml").and(clean()));
}

#[test]
fn check_needs_a_file() {
    pacer().arg("check").assert().code(2).stderr(clean());
}

/// Writes `bytes` to a temporary talk file and runs `pacer check` on it.
fn check_bytes(bytes: &[u8]) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.toml");
    std::fs::write(&path, bytes).unwrap();
    let assert = pacer()
        .current_dir(dir.path())
        .args(["check", "talk.toml"])
        .timeout(std::time::Duration::from_secs(60))
        .assert();
    drop(dir);
    assert
}

/// A talk of `n` slides in ten sections, as TOML text.
fn generated_talk(n: usize) -> String {
    let mut text = String::from("title = \"Generated\"\nbudget = \"20h\"\n");
    for s in 0..10 {
        let _ = write!(text, "\n[[section]]\ntitle = \"Part {s}\"\nslides = [\n");
        for i in 0..n / 10 {
            let _ = writeln!(text, "  \"Slide {i}\",");
        }
        text.push_str("]\n");
    }
    text
}

#[test]
fn hostile_inputs_get_clean_errors() {
    let mut garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    garbage.extend_from_slice(b"\xff\xfe\x00");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "talk.toml:1:1: error: the talk has no `title`"),
        ("binary garbage", garbage, "talk.toml:1:"),
        (
            "NUL bytes",
            b"title = \"a\0b\"\n".to_vec(),
            "talk.toml:1:11: error: invalid TOML",
        ),
        (
            "non-UTF-8",
            b"title = \"caf\xe9\"\n".to_vec(),
            "talk.toml:1:13: error: the file is not valid UTF-8",
        ),
        (
            "10 MB on one line",
            vec![b'x'; 10_000_000],
            "talk.toml:1:10000001: error: invalid TOML",
        ),
        (
            "a terminal escape in a key",
            b"\"\\u001b[31mred\" = 1\n".to_vec(),
            "talk.toml:1:1: error: unknown key `?[31mred` in the talk",
        ),
        (
            "a lone carriage return",
            b"title = \"T\"\rbudget = \"1m\"\n".to_vec(),
            "talk.toml:1:12: error: invalid TOML",
        ),
        (
            "CRLF with an error",
            b"title = \"T\"\r\nbudget = \"1m\"\r\nwarn = 2\r\n[[section]]\r\ntitle = \"S\"\r\nslides = [\"a\"]\r\n"
                .to_vec(),
            "talk.toml:3:8: error: `warn` must be a share between 0 and 1, not 2",
        ),
    ];
    for (name, bytes, expected) in cases {
        check_bytes(&bytes)
            .append_context("case", name)
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(expected).and(clean()));
    }
}

#[test]
fn big_and_unusual_valid_talks_pass() {
    let notes = "word ".repeat(2_000_000);
    let big = format!(
        "title = \"Big\"\nbudget = \"20h\"\n[[section]]\ntitle = \"S\"\n\
         [[section.slides]]\ntitle = \"A\"\nnotes = \"\"\"{notes}\"\"\"\n"
    );
    assert!(big.len() > 10_000_000);
    let crlf =
        "title = \"T\"\r\nbudget = \"1m\"\r\n[[section]]\r\ntitle = \"S\"\r\nslides = [\"a\"]\r\n";
    let bom =
        "\u{feff}title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"S\"\nslides = [\"a\"]\n";
    let cases: Vec<(&str, String, &str)> = vec![
        ("10 MB of notes", big, "1 section, 1 slide, 20:00:00 budget"),
        (
            "10,000 slides",
            generated_talk(10_000),
            "10 sections, 10000 slides, 20:00:00 budget\n",
        ),
        (
            "CRLF line endings",
            crlf.to_owned(),
            "1 section, 1 slide, 1:00 budget\n",
        ),
        ("a BOM", bom.to_owned(), "1 section, 1 slide, 1:00 budget\n"),
    ];
    for (name, text, expected) in cases {
        check_bytes(text.as_bytes())
            .append_context("case", name)
            .success()
            .stdout(predicate::str::contains(expected))
            .stderr(clean());
    }
}

/// Compares `actual` with the fixture file, or rewrites it when `PACER_BLESS` is set.
fn assert_fixture(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("PACER_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with PACER_BLESS=1)", path.display()));
    assert_eq!(actual, expected, "{name} differs");
}

#[test]
fn plan_in_every_format_matches_its_fixture() {
    for (format, file) in [
        ("text", "demo.plan.txt"),
        ("markdown", "demo.plan.md"),
        ("json", "demo.plan.json"),
        ("csv", "demo.plan.csv"),
    ] {
        let output = pacer()
            .args(["plan", "demo.toml", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{format}");
        assert!(output.stderr.is_empty(), "{format}");
        assert_fixture(file, &String::from_utf8(output.stdout).unwrap());
    }
}

#[test]
fn plan_defaults_to_text() {
    let expected = std::fs::read_to_string(fixtures().join("demo.plan.txt")).unwrap();
    pacer()
        .args(["plan", "demo.toml"])
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn plan_json_keeps_the_contract() {
    let output = pacer()
        .args(["plan", "demo.toml", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let budget = doc["budget_ms"].as_u64().unwrap();
    assert_eq!(budget, 720_000);
    assert!(doc["title"].is_string());
    let mut next_start = 0;
    let mut total = 0;
    for section in doc["sections"].as_array().unwrap() {
        assert!(section["title"].is_string());
        assert_eq!(section["start_ms"].as_u64().unwrap(), next_start);
        let slides = section["slides"].as_array().unwrap();
        let mut slide_total = 0;
        for slide in slides {
            for key in ["id", "title"] {
                assert!(slide[key].is_string(), "{key}");
            }
            assert!(slide["optional"].is_boolean());
            assert_eq!(slide["start_ms"].as_u64().unwrap(), next_start);
            let b = slide["budget_ms"].as_u64().unwrap();
            assert!(b > 0);
            next_start += b;
            slide_total += b;
        }
        assert_eq!(section["budget_ms"].as_u64().unwrap(), slide_total);
        total += slide_total;
    }
    assert_eq!(total, budget);
}

/// The bundled talk's questions: counted by `check`, listed by every `plan` format with room
/// for them (CSV stays one row per slide).
#[test]
fn check_counts_and_plan_lists_the_questions() {
    let talk = "../../talks/lora-on-device.toml";
    pacer()
        .args(["check", talk])
        .assert()
        .success()
        .stdout(format!(
            "{talk}: ok: 9 sections, 80 slides, 20:00 budget, 13 questions\n"
        ));
    let plan = |format: &str| {
        let output = pacer()
            .args(["plan", talk, "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };
    let text = plan("text");
    assert!(
        text.contains("\n13 questions after the talk, 12:45 of answers\n"),
        "{text}"
    );
    assert!(
        text.contains("   3  How did you choose rank 8?  "),
        "{text}"
    );
    let markdown = plan("markdown");
    assert!(
        markdown
            .contains("| 3 | How did you choose rank 8? | 0:45 | 63 Rank sweep | lora, results |"),
        "{markdown}"
    );
    let doc: serde_json::Value = serde_json::from_str(&plan("json")).unwrap();
    assert_eq!(doc["question_count"], 13);
    let third = &doc["questions"][2];
    assert_eq!(third["slide_id"], "rank-sweep");
    assert_eq!(third["slide_number"], 63);
    assert_eq!(third["budget_ms"], 45_000);
    assert!(plan("html").contains("<h2>Questions · 13 questions · 12:45 of answers</h2>"));
    assert!(!plan("csv").contains("rank 8"), "CSV: one row per slide");
}

#[test]
fn plan_csv_has_one_row_per_slide() {
    let output = pacer()
        .args(["plan", "demo.toml", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "number");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8);
    let budgets: u64 = rows.iter().map(|r| r[5].parse::<u64>().unwrap()).sum();
    assert_eq!(budgets, 720_000);
}

#[test]
fn plan_of_an_invalid_talk_prints_nothing_on_stdout() {
    pacer()
        .args(["plan", "../bad-talks/slides-over-section.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains(
                "slides-over-section.toml:6:10: error: the slides of section \"Opening\" ask for 1:10, more than its budget of 1:00",
            )
            .and(clean()),
        );
}

#[test]
fn plan_warns_on_stderr() {
    pacer()
        .args(["plan", "warnings.toml", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("number,"))
        .stderr(predicate::str::contains("warning: ").and(clean()));
}

#[test]
fn plan_has_no_svg() {
    pacer()
        .args(["plan", "demo.toml", "--format", "svg"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("invalid value 'svg'")
                .and(predicate::str::contains(
                    "[possible values: text, markdown, json, csv, html]",
                ))
                .and(clean()),
        );
}

#[test]
fn plan_of_10_000_slides_in_json() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.toml"), generated_talk(10_000)).unwrap();
    let output = pacer()
        .current_dir(dir.path())
        .args(["plan", "big.toml", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["slide_count"], 10_000);
    let last = &doc["sections"][9]["slides"][999];
    assert_eq!(
        last["end_ms"].as_u64().unwrap(),
        doc["budget_ms"].as_u64().unwrap()
    );
}
