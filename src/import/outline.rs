//! A [`Deck`] into the talk outline a person reads and edits: TOML text plus a summary.
//!
//! Owns the import's layout and its rules: which slides are kept, how they group into sections,
//! which budgets are written (never invented), the header comment, and the comments on guesses.
//! The same deck and [`Options`] always give the same bytes: the header carries the deck's
//! content fingerprint and the import's date (a day, passed in: this module never reads the
//! clock), nothing that changes between two runs on one day. Must not read files or print.
//!
//! Ids: the outline writes no `id` keys, so every slide has pacer's default id (the slugs of its
//! section and title). `--update` keeps a matched slide's id by writing it out as an explicit `id`
//! when its title or section changed (see [`super::update`]), so the history keeps matching.

mod render;
mod summary;

use std::time::Duration;

pub use render::{
    HEADER_START, comment, header, long_form, notes, render, section_text, slide_table, slide_value,
};
use summary::plural;
pub use summary::{BudgetFrom, Summary};

use super::{Deck, DeckError, DeckSlide, Format};
use crate::pace::MIN_SLIDE;
use crate::timefmt;

/// The talk budget when neither `--budget` nor the deck gives one.
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(20 * 60);
/// The longest budget a talk file accepts.
const MAX_BUDGET: Duration = Duration::from_secs(24 * 3600);
/// The section name for slides the deck puts in no section.
const NO_SECTION: &str = "Slides";

/// What the outline is made with besides the deck.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The deck's file name, as the header names it.
    pub deck_name: &'a str,
    pub format: Format,
    /// The deck's content fingerprint ([`fingerprint`] of its bytes).
    pub fingerprint: &'a str,
    /// The day of the import, as the header says it.
    pub date: jiff::civil::Date,
    /// `--budget`, which wins over anything the deck says.
    pub budget: Option<Duration>,
    /// `--include-hidden`: keep hidden slides (marked `optional`).
    pub include_hidden: bool,
    /// The talk file being written, for the header's `--update` hint (`TALK.toml` when none).
    pub talk_name: Option<&'a str>,
}

/// An outline: its TOML text and what a speaker should check.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub text: String,
    pub summary: Summary,
}

/// A short, stable fingerprint of the deck's bytes: their CRC-32 (IEEE), as 8 hex digits.
///
/// Not a security hash: it tells the speaker (and `--update`) whether the deck changed, and a
/// 4 MB deck costs well under a millisecond (a byte-at-a-time hash cost milliseconds).
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:08x}", crc32fast::hash(bytes))
}

/// A slide as the outline writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutSlide {
    pub title: String,
    /// Why the title is a guess, for its comment.
    pub guessed: Option<String>,
    /// Trimmed notes; empty when none.
    pub notes: String,
    pub budget: Option<Duration>,
    /// Hidden in the deck and kept (`--include-hidden`): written `optional`.
    pub hidden: bool,
}

/// A section as the outline writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutSection {
    pub title: String,
    pub slides: Vec<OutSlide>,
}

/// The outline before it is text: what [`super::update`] merges into an existing file.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub title: String,
    pub budget: Duration,
    pub sections: Vec<OutSection>,
    /// Sections left out because every slide in them is hidden, with their slide counts.
    pub dropped: Vec<(String, usize)>,
    /// Most slides have notes: the header suggests `wpm`.
    pub suggest_wpm: bool,
    /// The deck has sections of its own; without them, the sections are the speaker's.
    pub sectioned: bool,
    pub summary: Summary,
}

/// Turns a deck into its outline.
pub fn outline(deck: &Deck, options: &Options<'_>) -> Result<Outline, DeckError> {
    let shaped = shape(deck, options)?;
    let text = render(&shaped, options);
    Ok(Outline {
        text,
        summary: shaped.summary,
    })
}

/// The slides kept, grouped into sections, with their budgets decided.
pub fn shape(deck: &Deck, options: &Options<'_>) -> Result<Shaped, DeckError> {
    if deck.slides.is_empty() {
        return Err(DeckError::invalid("the deck has no slides"));
    }
    let hidden_total = deck.slides.iter().filter(|s| s.hidden).count();
    if hidden_total == deck.slides.len() && !options.include_hidden {
        return Err(DeckError::invalid(format!(
            "every slide of the deck ({hidden_total}) is hidden: pass --include-hidden to import them"
        )));
    }
    let mut skipped = deck.skipped.clone();
    let (sections, dropped) = group(&deck.slides, options.include_hidden);
    for (title, count) in &dropped {
        skipped.push(format!(
            "section \"{title}\": all its {count} slide{} are hidden, so it is left out",
            plural(*count)
        ));
    }
    let mut sections = sections;
    let kept: Vec<&OutSlide> = sections.iter().flat_map(|s| &s.slides).collect();
    let kept_count = kept.len();
    let timings = kept.iter().filter(|s| s.budget.is_some()).count();
    let timed: Duration = kept.iter().filter_map(|s| s.budget).sum();
    let with_notes = kept.iter().filter(|s| !s.notes.is_empty()).count();
    let guessed = kept.iter().filter(|s| s.guessed.is_some()).count();

    let deck_budget = deck
        .budget
        .as_ref()
        .filter(|b| !b.budget.is_zero() && b.budget <= MAX_BUDGET);
    if let Some(b) = deck.budget.as_ref().filter(|_| deck_budget.is_none()) {
        skipped.push(format!(
            "the deck's talk budget ({}) is not a usable length",
            b.source
        ));
    }
    let (budget, budget_from) = if let Some(budget) = options.budget {
        (budget, BudgetFrom::Flag)
    } else if let Some(b) = deck_budget {
        (b.budget, BudgetFrom::Deck(b.source.clone()))
    } else if timings == kept_count && timed <= MAX_BUDGET {
        (timed, BudgetFrom::SlideTimings)
    } else {
        (DEFAULT_BUDGET, BudgetFrom::Default)
    };

    // Slide timings are kept only when the rest of the slides can still be shown: otherwise
    // the outline would not plan, and budgets are never bent to fit.
    let free = (kept_count - timings) as u32;
    let timings_used = timings > 0
        && if free == 0 {
            timed == budget
        } else {
            timed + MIN_SLIDE * free <= budget
        };
    if !timings_used {
        for slide in sections.iter_mut().flat_map(|s| s.slides.iter_mut()) {
            slide.budget = None;
        }
        // pacer shares time by the millisecond: each slide needs one at least.
        if budget.as_millis() < kept_count as u128 {
            return Err(DeckError::invalid(format!(
                "a talk budget of {} ms cannot be shared among {kept_count} slides: pass a \
                 longer --budget",
                budget.as_millis()
            )));
        }
    }
    let summary = Summary {
        format: options.format,
        slides: kept_count,
        hidden_left_out: if options.include_hidden {
            0
        } else {
            hidden_total
        },
        hidden_included: if options.include_hidden {
            hidden_total
        } else {
            0
        },
        guessed,
        with_notes,
        sections: sections.len(),
        timings,
        timings_used,
        budget,
        budget_from,
        skipped,
    };
    Ok(Shaped {
        title: talk_title(deck, options.deck_name),
        budget,
        suggest_wpm: with_notes * 2 > kept_count,
        sectioned: deck.slides.iter().any(|s| s.section.is_some()),
        sections,
        dropped,
        summary,
    })
}

/// Consecutive slides of one deck section become one section; sections left with no slide
/// (all hidden) are returned apart, with how many slides they had.
fn group(slides: &[DeckSlide], include_hidden: bool) -> (Vec<OutSection>, Vec<(String, usize)>) {
    let mut sections: Vec<(Option<String>, Vec<OutSlide>, usize)> = Vec::new();
    for slide in slides {
        let name = slide.section.as_deref().map(one_line);
        if sections.last().is_none_or(|(n, _, _)| *n != name) {
            sections.push((name, Vec::new(), 0));
        }
        let Some(last) = sections.last_mut() else {
            continue;
        };
        last.2 += 1;
        if slide.hidden && !include_hidden {
            continue;
        }
        last.1.push(out_slide(slide));
    }
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    let unnamed = sections.iter().filter(|(n, _, _)| n.is_none()).count();
    for (n, (name, slides, total)) in sections.into_iter().enumerate() {
        let title = match name {
            Some(name) if !name.is_empty() => name,
            Some(_) => format!("Section {}", n + 1),
            None if unnamed == 1 => NO_SECTION.to_owned(),
            None => format!("{NO_SECTION} {}", n + 1),
        };
        if slides.is_empty() {
            dropped.push((title, total));
        } else {
            kept.push(OutSection { title, slides });
        }
    }
    (kept, dropped)
}

fn out_slide(slide: &DeckSlide) -> OutSlide {
    let title = one_line(&slide.title);
    let (title, guessed) = if title.is_empty() {
        (
            format!("Slide {}", slide.number),
            Some(
                slide
                    .guessed
                    .clone()
                    .unwrap_or_else(|| "empty title".into()),
            ),
        )
    } else {
        (title, slide.guessed.clone())
    };
    OutSlide {
        title,
        guessed: guessed.map(|g| one_line(&g)),
        notes: slide
            .notes
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_owned(),
        budget: slide
            .budget
            .filter(|b| b.as_millis() > 0 && *b <= MAX_BUDGET)
            // The talk format counts milliseconds.
            .map(|b| Duration::from_millis(timefmt::ms(b))),
        hidden: slide.hidden,
    }
}

/// Text on one line, as titles must be: control characters and runs of white space become
/// one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn talk_title(deck: &Deck, deck_name: &str) -> String {
    let from_deck = deck.title.as_deref().map(one_line).unwrap_or_default();
    if !from_deck.is_empty() {
        return from_deck;
    }
    let stem = std::path::Path::new(deck_name)
        .file_stem()
        .map(|s| one_line(&s.to_string_lossy()))
        .unwrap_or_default();
    if stem.is_empty() { "Talk".into() } else { stem }
}

#[cfg(test)]
mod tests;
