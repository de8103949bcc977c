//! `report --last 1000` and `history` over a generated history of 1,000 runs of an 80-slide talk
//! (about 100,000 events), the way the commands do it: one pass over the file, each run
//! replayed into its figures as it ends, then the report built and written.
//!
//! The generated talk and history stay in `target/bench-report/` so the release binary can be
//! timed on them too: `pacer report target/bench-report/talk.toml --last 1000`. A second group
//! reports one run whose outline had 100,000 slides the talk lacks (`unknown.history.jsonl`).

use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pacer::history::Journal;
use pacer::plan::Plan;
use pacer::rehearsal::{EndReason, Event, PauseReason};
use pacer::report::{self, Pick, Picker, RunFigures, RunInfo};

const RUNS: usize = 1000;
const SECTIONS: usize = 8;
const PER_SECTION: usize = 10;

/// An 80-slide, 20-minute talk in 8 sections.
fn talk_text() -> String {
    let mut toml = String::from("title = \"Bench talk\"\nbudget = \"20m\"\n");
    for s in 0..SECTIONS {
        let _ = write!(
            toml,
            "\n[[section]]\ntitle = \"Section {}\"\nslides = [",
            s + 1
        );
        for i in 0..PER_SECTION {
            let _ = write!(toml, "\"Slide {}.{}\", ", s + 1, i + 1);
        }
        toml.push_str("]\n");
    }
    toml
}

/// Writes the talk and a history of [`RUNS`] runs (once; reused while the talk is unchanged).
fn generate(dir: &Path) -> (PathBuf, PathBuf, Plan) {
    std::fs::create_dir_all(dir).unwrap();
    let talk = dir.join("talk.toml");
    let history = dir.join("talk.history.jsonl");
    let text = talk_text();
    let source = pacer::talk::Source::new("talk.toml", text.clone());
    let plan = pacer::load(&source).unwrap().plan;
    if std::fs::read_to_string(&talk).ok().as_deref() == Some(&text) && history.exists() {
        return (talk, history, plan);
    }
    std::fs::write(&talk, &text).unwrap();
    // Every event is fsynced by the journal: write on tmpfs, then move the file into place.
    let shm = Path::new("/dev/shm");
    let scratch = if shm.is_dir() {
        shm.join(format!("pacer-bench-{}.jsonl", std::process::id()))
    } else {
        history.clone()
    };
    let _ = std::fs::remove_file(&scratch);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut jitter = |spread: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % spread
    };
    let start: jiff::Timestamp = "2025-01-01T09:00:00Z".parse().unwrap();
    for run in 0..RUNS {
        let at = start + jiff::SignedDuration::from_hours(run as i64 * 6);
        let mut journal = Journal::begin(&scratch, &plan, 0, None, at).unwrap();
        let mut t = Duration::ZERO;
        let slides = plan.slides.len();
        for i in 0..slides {
            t += Duration::from_millis(11_000 + jitter(8_000));
            if i % 8 == 3 {
                journal
                    .record(&Event::Pause(PauseReason::Speaker), t)
                    .unwrap();
                t += Duration::from_millis(2_000 + jitter(20_000));
                journal.record(&Event::Resume, t).unwrap();
            }
            if i % 20 == 7 {
                journal.record(&Event::Mark(i), t).unwrap();
            }
            // The last run is cut short half way, as a crash would leave it.
            if run == RUNS - 1 && i == slides / 2 {
                break;
            }
            let event = if i + 1 == slides {
                Event::End(EndReason::Finished)
            } else {
                Event::Goto(i + 1)
            };
            journal.record(&event, t).unwrap();
        }
    }
    if scratch != history {
        std::fs::copy(&scratch, &history).unwrap();
        std::fs::remove_file(&scratch).unwrap();
    }
    (talk, history, plan)
}

/// `pacer report --last k`, to a buffer.
fn report_last(history: &Path, plan: &Plan, k: usize, format: &str) -> Vec<u8> {
    let mut picker = Picker::new(Pick::Last(k));
    pacer::history::scan(BufReader::new(File::open(history).unwrap()), |run| {
        picker.offer(run);
    })
    .unwrap();
    let tz = jiff::tz::TimeZone::UTC;
    let runs: Vec<RunFigures> = picker.into_runs().values().map(RunFigures::of).collect();
    let infos = runs
        .iter()
        .map(|r| RunInfo::new(r, plan.budget, plan.grace, Some(plan), &tz))
        .collect();
    let report = if k == 1 {
        let run = &runs[0];
        report::single(
            plan,
            run,
            RunInfo::new(run, plan.budget, plan.grace, Some(plan), &tz),
        )
    } else {
        report::several(plan, &runs, infos)
    };
    let mut out = Vec::new();
    match format {
        "json" => report::json::write(&report, &mut out),
        "svg" => report::svg::write(&report, &mut out),
        _ => report::text::write(&report, false, &mut out),
    }
    .unwrap();
    out
}

/// `pacer history`, to a buffer.
fn history_list(history: &Path, plan: &Plan) -> Vec<u8> {
    let tz = jiff::tz::TimeZone::UTC;
    let mut rows = Vec::new();
    pacer::history::scan(BufReader::new(File::open(history).unwrap()), |run| {
        rows.push(report::history::row(&RunFigures::of(&run), Some(plan), &tz));
    })
    .unwrap();
    let mut out = Vec::new();
    let list = report::history::HistoryReport {
        title: plan.title.clone(),
        runs: rows,
        drills: Vec::new(),
    };
    report::history::text::write(&list, false, None, &mut out).unwrap();
    out
}

/// A history of one run whose outline had 100,000 slides the bench talk lacks, in ten sections
/// (eight of them named like the bench talk's): the report lists every one of them.
fn generate_unknown(dir: &Path) -> PathBuf {
    let history = dir.join("unknown.history.jsonl");
    if history.exists() {
        return history;
    }
    let mut toml = String::from("title = \"Old outline\"\nbudget = \"23h\"\n");
    for s in 1..=10 {
        let _ = write!(toml, "\n[[section]]\ntitle = \"Section {s}\"\nslides = [");
        for i in 1..=UNKNOWN / 10 {
            let _ = write!(toml, "\"Old {s}.{i}\", ");
        }
        toml.push_str("]\n");
    }
    let source = pacer::talk::Source::new("old.toml", toml);
    let plan = pacer::load(&source).unwrap().plan;
    let scratch = dir.join("unknown.tmp");
    let _ = std::fs::remove_file(&scratch);
    let at: jiff::Timestamp = "2025-01-01T09:00:00Z".parse().unwrap();
    let mut journal = Journal::begin(&scratch, &plan, 0, None, at).unwrap();
    for (n, i) in (0..UNKNOWN).step_by(1000).skip(1).enumerate() {
        journal
            .record(&Event::Goto(i), Duration::from_secs(n as u64 + 1))
            .unwrap();
    }
    journal
        .record(&Event::End(EndReason::Quit), Duration::from_secs(200))
        .unwrap();
    drop(journal);
    std::fs::rename(&scratch, &history).unwrap();
    history
}

const UNKNOWN: usize = 100_000;

fn benches(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-report");
    let (_, history, plan) = generate(&dir);
    let mut group = c.benchmark_group("1000 runs x 80 slides");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("report --last 1000 (text)", |b| {
        b.iter(|| report_last(&history, &plan, 1000, "text"));
    });
    group.bench_function("report --last 1000 (json)", |b| {
        b.iter(|| report_last(&history, &plan, 1000, "json"));
    });
    group.bench_function("report --last 1000 (svg)", |b| {
        b.iter(|| report_last(&history, &plan, 1000, "svg"));
    });
    group.bench_function("report (last run)", |b| {
        b.iter(|| report_last(&history, &plan, 1, "text"));
    });
    group.bench_function("history", |b| b.iter(|| history_list(&history, &plan)));
    group.finish();

    let unknown = generate_unknown(&dir);
    let mut group = c.benchmark_group("one run, 100,000 slides the talk lacks");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("report (text)", |b| {
        b.iter(|| report_last(&unknown, &plan, 1, "text"));
    });
    group.bench_function("report (json)", |b| {
        b.iter(|| report_last(&unknown, &plan, 1, "json"));
    });
    group.finish();
}

criterion_group!(report_benches, benches);
criterion_main!(report_benches);
