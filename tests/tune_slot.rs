//! `pacer tune` for a talk that keeps changing: a tuned outline still takes a new slide (tuned
//! budgets give way), and a shorter slot (`--budget`) cuts optional slides, listed with what
//! each saves, kept in the file as `skip = true`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use pacer::history::Journal;
use pacer::rehearsal::{EndReason, Event};
use pacer::talk::Source;
use serde_json::Value;

const SHORT: &str = include_str!("fixtures/tune/short.toml");

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

/// Records a complete run: `secs[i]` seconds on slide `i`.
fn rehearse(path: &Path, secs: &[u64]) {
    let plan = plan_of(path);
    let history = pacer::history::default_path(path);
    let start = jiff::Timestamp::from_second(1_750_000_000).unwrap();
    let mut journal = Journal::begin(&history, &plan, 0, None, start).unwrap();
    let mut t = Duration::ZERO;
    for (i, s) in secs.iter().enumerate() {
        if i > 0 {
            journal.record(&Event::Goto(i), t).unwrap();
        }
        t += Duration::from_secs(*s);
    }
    journal.record(&Event::End(EndReason::Finished), t).unwrap();
}

/// The short talk (Hello, Plan | Idea, Proof locked at 30 s, Extra optional) rehearsed three
/// times at 2:18, 2:20 and 2:23.
fn short_rehearsed() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = talk(SHORT);
    rehearse(&path, &[20, 28, 42, 31, 17]);
    rehearse(&path, &[19, 29, 44, 31, 17]);
    rehearse(&path, &[19, 29, 46, 32, 17]);
    (dir, path)
}

fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

fn budgets(path: &Path) -> Vec<(String, u64)> {
    plan_of(path)
        .slides
        .iter()
        .map(|s| {
            (
                s.title.clone(),
                u64::try_from(s.budget.as_millis()).unwrap(),
            )
        })
        .collect()
}

fn tune(path: &Path, args: &[&str]) -> std::process::Output {
    pacer().arg("tune").arg(path).args(args).output().unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Inserts `line` as a slide of the section whose `slides = [` line contains `marker`.
fn add_slide(path: &Path, after: &str, line: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} in\n{text}"))
        + after.len();
    let text = format!("{}{line}{}", &text[..at], &text[at..]);
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_tuned_outline_still_takes_a_new_slide() {
    let (_dir, path) = short_rehearsed();
    let out = tune(&path, &["--write"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tuned = budgets(&path);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("{ title = \"Proof\", budget = \"30s\", lock = true }"),
        "locked: no mark\n{written}"
    );
    assert_eq!(written.matches("tuned = true").count(), 4, "{written}");

    // The deck grew a slide in the section without a budget, and one with a hand-written one.
    add_slide(&path, "slides = [", "\"Backup\", ");
    add_slide(
        &path,
        "slides = [\n",
        "  { title = \"Demo\", budget = \"10s\" },\n",
    );
    let out = pacer().arg("check").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no warning either");

    let plan = plan_of(&path);
    assert_eq!(plan.slides_total(), plan.budget, "exact to the millisecond");
    let after = budgets(&path);
    let of = |list: &[(String, u64)], title: &str| {
        list.iter()
            .find(|(t, _)| t == title)
            .map(|(_, ms)| *ms)
            .unwrap()
    };
    assert_eq!(of(&after, "Proof"), 30_000, "locked: unchanged");
    assert_eq!(of(&after, "Demo"), 10_000, "hand-written: kept as written");
    // Intro (no section budget) and its new slide share the talk's time left; Body has a
    // budget, so its tuned slides give way to Demo within it.
    assert!(of(&after, "Backup") >= 2_000, "{after:?}");
    for title in ["Hello", "Plan", "Idea", "Extra"] {
        assert!(
            of(&after, title) < of(&tuned, title),
            "{title} gives way: {after:?}"
        );
    }
    let body: u64 = ["Demo", "Idea", "Proof", "Extra"]
        .iter()
        .map(|t| of(&after, t))
        .sum();
    assert_eq!(u128::from(body), plan.sections[1].budget.as_millis());
    // Tuned budgets keep their proportions as they give way (to the millisecond's rounding).
    let ratio = |list: &[(String, u64)]| of(list, "Plan") as f64 / of(list, "Hello") as f64;
    assert!(
        (ratio(&after) - ratio(&tuned)).abs() < 0.01,
        "{after:?} {tuned:?}"
    );
}

#[test]
fn old_files_with_plain_budgets_keep_their_meaning() {
    let (_dir, path) = talk(
        "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nslides = [{ title = \"a\", budget = \"30s\" }, { title = \"b\", budget = \"30s\" }, \"new\"]\n",
    );
    let out = pacer().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the talk leaves no time for 1 slide without a budget"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_shorter_slot_cuts_the_optional_slide_and_write_skips_it() {
    let (_dir, path) = short_rehearsed();
    let out = tune(&path, &["--budget", "1m 55s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "Tuning \"Short talk\": budget 1:55 (was 2:00), grace 0:10",
        "Cut to fit 1:55: 1 optional slide, saving 0:17 at your pace (--write keeps it in the file with `skip = true`):",
        "  saves  total  slide\n   0:17   0:17  Extra  (Body)\n",
        "On time: at your rehearsed pace the talk takes 2:03 (+0:08 against the new 1:55 budget",
        "-budget = \"2m\"\n+budget = \"1m 55s\"",
        "+  { title = \"Extra\", skip = true, optional = true },",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        !text.contains("  Extra    0:20"),
        "a cut slide is not in the table:\n{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SHORT,
        "no --write: untouched"
    );

    let out = tune(&path, &["--budget", "1m 55s", "--write"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 slide skipped, the talk's budget 1:55."),
        "{}",
        stdout(&out)
    );
    let out = pacer().arg("check").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with(": ok: 2 sections, 4 slides, 1:55 budget, 1 more skipped\n"),
        "{}",
        stdout(&out)
    );
    let plan = plan_of(&path);
    assert_eq!(plan.budget, Duration::from_secs(115));
    assert_eq!(plan.slides_total(), plan.budget);
    assert!(
        plan.slide_index("body/extra").is_none(),
        "the plan skips it"
    );
    assert_eq!(
        plan.slides[plan.slide_index("body/proof").unwrap()].budget,
        Duration::from_secs(30)
    );
    // The same slot again: nothing left to write.
    let out = tune(&path, &["--budget", "1m 55s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("already has these budgets: nothing to write."),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_shorter_slot_in_markdown_and_json() {
    let (_dir, path) = short_rehearsed();
    let out = tune(&path, &["--budget", "1m 55s", "--format", "markdown"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Budget 1:55 (was 2:00), grace 0:10."),
        "{text}"
    );
    assert!(
        text.contains("| Saves | Total | Slide | Section |\n| ---: | ---: | --- | --- |\n| 0:17 | 0:17 | Extra | Body |"),
        "{text}"
    );

    let out = tune(&path, &["--budget", "1m 55s", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["budget_ms"], 115_000);
    assert_eq!(doc["slot"]["file_budget_ms"], 120_000);
    let cut = doc["slot"]["cut"].as_array().unwrap();
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0]["id"], "body/extra");
    assert_eq!(cut[0]["section"], "Body");
    assert!(cut[0]["saves_ms"].as_u64().unwrap() > 16_000);
    let suggested: u64 = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["slides"].as_array().unwrap().clone())
        .map(|s| s["suggested_ms"].as_u64().unwrap())
        .sum();
    assert_eq!(suggested, 115_000);
    // A slot that fits cuts nothing, and says so; a longer one stretches the slides.
    let out = tune(&path, &["--budget", "3m"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Fits 3:00 at your rehearsed pace without cutting a slide.\n"),
        "{}",
        stdout(&out)
    );
    let out = tune(&path, &["--budget", "3m", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["slot"]["cut"], Value::Array(Vec::new()));
    assert_eq!(doc["verdict"]["kind"], "under");
    // Without --budget, `slot` is there and null.
    let out = tune(&path, &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["slot"], Value::Null);
}

#[test]
fn a_slot_too_short_even_with_every_cut_says_by_how_much() {
    let (_dir, path) = short_rehearsed();
    let out = tune(&path, &["--budget", "1m 30s", "--write"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "pacer: --budget 1:30 does not fit: at your rehearsed pace the talk takes 2:03 even \
         with its 1 optional slide cut, 0:33 over (grace 0:10); shorten or cut more slides \
         (mark them `optional = true`), or ask for at least 1:53\n"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SHORT,
        "nothing written"
    );
}

#[test]
fn a_budget_that_does_not_parse_says_how_to_write_it() {
    let (_dir, path) = short_rehearsed();
    for (arg, want) in [
        ("15", "write `15m`"),
        ("15 minuts", "write `15m`"),
        ("0s", "a budget must be more than zero: write `15m`"),
        ("25h", "at most 24 hours"),
    ] {
        let out = tune(&path, &["--budget", arg]);
        assert_eq!(out.status.code(), Some(2), "{arg}");
        assert!(stderr(&out).contains(want), "{arg}: {}", stderr(&out));
    }
}

#[test]
fn a_locked_optional_slide_is_never_cut() {
    let (_dir, path) = short_rehearsed();
    let locked = SHORT.replace(
        "{ title = \"Extra\", optional = true }",
        "{ title = \"Extra\", budget = \"20s\", optional = true, lock = true }",
    );
    std::fs::write(&path, locked).unwrap();
    let out = tune(&path, &["--budget", "1m 55s"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("and no slide is optional (and unlocked) to cut"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_section_whose_slides_are_all_skipped_is_a_warning() {
    let (_dir, path) = talk(
        "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nslides = [\"a\"]\n[[section]]\ntitle = \"Backup\"\nbudget = \"30s\"\nslides = [{ title = \"b\", skip = true }]\n",
    );
    let out = pacer().arg("check").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(":6:1: warning: every slide of section \"Backup\" has `skip = true`: the plan leaves the section out"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("1 section, 1 slide, 1:00 budget, 1 more skipped, 1 warning"),
        "{}",
        stdout(&out)
    );
    let out = pacer().arg("plan").arg(&path).output().unwrap();
    assert!(out.status.success());
    assert!(!stdout(&out).contains("Backup"), "{}", stdout(&out));
}

/// The week the issue describes: import the deck, rehearse, `tune --write`, then the deck grows
/// a slide and `import --update --write` brings it in; the tuned outline takes it.
#[test]
fn a_slide_the_deck_gains_after_tuning_gets_time() {
    use pacer::import::testdecks::{self, PptxSlide};
    let dir = tempfile::tempdir().unwrap();
    let mut deck = testdecks::sample_pptx();
    let deck_path = dir.path().join("deck.pptx");
    std::fs::write(&deck_path, deck.build()).unwrap();
    let path = dir.path().join("talk.toml");
    pacer()
        .arg("import")
        .arg(&deck_path)
        .arg("-o")
        .arg(&path)
        .assert()
        .success();
    let slides = plan_of(&path).slides.len();
    for k in 0..3 {
        let times: Vec<u64> = (0..slides as u64).map(|i| 8 + (i * 7 + k) % 13).collect();
        rehearse(&path, &times);
    }
    let out = tune(&path, &["--write"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tuned = plan_of(&path);
    assert!(
        tuned.slides.iter().all(|s| s.explicit),
        "every slide has a budget now"
    );

    deck.slides
        .insert(5, PptxSlide::titled(271, 7, "Live demo"));
    deck.sections[3].1.insert(0, 271);
    std::fs::write(&deck_path, deck.build()).unwrap();
    let out = pacer()
        .arg("import")
        .arg(&deck_path)
        .arg("--update")
        .arg(&path)
        .arg("--write")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    pacer().arg("check").arg(&path).assert().success();
    let plan = plan_of(&path);
    assert_eq!(plan.slides.len(), tuned.slides.len() + 1);
    assert_eq!(plan.slides_total(), plan.budget);
    let demo = &plan.slides[plan
        .slides
        .iter()
        .position(|s| s.title == "Live demo")
        .unwrap()];
    assert!(demo.budget >= pacer::pace::MIN_SLIDE, "{demo:?}");
    assert!(!demo.explicit);
}

/// A backup section of optional slides, all cut: the file keeps it (with its budget, which the
/// plan then leaves out with the section), and check warns.
#[test]
fn a_section_cut_whole_stays_in_the_file_and_out_of_the_plan() {
    let (_dir, path) = talk(
        "title = \"T\"\nbudget = \"2m\"\ngrace = \"5s\"\n\n[[section]]\ntitle = \"Main\"\nslides = [\"a\", \"b\"]\n\n[[section]]\ntitle = \"Backup\"\nbudget = \"1m\"\nslides = [\n  { title = \"c\", optional = true },\n  { title = \"d\", optional = true },\n]\n",
    );
    rehearse(&path, &[40, 40, 20, 25]);
    rehearse(&path, &[42, 38, 22, 24]);
    let out = tune(&path, &["--budget", "1m 30s", "--write"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Cut to fit 1:30: 2 optional slides"),
        "{text}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("budget = \"1m\"\nslides = [\n  { title = \"c\", skip = true, optional = true },\n  { title = \"d\", skip = true, optional = true },\n]\n"),
        "{written}"
    );
    let out = pacer().arg("check").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning: every slide of section \"Backup\" has `skip = true`"));
    let plan = plan_of(&path);
    assert_eq!(plan.sections.len(), 1);
    assert_eq!(plan.budget, Duration::from_secs(90));
    assert_eq!(plan.slides_total(), plan.budget);
}
