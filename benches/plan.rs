//! Loading a talk: read, validate and allocate, from text to plan.
//!
//! Targets: an 80-slide talk under 1 ms, a 10,000-slide talk under 50 ms, cost linear in
//! slides (the `scaling` group's per-slide time should stay flat). Run `cargo bench --bench plan`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pacer::talk::Source;

/// A talk of `slides` slides in sections of 13, shaped like a real one: a third of the sections
/// and a seventh of the slides with a budget, notes on most slides, a speaking rate, optional
/// slides, long-form tables.
fn talk(slides: usize, budget: &str) -> String {
    let mut text = format!(
        "title = \"Making diffusion light: LoRA for on-device image translation\"\n\
         budget = \"{budget}\"\nwarn = 0.8\ngrace = \"30s\"\nwpm = 130\n",
    );
    let per_section = 13;
    for i in 0..slides {
        if i % per_section == 0 {
            let s = i / per_section;
            let _ = write!(text, "\n[[section]]\ntitle = \"Part {s}: the method\"\n");
            if s % 3 == 0 {
                text.push_str("budget = \"2m\"\n");
            }
        }
        let _ = write!(
            text,
            "\n[[section.slides]]\ntitle = \"Slide {i}: what it shows\"\n"
        );
        if i % 7 == 0 {
            text.push_str("budget = \"8s\"\n");
        }
        if i % 11 == 0 {
            text.push_str("optional = true\n");
        }
        if i % 4 != 0 {
            text.push_str(
                "notes = \"\"\"\nLow-rank update W + BA on every attention projection; \
                 rank eight was enough.\n\"\"\"\n",
            );
        }
    }
    text
}

fn load(text: &str) -> pacer::Loaded {
    pacer::load(&Source::new("bench.toml", text)).expect("the generated talk is valid")
}

fn targets(c: &mut Criterion) {
    // 80 slides in a 20-minute talk: the shape of the sample talk.
    let eighty = talk(80, "20m");
    let loaded = load(&eighty);
    assert_eq!(loaded.plan.slides.len(), 80);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    c.bench_function("load 80 slides", |b| b.iter(|| load(black_box(&eighty))));

    let ten_thousand = talk(10_000, "20h");
    let loaded = load(&ten_thousand);
    assert_eq!(loaded.plan.slides.len(), 10_000);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    let mut group = c.benchmark_group("load 10000 slides");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("load 10000 slides", |b| {
        b.iter(|| load(black_box(&ten_thousand)));
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for slides in [100, 1_000, 10_000] {
        let text = talk(slides, "20h");
        group.throughput(Throughput::Elements(slides as u64));
        group.bench_with_input(BenchmarkId::from_parameter(slides), &text, |b, text| {
            b.iter(|| load(black_box(text)));
        });
    }
    group.finish();
}

criterion_group!(benches, targets, scaling);
criterion_main!(benches);
