//! `pacer report` over a run whose recorded outline holds many slides the current talk lacks:
//! every removed slide is listed once, after its old neighbour, in its old section, and the
//! totals still add up (the speed of this is in `benches/report.rs`).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use pacer::history::Journal;
use pacer::rehearsal::{EndReason, Event};

/// A talk of `sections` sections of `per` slides, titled `"{prefix} s.i"`.
fn talk(prefix: &str, sections: usize, per: usize) -> String {
    let mut toml = format!("title = \"Scale\"\nbudget = \"{}s\"\n", sections * per * 10);
    for s in 1..=sections {
        let _ = write!(toml, "\n[[section]]\ntitle = \"Section {s}\"\nslides = [");
        for i in 1..=per {
            let _ = write!(toml, "\"{prefix} {s}.{i}\", ");
        }
        toml.push_str("]\n");
    }
    toml
}

/// Records one finished run of the talk in `toml` that spent `step` on every tenth slide and
/// skipped the others (fewer fsyncs); returns the time spoken.
fn record(history: &Path, toml: &str, step: Duration) -> Duration {
    let source = pacer::talk::Source::new("old.toml", toml.to_owned());
    let plan = pacer::load(&source).unwrap().plan;
    let mut journal = Journal::begin(history, &plan, 0, None, jiff::Timestamp::UNIX_EPOCH).unwrap();
    let slides = plan.slides.len();
    let mut t = Duration::ZERO;
    for i in (10..slides).step_by(10) {
        t += step;
        journal.record(&Event::Goto(i), t).unwrap();
    }
    t += step;
    journal.record(&Event::End(EndReason::Finished), t).unwrap();
    t
}

#[test]
fn thousands_of_removed_slides_are_listed_in_their_old_order_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("talk.history.jsonl");
    // Three sections of 1,000 slides each, one of them (Section 3) gone from today's talk.
    let old = talk("Old", 3, 1000);
    let spoke = record(&history, &old, Duration::from_secs(1));
    let talk_path = dir.path().join("talk.toml");
    std::fs::write(&talk_path, talk("New", 2, 2)).unwrap();

    let out = Command::cargo_bin("pacer")
        .unwrap()
        .env("TZ", "UTC")
        .args(["report", "--format", "json", "--history"])
        .arg(&history)
        .arg(&talk_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Section 1", "Section 2", "Section 3"]);
    let slides = report["slides"].as_array().unwrap();
    let spoken = slides.iter().filter(|s| s["actual_ms"].is_u64()).count();
    assert_eq!(spoken, 300);
    let removed: Vec<(&str, &str)> = slides
        .iter()
        .filter(|slide| slide["number"].is_null())
        .map(|slide| {
            (
                slide["section"].as_str().unwrap(),
                slide["title"].as_str().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = (1..=3)
        .flat_map(|s| (1..=1000).map(move |i| (format!("Section {s}"), format!("Old {s}.{i}"))))
        .collect();
    let expected: Vec<(&str, &str)> = expected
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        removed, expected,
        "in their old sections, in their old order"
    );
    assert_eq!(slides.len(), 3000 + 4, "and today's four slides, new");
    let total_ms: u64 = slides.iter().filter_map(|s| s["actual_ms"].as_u64()).sum();
    assert_eq!(
        total_ms,
        spoke.as_millis() as u64,
        "every second spoken counts"
    );
}
