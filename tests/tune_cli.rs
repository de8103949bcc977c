//! `pacer tune` end to end: fixture talks, histories written with synthetic times, every
//! format, `--write` and what must hold after it, and writes that fail.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use pacer::history::Journal;
use pacer::rehearsal::{EndReason, Event};
use pacer::talk::Source;
use serde_json::Value;

const SHORT: &str = include_str!("fixtures/tune/short.toml");
const COMMENTED: &str = include_str!("fixtures/tune/commented.toml");

/// A talk file in a fresh folder, and the folder.
fn talk(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talk.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn plan_of(path: &Path) -> pacer::plan::Plan {
    let text = std::fs::read_to_string(path).unwrap();
    pacer::load(&Source::new(path.display().to_string(), text))
        .unwrap_or_else(|e| panic!("{e:?}"))
        .plan
}

/// Records a run of the talk at `path` into its default history: `secs[i]` seconds on slide
/// `i`, slides with `None` jumped over; `finished` ends it, otherwise it is cut short.
fn rehearse(path: &Path, secs: &[Option<u64>], finished: bool) {
    let plan = plan_of(path);
    let history = pacer::history::default_path(path);
    let start = jiff::Timestamp::from_second(1_750_000_000).unwrap();
    let mut journal = Journal::begin(&history, &plan, 0, None, start).unwrap();
    let mut t = Duration::ZERO;
    for (i, s) in secs.iter().enumerate() {
        let Some(s) = s else { continue };
        if i > 0 {
            journal.record(&Event::Goto(i), t).unwrap();
        }
        t += Duration::from_secs(*s);
    }
    if finished {
        journal.record(&Event::End(EndReason::Finished), t).unwrap();
    }
}

/// The short talk with four runs: three complete, one cut short (run 3).
fn short_with_history() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = talk(SHORT);
    rehearse(
        &path,
        &[Some(25), Some(30), Some(40), Some(35), Some(20)],
        true,
    );
    rehearse(&path, &[Some(20), Some(26), Some(44), Some(30)], true);
    rehearse(&path, &[Some(100), Some(100)], false);
    rehearse(
        &path,
        &[Some(18), Some(28), Some(50), Some(31), Some(16)],
        true,
    );
    (dir, path)
}

fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn tune_json(path: &Path, extra: &[&str]) -> Value {
    let out = pacer()
        .arg("tune")
        .arg(path)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn slide_field(doc: &Value, field: &str) -> Vec<Value> {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["slides"].as_array().unwrap().clone())
        .map(|s| s[field].clone())
        .collect()
}

fn ms(values: &[u64]) -> Vec<Value> {
    values.iter().map(|&v| Value::from(v * 1000)).collect()
}

/// `--method median`. Weighted medians (weights 1, 2, 3 for runs 1, 2, 4): Hello 18, Plan 28,
/// Idea 44, Proof 31, Extra 16 (run 2 skipped it: weights 1 and 3), 137 s; scaled to the runs'
/// length, 143 s (see below): 18.788, 29.226, 45.927, 32.358, 16.701. Proof is locked at 30 s,
/// so the talk's other 90 s go by those (of 110.642): 15.28, 23.77, 37.36, 13.58; floors 15,
/// 23, 37, 13 and the two seconds left to the largest remainders (Plan .77, Extra .58).
#[test]
fn the_fit_on_a_fixture_history_matches_the_hand_computed_one() {
    let (_dir, path) = short_with_history();
    let doc = tune_json(&path, &["--method", "median"]);
    assert_eq!(
        slide_field(&doc, "estimate_ms"),
        [18_788, 29_226, 45_927, 32_358, 16_701].map(Value::from)
    );
    assert_eq!(
        slide_field(&doc, "samples"),
        vec![Value::from(3); 4]
            .into_iter()
            .chain([Value::from(2)])
            .collect::<Vec<_>>()
    );
    assert_eq!(slide_field(&doc, "suggested_ms"), ms(&[15, 24, 37, 30, 14]));
    assert_eq!(slide_field(&doc, "current_ms"), ms(&[20, 20, 30, 30, 20]));
    // Interquartile ranges: Hello [18, 20, 25] 19 to 22.5; Extra [16, 20] 17 to 19.
    assert_eq!(
        slide_field(&doc, "spread_ms"),
        [3_500, 2_000, 5_000, 2_500, 2_000].map(Value::from)
    );
    // At most 17.5% of a median: steady enough, nothing unsteady.
    assert_eq!(doc["unsteady"], Value::Array(Vec::new()));
    let sections: Vec<Value> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["suggested_ms"].clone())
        .collect();
    assert_eq!(sections, ms(&[39, 81]));
    let runs: Vec<Value> = doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].clone())
        .collect();
    assert_eq!(runs, vec![Value::from(1), Value::from(2), Value::from(4)]);
    assert_eq!(doc["runs"][2]["elapsed_ms"], 143_000);
    assert_eq!(doc["cut_short_runs"], 1);
    // The runs' lengths (run 2, which skipped Extra, read at its own pace: 120 s for 121 of
    // the 137 estimated, 135.867 s), weighted 1, 2, 3: 143 s, run 4. Against 120 s and 10 s of
    // grace: over by 23 s.
    assert_eq!(doc["expected_ms"], 143_000);
    assert_eq!(doc["verdict"]["kind"], "over");
    assert_eq!(doc["verdict"]["delta_ms"], 23_000);
    let cuts: Vec<(String, String, u64)> = doc["cuts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["title"].as_str().unwrap().to_owned(),
                c["reason"].as_str().unwrap().to_owned(),
                c["saves_ms"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cuts,
        vec![
            ("Extra".into(), "optional".into(), 16_701),
            ("Idea".into(), "over_plan".into(), 15_927),
            ("Plan".into(), "over_plan".into(), 9_226),
            ("Proof".into(), "over_plan".into(), 2_358),
        ]
    );
}

/// Body kept at 80 s: its 50 free seconds go by 44:16 (36.67, 13.33: 37 and 13); Intro gets
/// the talk's other 40 s by 18:28 (15.65, 24.35: 16 and 24).
#[test]
fn keep_sections_holds_explicit_section_budgets() {
    let (_dir, path) = short_with_history();
    let doc = tune_json(&path, &["--keep-sections", "--method", "median"]);
    assert_eq!(slide_field(&doc, "suggested_ms"), ms(&[16, 24, 37, 30, 13]));
    assert_eq!(doc["sections"][1]["kept"], true);
    assert_eq!(doc["sections"][1]["suggested_ms"], 80_000);
}

#[test]
fn fewer_runs_follow_the_newest() {
    let (_dir, path) = short_with_history();
    let doc = tune_json(&path, &["--runs", "1"]);
    assert_eq!(slide_field(&doc, "estimate_ms"), ms(&[18, 28, 50, 31, 16]));
    assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
}

#[test]
fn the_text_report_says_over_and_lists_the_cuts() {
    let (_dir, path) = short_with_history();
    let out = pacer()
        .arg("tune")
        .arg(&path)
        .args(["--method", "median"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    for want in [
        "Tuning \"Short talk\": budget 2:00, grace 0:10",
        "Estimates: each slide's median over the last 3 complete runs (#1 2:30, #2 2:00, #4 2:23, 1 cut-short run ignored), recent runs weighing more.",
        "  Proof    0:30  3 runs      0:32       0:30   +0:00  locked",
        "Over: at your rehearsed pace the talk takes 2:23, 0:23 over",
        "   0:17   0:17  Extra  (optional: skip it)",
        "   0:16   0:33  Idea   (over plan: 0:46 for 0:30)",
        "Would write",
        "-slides = [\"Hello\", \"Plan\"]   # no budgets: 20 s each from the talk",
        "+slides = [{ title = \"Hello\", budget = \"15s\", tuned = true }, { title = \"Plan\", budget = \"24s\", tuned = true }]   # no budgets: 20 s each from the talk",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SHORT,
        "no --write: untouched"
    );
}

#[test]
fn markdown_is_a_table_and_a_diff_block() {
    let (_dir, path) = short_with_history();
    let out = pacer()
        .arg("tune")
        .arg(&path)
        .args(["--format", "markdown", "--method", "median"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "# Tuning: Short talk",
        "| Slide | Budget | From | Estimate | Suggested | Change | Notes |",
        "| **Body** | **1:20** | | **1:35** | **1:21** | **+0:01** |  |",
        "| Proof | 0:30 | 3 runs | 0:32 | 0:30 | +0:00 | locked |",
        "**Over**:",
        "| 0:17 | 0:17 | Extra | optional: skip it |",
        "```diff\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn write_then_check_passes_and_the_plan_sums_to_the_budget() {
    let (_dir, path) = short_with_history();
    let out = pacer()
        .args(["tune", "--write", "--method", "median"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("talk.toml: 4 slide budgets changed, 1 section budget."),
        "{text}"
    );
    pacer().arg("check").arg(&path).assert().success();
    pacer().arg("plan").arg(&path).assert().success();
    let plan = plan_of(&path);
    assert_eq!(plan.slides_total(), plan.budget);
    assert_eq!(plan.unassigned, Duration::ZERO);
    let budgets: Vec<u64> = plan.slides.iter().map(|s| s.budget.as_secs()).collect();
    assert_eq!(budgets, vec![15, 24, 37, 30, 14]);

    let written = std::fs::read_to_string(&path).unwrap();
    // The locked slide's line is untouched, comment and all.
    let locked =
        "  { title = \"Proof\", budget = \"30s\", lock = true },  # locked: tune never moves it\n";
    assert!(
        SHORT.contains(locked) && written.contains(locked),
        "{written}"
    );
    assert!(written.contains("budget = \"1m 21s\""), "{written}");

    // Tuning again from the same runs proposes the same: nothing left to write.
    let again = pacer()
        .args(["tune", "--write", "--method", "median"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        String::from_utf8(again.stdout)
            .unwrap()
            .contains("already has these budgets: nothing to write.")
    );
}

/// The default method, where a run skipped a slide: the second tune has nothing to write.
#[test]
fn the_default_method_tunes_to_a_fixed_point() {
    let (_dir, path) = short_with_history();
    let first = pacer()
        .args(["tune", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(first.status.success());
    assert!(
        String::from_utf8(first.stdout)
            .unwrap()
            .contains("Estimates: each slide's share of its run")
    );
    let plan = plan_of(&path);
    assert_eq!(plan.slides_total(), plan.budget);
    let again = pacer()
        .args(["tune", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(again.status.success());
    let text = String::from_utf8(again.stdout).unwrap();
    assert!(
        text.contains("already has these budgets: nothing to write."),
        "{text}"
    );
}

/// Every budget value's span in a talk, in file order.
fn budget_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let (talk, _) = pacer::talk::parse(&Source::new("t.toml", text)).unwrap();
    let mut spans = vec![talk.budget_span.clone()];
    for section in &talk.sections {
        spans.extend(section.budget_span.clone());
        spans.extend(section.slides.iter().filter_map(|s| s.budget_span.clone()));
    }
    spans.sort_by_key(|s| s.start);
    spans
}

#[test]
fn a_comment_heavy_file_changes_only_in_its_budget_values() {
    let (_dir, path) = talk(COMMENTED);
    // Rehearsed slowly at the start and fast at the end.
    for k in 0..3 {
        rehearse(
            &path,
            &[
                Some(30 + k),
                Some(30),
                Some(60),
                Some(80),
                Some(130),
                Some(40),
                Some(60),
                Some(30),
            ],
            true,
        );
    }
    pacer()
        .args(["tune", "--write"])
        .arg(&path)
        .assert()
        .success();
    let written = std::fs::read(&path).unwrap();
    let written = String::from_utf8(written).unwrap();
    assert_ne!(written, COMMENTED);
    let (before, after) = (budget_spans(COMMENTED), budget_spans(&written));
    assert_eq!(before.len(), after.len());
    let gaps = |text: &str, spans: &[std::ops::Range<usize>]| -> Vec<String> {
        let mut at = 0;
        let mut out = Vec::new();
        for s in spans {
            out.push(text[at..s.start].to_owned());
            at = s.end;
        }
        out.push(text[at..].to_owned());
        out
    };
    // Besides the values, only the `tuned = true` marks are new: one for every slide but the
    // locked one.
    let marks = [
        ", tuned = true",
        ",tuned=true",
        "\n  tuned = true",
        "\n  tuned    = true",
    ];
    let count: usize = marks.iter().map(|m| written.matches(m).count()).sum();
    assert_eq!(count, 7, "{written}");
    let unmarked = |gap: String| marks.iter().fold(gap, |g, m| g.replace(m, ""));
    let written_gaps: Vec<String> = gaps(&written, &after).into_iter().map(unmarked).collect();
    assert_eq!(gaps(COMMENTED, &before), written_gaps);
    pacer().arg("check").arg(&path).assert().success();
    let plan = plan_of(&path);
    assert_eq!(plan.slides_total(), plan.budget);
    assert_eq!(
        plan.slides[4].budget,
        Duration::from_secs(120),
        "Training is locked"
    );
}

#[cfg(unix)]
#[test]
fn write_goes_through_a_symlink_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = short_with_history();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("talk.toml", &link).unwrap();
    let doc = tune_json(
        &link,
        &[
            "--write",
            "--history",
            pacer::history::default_path(&path).to_str().unwrap(),
        ],
    );
    assert_eq!(doc["written"], true);
    let target = std::fs::canonicalize(&path).unwrap();
    assert_eq!(doc["written_to"], target.to_str().unwrap());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_ne!(std::fs::read_to_string(&path).unwrap(), SHORT);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Makes a folder refuse new files, for root too: mode 555 stops other users; root, who may
/// write there anyway, is stopped by the immutable attribute (`chattr +i`, on ext4, XFS, btrfs).
/// Undone on drop so the folder can be removed.
#[cfg(unix)]
struct ReadOnly<'a>(&'a Path, bool);

#[cfg(unix)]
impl<'a> ReadOnly<'a> {
    fn new(dir: &'a Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join("probe");
        if std::fs::write(&probe, "x").is_err() {
            return Self(dir, false);
        }
        std::fs::remove_file(&probe).unwrap();
        let immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        let this = Self(dir, immutable);
        assert!(
            immutable && std::fs::write(&probe, "x").is_err(),
            "cannot make {} read-only for this user (root without `chattr +i` here?)",
            dir.display()
        );
        this
    }
}

#[cfg(unix)]
impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.0)
                .status();
        }
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

/// A folder that takes no new files: the temporary file cannot be made.
#[cfg(unix)]
#[test]
fn a_read_only_folder_leaves_the_talk_intact_and_says_why() {
    let (dir, path) = short_with_history();
    let read_only = ReadOnly::new(dir.path());
    let out = pacer()
        .args(["tune", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    drop(read_only);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot create a temporary file beside it"),
        "{stderr}"
    );
    assert!(stderr.contains("the file is unchanged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHORT);
}

/// A write that fails midway, for root too: a file size limit of zero makes writing the
/// temporary file fail (EFBIG; SIGXFSZ ignored so the write returns an error).
#[cfg(target_os = "linux")]
#[test]
fn a_write_failing_midway_leaves_the_talk_intact_and_says_why() {
    let (dir, path) = short_with_history();
    let bin = assert_cmd::cargo::cargo_bin("pacer");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" tune --write \"$1\"")
        .arg(&bin)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write the temporary file"),
        "{stderr}"
    );
    assert!(stderr.contains("the file is unchanged"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHORT);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["talk.history.jsonl", "talk.toml"],
        "no temporary file left"
    );
}

#[test]
fn no_history_is_bad_usage_with_what_to_do() {
    let (_dir, path) = talk(SHORT);
    let out = pacer().arg("tune").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no rehearsals recorded"), "{stderr}");
    assert!(stderr.contains("--from notes"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn only_cut_short_runs_is_bad_usage_too() {
    let (_dir, path) = talk(SHORT);
    rehearse(&path, &[Some(10), Some(10)], false);
    let out = pacer().arg("tune").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no complete rehearsal to tune from (1 run was cut short)"),
        "{stderr}"
    );
    assert!(stderr.contains("rehearse to the end first"), "{stderr}");
}

#[test]
fn an_invalid_talk_is_bad_usage() {
    let (_dir, path) = talk("title = \"T\"\nbudget = \"1m\"\n");
    pacer().arg("tune").arg(&path).assert().code(2);
    pacer()
        .args(["tune", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(2);
}

const NOTED: &str = "\
title = \"Noted\"
budget = \"1m\"

[[section]]
title = \"All\"

[[section.slides]]
title = \"One\"
notes = \"one two three four five six seven eight nine ten eleven twelve thirteen\"

[[section.slides]]
title = \"Two\"
notes = \"\"\"
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four
twenty-five twenty-six
\"\"\"

[[section.slides]]
title = \"Three\"
";

/// 13 and 26 words at 130 wpm: 6 s and 12 s; the slide without notes takes the mean, 9 s.
/// The minute goes 6:12:9 (of 27): 13.33, 26.67, 20: 13, 27, 20.
#[test]
fn from_notes_without_any_rehearsal() {
    let (_dir, path) = talk(NOTED);
    let doc = tune_json(&path, &["--from", "notes"]);
    assert_eq!(doc["basis"], "notes");
    assert_eq!(doc["method"], Value::Null);
    assert_eq!(doc["rate"]["wpm"], 130.0);
    assert_eq!(doc["rate"]["source"], "default");
    assert_eq!(slide_field(&doc, "estimate_ms"), ms(&[6, 12, 9]));
    assert_eq!(slide_field(&doc, "suggested_ms"), ms(&[13, 27, 20]));
    assert_eq!(doc["verdict"]["kind"], "under");
    let out = pacer()
        .args(["tune", "--from", "notes", "--write"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "talk.toml: 2 slide budgets changed, 1 unchanged slide budget now written in the file."
        ),
        "{text}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("title = \"One\"\nbudget = \"13s\"\ntuned = true\nnotes"),
        "{written}"
    );
    pacer().arg("check").arg(&path).assert().success();
}

/// Runs of 13 words in 10 s and 26 words in 12 s: 39 words in 22 s, 106 wpm.
#[test]
fn calibrate_measures_the_speakers_own_rate() {
    let (_dir, path) = talk(NOTED);
    rehearse(&path, &[Some(10), Some(12), Some(30)], true);
    let doc = tune_json(&path, &["--from", "notes", "--calibrate"]);
    assert_eq!(doc["rate"]["source"], "calibrated");
    let wpm = doc["rate"]["wpm"].as_f64().unwrap();
    assert!((wpm - 39.0 / (22.0 / 60.0)).abs() < 1e-9, "{wpm}");
    let out = pacer()
        .args(["tune", "--from", "notes", "--calibrate"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Rate: 106 words per minute, your own, measured over the last 1 complete run"
        ),
        "{text}"
    );
    // Without runs there is nothing to calibrate from.
    let (_dir2, fresh) = talk(NOTED);
    pacer()
        .args(["tune", "--from", "notes", "--calibrate"])
        .arg(&fresh)
        .assert()
        .code(2);
}

#[test]
fn shares_method_is_offered() {
    let (_dir, path) = short_with_history();
    let doc = tune_json(&path, &["--method", "shares"]);
    assert_eq!(doc["method"], "shares");
    let total: u64 = slide_field(&doc, "suggested_ms")
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, 120_000);
}

#[test]
fn the_command_line_is_well_formed() {
    use clap::CommandFactory;
    pacer::cli::Cli::command().debug_assert();
    let (_dir, path) = short_with_history();
    for bad in [
        &["--runs", "0"][..],
        &["--method", "mean"],
        &["--from", "air"],
    ] {
        pacer().arg("tune").arg(&path).args(bad).assert().code(2);
    }
}

/// The short talk rehearsed three times, then Idea's notes rewritten, then rehearsed twice:
/// Idea took 40, 42, 44 s before and 20, 24 s after.
fn short_with_a_changed_slide() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = talk(SHORT);
    for idea in [40, 42, 44] {
        rehearse(
            &path,
            &[Some(20), Some(20), Some(idea), Some(30), Some(20)],
            true,
        );
    }
    let changed = SHORT.replace(
        r#"{ title = "Idea", budget = "30s" }"#,
        r#"{ title = "Idea", budget = "30s", notes = "One example, not three." }"#,
    );
    assert_ne!(changed, SHORT);
    std::fs::write(&path, changed).unwrap();
    for idea in [20, 24] {
        rehearse(
            &path,
            &[Some(20), Some(20), Some(idea), Some(30), Some(20)],
            true,
        );
    }
    (dir, path)
}

#[test]
fn runs_from_before_a_slide_changed_are_left_out_of_its_estimate() {
    let (_dir, path) = short_with_a_changed_slide();
    let doc = tune_json(&path, &["--method", "median"]);
    let samples: Vec<Value> = slide_field(&doc, "samples");
    assert_eq!(samples, [5, 5, 2, 5, 5].map(Value::from));
    let before: Vec<Value> = slide_field(&doc, "runs_before_change");
    assert_eq!(before, [0, 0, 3, 0, 0].map(Value::from));
    // Weighted median of Idea's two runs since the change (weights 4 and 5): the newer, 24 s
    // (with the three old runs, 42 s). The estimates, 20 20 24 30 20, sum to 114 s; the old
    // runs spoke 90 s of the 90 s the estimates give the slides they count for (114 s at that
    // pace), run 4 110 s and run 5 114 s: the weighted median length is 114 s, nothing moves.
    assert_eq!(slide_field(&doc, "estimate_ms"), ms(&[20, 20, 24, 30, 20]));
    let text = String::from_utf8(pacer().arg("tune").arg(&path).output().unwrap().stdout).unwrap();
    assert!(
        text.contains("  Idea: based on 2 runs since you changed it\n"),
        "{text}"
    );
    let markdown = String::from_utf8(
        pacer()
            .arg("tune")
            .arg(&path)
            .args(["--format", "markdown"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        markdown.contains("- Idea: based on 2 runs since you changed it\n"),
        "{markdown}"
    );
}

#[test]
fn a_history_without_fingerprints_tunes_as_before() {
    let (_dir, path) = short_with_a_changed_slide();
    let history = pacer::history::default_path(&path);
    let text = std::fs::read_to_string(&history).unwrap();
    // Strip every `,"fingerprint":"…"`: the history as pacer wrote it before recording them.
    let mut old = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(",\"fingerprint\":\"") {
        old.push_str(&rest[..at]);
        rest = &rest[at + 16 + 16 + 1..];
    }
    old.push_str(rest);
    assert!(!old.contains("fingerprint") && old.len() < text.len());
    std::fs::write(&history, old).unwrap();
    let doc = tune_json(&path, &["--method", "median"]);
    assert_eq!(slide_field(&doc, "samples"), [5; 5].map(Value::from));
    assert_eq!(
        slide_field(&doc, "runs_before_change"),
        [0; 5].map(Value::from)
    );
    let text = String::from_utf8(pacer().arg("tune").arg(&path).output().unwrap().stdout).unwrap();
    assert!(!text.contains("since you changed it"), "{text}");
}

fn json_of(path: &Path, args: &[&str]) -> Value {
    let out = pacer()
        .arg(args[0])
        .arg(path)
        .args(["--format", "json"])
        .args(&args[1..])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn runs_field(doc: &Value, field: &str) -> Vec<Value> {
    doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].clone())
        .collect()
}

fn report_slides(doc: &Value, field: &str) -> Vec<Value> {
    doc["slides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[field].clone())
        .collect()
}

#[test]
fn new_budgets_are_no_older_outline_and_each_run_keeps_its_own_deltas() {
    let (_dir, path) = short_with_history();
    let before = json_of(&path, &["history"]);
    assert_eq!(
        runs_field(&before, "outline_changed"),
        [false; 4].map(Value::from)
    );
    pacer()
        .args(["tune", "--write", "--method", "median"])
        .arg(&path)
        .assert()
        .success();
    // And a longer slot: the talk's budget changes too.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("budget = \"2m\"", "budget = \"3m\"")).unwrap();

    let after = json_of(&path, &["history"]);
    assert_eq!(
        runs_field(&after, "outline_changed"),
        [false; 4].map(Value::from),
        "only budgets changed: the slides are the ones rehearsed"
    );
    assert_eq!(
        runs_field(&after, "delta_ms"),
        runs_field(&before, "delta_ms")
    );
    let listing =
        String::from_utf8(pacer().arg("history").arg(&path).output().unwrap().stdout).unwrap();
    assert!(!listing.contains("older outline"), "{listing}");

    // report reads run 1 against the plan it was rehearsed with, as history does.
    let report = json_of(&path, &["report", "--run", "1"]);
    assert_eq!(report["run"]["delta_ms"], before["runs"][0]["delta_ms"]);
    assert_eq!(report["run"]["budget_ms"], 120_000);
    assert_eq!(
        report_slides(&report, "budget_ms"),
        ms(&[20, 20, 30, 30, 20])
    );
    // Run 1: 25 30 40 35 20 against 20 20 30 30 20.
    assert_eq!(
        report_slides(&report, "delta_ms"),
        ms_signed(&[5, 10, 10, 5, 0])
    );
    assert_eq!(report["finish"]["planned_ms"], 120_000);
    let several = json_of(&path, &["report", "--last", "4"]);
    assert_eq!(
        runs_field(&several, "delta_ms"),
        runs_field(&before, "delta_ms")
    );

    // --against current re-reads it against today's budgets.
    let current = json_of(&path, &["report", "--run", "1", "--against", "current"]);
    assert_eq!(current["run"]["budget_ms"], 180_000);
    assert_eq!(current["run"]["delta_ms"], 150_000 - 180_000);
    // Today's budgets: the tuned ones, which give way to the longer slot.
    let today: Vec<u64> = plan_of(&path)
        .slides
        .iter()
        .map(|s| u64::try_from(s.budget.as_millis()).unwrap())
        .collect();
    assert_ne!(today, [20_000, 20_000, 30_000, 30_000, 20_000]);
    assert_eq!(
        report_slides(&current, "budget_ms"),
        today.iter().map(|&b| Value::from(b)).collect::<Vec<_>>()
    );
    let spoke = [25_000_i64, 30_000, 40_000, 35_000, 20_000];
    let deltas: Vec<Value> = spoke
        .iter()
        .zip(&today)
        .map(|(&a, &b)| Value::from(a - i64::try_from(b).unwrap()))
        .collect();
    assert_eq!(report_slides(&current, "delta_ms"), deltas);
}

#[test]
fn new_notes_make_an_older_outline() {
    let (_dir, path) = short_with_a_changed_slide();
    let doc = json_of(&path, &["history"]);
    assert_eq!(
        runs_field(&doc, "outline_changed"),
        [true, true, true, false, false].map(Value::from)
    );
}

fn ms_signed(values: &[i64]) -> Vec<Value> {
    values.iter().map(|&v| Value::from(v * 1000)).collect()
}
