//! `pacer import` end to end: decks of every format written by the tests, imported, then
//! `check` and `plan` on the outline; `-o` that never overwrites; `--update` with and without
//! `--write`; decks that cannot be read, and their exit codes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// 2025-12-01 00:00 UTC: the header's date, so every run of these tests writes the same bytes.
const EPOCH: &str = "1764547200";

fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.env("SOURCE_DATE_EPOCH", EPOCH).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const MARP: &str = "---\nmarp: true\n---\n\n# Hello world\n\n<!-- Say hello. -->\n\n---\n\n\
                    # Second slide\n\n```\n---\n# not a title\n```\n\n<!-- _class: invert -->\n\n\
                    ---\n\nSome text only\n";
const SLIDEV: &str = "---\ntitle: Slidev talk\nduration: 25min\n---\n\n# Welcome\n\n\
                      <!-- the note -->\n\n---\nlayout: section\n---\n\n# Part two\n\n---\n\
                      hide: true\n---\n\n# Hidden\n";
const REVEAL: &str = "# Reveal talk\n\nNote: say hello\n\n---\n\n## Second\n\n--\n\n\
                      ## Vertical child\n\nNotes: more\n";
const PRESENTERM: &str = "---\ntitle: Presenterm talk\n---\n\nFirst\n=====\n\n\
                          <!-- speaker_note: hello -->\n\n<!-- end_slide -->\n\nSecond\n======\n\n\
                          <!-- skip_slide -->\n\n<!-- end_slide -->\n\nThird\n=====\n";
const QUARTO: &str = "---\ntitle: \"Quarto talk\"\nformat: revealjs\n---\n\n# Part one\n\n\
                      ## Slide A\n\n::: {.notes}\nNotes for A\n:::\n\n## Slide B\n";
const PANDOC: &str = "# Section\n\n## Slide one\n\n::: notes\nNotes one\n:::\n\n## Slide two\n";
const REMARK: &str = "class: center\n\n# Remark talk\n\n???\nnotes here\n\n---\n\n# Second\n\n\
                      --\n\nmore\n\n---\nexclude: true\n\n# Excluded\n";

/// Imports `deck` to `talk.toml` beside it; then `check` and `plan` must pass on it.
fn import_then_check_and_plan(deck: &Path, args: &[&str]) -> (String, String) {
    let talk = deck.with_file_name("talk.toml");
    let _ = std::fs::remove_file(&talk);
    let output = pacer()
        .arg("import")
        .arg(deck)
        .args(args)
        .arg("-o")
        .arg(&talk)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{}: {stderr}", deck.display());
    let leftovers: Vec<_> = std::fs::read_dir(deck.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".pacer-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    pacer().arg("check").arg(&talk).assert().success();
    pacer().arg("plan").arg(&talk).assert().success();
    (std::fs::read_to_string(&talk).unwrap(), stderr)
}

#[test]
fn every_markdown_flavour_imports_then_checks_and_plans() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, from, format, slides) in [
        ("marp.md", MARP, None, "marp", 3),
        ("slidev.md", SLIDEV, None, "slidev", 2),
        ("reveal.md", REVEAL, None, "reveal", 3),
        ("presenterm.md", PRESENTERM, None, "presenterm", 3),
        ("talk.qmd", QUARTO, None, "quarto", 4),
        ("pandoc.md", PANDOC, Some("pandoc"), "pandoc", 3),
        ("remark.md", REMARK, None, "remark", 2),
    ] {
        let deck = write(dir.path(), name, text);
        let args: Vec<&str> = from.map(|f| vec!["--from", f]).unwrap_or_default();
        let (outline, stderr) = import_then_check_and_plan(&deck, &args);
        assert!(
            stderr.starts_with(&format!(
                "{}: {slides} slides imported from the {format} deck",
                deck.display()
            )),
            "{name}: {stderr}"
        );
        assert!(
            outline.starts_with(&format!(
                "# Imported by `pacer import` from {name} ({format}, fingerprint "
            )),
            "{name}: {outline}"
        );
        assert!(outline.contains(" on 2025-12-01.\n"), "{outline}");
        // Same deck in, same bytes out: stdout is the file, run after run.
        let stdout = pacer()
            .arg("import")
            .arg(&deck)
            .args(&args)
            .output()
            .unwrap()
            .stdout;
        let again = String::from_utf8(stdout).unwrap();
        assert_eq!(
            again.replace("--update TALK.toml", "--update talk.toml"),
            outline,
            "{name}"
        );
    }
}

#[test]
fn the_summary_counts_what_a_speaker_checks() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write(dir.path(), "slidev.md", SLIDEV);
    let (outline, stderr) = import_then_check_and_plan(&deck, &[]);
    assert!(
        stderr.contains("1 hidden slide left out (--include-hidden keeps them)"),
        "{stderr}"
    );
    assert!(stderr.contains("1 slide with notes"), "{stderr}");
    assert!(
        stderr.contains("talk budget 25:00: from the deck"),
        "{stderr}"
    );
    assert!(
        outline.contains("budget = \"25m\"  # from the deck"),
        "{outline}"
    );

    let (outline, stderr) =
        import_then_check_and_plan(&deck, &["--include-hidden", "--budget", "10m"]);
    assert!(
        stderr.contains("1 hidden slide kept as optional"),
        "{stderr}"
    );
    assert!(outline.contains("optional = true"), "{outline}");
    assert!(
        outline.contains("budget = \"10m\"  # from --budget"),
        "{outline}"
    );
}

#[test]
fn output_never_overwrites_and_points_at_update() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write(dir.path(), "marp.md", MARP);
    let talk = write(dir.path(), "talk.toml", "mine");
    pacer()
        .arg("import")
        .arg(&deck)
        .arg("-o")
        .arg(&talk)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{} already exists: pacer import never overwrites a talk; to bring it up to date \
             with the deck, run `pacer import {} --update {}`",
            talk.display(),
            deck.display(),
            talk.display()
        )));
    assert_eq!(std::fs::read_to_string(&talk).unwrap(), "mine");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn update_shows_a_diff_then_writes_keeping_hand_edits() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write(dir.path(), "marp.md", MARP);
    let (outline, _) = import_then_check_and_plan(&deck, &[]);
    let talk = dir.path().join("talk.toml");
    // The speaker tunes a budget, locks it, and comments.
    let edited = outline
        .replace(
            "title = \"Second slide\"\n",
            "title = \"Second slide\"\nbudget = \"2m\"  # tuned by hand\nlock = true\n",
        )
        .replace("[[section]]\n", "# My sections.\n[[section]]\n");
    std::fs::write(&talk, &edited).unwrap();
    // The deck changes: a slide renamed, a new one.
    write(
        dir.path(),
        "marp.md",
        MARP.replace("# Second slide", "# Second slide, renamed")
            .replace("Some text only", "# Brand new\n\n---\n\nSome text only"),
    );
    let shown = pacer()
        .arg("import")
        .arg(&deck)
        .arg("--update")
        .arg(&talk)
        .output()
        .unwrap();
    assert!(shown.status.success());
    let diff = String::from_utf8(shown.stdout).unwrap();
    let stderr = String::from_utf8(shown.stderr).unwrap();
    assert!(
        diff.contains("+title = \"Second slide, renamed\"\n"),
        "{diff}"
    );
    assert!(diff.contains("+title = \"Brand new\"\n"), "{diff}");
    assert!(
        stderr.contains("1 added, 0 removed, 0 moved, 1 renamed"),
        "{stderr}"
    );
    assert!(stderr.contains("add --write"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&talk).unwrap(),
        edited,
        "written without --write"
    );

    pacer()
        .arg("import")
        .arg(&deck)
        .arg("--update")
        .arg(&talk)
        .arg("--write")
        .assert()
        .success();
    let after = std::fs::read_to_string(&talk).unwrap();
    // Outside the changed lines, the file is the same, byte for byte.
    let changed = |line: &str| {
        line.starts_with("# Imported by")
            || line.contains("Second slide")
            || line.contains("Brand new")
            || line.starts_with("id = ")
            || line == "[[section.slides]]"
            || line.is_empty()
    };
    let kept_before: Vec<&str> = edited.lines().filter(|l| !changed(l)).collect();
    let kept_after: Vec<&str> = after.lines().filter(|l| !changed(l)).collect();
    assert_eq!(kept_before, kept_after);
    assert!(
        after.contains("budget = \"2m\"  # tuned by hand\nlock = true\n"),
        "{after}"
    );
    pacer().arg("plan").arg(&talk).assert().success();
    // Once in step, a second update changes nothing.
    pacer()
        .arg("import")
        .arg(&deck)
        .arg("--update")
        .arg(&talk)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("is up to date with"));
}

#[test]
fn decks_that_cannot_be_read_say_why_with_the_right_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path(), "plain.md", "# Just a heading\n\ntext\n");
    let bad_utf8 = write(
        dir.path(),
        "bad.md",
        b"---\nmarp: true\n---\n\n# Caf\xe9\n".as_slice(),
    );
    let unknown = write(dir.path(), "notes.docx", "hello");
    let folder = dir.path().join("Deck.key");
    std::fs::create_dir(&folder).unwrap();
    for (path, args, code, says) in [
        (
            &plain,
            &[][..],
            2,
            "say it with --from marp, slidev, reveal, presenterm, quarto, pandoc or remark"
                .to_owned(),
        ),
        (
            &bad_utf8,
            &["--from", "marp"][..],
            2,
            format!(
                "{}: line 5: column 6: byte 0xE9 is not UTF-8",
                bad_utf8.display()
            ),
        ),
        (&unknown, &[][..], 2, "--from pptx".to_owned()),
        (&folder, &[][..], 2, "is a folder".to_owned()),
        // A deck that is not there is the user's to fix, by the shell's one rule for files.
        (
            &dir.path().join("missing.pptx"),
            &[][..],
            2,
            "cannot read".to_owned(),
        ),
    ] {
        let output = pacer().arg("import").arg(path).args(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "{}: {stderr}",
            path.display()
        );
        assert!(stderr.contains(&says), "{}: {stderr}", path.display());
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Error {"),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn write_needs_update_and_output_excludes_update() {
    pacer().args(["import", "d.md", "--write"]).assert().code(2);
    pacer()
        .args(["import", "d.md", "-o", "a.toml", "--update", "b.toml"])
        .assert()
        .code(2);
    pacer()
        .args(["import", "d.md", "--from", "keynote"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "possible values: pptx, odp, pdf, marp",
        ));
}

#[test]
fn pptx_odp_and_pdf_import_then_check_and_plan() {
    use pacer::import::testdecks;
    let dir = tempfile::tempdir().unwrap();
    let pptx = write(dir.path(), "deck.pptx", testdecks::sample_pptx().build());
    let (outline, stderr) = import_then_check_and_plan(&pptx, &[]);
    assert!(
        stderr.contains("5 slides imported from the pptx deck, in 3 sections"),
        "{stderr}"
    );
    assert!(stderr.contains("1 hidden slide left out"), "{stderr}");
    assert!(
        stderr.contains("2 slide timings from the deck kept as budgets"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: section `Slack` has no slides"),
        "{stderr}"
    );
    assert!(
        outline.contains("title = \"Making diffusion light on a phone\"\nbudget = \"15s\"\n"),
        "{outline}"
    );
    assert!(
        outline.contains("# title guessed: first text line: no title placeholder"),
        "{outline}"
    );

    let odp = write(dir.path(), "deck.odp", testdecks::sample_odp().build());
    let (outline, stderr) = import_then_check_and_plan(&odp, &[]);
    assert!(
        stderr.contains("slides imported from the odp deck"),
        "{stderr}"
    );
    assert!(outline.contains("budget = \"3s 500ms\""), "{outline}");

    // A PDF alone: pages grouped by label, sections from the outline, no notes.
    let pdf = write(dir.path(), "deck.pdf", testdecks::sample_pdf().build());
    let (_, stderr) = import_then_check_and_plan(&pdf, &[]);
    assert!(
        stderr.contains("9 slides imported from the pdf deck"),
        "{stderr}"
    );
    assert!(!stderr.contains(".pdfpc"), "{stderr}");
    // With its sidecar: its duration, notes and hidden page.
    write(dir.path(), "deck.pdfpc", testdecks::sample_pdfpc());
    let (outline, stderr) = import_then_check_and_plan(&pdf, &[]);
    assert!(
        stderr.contains("8 slides imported from the pdf deck"),
        "{stderr}"
    );
    assert!(stderr.contains("read from "), "{stderr}");
    assert!(
        outline.contains("budget = \"15m\"  # from the deck"),
        "{outline}"
    );
    assert!(outline.contains("Welcome, and thanks."), "{outline}");
}

#[test]
fn binary_files_pacer_cannot_read_say_what_to_do() {
    use pacer::import::testdecks;
    let dir = tempfile::tempdir().unwrap();
    let pptx = testdecks::sample_pptx().build();
    for (name, bytes, args, says) in [
        (
            "lfs.pptx",
            testdecks::lfs_pointer(),
            &[][..],
            "git lfs pull",
        ),
        (
            "lfs2.pptx",
            testdecks::lfs_pointer(),
            &["--from", "pptx"][..],
            "git lfs pull",
        ),
        (
            "enc.pptx",
            testdecks::ole_file(&["EncryptionInfo", "EncryptedPackage"]),
            &[][..],
            "remove the password",
        ),
        (
            "old.ppt",
            testdecks::ole_file(&["PowerPoint Document"]),
            &[][..],
            "save it as .pptx",
        ),
        ("talk.key", testdecks::keynote_zip(), &[][..], "Export To"),
        (
            "other.zip",
            testdecks::zip_of(&[("a.txt", b"x")]),
            &[][..],
            "not a deck",
        ),
        (
            "cut.pptx",
            pptx[..pptx.len() / 2].to_vec(),
            &[][..],
            "damaged or truncated",
        ),
        ("empty.pdf", Vec::new(), &[][..], "empty.pdf: "),
    ] {
        let path = write(dir.path(), name, bytes);
        let talk = dir.path().join(format!("{name}.toml"));
        let output = pacer()
            .arg("import")
            .arg(&path)
            .args(args)
            .arg("-o")
            .arg(&talk)
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("pacer: {}: ", path.display())),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!talk.exists(), "{name}: a file was left");
    }
}

#[test]
fn a_changed_pptx_updates_in_place_keeping_tuned_budgets() {
    use pacer::import::testdecks::{self, PptxSlide};
    let dir = tempfile::tempdir().unwrap();
    let mut deck = testdecks::sample_pptx();
    let path = write(dir.path(), "deck.pptx", deck.build());
    let (outline, _) = import_then_check_and_plan(&path, &[]);
    let talk = dir.path().join("talk.toml");
    let edited = outline.replace(
        "  \"Questions\",\n",
        "  { title = \"Questions\", budget = \"2m\", lock = true },  # room for Q&A\n",
    );
    assert_ne!(edited, outline);
    std::fs::write(&talk, &edited).unwrap();
    let before = pacer::load(&pacer::talk::Source::new("talk.toml", edited.clone())).unwrap();

    // During the week: "Who I am" renamed, a demo slide added before the questions.
    deck.slides[1].title = Some(vec!["About me".into()]);
    deck.slides
        .insert(5, PptxSlide::titled(271, 7, "Live demo"));
    deck.sections[3].1.insert(0, 271);
    write(dir.path(), "deck.pptx", deck.build());

    pacer()
        .arg("import")
        .arg(&path)
        .arg("--update")
        .arg(&talk)
        .arg("--write")
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "1 added, 0 removed, 0 moved, 1 renamed",
        ));
    let after_text = std::fs::read_to_string(&talk).unwrap();
    assert!(
        after_text.contains(
            "slides = [\n  \"Live demo\",\n  { title = \"Questions\", budget = \"2m\", lock = true },  # room for Q&A\n]\n"
        ),
        "{after_text}"
    );
    let after = pacer::load(&pacer::talk::Source::new("talk.toml", after_text)).unwrap();
    // The renamed slide keeps its id (and so its rehearsal history).
    assert_eq!(after.plan.slides[1].title, "About me");
    assert_eq!(after.plan.slides[1].id, before.plan.slides[1].id);
    assert_eq!(after.plan.slides_total(), after.plan.budget);
    pacer().arg("check").arg(&talk).assert().success();
}

/// The Markdown readers' own fixture decks (each with its tool's traps), through the command:
/// each is recognised by its content and its outline checks and plans.
#[test]
fn the_fixture_decks_import_then_check_and_plan() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/decks");
    let mut seen = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let source = entry.unwrap().path();
        let dir = tempfile::tempdir().unwrap();
        let name = source.file_name().unwrap().to_str().unwrap().to_owned();
        let deck = write(dir.path(), &name, std::fs::read(&source).unwrap());
        let (_, stderr) = import_then_check_and_plan(&deck, &[]);
        let flavour = source.file_stem().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(&format!(" from the {flavour} deck")),
            "{name}: {stderr}"
        );
        seen += 1;
    }
    assert!(seen >= 7, "{seen} fixture decks");
}

#[test]
fn a_ten_thousand_slide_deck_imports_checks_and_plans() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("---\nmarp: true\n---\n");
    for n in 1..=10_000 {
        let _ = write!(text, "\n# Slide number {n}\n\n<!-- note {n} -->\n\n---\n");
    }
    text.push_str("\n# The end\n");
    let deck = write(dir.path(), "big.md", text);
    let (outline, stderr) = import_then_check_and_plan(&deck, &["--budget", "10h"]);
    assert!(stderr.contains("10001 slides imported"), "{stderr}");
    assert_eq!(outline.matches("[[section.slides]]").count(), 10_001);
    // Too short a budget for so many slides is said plainly, and nothing is written.
    let talk = dir.path().join("short.toml");
    pacer()
        .arg("import")
        .arg(&deck)
        .args(["--budget", "5s", "-o"])
        .arg(&talk)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a talk budget of 5000 ms cannot be shared among 10001 slides",
        ));
    assert!(!talk.exists());
}

#[test]
fn an_update_that_would_not_plan_writes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let deck = write(dir.path(), "reveal.md", "# A\n\n---\n\n# B\n");
    let talk = write(
        dir.path(),
        "talk.toml",
        "title = \"T\"\nbudget = \"1m\"\n\n[[section]]\ntitle = \"Slides\"\nslides = [\n  { title = \"A\", budget = \"30s\" },\n  { title = \"B\", budget = \"30s\" },\n]\n",
    );
    std::fs::write(&deck, "# A\n\n---\n\n# B\n\n---\n\n# C\n").unwrap();
    let before = std::fs::read(&talk).unwrap();
    pacer()
        .arg("import")
        .arg(&deck)
        .args(["--from", "reveal", "--update"])
        .arg(&talk)
        .arg("--write")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("leaves no time for 1 slide"))
        .stderr(predicates::str::contains("would not plan once updated"));
    assert_eq!(std::fs::read(&talk).unwrap(), before);
}
