//! `pacer tune` over a history with sections rehearsed alone (`pacer run --section`): each
//! slide rests on the last `--runs N` runs that covered it, the talk's length on the whole runs.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use pacer::history::Journal;
use pacer::plan::Plan;
use pacer::plan::scope::{self, Scope};
use pacer::rehearsal::{EndReason, Event};
use pacer::talk::Source;
use serde_json::Value;

const SHORT: &str = include_str!("fixtures/tune/short.toml");

/// Records a finished run of `plan` into `history`: `secs[i]` seconds on slide `i`.
fn record(history: &Path, plan: &Plan, scope: Option<&str>, secs: &[u64], day: i64) {
    let start = jiff::Timestamp::from_second(1_750_000_000 + day * 86_400).unwrap();
    let mut journal = Journal::begin(history, plan, 0, scope, start).unwrap();
    let mut t = Duration::ZERO;
    for (i, s) in secs.iter().enumerate() {
        if i > 0 {
            journal.record(&Event::Goto(i), t).unwrap();
        }
        t += Duration::from_secs(*s);
    }
    journal.record(&Event::End(EndReason::Finished), t).unwrap();
}

#[test]
fn sections_rehearsed_alone_push_no_whole_run_out_for_the_other_slides() {
    let dir = tempfile::tempdir().unwrap();
    let talk = dir.path().join("talk.toml");
    std::fs::write(&talk, SHORT).unwrap();
    let loaded = pacer::load(&Source::new("talk.toml", SHORT)).unwrap();
    // The plan `pacer run --section Body` rehearses.
    let scope = Scope {
        section: Some(1),
        budget: None,
    };
    let (body, title) = scope::rehearsal(&loaded.talk, &loaded.plan, scope).unwrap();
    assert_eq!(title.as_deref(), Some("Body"));
    let history = pacer::history::default_path(&talk);
    // Two whole runs (Hello, Plan, Idea, Proof, Extra), then Body alone twice.
    record(&history, &loaded.plan, None, &[22, 24, 30, 30, 20], 0);
    record(&history, &loaded.plan, None, &[20, 26, 30, 30, 20], 1);
    record(&history, &body, Some("Body"), &[40, 30, 10], 2);
    record(&history, &body, Some("Body"), &[44, 30, 12], 3);

    let out = Command::cargo_bin("pacer")
        .unwrap()
        .arg("tune")
        .arg(&talk)
        .args(["--runs", "2", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs: Vec<(u64, f64, bool, Value)> = doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["number"].as_u64().unwrap(),
                r["weight"].as_f64().unwrap(),
                r["partial"].as_bool().unwrap(),
                r["scope"].clone(),
            )
        })
        .collect();
    assert_eq!(
        runs,
        [
            (1, 1.0, false, Value::Null),
            (2, 2.0, false, Value::Null),
            (3, 0.0, true, "Body".into()),
            (4, 0.0, true, "Body".into()),
        ]
    );
    let samples: Vec<u64> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["slides"].as_array().unwrap())
        .map(|s| s["samples"].as_u64().unwrap())
        .collect();
    // Intro's slides from the two whole runs; Body's from the two runs of it alone.
    assert_eq!(samples, [2, 2, 2, 2, 2]);
    // The talk at your pace: the whole runs' 2:06, the newer one's (weight 2 of 3).
    assert_eq!(doc["expected_ms"], 126_000);

    let out = Command::cargo_bin("pacer")
        .unwrap()
        .arg("tune")
        .arg(&talk)
        .args(["--runs", "2"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "over the last 2 complete runs (#1 2:06, #2 2:06) and 2 partial runs for the \
             slides they covered (#3 1:20 section Body, #4 1:26 section Body)"
        ),
        "{text}"
    );
}
