//! Reading Markdown decks: text to `Deck`, for every flavour.
//!
//! Target: a 1,000-slide deck under 20 ms in every flavour; cost linear in slides (the `scaling`
//! group's per-slide time should stay flat from 1,000 to 10,000). Run
//! `cargo bench --bench import_markdown`. The `cpu` groups measure the same work in CPU time of
//! the benchmarking thread (from `/proc/thread-self/schedstat`), which holds on a machine shared
//! with other builds, where wall time mostly measures the wait for a core.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pacer::import::Format;
use pacer::import::markdown;

/// A deck of `slides` slides in `flavour`'s syntax, shaped like a real one: a heading, a
/// paragraph, a list, a code fence holding a separator and a heading (the trap), speaker notes.
fn deck(flavour: Format, slides: usize) -> String {
    let (front, sep, notes): (&str, &str, fn(usize) -> String) = match flavour {
        Format::Marp => (
            "---\nmarp: true\ntheme: default\n---\n\n",
            "\n---\n\n",
            |i| format!("<!-- Say why step {i} matters. -->\n"),
        ),
        Format::Slidev => (
            "---\ntheme: seriph\nduration: 20min\n---\n\n",
            "\n---\nlayout: default\n---\n\n",
            |i| format!("<!--\nSay why step {i} matters.\n[click] Then the numbers.\n-->\n"),
        ),
        Format::Reveal => ("", "\n---\n\n", |i| {
            format!("Note: Say why step {i} matters.\n")
        }),
        Format::Presenterm => (
            "---\ntitle: A talk\n---\n\n",
            "\n<!-- end_slide -->\n\n",
            |i| format!("<!-- speaker_note: Say why step {i} matters. -->\n"),
        ),
        Format::Quarto | Format::Pandoc => {
            ("---\ntitle: A talk\nformat: revealjs\n---\n\n", "\n", |i| {
                format!("::: notes\nSay why step {i} matters.\n:::\n")
            })
        }
        Format::Remark => ("", "\n---\n\n", |i| {
            format!("???\nSay why step {i} matters.\n")
        }),
        Format::Pptx | Format::Odp | Format::Pdf => unreachable!("not Markdown"),
    };
    let mut text = front.to_owned();
    for i in 0..slides {
        if i > 0 {
            text.push_str(sep);
        }
        let _ = write!(
            text,
            "## Step {i}: where the LoRA layers attach\n\n\
             Low-rank update *W + BA* on the q, k, v and out projections.\n\n\
             - rank 8 was enough\n- alpha 16\n\n\
             ```python\n---\n# not a slide\nW = W0 + B @ A\n```\n\n{}",
            notes(i)
        );
    }
    text
}

const FLAVOURS: [Format; 7] = [
    Format::Marp,
    Format::Slidev,
    Format::Reveal,
    Format::Presenterm,
    Format::Quarto,
    Format::Pandoc,
    Format::Remark,
];

fn read(text: &str, flavour: Format) -> pacer::import::Deck {
    markdown::read(text, flavour).expect("the generated deck reads")
}

fn targets<M: Measurement>(c: &mut Criterion<M>, prefix: &str) {
    let mut group = c.benchmark_group(format!("{prefix}1000 slides"));
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(3));
    for flavour in FLAVOURS {
        let text = deck(flavour, 1_000);
        let read_once = read(&text, flavour);
        let extra = usize::from(matches!(
            flavour,
            Format::Presenterm | Format::Quarto | Format::Pandoc
        ));
        assert_eq!(read_once.slides.len(), 1_000 + extra, "{flavour:?}");
        assert!(
            read_once
                .slides
                .iter()
                .skip(extra)
                .all(|s| s.notes.is_some()),
            "{flavour:?}"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(flavour.name()),
            &text,
            |b, text| {
                b.iter(|| read(black_box(text), flavour));
            },
        );
    }
    group.finish();
}

fn scaling<M: Measurement>(c: &mut Criterion<M>, prefix: &str) {
    let mut group = c.benchmark_group(format!("{prefix}scaling"));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6));
    for flavour in [Format::Slidev, Format::Quarto] {
        for slides in [1_000, 10_000] {
            let text = deck(flavour, slides);
            group.throughput(Throughput::Elements(slides as u64));
            group.bench_with_input(
                BenchmarkId::new(flavour.name(), slides),
                &text,
                |b, text| {
                    b.iter(|| read(black_box(text), flavour));
                },
            );
        }
    }
    group.finish();
}

/// CPU time the calling thread has run, as Linux counts it (nanoseconds).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat: the CPU-time groups need Linux")
}

/// Criterion measurement: CPU time of the benchmarking thread instead of wall time.
struct ThreadCpu;

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Nanoseconds of CPU shown as `ms cpu` (or µs), throughputs per CPU second.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = if typical >= 1e6 {
            (1e6, "ms cpu")
        } else {
            (1e3, "µs cpu")
        };
        for v in values.iter_mut() {
            *v /= div;
        }
        unit
    }
    fn scale_throughputs(
        &self,
        typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (amount, unit) = match throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => {
                (*b as f64 / 1_048_576.0, "MiB/cpu s")
            }
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => {
                (*e as f64, "elem/cpu s")
            }
            Throughput::Bits(b) => (*b as f64, "bits/cpu s"),
        };
        for v in values.iter_mut() {
            *v = amount * 1e9 / *v;
        }
        let _ = typical;
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns cpu"
    }
}

fn wall(c: &mut Criterion) {
    targets(c, "");
    scaling(c, "");
}

fn cpu(c: &mut Criterion<ThreadCpu>) {
    targets(c, "cpu ");
    scaling(c, "cpu ");
}

criterion_group!(benches, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = cpu
}
criterion_main!(benches, cpu_time);
