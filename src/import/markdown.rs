//! Markdown decks: Marp, Slidev, reveal.js (and reveal-md), presenterm, Quarto, Pandoc, Remark.
//!
//! Owns reading a Markdown deck's text into a [`Deck`]: [`read`] with the flavour, [`sniff`] to
//! guess the flavour from the content, and [`text_from_bytes`] for the shell to turn a file's
//! bytes into text. One submodule per flavour holds that tool's rules (separator, title, notes,
//! skip, timing); `tokens` is the common tokeniser they share, `yaml` the flat settings reader. It must not read files, print or
//! look at the clock, and it never writes Markdown parsing of its own: pulldown-cmark decides what
//! is code, a heading, a thematic break or an HTML comment, so nothing inside a code fence or
//! indented code ever splits a slide or becomes a title. Cost is one pass over the text per step,
//! linear in the deck's size.
//!
//! What every flavour shares:
//! - Front matter (`---` YAML on line 1) is never a slide of its own, except where the tool makes
//!   one (presenterm, Quarto and Pandoc show a title slide when it has a `title`). Only its flat
//!   `key: value` lines are read.
//! - Title: the tool's own title (front matter, a setext heading, a heading at the slide level),
//!   else the slide's first heading, else its first text line cut to about 60 characters
//!   (guessed), else `Slide N` (guessed).
//! - Blank slides before the first or after the last one (a leading or trailing separator) are
//!   left out, each said in `skipped`; a blank slide between two others stays (`Slide N`).
//! - `DeckSlide::line` is the slide's first non-blank line (line 1 for a generated title slide).
//! - `DeckSlide::key`, the stable key, where the tool has one: Remark `name:`, Slidev
//!   `routeAlias:`, a Quarto/Pandoc heading's `{#id}`.
//! - A deck with no slide at all is an error; everything else the reader passes over is a line
//!   in `skipped` (an unclosed front matter, a `duration` without a unit, a remark template).
//!
//! For the shell: [`text_from_bytes`], then [`sniff`] (or `--from`), then [`read`]. Decks of
//! every flavour with that tool's traps, for tests anywhere: `tests/fixtures/decks/`.

mod marp;
mod presenterm;
mod quarto;
mod remark;
mod reveal;
mod slidev;
mod tokens;
mod yaml;

use std::time::Duration;

use super::{Deck, DeckBudget, DeckError, DeckSlide, Format};
use tokens::{Body, Doc};

/// How long a guessed title may be, in characters, before it is cut.
const TITLE_CHARS: usize = 60;

/// Reads a Markdown deck of the given flavour. Any non-Markdown `flavour` is an error.
pub fn read(text: &str, flavour: Format) -> Result<Deck, DeckError> {
    let doc = Doc::new(text);
    let mut parts = match flavour {
        Format::Marp => marp::read(&doc),
        Format::Slidev => slidev::read(&doc),
        Format::Reveal => reveal::read(&doc),
        Format::Presenterm => presenterm::read(&doc),
        Format::Quarto => quarto::read(&doc, quarto::Tool::Quarto),
        Format::Pandoc => quarto::read(&doc, quarto::Tool::Pandoc),
        Format::Remark => remark::read(&doc),
        Format::Pptx | Format::Odp | Format::Pdf => {
            return Err(DeckError::invalid(format!(
                "{} is not a Markdown deck format",
                flavour.name()
            )));
        }
    };
    let unclosed = doc.front.is_none()
        && doc.lines.len() > 1
        && doc.line(0).trim_end() == "---"
        && !doc.blank(1);
    if unclosed {
        parts.skipped.insert(
            0,
            "line 1: the front matter's `---` is never closed by a `---` or `...` line, \
             so it was read as slides"
                .to_owned(),
        );
    }
    finish(parts, flavour)
}

/// Turns a Markdown file's bytes into text: UTF-8 only (a leading byte-order mark is dropped).
/// The error names the line and column of the first byte that is not UTF-8.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, DeckError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(DeckError::at_line(
            1,
            "the file is UTF-16; save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.split(|&b| b == b'\n').count();
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        // Columns count characters, as editors show them; the valid prefix is UTF-8.
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        DeckError::at_line(
            line,
            format!(
                "column {column}: byte 0x{:02X} is not UTF-8; save the file as UTF-8 \
                 (in most editors: Save As, encoding UTF-8)",
                bytes[e.valid_up_to()]
            ),
        )
    })
}

/// The flavour of a Markdown deck from its content, or `None` when nothing says for sure.
///
/// In order: front matter `marp: true`; Quarto's `format: revealjs`; presenterm's
/// `<!-- end_slide -->`; a Remark `???` notes line; Slidev's headmatter keys or a per-slide
/// frontmatter block; remark properties (`class:`, `name:`...) opening a slide; reveal's
/// `<!-- .slide: -->` comments, or `Note:` lines in a deck with reveal separators (a `Note:`
/// alone is ordinary prose); Pandoc's `::: notes`; Marp directives (`headingDivider`,
/// `paginate`, `<!-- _class: -->`) without `marp: true`. A deck whose only signs are shared by
/// several tools (`---` separators, `theme:`) is `None`.
pub fn sniff(text: &str) -> Option<Format> {
    let doc = Doc::new(text);
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let top = |key: &str| yaml::top(&front, key);
    if top("marp").is_some_and(yaml::truthy) {
        return Some(Format::Marp);
    }
    let quarto = top("format").is_some_and(|v| v.contains("revealjs"))
        || front.windows(2).any(|w| {
            w[0].indent == 0
                && w[0].key == "format"
                && w[0].value.is_empty()
                && w[1].key == "revealjs"
        });
    if quarto {
        return Some(Format::Quarto);
    }
    let lines =
        || (doc.body_line()..doc.lines.len()).filter(|&i| doc.lines[i].kind != tokens::Kind::Code);
    let trimmed = |i: usize| doc.line(i).trim();
    if lines().any(|i| presenterm::is_end_slide(trimmed(i))) {
        return Some(Format::Presenterm);
    }
    if lines().any(|i| trimmed(i) == "???") {
        return Some(Format::Remark);
    }
    if front
        .iter()
        .any(|p| p.indent == 0 && slidev::HEADMATTER_KEYS.contains(&p.key))
        || slidev::has_slide_frontmatter(&doc)
    {
        return Some(Format::Slidev);
    }
    if remark::has_properties(&doc) {
        return Some(Format::Remark);
    }
    let reveal = lines().any(|i| trimmed(i).starts_with("<!-- .slide:"))
        || (lines().any(|i| reveal::is_notes_line(doc.line(i))) && reveal::has_separator(&doc));
    if reveal {
        return Some(Format::Reveal);
    }
    if lines().any(|i| quarto::is_notes_open(trimmed(i))) {
        return Some(Format::Pandoc);
    }
    // `theme` alone is no sign: Slidev and reveal-md decks set it too.
    let marp_keys = ["headingDivider", "paginate"];
    if front
        .iter()
        .any(|p| p.indent == 0 && marp_keys.contains(&p.key))
        || lines().any(|i| {
            trimmed(i).starts_with("<!-- _class:") || trimmed(i).starts_with("<!-- _paginate:")
        })
    {
        return Some(Format::Marp);
    }
    None
}

/// A slide as a flavour found it, before titles fall back and numbers are given.
#[derive(Debug, Default)]
struct Draft {
    /// 0-based line where the slide starts.
    line: usize,
    /// The tool's own title for the slide (frontmatter `title`, a slide-level heading).
    title: Option<String>,
    /// The slide's Markdown, read for its first heading and first text line.
    body: Body,
    notes: Vec<String>,
    hidden: bool,
    section: Option<String>,
    budget: Option<Duration>,
    steps: u32,
    key: Option<String>,
    /// Its lines are all blank (and, for Slidev, it has no frontmatter).
    blank: bool,
}

impl Draft {
    fn at(line: usize) -> Self {
        Self {
            line,
            ..Self::default()
        }
    }

    /// A slide on lines `from..to`, placed at its first line that is not blank.
    fn starting(doc: &Doc, from: usize, to: usize) -> Self {
        let first = (from..to).find(|&i| !doc.blank(i));
        Self {
            blank: first.is_none(),
            ..Self::at(first.unwrap_or(from))
        }
    }

    /// Nothing on the slide at all: blank lines only, no title of the tool's own.
    fn is_empty(&self) -> bool {
        self.blank && self.title.is_none()
    }
}

/// What a flavour reads from a deck, before the common finishing.
#[derive(Debug, Default)]
struct Parts {
    title: Option<String>,
    budget: Option<DeckBudget>,
    slides: Vec<Draft>,
    skipped: Vec<String>,
}

fn finish(mut parts: Parts, flavour: Format) -> Result<Deck, DeckError> {
    // Blank slides before the first and after the last one are separators left over, not slides
    // to rehearse (a deck that opens with `---` under unclosed front matter, a trailing `---`).
    let lead = parts.slides.iter().take_while(|d| d.is_empty()).count();
    let tail = parts.slides[lead..]
        .iter()
        .rev()
        .take_while(|d| d.is_empty())
        .count();
    if lead == parts.slides.len() {
        return Err(DeckError::invalid(format!(
            "no slides found as a {} deck; if it is another kind of deck, pass --from with its format",
            flavour.name()
        )));
    }
    let end = parts.slides.len() - tail;
    for (i, draft) in parts.slides.iter().enumerate() {
        if i < lead || i >= end {
            let at = if i < lead { "start" } else { "end" };
            parts.skipped.push(format!(
                "line {}: an empty slide at the {at} of the deck",
                draft.line + 1
            ));
        }
    }
    parts.slides.truncate(end);
    parts.slides.drain(..lead);
    let slides: Vec<DeckSlide> = parts
        .slides
        .into_iter()
        .enumerate()
        .map(|(i, d)| slide(i + 1, d))
        .collect();
    let title = parts.title.or_else(|| {
        slides
            .first()
            .filter(|s| s.guessed.is_none())
            .map(|s| s.title.clone())
    });
    Ok(Deck {
        title,
        budget: parts.budget,
        slides,
        skipped: parts.skipped,
    })
}

fn slide(number: usize, d: Draft) -> DeckSlide {
    let heading = d.body.title().map(str::to_owned);
    let (title, guessed) = match (
        d.title.filter(|t| !t.trim().is_empty()),
        heading,
        d.body.first_text,
    ) {
        (Some(t), _, _) | (None, Some(t), _) => (tokens::collapse(&t), None),
        (None, None, Some(text)) => (
            shorten(&text),
            Some("first text line: no heading".to_owned()),
        ),
        (None, None, None) => (
            format!("Slide {number}"),
            Some("no heading or text on the slide".to_owned()),
        ),
    };
    let notes = d
        .notes
        .iter()
        .map(|n| tidy(n))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    DeckSlide {
        number,
        key: d.key,
        title,
        guessed,
        notes: (!notes.is_empty()).then_some(notes),
        hidden: d.hidden,
        section: d.section,
        budget: d.budget,
        steps: d.steps,
        line: Some(d.line + 1),
    }
}

/// Notes with their blank edges and trailing spaces removed; indentation inside is kept.
fn tidy(notes: &str) -> String {
    let lines: Vec<&str> = notes.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}

/// A guessed title cut to about [`TITLE_CHARS`] characters, at a word when one is near.
fn shorten(text: &str) -> String {
    if text.chars().count() <= TITLE_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(TITLE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() > TITLE_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// A duration as the tools write it: `30min`, `1h 30m`, `90s` (humantime's forms).
fn duration(value: &str) -> Option<Duration> {
    humantime::parse_duration(value.trim())
        .ok()
        .filter(|d| !d.is_zero())
}

#[cfg(test)]
mod tests;
