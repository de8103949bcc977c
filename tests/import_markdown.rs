//! The public path a shell takes with a Markdown deck: bytes to text, sniff, read. Every deck in
//! `tests/fixtures/decks/` must be recognised as its flavour and read with titles and notes.

use std::path::Path;

use pacer::import::{Format, markdown};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/decks")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_fixture_deck_sniffs_and_reads() {
    let cases = [
        ("marp.md", Format::Marp, 5),
        ("slidev.md", Format::Slidev, 7),
        ("reveal.md", Format::Reveal, 7),
        ("presenterm.md", Format::Presenterm, 5),
        ("quarto.qmd", Format::Quarto, 8),
        ("pandoc.md", Format::Pandoc, 6),
        ("remark.md", Format::Remark, 4),
    ];
    for (name, flavour, slides) in cases {
        let bytes = fixture(name);
        let text = markdown::text_from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(markdown::sniff(text), Some(flavour), "{name}");
        let deck = markdown::read(text, flavour).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(deck.slides.len(), slides, "{name}");
        assert!(
            deck.slides.iter().any(|s| s.notes.is_some()),
            "{name}: no notes read"
        );
        assert!(
            deck.slides.iter().all(|s| s.line.is_some()),
            "{name}: a slide without its line"
        );
    }
}

#[test]
fn a_latin1_deck_is_refused_at_its_line() {
    let mut bytes = fixture("marp.md");
    let at = bytes
        .iter()
        .position(|&b| b == b'?')
        .expect("a ? in the Marp deck");
    bytes[at] = 0xE9;
    let line = bytes[..at].split(|&b| b == b'\n').count();
    let err = markdown::text_from_bytes(&bytes).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("line {line}: column ")),
        "{err}"
    );
    assert!(err.to_string().contains("save the file as UTF-8"), "{err}");
}
