//! Tests across flavours: the fixture decks in `tests/fixtures/decks/` (one per flavour, each
//! with that tool's traps), the traps every flavour shares, sniffing, and bytes into text.

use std::fmt::Write as _;
use std::time::Duration;

use super::{read, sniff, text_from_bytes};
use crate::import::{Deck, DeckError, Format};

const MARP: &str = include_str!("../../../tests/fixtures/decks/marp.md");
const SLIDEV: &str = include_str!("../../../tests/fixtures/decks/slidev.md");
const REVEAL: &str = include_str!("../../../tests/fixtures/decks/reveal.md");
const PRESENTERM: &str = include_str!("../../../tests/fixtures/decks/presenterm.md");
const QUARTO: &str = include_str!("../../../tests/fixtures/decks/quarto.qmd");
const PANDOC: &str = include_str!("../../../tests/fixtures/decks/pandoc.md");
const REMARK: &str = include_str!("../../../tests/fixtures/decks/remark.md");

/// One line per slide: `line title [guessed] [hidden] §section budget +steps key | notes`.
fn summary(deck: &Deck) -> Vec<String> {
    deck.slides
        .iter()
        .map(|s| {
            let mut out = format!("{}:{} {}", s.number, s.line.unwrap_or(0), s.title);
            if s.guessed.is_some() {
                out.push_str(" [guessed]");
            }
            if s.hidden {
                out.push_str(" [hidden]");
            }
            if let Some(section) = &s.section {
                let _ = write!(out, " §{section}");
            }
            if let Some(b) = s.budget {
                let _ = write!(out, " {}s", b.as_secs());
            }
            if s.steps > 0 {
                let _ = write!(out, " +{}", s.steps);
            }
            if let Some(key) = &s.key {
                let _ = write!(out, " key={key}");
            }
            if let Some(notes) = &s.notes {
                let _ = write!(out, " | {}", notes.replace('\n', "⏎"));
            }
            out
        })
        .collect()
}

fn check(text: &str, flavour: Format, expected: &[&str]) -> Deck {
    let deck = read(text, flavour).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary(&deck), expected, "{flavour:?}");
    deck
}

#[test]
fn marp_deck() {
    let deck = check(
        MARP,
        Format::Marp,
        &[
            "1:8 Making diffusion light | Welcome everyone. Introduce myself.",
            "2:18 Why on-device? | Two reasons: privacy and latency.⏎⏎Mention the phone demo.",
            "3:33 Pipeline overview: photo in, VAE encoder, UNet [guessed]",
            "4:45 A setext heading is not a break",
            "5:53 Questions",
        ],
    );
    assert_eq!(deck.title.as_deref(), Some("Making diffusion light"));
    assert_eq!(deck.budget, None);
}

#[test]
fn slidev_deck() {
    let deck = check(
        SLIDEV,
        Format::Slidev,
        &[
            "1:9 Making diffusion light +1 | Say who I am.⏎[click] Then the result.",
            "2:24 Method §Method",
            "3:28 Inside a fence §Method | Explain the fence.",
            "4:43 A hidden slide [hidden] §Method",
            "5:50 Pipeline §Method +3 | Walk through the three steps.",
            "6:56 Trailing text §Method",
            "7:64 Just a sentence on a slide without a heading that goes on… [guessed] §Method",
        ],
    );
    assert_eq!(deck.title.as_deref(), Some("Making diffusion light"));
    let budget = deck.budget.expect("headmatter duration");
    assert_eq!(budget.budget, Duration::from_secs(20 * 60));
    assert!(budget.source.contains("duration"), "{}", budget.source);
}

#[test]
fn reveal_deck() {
    let deck = check(
        REVEAL,
        Format::Reveal,
        &[
            "1:5 Making diffusion light | Welcome everyone.",
            "2:11 Why on-device? 45s | Privacy and latency.",
            "3:20 Method §Method",
            "4:24 Step one §Method",
            "5:31 Step two §Method",
            "6:43 Backup [hidden]",
            "7:48 Results chart [guessed]",
        ],
    );
    assert_eq!(deck.title.as_deref(), Some("Making diffusion light"));
}

#[test]
fn presenterm_deck() {
    check(
        PRESENTERM,
        Format::Presenterm,
        &[
            "1:1 Making diffusion light",
            "2:6 Why on-device? +1 | Two reasons.",
            "3:19 Method | Walk through it.⏎  Slowly.⏎⏎And the second note.",
            "4:37 Backup [hidden]",
            "5:43 An ATX heading only",
        ],
    );
}

#[test]
fn quarto_deck() {
    check(
        QUARTO,
        Format::Quarto,
        &[
            "1:1 Making diffusion light",
            "2:8 Background §Background",
            "3:10 Why on-device? §Background | Two reasons: privacy and latency.",
            "4:18 Method [hidden] §Background",
            "5:25 The pipeline in one picture [guessed] §Background +1",
            "6:35 Text on an untitled slide after a rule [guessed] §Background",
            "7:37 Results §Results",
            "8:39 Latency §Results | Say the number.⏎⏎::: {.callout}⏎nested⏎:::⏎Still notes.",
        ],
    );
}

#[test]
fn pandoc_deck() {
    check(
        PANDOC,
        Format::Pandoc,
        &[
            "1:1 Making diffusion light",
            "2:5 Part one §Part one",
            "3:7 Slide A §Part one | Notes for A.",
            "4:15 Slide B §Part one",
            "5:21 Part two §Part two",
            "6:23 Slide C §Part two",
        ],
    );
}

#[test]
fn remark_deck() {
    let deck = check(
        REMARK,
        Format::Remark,
        &[
            "1:7 Making diffusion light key=title | Welcome everyone.",
            "2:17 Why on-device? +1 | Two reasons.",
            "3:29 Draft slide [hidden]",
            "4:35 A diagram of the pipeline [guessed]",
        ],
    );
    assert_eq!(
        deck.skipped,
        ["line 1: a `layout: true` template, not a slide"]
    );
}

#[test]
fn every_fixture_sniffs_as_its_flavour() {
    let cases = [
        (MARP, Format::Marp),
        (SLIDEV, Format::Slidev),
        (REVEAL, Format::Reveal),
        (PRESENTERM, Format::Presenterm),
        (QUARTO, Format::Quarto),
        (PANDOC, Format::Pandoc),
        (REMARK, Format::Remark),
    ];
    for (text, flavour) in cases {
        assert_eq!(sniff(text), Some(flavour), "{flavour:?}");
    }
}

#[test]
fn plain_markdown_sniffs_as_nothing() {
    for text in [
        "# README\n\nSome text.\n\n---\n\n## More\n",
        "",
        "```\n<!-- end_slide -->\n???\n```\n",
        "---\ntitle: A blog post\n---\n\nText.\n",
        "# Install\n\nNote: this needs Rust 1.88.\n",
    ] {
        assert_eq!(sniff(text), None, "{text:?}");
    }
}

/// Each flavour's separator and a heading inside a fence and in indented code: one slide.
#[test]
fn code_never_splits_a_slide_or_gives_a_title() {
    let cases = [
        (Format::Marp, "---"),
        (Format::Slidev, "---"),
        (Format::Reveal, "\n---\n"),
        (Format::Presenterm, "<!-- end_slide -->"),
        (Format::Quarto, "## Not a slide"),
        (Format::Pandoc, "---"),
        (Format::Remark, "---"),
    ];
    for (flavour, sep) in cases {
        let indented: Vec<String> = sep.split('\n').map(|l| format!("    {l}")).collect();
        let indented = indented.join("\n");
        let text = format!(
            "# Real\n\n```\n{sep}\n# Fenced\n```\n\n    code\n{indented}\n    # Indented\n\n~~~\n{sep}\n~~~\n"
        );
        let deck = read(&text, flavour).unwrap_or_else(|e| panic!("{flavour:?}: {e}"));
        // Quarto's slide level is 2: a `#` heading is a section's title slide.
        let expected = if flavour == Format::Quarto {
            "1:1 Real §Real"
        } else {
            "1:1 Real"
        };
        assert_eq!(summary(&deck), [expected], "{flavour:?}");
    }
}

#[test]
fn front_matter_alone_is_no_slide() {
    for flavour in [Format::Marp, Format::Slidev, Format::Reveal, Format::Remark] {
        let err = read("---\ntheme: x\n---\n\n", flavour).unwrap_err();
        assert!(
            err.to_string().starts_with("no slides found"),
            "{flavour:?}: {err}"
        );
    }
    let deck = read("---\ntheme: x\n---\n\n# One\n", Format::Marp).unwrap();
    assert_eq!(summary(&deck), ["1:5 One"]);
}

#[test]
fn a_trailing_separator_leaves_no_empty_slide() {
    let deck = read("# One\n\n---\n\n# Two\n\n---\n\n", Format::Marp).unwrap();
    assert_eq!(deck.slides.len(), 2);
    assert_eq!(
        deck.skipped,
        ["line 8: an empty slide at the end of the deck"]
    );
}

#[test]
fn blank_slides_at_the_edges_are_said_and_left_out() {
    let deck = read(
        "\n\n---\n\n# One\n\n---\n\n![](only-a-picture.png)\n\n---\n",
        Format::Marp,
    )
    .unwrap();
    assert_eq!(summary(&deck), ["1:5 One", "2:9 Slide 2 [guessed]"]);
    assert_eq!(
        deck.skipped,
        [
            "line 1: an empty slide at the start of the deck",
            "line 12: an empty slide at the end of the deck"
        ]
    );
    let deck = read(
        "# One\n\n---\nlayout: image\nimage: a.png\n---\n",
        Format::Slidev,
    )
    .unwrap();
    assert_eq!(
        deck.slides.len(),
        2,
        "a slide with frontmatter only is a slide"
    );
}

#[test]
fn unclosed_front_matter_is_said() {
    let deck = read("---\nmarp: true\n\n# One\n", Format::Marp).unwrap();
    assert!(
        deck.skipped[0].contains("never closed"),
        "{:?}",
        deck.skipped
    );
}

#[test]
fn binary_formats_are_refused() {
    let err = read("# x", Format::Pptx).unwrap_err();
    assert_eq!(
        err,
        DeckError::invalid("pptx is not a Markdown deck format")
    );
}

#[test]
fn a_long_guessed_title_is_cut_at_a_word() {
    let deck = read(&format!("{}\n", "word ".repeat(30)), Format::Marp).unwrap();
    let title = &deck.slides[0].title;
    assert!(title.ends_with("word…"), "{title}");
    assert!(title.chars().count() <= super::TITLE_CHARS + 1, "{title}");
}

/// Ten thousand slides in every flavour come out as ten thousand, each at its line.
#[test]
fn ten_thousand_slides() {
    let n = 10_000;
    let cases: [(Format, &str); 7] = [
        (Format::Marp, "---\n\n"),
        (Format::Slidev, "---\n\n"),
        (Format::Reveal, "---\n\n"),
        (Format::Presenterm, "<!-- end_slide -->\n\n"),
        (Format::Quarto, ""),
        (Format::Pandoc, ""),
        (Format::Remark, "---\n\n"),
    ];
    for (flavour, sep) in cases {
        let mut text = String::new();
        for i in 0..n {
            if i > 0 {
                text.push_str(sep);
            }
            let _ = write!(
                text,
                "## Slide {i}\n\n```\n---\n```\n\n<!-- speaker_note: n -->\n\n"
            );
        }
        let deck = read(&text, flavour).unwrap_or_else(|e| panic!("{flavour:?}: {e}"));
        assert_eq!(deck.slides.len(), n, "{flavour:?}");
        assert_eq!(
            deck.slides[n - 1].title,
            format!("Slide {}", n - 1),
            "{flavour:?}"
        );
        let per = 8 + sep.lines().count();
        assert_eq!(
            deck.slides[n - 1].line,
            Some(1 + (n - 1) * per),
            "{flavour:?}"
        );
    }
}

#[test]
fn bytes_into_text() {
    assert_eq!(text_from_bytes(b"\xEF\xBB\xBF# Hi\n"), Ok("# Hi\n"));
    let err = text_from_bytes(b"# Title\n\nCaf\xE9 au lait\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: column 4: byte 0xE9 is not UTF-8; save the file as UTF-8 (in most editors: Save As, encoding UTF-8)"
    );
    let err = text_from_bytes(
        "# Ünïcode\n\u{e9}\n"
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF])
            .collect::<Vec<_>>()
            .as_slice(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("line 3: column 1:"), "{err}");
    let err = text_from_bytes(b"\xFF\xFE#\x00").unwrap_err();
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

#[test]
fn weaker_signs_still_sniff() {
    let cases = [
        (
            "# A\n\n---\nclass: center, middle\n\n# B\n",
            Some(Format::Remark),
        ),
        (
            "# A\n\n---\nlayout: center\n---\n\n# B\n",
            Some(Format::Slidev),
        ),
        (
            "---\ntheme: gaia\npaginate: true\n---\n\n# A\n",
            Some(Format::Marp),
        ),
        (
            "# A\n\n<!-- .slide: data-timing=\"20\" -->\n",
            Some(Format::Reveal),
        ),
        (
            "---\ntitle: T\nformat:\n  revealjs:\n    theme: dark\n---\n\n## A\n",
            Some(Format::Quarto),
        ),
        ("# A\n\n--\n\n# B\n", None),
        ("---\ntheme: default\n---\n\n# A\n\n---\n\n# B\n", None),
        (
            "---\ntheme: seriph\nlayout: cover\n---\n\n# A\n",
            Some(Format::Slidev),
        ),
    ];
    for (text, flavour) in cases {
        assert_eq!(sniff(text), flavour, "{text:?}");
    }
}

/// Windows line endings read the same as Unix ones, in every flavour.
#[test]
fn crlf_decks_read_the_same() {
    let cases = [
        (MARP, Format::Marp),
        (SLIDEV, Format::Slidev),
        (REVEAL, Format::Reveal),
        (PRESENTERM, Format::Presenterm),
        (QUARTO, Format::Quarto),
        (PANDOC, Format::Pandoc),
        (REMARK, Format::Remark),
    ];
    for (text, flavour) in cases {
        let unix = read(text, flavour).unwrap();
        let windows = read(&text.replace('\n', "\r\n"), flavour).unwrap();
        assert_eq!(summary(&windows), summary(&unix), "{flavour:?}");
        assert_eq!(windows.title, unix.title, "{flavour:?}");
        assert_eq!(
            sniff(&text.replace('\n', "\r\n")),
            Some(flavour),
            "{flavour:?}"
        );
    }
}

#[test]
fn quarto_heading_ids_and_slidev_route_aliases_are_keys() {
    let deck = read("## Method {#method}\n\ntext\n", Format::Quarto).unwrap();
    assert_eq!(deck.slides[0].key.as_deref(), Some("method"));
    let deck = read("# A\n\n---\nrouteAlias: demo\n---\n\n# B\n", Format::Slidev).unwrap();
    assert_eq!(deck.slides[1].key.as_deref(), Some("demo"));
}

mod properties {
    use proptest::prelude::*;

    use super::super::{read, sniff};
    use crate::import::Format;

    /// Lines that mean something to some flavour, mixed with text: separators, fences, comments
    /// opened and never closed, front-matter fences, properties, notes markers, odd Unicode.
    const FRAGMENTS: [&str; 30] = [
        "---",
        "--",
        "----",
        "***",
        "- - -",
        "```",
        "~~~",
        "    indented",
        "# Title",
        "## Sub",
        "Setext",
        "===",
        "<!-- end_slide -->",
        "<!-- speaker_note: n -->",
        "<!--",
        "-->",
        "<!-- .slide: data-timing=\"x\" -->",
        "Note: n",
        "???",
        "::: notes",
        ":::",
        "layout: true",
        "exclude: true",
        "hide: true",
        "title: T",
        ". . .",
        "",
        "text",
        "## {.center}",
        "발표 ✓",
    ];

    fn deck() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(FRAGMENTS.as_slice()), 0..60)
            .prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text reads without a panic in every flavour: a deck with titled slides numbered
        /// in order at increasing lines, or the "no slides" error.
        #[test]
        fn any_text_reads_or_says_why(text in deck()) {
            let _ = sniff(&text);
            for flavour in Format::ALL.into_iter().skip(3) {
                match read(&text, flavour) {
                    Ok(deck) => {
                        prop_assert!(!deck.slides.is_empty());
                        for (i, s) in deck.slides.iter().enumerate() {
                            prop_assert_eq!(s.number, i + 1);
                            prop_assert!(!s.title.trim().is_empty());
                            prop_assert!(s.notes.as_ref().is_none_or(|n| !n.trim().is_empty()));
                        }
                        let lines: Vec<_> = deck.slides.iter().map(|s| s.line.unwrap_or(0)).collect();
                        prop_assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{:?}", lines);
                    }
                    Err(e) => prop_assert!(e.to_string().starts_with("no slides found"), "{}", e),
                }
            }
        }
    }
}
