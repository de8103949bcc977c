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

use std::fmt::Write as _;
use std::time::Duration;

use super::{Deck, DeckError, DeckSlide, Format};
use crate::plan::MIN_SLIDE;
use crate::timefmt;
use crate::tune::write::Style;

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

/// Where the talk budget came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BudgetFrom {
    /// `--budget`.
    Flag,
    /// The deck states it; where, as the reader says.
    Deck(String),
    /// The sum of every slide's own timing.
    SlideTimings,
    /// Nothing gave one: [`DEFAULT_BUDGET`].
    Default,
}

/// The counts a speaker checks at a glance after an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub format: Format,
    /// Slides written to the outline.
    pub slides: usize,
    pub hidden_left_out: usize,
    pub hidden_included: usize,
    pub guessed: usize,
    pub with_notes: usize,
    pub sections: usize,
    /// Slides of the outline with a timing in the deck.
    pub timings: usize,
    /// Whether those timings were written as budgets (they did not fit otherwise).
    pub timings_used: bool,
    pub budget: Duration,
    pub budget_from: BudgetFrom,
    /// One line per thing left out or passed over, and why.
    pub skipped: Vec<String>,
}

impl Summary {
    /// The summary as lines for stderr.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{} slides imported from the {} deck, in {} section{}",
            self.slides,
            self.format.name(),
            self.sections,
            plural(self.sections)
        )];
        if self.hidden_left_out > 0 {
            lines.push(format!(
                "{} hidden slide{} left out (--include-hidden keeps them)",
                self.hidden_left_out,
                plural(self.hidden_left_out)
            ));
        }
        if self.hidden_included > 0 {
            lines.push(format!(
                "{} hidden slide{} kept as optional",
                self.hidden_included,
                plural(self.hidden_included)
            ));
        }
        lines.push(format!(
            "{} title{} guessed (marked with a comment), {} slide{} with notes",
            self.guessed,
            plural(self.guessed),
            self.with_notes,
            plural(self.with_notes)
        ));
        lines.push(match (self.timings, self.timings_used) {
            (0, _) => "no slide timings in the deck".to_owned(),
            (n, true) => format!(
                "{n} slide timing{} from the deck kept as budgets",
                plural(n)
            ),
            (n, false) => format!(
                "{n} slide timing{} in the deck left out: they do not fit the talk's budget",
                plural(n)
            ),
        });
        lines.push(format!(
            "talk budget {}: {}",
            timefmt::clock(self.budget),
            self.budget_from.describe()
        ));
        lines.extend(self.skipped.iter().map(|s| format!("skipped: {s}")));
        lines
    }
}

impl BudgetFrom {
    fn describe(&self) -> String {
        match self {
            Self::Flag => "from --budget".to_owned(),
            Self::Deck(source) => format!("from the deck ({source})"),
            Self::SlideTimings => "the sum of the deck's slide timings".to_owned(),
            Self::Default => {
                "the default: the deck gives none; pass --budget or edit `budget`".to_owned()
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A short, stable fingerprint of the deck's bytes (64-bit FNV-1a, as 16 hex digits).
///
/// Not a security hash: it tells the speaker (and `--update`) whether the deck changed.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
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

/// The header's first line; `--update` finds it by this start.
pub const HEADER_START: &str = "# Imported by `pacer import` from ";

/// The header comment: the deck, its fingerprint, the day; how to refresh.
pub fn header(options: &Options<'_>) -> String {
    format!(
        "{HEADER_START}{} ({}, fingerprint {}) on {}.\n\
         # When the deck changes: pacer import {} --update {}\n",
        one_line(options.deck_name),
        options.format.name(),
        options.fingerprint,
        options.date,
        shell_word(options.deck_name),
        options
            .talk_name
            .map_or_else(|| "TALK.toml".to_owned(), shell_word),
    )
}

/// A file name as it would be typed in a shell (quoted when it needs to be).
fn shell_word(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./+,:@%".contains(c));
    if plain {
        name.to_owned()
    } else {
        format!("'{}'", one_line(name).replace('\'', r"'\''"))
    }
}

/// The outline as TOML.
pub fn render(shaped: &Shaped, options: &Options<'_>) -> String {
    let mut out = header(options);
    out.push('\n');
    let _ = writeln!(out, "title = {}", string(&shaped.title));
    let comment = match &shaped.summary.budget_from {
        BudgetFrom::Flag => "from --budget".to_owned(),
        BudgetFrom::Deck(source) => format!("from the deck: {}", one_line(source)),
        BudgetFrom::SlideTimings => "the sum of the deck's slide timings".to_owned(),
        BudgetFrom::Default => "the deck gives no length: set your slot's".to_owned(),
    };
    let _ = writeln!(
        out,
        "budget = {}  # {comment}",
        string(&duration(shaped.budget))
    );
    if shaped.suggest_wpm {
        out.push_str("# wpm = 130  # uncomment to share time by the length of the notes\n");
    }
    for (title, count) in &shaped.dropped {
        let _ = writeln!(
            out,
            "# section {} left out: all its {count} slide{} are hidden in the deck",
            string(title),
            plural(*count)
        );
    }
    for section in &shaped.sections {
        out.push('\n');
        out.push_str(&section_text(section));
    }
    out
}

/// One `[[section]]` with its slides: the short list when no slide has notes, else one
/// `[[section.slides]]` table per slide.
pub fn section_text(section: &OutSection) -> String {
    let mut out = format!("[[section]]\ntitle = {}\n", string(&section.title));
    if long_form(section) {
        for slide in &section.slides {
            out.push('\n');
            out.push_str(&slide_table(slide));
        }
    } else {
        out.push_str("slides = [\n");
        for slide in &section.slides {
            let _ = write!(out, "  {},", slide_value(slide));
            if let Some(comment) = comment(slide) {
                let _ = write!(out, "  # {comment}");
            }
            out.push('\n');
        }
        out.push_str("]\n");
    }
    out
}

/// Whether a section's slides need tables (some slide has notes).
pub fn long_form(section: &OutSection) -> bool {
    section.slides.iter().any(|s| !s.notes.is_empty())
}

/// A slide in the short form: its title alone, or an inline table with its budget.
pub fn slide_value(slide: &OutSlide) -> String {
    if slide.budget.is_none() && !slide.hidden {
        return string(&slide.title);
    }
    let mut out = format!("{{ title = {}", string(&slide.title));
    if let Some(budget) = slide.budget {
        let _ = write!(out, ", budget = {}", string(&duration(budget)));
    }
    if slide.hidden {
        out.push_str(", optional = true");
    }
    out.push_str(" }");
    out
}

/// A slide as a `[[section.slides]]` table.
pub fn slide_table(slide: &OutSlide) -> String {
    let mut out = format!("[[section.slides]]\ntitle = {}", string(&slide.title));
    if let Some(comment) = comment(slide) {
        let _ = write!(out, "  # {comment}");
    }
    out.push('\n');
    if let Some(budget) = slide.budget {
        let _ = writeln!(out, "budget = {}", string(&duration(budget)));
    }
    if slide.hidden {
        out.push_str("optional = true\n");
    }
    if !slide.notes.is_empty() {
        let _ = writeln!(out, "notes = {}", notes(&slide.notes));
    }
    out
}

/// The comment a slide carries: hidden in the deck, and why its title is a guess.
pub fn comment(slide: &OutSlide) -> Option<String> {
    let mut parts = Vec::new();
    if slide.hidden {
        parts.push("hidden in the deck".to_owned());
    }
    if let Some(why) = &slide.guessed {
        parts.push(format!("title guessed: {why}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A TOML string, as `toml_edit` writes it.
pub fn string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_owned()
}

/// Notes as a multi-line string: the trailing newline makes `toml_edit` choose one (the talk
/// format trims notes, so it changes nothing).
pub fn notes(text: &str) -> String {
    string(&format!("{text}\n"))
}

/// A duration as the talk format writes it (`"20m"`, `"1m 05s"`, `"12s 500ms"`).
pub fn duration(d: Duration) -> String {
    Style::default().format(d)
}

#[cfg(test)]
mod tests;
