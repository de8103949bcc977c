//! Importing a pptx: sniff the bytes, then read slides, notes and sections into a deck.
//!
//! Target: a 141-slide, ~4 MB deck (a stored picture per slide, notes on most slides, sections)
//! under 100 ms. The deck is written by `pacer::import::testdecks`, shaped like a real 141-slide
//! talk: most slides without a title placeholder, some hidden. Run
//! `cargo bench --bench import_pptx`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pacer::import::{Format, pptx, sniff, testdecks};

fn import(bytes: &[u8]) -> pacer::import::Deck {
    assert!(matches!(sniff::sniff_binary(bytes), Some(Ok(Format::Pptx))));
    pptx::read(bytes).expect("the generated deck reads")
}

fn targets(c: &mut Criterion) {
    let bytes = testdecks::large_pptx(141, 28_500).build();
    assert!(
        (3_900_000..4_300_000).contains(&bytes.len()),
        "about 4 MB: {} bytes",
        bytes.len()
    );
    let deck = import(&bytes);
    assert_eq!(deck.slides.len(), 141);
    assert!(deck.slides.iter().filter(|s| s.notes.is_some()).count() > 100);

    let mut group = c.benchmark_group("import pptx");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("141 slides, 4 MB", |b| b.iter(|| import(black_box(&bytes))));
    group.finish();
}

criterion_group!(benches, targets);
criterion_main!(benches);
