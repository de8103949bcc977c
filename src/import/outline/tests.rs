use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::import::{Deck, DeckBudget, DeckSlide, Format};
use crate::talk::Source;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn slide(number: usize, title: &str) -> DeckSlide {
    DeckSlide {
        number,
        title: title.to_owned(),
        ..DeckSlide::default()
    }
}

fn deck(slides: Vec<DeckSlide>) -> Deck {
    Deck {
        title: Some("My talk".into()),
        slides,
        ..Deck::default()
    }
}

fn options() -> Options<'static> {
    Options {
        deck_name: "deck.pptx",
        format: Format::Pptx,
        fingerprint: "0123456789abcdef",
        date: jiff::civil::date(2026, 12, 1),
        budget: None,
        include_hidden: false,
        talk_name: None,
    }
}

/// Loads the outline as `pacer check` and `plan` would, failing on any error.
fn load(text: &str) -> crate::Loaded {
    let source = Source::new("talk.toml", text);
    match crate::load(&source) {
        Ok(loaded) => loaded,
        Err(diagnostics) => panic!(
            "{}\n---\n{text}",
            diagnostics
                .iter()
                .map(|d| d.render(&source, false))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn a_plain_deck_is_one_section_of_short_slides() {
    let deck = deck(vec![
        slide(1, "Title"),
        slide(2, "Who I am"),
        slide(3, "Why"),
    ]);
    let outline = outline(&deck, &options()).unwrap();
    assert_eq!(
        outline.text,
        "# Imported by `pacer import` from deck.pptx (pptx, fingerprint 0123456789abcdef) \
         on 2026-12-01.\n\
         # When the deck changes: pacer import deck.pptx --update TALK.toml\n\
         \n\
         title = \"My talk\"\n\
         budget = \"20m\"  # the deck gives no length: set your slot's\n\
         \n\
         [[section]]\n\
         title = \"Slides\"\n\
         slides = [\n  \"Title\",\n  \"Who I am\",\n  \"Why\",\n]\n"
    );
    let loaded = load(&outline.text);
    assert_eq!(loaded.plan.slides_total(), secs(20 * 60));
    assert_eq!(outline.summary.budget_from, BudgetFrom::Default);
    assert_eq!(outline.summary.slides, 3);
    assert!(
        outline
            .summary
            .lines()
            .iter()
            .any(|l| l.contains("default")),
        "{:?}",
        outline.summary.lines()
    );
}

#[test]
fn notes_make_tables_and_read_back_whole() {
    let mut with_notes = slide(2, "Method");
    with_notes.notes = Some("  First line.\n\n  Second \"\"\" line \\ with a tab\there.\n".into());
    let deck = deck(vec![slide(1, "Title"), with_notes]);
    let outline = outline(&deck, &options()).unwrap();
    assert!(
        outline
            .text
            .contains("[[section.slides]]\ntitle = \"Title\"\n")
    );
    // A multi-line string, literal where nothing needs escaping.
    assert!(outline.text.contains("notes = '''\n"), "{}", outline.text);
    let loaded = load(&outline.text);
    assert_eq!(
        loaded.talk.sections[0].slides[1].notes,
        "First line.\n\n  Second \"\"\" line \\ with a tab\there."
    );
    assert_eq!(outline.summary.with_notes, 1);
}

#[test]
fn empty_notes_are_no_notes() {
    let mut blank = slide(1, "Title");
    blank.notes = Some(" \n\t".into());
    let outline = outline(&deck(vec![blank]), &options()).unwrap();
    assert!(!outline.text.contains("notes"), "{}", outline.text);
    assert_eq!(outline.summary.with_notes, 0);
}

#[test]
fn hidden_slides_are_left_out_or_kept_optional() {
    let mut hidden = slide(2, "Backup");
    hidden.hidden = true;
    let deck = deck(vec![slide(1, "Title"), hidden, slide(3, "End")]);

    let left_out = outline(&deck, &options()).unwrap();
    assert!(!left_out.text.contains("Backup"));
    assert_eq!(left_out.summary.hidden_left_out, 1);
    assert_eq!(load(&left_out.text).plan.slides.len(), 2);

    let kept = outline(
        &deck,
        &Options {
            include_hidden: true,
            ..options()
        },
    )
    .unwrap();
    assert!(
        kept.text
            .contains("{ title = \"Backup\", optional = true },  # hidden in the deck"),
        "{}",
        kept.text
    );
    assert_eq!(kept.summary.hidden_included, 1);
    let plan = load(&kept.text).plan;
    assert!(plan.slides[1].optional);
}

#[test]
fn sections_follow_the_deck_and_hidden_only_ones_are_dropped_with_a_note() {
    let mut slides = vec![
        slide(1, "Title"),
        slide(2, "A"),
        slide(3, "B"),
        slide(4, "C"),
    ];
    slides[1].section = Some("Intro".into());
    slides[2].section = Some("Backup".into());
    slides[2].hidden = true;
    slides[3].section = Some("Results".into());
    let outline = outline(&deck(slides), &options()).unwrap();
    let plan = load(&outline.text).plan;
    let titles: Vec<&str> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Slides", "Intro", "Results"]);
    assert!(
        outline
            .text
            .contains("# section \"Backup\" left out: all its 1 slide are hidden in the deck\n")
    );
    assert!(
        outline.summary.skipped.iter().any(|s| s.contains("Backup")),
        "{:?}",
        outline.summary.skipped
    );
    assert_eq!(outline.summary.sections, 3);
}

#[test]
fn every_slide_timed_gives_the_talk_budget() {
    let mut slides = vec![slide(1, "A"), slide(2, "B")];
    slides[0].budget = Some(secs(15));
    slides[1].budget = Some(Duration::from_millis(2_500));
    let outline = outline(&deck(slides), &options()).unwrap();
    assert!(
        outline
            .text
            .contains("budget = \"17s 500ms\"  # the sum of")
    );
    assert!(
        outline
            .text
            .contains("{ title = \"A\", budget = \"15s\" },")
    );
    let plan = load(&outline.text).plan;
    assert_eq!(plan.budget, Duration::from_millis(17_500));
    assert_eq!(plan.slides[1].budget, Duration::from_millis(2_500));
    assert_eq!(outline.summary.budget_from, BudgetFrom::SlideTimings);
    assert!(outline.summary.timings_used);
}

#[test]
fn timings_that_do_not_fit_the_budget_are_left_out() {
    let mut slides = vec![slide(1, "A"), slide(2, "B"), slide(3, "C")];
    slides[0].budget = Some(secs(50));
    slides[1].budget = Some(secs(9));
    // 59 s timed and one free slide: fits in 61 s, not in 60 s.
    for (budget, used) in [(secs(61), true), (secs(60), false)] {
        let outline = outline(
            &deck(slides.clone()),
            &Options {
                budget: Some(budget),
                ..options()
            },
        )
        .unwrap();
        assert_eq!(outline.summary.timings_used, used, "{budget:?}");
        assert_eq!(outline.summary.timings, 2);
        let plan = load(&outline.text).plan;
        assert_eq!(plan.slides_total(), budget);
        assert_eq!(plan.slides[0].explicit, used);
    }
}

#[test]
fn the_decks_own_budget_is_used_and_named() {
    let mut deck = deck(vec![slide(1, "A")]);
    deck.budget = Some(DeckBudget {
        budget: secs(30 * 60),
        source: "`duration` in the headmatter".into(),
    });
    let outline = outline(&deck, &options()).unwrap();
    assert!(
        outline
            .text
            .contains("budget = \"30m\"  # from the deck: `duration` in the headmatter\n")
    );
    let with_flag = super::outline(
        &deck,
        &Options {
            budget: Some(secs(600)),
            ..options()
        },
    )
    .unwrap();
    assert!(
        with_flag
            .text
            .contains("budget = \"10m\"  # from --budget\n")
    );
}

#[test]
fn guessed_and_empty_titles_carry_a_comment() {
    let mut guessed = slide(1, "A picture of a cat");
    guessed.guessed = Some("first text line: no title placeholder".into());
    let empty = slide(2, " \n ");
    let outline = outline(&deck(vec![guessed, empty]), &options()).unwrap();
    assert!(outline.text.contains(
        "  \"A picture of a cat\",  # title guessed: first text line: no title placeholder\n"
    ));
    assert!(
        outline
            .text
            .contains("  \"Slide 2\",  # title guessed: empty title\n")
    );
    assert_eq!(outline.summary.guessed, 2);
    load(&outline.text);
}

#[test]
fn odd_titles_stay_one_valid_line() {
    let titles = [
        "Quotes \" and ' and \\",
        "Two\nlines",
        "Tab\tand \u{7} bell",
        "발표 연습: 한국어 슬라이드",
        "🚀🔥",
        "'''",
        "# not a comment",
    ];
    let slides = titles
        .iter()
        .enumerate()
        .map(|(i, t)| slide(i + 1, t))
        .collect();
    let mut deck = deck(slides);
    deck.title = Some("A \"quoted\"\ntalk".into());
    let outline = outline(&deck, &options()).unwrap();
    let loaded = load(&outline.text);
    let got: Vec<&str> = loaded
        .plan
        .slides
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        got,
        [
            "Quotes \" and ' and \\",
            "Two lines",
            "Tab and bell",
            "발표 연습: 한국어 슬라이드",
            "🚀🔥",
            "'''",
            "# not a comment"
        ]
    );
    assert_eq!(loaded.talk.title, "A \"quoted\" talk");
}

#[test]
fn the_file_name_is_the_title_when_the_deck_has_none() {
    let mut deck = deck(vec![slide(1, "A")]);
    deck.title = None;
    let outline = outline(
        &deck,
        &Options {
            deck_name: "talks/my deck's.pptx",
            ..options()
        },
    )
    .unwrap();
    assert!(outline.text.contains("title = \"my deck's\"\n"));
    assert!(
        outline
            .text
            .contains("pacer import 'talks/my deck'\\''s.pptx' --update TALK.toml")
    );
}

#[test]
fn no_slides_or_only_hidden_ones_are_errors() {
    let err = outline(&deck(vec![]), &options()).unwrap_err();
    assert_eq!(err.to_string(), "the deck has no slides");
    let mut hidden = slide(1, "A");
    hidden.hidden = true;
    let err = outline(&deck(vec![hidden]), &options()).unwrap_err();
    assert!(err.to_string().contains("--include-hidden"), "{err}");
}

#[test]
fn most_slides_with_notes_suggest_wpm_in_a_comment() {
    let mut a = slide(1, "A");
    a.notes = Some("Say this.".into());
    let outline = outline(&deck(vec![a, slide(2, "B"), slide(3, "C")]), &options()).unwrap();
    assert!(!outline.text.contains("wpm"));
    let mut b = slide(2, "B");
    b.notes = Some("And this.".into());
    let mut a = slide(1, "A");
    a.notes = Some("Say this.".into());
    let outline = super::outline(&deck(vec![a, b, slide(3, "C")]), &options()).unwrap();
    assert!(outline.text.contains("\n# wpm = 130  # uncomment"));
}

#[test]
fn fingerprints_are_crc32() {
    assert_eq!(fingerprint(b""), "00000000");
    assert_eq!(fingerprint(b"123456789"), "cbf43926");
}

fn arb_slide() -> impl Strategy<Value = DeckSlide> {
    (
        "\\PC{0,12}|[a-z \"'\\\\\n\t]{0,10}",
        proptest::option::of("\\PC{0,30}|[a-z \"'\\\\\n]{0,40}"),
        any::<bool>(),
        proptest::option::of(prop_oneof![Just("Intro"), Just("Method"), Just("")]),
        proptest::option::of(0u64..200_000),
        proptest::option::of(Just("no title placeholder".to_owned())),
    )
        .prop_map(
            |(title, notes, hidden, section, budget, guessed)| DeckSlide {
                title,
                notes,
                hidden,
                section: section.map(str::to_owned),
                budget: budget.map(Duration::from_millis),
                guessed,
                ..DeckSlide::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any deck's outline passes `check` and plans to exactly its budget, the same every time.
    #[test]
    fn any_outline_plans_to_exactly_its_budget(
        slides in proptest::collection::vec(arb_slide(), 1..40),
        include_hidden in any::<bool>(),
        budget in proptest::option::of(prop_oneof![1u64..7200, Just(0)]),
        deck_budget in proptest::option::of(1u64..7200),
    ) {
        let mut slides = slides;
        for (i, slide) in slides.iter_mut().enumerate() {
            slide.number = i + 1;
        }
        let mut deck = deck(slides);
        deck.budget = deck_budget.map(|s| DeckBudget { budget: secs(s), source: "test".into() });
        let options = Options {
            include_hidden,
            // `0` stands for a budget of 20 ms, too short for most decks.
            budget: budget.map(|s| if s == 0 { Duration::from_millis(20) } else { secs(s) }),
            ..options()
        };
        match outline(&deck, &options) {
            Ok(first) => {
                let loaded = load(&first.text);
                prop_assert_eq!(loaded.plan.slides_total(), loaded.plan.budget);
                prop_assert_eq!(loaded.plan.budget, first.summary.budget);
                prop_assert_eq!(loaded.plan.slides.len(), first.summary.slides);
                let again = outline(&deck, &options).unwrap();
                prop_assert_eq!(first.text, again.text);
            }
            Err(err) => {
                let kept = deck.slides.iter().filter(|s| include_hidden || !s.hidden).count();
                prop_assert!(
                    kept == 0 || (budget == Some(0) && kept > 20),
                    "{err}"
                );
            }
        }
    }
}

#[test]
fn the_summary_says_what_to_check() {
    let mut hidden = slide(3, "Backup");
    hidden.hidden = true;
    let mut guessed = slide(2, "A cat");
    guessed.guessed = Some("first text line".into());
    guessed.notes = Some("Meow.".into());
    let mut deck = deck(vec![slide(1, "Title"), guessed, hidden]);
    deck.skipped.push("slide 4: unreadable notes part".into());
    let outline = outline(&deck, &options()).unwrap();
    assert_eq!(
        outline.summary.lines(),
        [
            "2 slides imported from the pptx deck, in 1 section",
            "1 hidden slide left out (--include-hidden keeps them)",
            "1 title guessed, each marked with a comment; 1 slide with notes",
            "no slide timings in the deck",
            "talk budget 20:00: the default: the deck gives none; pass --budget or edit `budget`",
            "skipped: slide 4: unreadable notes part",
        ]
    );
}
