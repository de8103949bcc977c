//! `pacer report` and `pacer history` end to end: every format against the fixture histories
//! (golden outputs), the schemas, damaged histories, the errors people meet.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report")
        .join(name)
}

/// `pacer` with a fixed time zone and no colour from the environment.
fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `pacer ARGS` on the fixture talk and `history`, expecting success; returns stdout.
fn run(history: &str, args: &[&str]) -> String {
    let out = pacer()
        .arg(args[0])
        .arg(fixture("talk.toml"))
        .arg("--history")
        .arg(fixture(history))
        .args(&args[1..])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pacer {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every line of a text output fits 80 terminal columns.
fn fits_80(text: &str) {
    for line in text.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
}

const CASES: [(&str, &str, &[&str]); 7] = [
    ("one_run", "several.history.jsonl", &["report"]),
    (
        "several_runs",
        "several.history.jsonl",
        &["report", "--last", "5"],
    ),
    (
        "compare",
        "several.history.jsonl",
        &["report", "--compare", "1", "5"],
    ),
    (
        "cut_short",
        "several.history.jsonl",
        &["report", "--run", "3"],
    ),
    (
        "older_outline",
        "older.history.jsonl",
        &["report", "--last", "3"],
    ),
    (
        "older_compare",
        "older.history.jsonl",
        &["report", "--compare", "1", "3"],
    ),
    (
        "older_run",
        "older.history.jsonl",
        &["report", "--run", "1"],
    ),
];

#[test]
fn golden_text_markdown_json_csv() {
    for (name, history, args) in CASES {
        for format in ["text", "markdown", "json", "csv"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let out = run(history, &all);
            if format == "text" {
                fits_80(&out);
            }
            insta::assert_snapshot!(format!("{name}_{format}"), out);
        }
    }
}

#[test]
fn golden_history() {
    for (name, history) in [
        ("several", "several.history.jsonl"),
        ("older", "older.history.jsonl"),
    ] {
        for format in ["text", "json", "csv"] {
            let out = run(history, &["history", "--format", format]);
            if format == "text" {
                // Into a pipe the last column is written whole ("cut short (no end
                // recorded)" is past 80 columns); everything before it fits.
                for line in out.lines() {
                    let head: String = line.chars().take(59).collect();
                    assert!(head.width() <= 59, "{line}");
                }
            }
            insta::assert_snapshot!(format!("history_{name}_{format}"), out);
        }
    }
}

#[test]
fn json_schema_is_stable() {
    use serde_json::Value;
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let run_keys = [
        "budget_ms",
        "complete",
        "covered",
        "delta_ms",
        "end",
        "from_slide",
        "id",
        "in_progress",
        "length_ms",
        "marks",
        "number",
        "on_time",
        "outline_changed",
        "partial",
        "paused_ms",
        "scope",
        "skipped",
        "slides",
        "started_at",
        "stopped_on",
        "talked_ms",
    ];
    for (kind, args, top) in [
        (
            "run",
            vec!["report"],
            vec![
                "against", "finish", "kind", "overruns", "run", "schema", "sections", "slides",
                "talk",
            ],
        ),
        (
            "runs",
            vec!["report", "--last", "5"],
            vec![
                "against",
                "kind",
                "runs",
                "schema",
                "sections",
                "sections_over",
                "slides",
                "slides_over",
                "talk",
                "totals",
                "trend",
            ],
        ),
        (
            "compare",
            vec!["report", "--compare", "1", "5"],
            vec![
                "a", "against", "b", "kind", "schema", "sections", "slides", "talk",
            ],
        ),
    ] {
        let mut args = args;
        args.extend(["--format", "json"]);
        let doc: Value = serde_json::from_str(&run("several.history.jsonl", &args)).unwrap();
        assert_eq!(doc["schema"], "pacer.report/1");
        assert_eq!(doc["kind"], kind);
        assert_eq!(keys(&doc), top, "{kind}");
        assert_eq!(
            keys(&doc["talk"]),
            ["budget_ms", "grace_ms", "slides", "title", "warn"]
        );
        let runs: Vec<&Value> = match kind {
            "run" => vec![&doc["run"]],
            "runs" => doc["runs"].as_array().unwrap().iter().collect(),
            _ => vec![&doc["a"], &doc["b"]],
        };
        for r in runs {
            assert_eq!(keys(r), run_keys, "{kind}");
            assert!(r["talked_ms"].is_u64() && r["delta_ms"].is_i64());
        }
        let slide = &doc["slides"][0];
        assert!(
            slide["id"].is_string() && slide["budget_ms"].is_u64(),
            "{kind}: {slide}"
        );
    }
    let doc: Value = serde_json::from_str(&run(
        "several.history.jsonl",
        &["history", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(doc["schema"], "pacer.history/1");
    assert_eq!(keys(&doc["runs"][0]), run_keys);
}

#[test]
fn the_trend_shows_in_every_format() {
    use serde_json::Value;
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let report = |format: &str| {
        run(
            "several.history.jsonl",
            &["report", "--last", "5", "--format", format],
        )
    };
    let words = "Trend: oldest run +0:41 → newest run -0:10: converging on the budget";
    assert!(report("text").contains(words));
    assert!(report("markdown").contains(&format!("{words}.")));
    let doc: Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(
        keys(&doc["trend"]),
        [
            "direction",
            "newest_delta_ms",
            "oldest_delta_ms",
            "runs_each"
        ]
    );
    assert_eq!(
        (
            &doc["trend"]["direction"],
            &doc["trend"]["runs_each"],
            &doc["trend"]["oldest_delta_ms"],
            &doc["trend"]["newest_delta_ms"]
        ),
        (
            &Value::from("converging"),
            &Value::from(1),
            &Value::from(41_000),
            &Value::from(-10_000)
        )
    );
    let csv = report("csv");
    let talk = csv.lines().find(|l| l.starts_with("talk,")).unwrap();
    assert!(talk.ends_with(",converging,1,41000,-10000"), "{talk}");
    assert!(
        csv.lines()
            .filter(|l| !l.starts_with("talk,") && !l.starts_with("level,"))
            .all(|l| l.ends_with(",,,,")),
        "only the talk row carries the trend"
    );
    let two = run(
        "several.history.jsonl",
        &["report", "--last", "2", "--format", "json"],
    );
    let doc: Value = serde_json::from_str(&two).unwrap();
    assert!(
        doc["trend"].is_null(),
        "fewer than 3 complete runs: no trend"
    );
}

#[test]
fn csv_headers_are_stable() {
    let header = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--format", "csv"]);
        run("several.history.jsonl", &all)
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        header(&["report"]),
        "level,number,id,section,title,status,marked,budget_ms,actual_ms,delta_ms,planned_start_ms,entered_ms,skipped"
    );
    assert_eq!(
        header(&["report", "--last", "2"]),
        "level,number,id,section,title,budget_ms,runs,median_ms,min_ms,max_ms,spread_ms,over,trend,trend_runs_each,trend_oldest_delta_ms,trend_newest_delta_ms"
    );
    assert_eq!(
        header(&["report", "--compare", "1", "2"]),
        "level,number,id,section,title,budget_ms,a_ms,b_ms,a_status,b_status,change_ms,shown_change_ms"
    );
    assert_eq!(
        header(&["history"]),
        "number,id,started_at,end,complete,partial,from_slide,scope,outline_changed,talked_ms,paused_ms,length_ms,budget_ms,delta_ms,on_time,covered,slides,marks,skipped,in_progress,kind,answered,missed,shaky,good,unrated,over_budget,not_asked"
    );
}

#[test]
fn the_svg_chart_parses_and_has_its_lines() {
    for args in [
        vec!["report"],
        vec!["report", "--last", "5"],
        vec!["report", "--compare", "1", "5"],
    ] {
        let mut all = args.clone();
        all.extend(["--format", "svg"]);
        let svg = run("several.history.jsonl", &all);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .map(str::trim)
            .collect();
        for want in [
            "plan (5:00)",
            "Results",
            "5:00",
            "planned time (where the talk should be)",
        ] {
            assert!(
                texts.iter().any(|t| t.contains(want)),
                "{args:?}: no text {want:?} in {texts:?}"
            );
        }
        assert!(
            texts.iter().any(|t| t.starts_with("▲ ")),
            "an over section is marked"
        );
        let longest = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .map(|n| {
                n.attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .count()
            })
            .max()
            .unwrap();
        assert_eq!(
            longest, 12,
            "a whole run: its start and the end of its 11 slides"
        );
    }
    let svg = run(
        "several.history.jsonl",
        &["report", "--last", "5", "--format", "svg"],
    );
    for label in ["run 1 (5:41)", "run 3 (2:18, cut short)", "run 5 (4:50)"] {
        assert!(svg.contains(label), "legend {label}");
    }
}

#[test]
fn a_damaged_history_still_reports_names_each_bad_line_and_stays_as_it_was() {
    let path = fixture("damaged.history.jsonl");
    let before = std::fs::read(&path).unwrap();
    for args in [vec!["report", "--last", "5"], vec!["history"]] {
        let out = pacer()
            .arg(args[0])
            .arg(fixture("talk.toml"))
            .arg("--history")
            .arg(&path)
            .args(&args[1..])
            .output()
            .unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 4, "{stderr}");
        for (line, (n, why)) in lines.iter().zip([
            (4, "not a pacer record"),
            (8, "not a pacer record"),
            (13, "which has no start"),
            (59, "torn"),
        ]) {
            assert!(line.starts_with("pacer: warning: "), "{line}");
            assert!(
                line.contains(&format!("damaged.history.jsonl:{n}: skipped")),
                "{line}"
            );
            assert!(line.contains(why), "{line}");
        }
        let clean = run("several.history.jsonl", &args);
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            clean,
            "the same runs"
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "never modified");
}

#[test]
fn no_history_says_how_to_record_one() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("talk.toml");
    std::fs::copy(fixture("talk.toml"), &talk).unwrap();
    // `history` of a talk never rehearsed is no error: tests/history_cli.rs.
    let out = pacer().arg("report").arg(&talk).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no rehearsals recorded for"), "{stderr}");
    assert!(stderr.contains("pacer run"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
    // An empty history file, or one of nothing but garbage, says the same.
    std::fs::write(dir.path().join("talk.history.jsonl"), "garbage\n").unwrap();
    let out = pacer().arg("report").arg(&talk).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(":1: skipped") && stderr.contains("no rehearsals recorded"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_run_lists_the_valid_ones() {
    for args in [
        vec!["--run", "9"],
        vec!["--compare", "2", "7"],
        vec!["--run", "0"],
    ] {
        let out = pacer()
            .arg("report")
            .arg(fixture("talk.toml"))
            .arg("--history")
            .arg(fixture("several.history.jsonl"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("its runs are 1 to 5"), "{stderr}");
    }
}

#[test]
fn bad_usage_is_exit_2() {
    for args in [
        vec!["report", "--last", "0"],
        vec!["report", "--run", "1", "--last", "2"],
        vec!["report", "--compare", "1"],
        vec!["history", "--format", "svg"],
    ] {
        let out = pacer()
            .args(&args[..1])
            .arg(fixture("talk.toml"))
            .arg("--history")
            .arg(fixture("several.history.jsonl"))
            .args(&args[1..])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn output_goes_to_a_whole_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.md");
    std::fs::write(&file, "old").unwrap();
    let out = pacer()
        .arg("report")
        .arg(fixture("talk.toml"))
        .arg("--history")
        .arg(fixture("several.history.jsonl"))
        .args(["--format", "markdown", "--output"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        run("several.history.jsonl", &["report", "--format", "markdown"])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.md"], "no temp file left behind");
    // A folder that does not exist: the user's input (README: not found is exit 2), named,
    // and nothing written.
    let out = pacer()
        .arg("report")
        .arg(fixture("talk.toml"))
        .arg("--history")
        .arg(fixture("several.history.jsonl"))
        .arg("--output")
        .arg(dir.path().join("missing/report.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("missing/report.txt"), "{stderr}");
    assert!(!dir.path().join("missing").exists());
}

/// Every `<text>` of an SVG document, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_owned())
        .collect()
}

#[test]
fn the_delta_chart_draws_each_run_against_zero_with_the_grace_band() {
    for args in [
        vec!["report", "--format", "svg", "--chart", "delta"],
        vec![
            "report", "--last", "5", "--format", "svg", "--chart", "delta",
        ],
        vec![
            "report",
            "--compare",
            "1",
            "5",
            "--format",
            "svg",
            "--chart",
            "delta",
        ],
    ] {
        let svg = run("several.history.jsonl", &args);
        let texts = svg_texts(&svg);
        for want in [
            "behind (+) / ahead (-) of the plan",
            "planned time (where the talk should be)",
            "on plan",
            "on time: within ±0:10",
            "Opening",
            "Results",
        ] {
            assert!(
                texts.iter().any(|t| t.contains(want)),
                "{args:?}: no text {want:?} in {texts:?}"
            );
        }
        assert!(texts.iter().any(|t| t.starts_with('+')), "signed labels");
        assert!(texts.iter().any(|t| t.starts_with('-')), "signed labels");
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let longest = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .map(|n| {
                n.attribute("points")
                    .unwrap_or("")
                    .split_whitespace()
                    .count()
            })
            .max()
            .unwrap();
        assert_eq!(longest, 12, "{args:?}: the start and the end of 11 slides");
    }
    let svg = run(
        "several.history.jsonl",
        &[
            "report", "--last", "5", "--format", "svg", "--chart", "delta",
        ],
    );
    for label in ["run 1 (5:41)", "run 3 (2:18, cut short)", "run 5 (4:50)"] {
        assert!(svg.contains(label), "legend {label}");
    }
    // The pace chart stays the default.
    assert_eq!(
        run("several.history.jsonl", &["report", "--format", "svg"]),
        run(
            "several.history.jsonl",
            &["report", "--format", "svg", "--chart", "pace"]
        )
    );
}

#[test]
fn the_sections_chart_has_every_section_with_its_median_delta() {
    // Run 5: Opening partly skipped (its time does not count), Method +0:11 (over), Results
    // -0:05.
    let svg = run(
        "several.history.jsonl",
        &["report", "--format", "svg", "--chart", "sections"],
    );
    let texts = svg_texts(&svg);
    for want in ["▲ Method", "Results", "+0:11", "-0:05"] {
        assert!(
            texts.iter().any(|t| t == want),
            "no text {want:?} in {texts:?}"
        );
    }
    assert!(
        !texts.iter().any(|t| t == "-0:16"),
        "a section with a slide skipped has no delta to chart: {texts:?}"
    );
    assert!(texts.iter().any(|t| t.ends_with("1 run")), "{texts:?}");
    let svg = run(
        "several.history.jsonl",
        &[
            "report", "--last", "5", "--format", "svg", "--chart", "sections",
        ],
    );
    let texts = svg_texts(&svg);
    for want in ["Opening", "Results"] {
        assert!(
            texts.iter().any(|t| t.ends_with(want)),
            "{want} in {texts:?}"
        );
    }
    assert!(
        texts
            .iter()
            .any(|t| t.contains("sections over (+) and under (-) budget")),
        "{texts:?}"
    );
}

#[test]
fn a_chart_without_svg_is_bad_usage() {
    let out = pacer()
        .args(["report"])
        .arg(fixture("talk.toml"))
        .arg("--history")
        .arg(fixture("several.history.jsonl"))
        .args(["--chart", "delta"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "pacer: --chart picks the chart that --format svg draws: add --format svg"
    );
}

#[test]
fn the_html_report_is_one_page_with_every_slide_and_its_charts() {
    let text = std::fs::read_to_string(fixture("talk.toml")).unwrap();
    let plan = pacer::load(&pacer::talk::Source::new("talk.toml", text))
        .unwrap()
        .plan;
    for args in [
        vec!["report", "--format", "html"],
        vec!["report", "--last", "5", "--format", "html"],
        vec!["report", "--compare", "1", "5", "--format", "html"],
    ] {
        let html = run("several.history.jsonl", &args);
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&html, options).unwrap();
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("td") || n.has_tag_name("h2") || n.has_tag_name("h1"))
            .filter_map(|n| n.text())
            .collect();
        assert!(texts.contains(&plan.title.as_str()), "{args:?}");
        for title in plan
            .sections
            .iter()
            .map(|s| &s.title)
            .chain(plan.slides.iter().map(|s| &s.title))
        {
            assert!(texts.contains(&title.as_str()), "{args:?}: {title}");
        }
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
            3,
            "{args:?}"
        );
    }
}

/// A history written before pacer recorded fingerprints reads exactly as the same runs with
/// them: the committed copy of the older format against the fixture the journal writes now.
#[test]
fn a_history_from_before_fingerprints_reports_as_before() {
    let old = std::fs::read_to_string(fixture("before-fingerprints.history.jsonl")).unwrap();
    assert!(!old.contains("fingerprint"), "the older format");
    for args in [
        &["report"][..],
        &["report", "--last", "5"],
        &["report", "--compare", "1", "5"],
        &["history"],
    ] {
        for format in ["text", "json", "csv"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            assert_eq!(
                run("before-fingerprints.history.jsonl", &all),
                run("several.history.jsonl", &all),
                "{all:?}"
            );
        }
    }
}

#[test]
fn a_history_of_garbage_lists_a_hundred_skipped_lines_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("garbage.history.jsonl");
    let mut text = "not a record\n".repeat(10_000);
    text.push_str(&std::fs::read_to_string(fixture("several.history.jsonl")).unwrap());
    std::fs::write(&history, text).unwrap();
    let out = pacer()
        .arg("report")
        .arg(fixture("talk.toml"))
        .arg("--history")
        .arg(&history)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 101, "{}", lines[..3].join("\n"));
    assert!(
        lines[0].contains("garbage.history.jsonl:1: skipped: not a pacer record"),
        "{}",
        lines[0]
    );
    assert!(
        lines[100].ends_with("9900 more lines skipped (only the first 100 are listed)"),
        "{}",
        lines[100]
    );
}

/// A run this test process is recording (its recorder alive), back on slide 1 after slide 2:
/// `report` shows slide 1's first visit in every format, and its section holds it.
#[test]
fn a_run_in_progress_back_on_its_first_slide_keeps_the_first_visit() {
    use pacer::history::{Journal, Recorder};
    use pacer::rehearsal::Event;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("live.history.jsonl");
    let source =
        pacer::talk::Source::from_bytes("talk.toml", std::fs::read(fixture("talk.toml")).unwrap());
    let plan = pacer::load(&source).unwrap().plan;
    let started = "2025-03-06T08:30:00Z".parse().unwrap();
    let mut journal = Journal::begin_by(
        &history,
        &plan,
        0,
        None,
        started,
        Some(Recorder::this_process()),
    )
    .unwrap();
    journal
        .record(&Event::Goto(1), Duration::from_secs(17))
        .unwrap();
    journal
        .record(&Event::Goto(0), Duration::from_secs(31))
        .unwrap();
    let report = |format: &str| {
        let out = pacer()
            .arg("report")
            .arg(fixture("talk.toml"))
            .arg("--history")
            .arg(&history)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = report("text");
    assert!(text.contains("· ▷ in progress"), "{text}");
    let title = text
        .lines()
        .find(|l| l.starts_with("     1 ▷"))
        .unwrap_or_else(|| panic!("slide 1 in progress:\n{text}"));
    assert!(title.contains("0:15   0:17"), "{title}");
    let opening = text
        .lines()
        .find(|l| l.starts_with("  ▷ Opening"))
        .unwrap_or_else(|| panic!("Opening:\n{text}"));
    assert!(opening.contains("0:45   0:31"), "17 s and 14 s: {opening}");
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(json["run"]["in_progress"], true);
    assert_eq!(json["slides"][0]["actual_ms"], 17_000);
    assert_eq!(json["slides"][1]["actual_ms"], 14_000);
    assert_eq!(json["sections"][0]["actual_ms"], 31_000);
    assert!(
        report("csv")
            .contains("\nslide,1,opening/title,Opening,Title,in_progress,false,15000,17000,2000,")
    );
    assert!(report("markdown").contains("| 1 | Title | Opening | 0:15 | 0:17 |"));
    assert!(
        report("html").contains("<td>Title</td><td class=\"t\">0:15</td><td class=\"t\">0:17</td>")
    );
    // The pace line goes on to slide 2, spoken after it: 0:31 by its planned end.
    assert!(report("svg").contains("run 1 (0:31, in progress)"));
}
