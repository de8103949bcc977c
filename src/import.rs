//! Decks into outlines: one reader per deck format, all yielding the same neutral [`Deck`].
//!
//! Owns what a deck says (titles, notes, sections, hidden slides, timings) and turning it into a
//! talk outline. Readers take the deck's bytes and return a [`Deck`] or a [`DeckError`]; they
//! never read files, print or touch the terminal (the shell, `cli/import.rs`, does). Everything
//! read is untrusted: every reader is bounded in memory and time whatever the deck holds.

mod detect;
pub mod markdown;
pub mod odp;
mod outline;
pub mod pdf;
pub mod pptx;
pub mod sniff;
mod update;
mod xml;
mod zip;

#[cfg(any(test, feature = "testdecks"))]
#[doc(hidden)]
pub mod testdecks;

use std::time::Duration;

/// The deck formats pacer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pptx,
    Odp,
    Pdf,
    Marp,
    Slidev,
    Reveal,
    Presenterm,
    Quarto,
    Pandoc,
    Remark,
}

impl Format {
    /// Every format, in the order `--from` lists them.
    pub const ALL: [Self; 10] = [
        Self::Pptx,
        Self::Odp,
        Self::Pdf,
        Self::Marp,
        Self::Slidev,
        Self::Reveal,
        Self::Presenterm,
        Self::Quarto,
        Self::Pandoc,
        Self::Remark,
    ];

    /// The name `--from` takes and the summary shows.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pptx => "pptx",
            Self::Odp => "odp",
            Self::Pdf => "pdf",
            Self::Marp => "marp",
            Self::Slidev => "slidev",
            Self::Reveal => "reveal",
            Self::Presenterm => "presenterm",
            Self::Quarto => "quarto",
            Self::Pandoc => "pandoc",
            Self::Remark => "remark",
        }
    }
}

/// A deck read by one of the readers, before it becomes an outline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Deck {
    /// The talk's title when the deck names one (first slide's title, front matter `title`).
    pub title: Option<String>,
    /// The talk's total budget when the deck states one (Slidev `duration`, `.pdfpc` `duration`).
    pub budget: Option<DeckBudget>,
    /// Every slide in presentation order, hidden ones included (flagged).
    pub slides: Vec<DeckSlide>,
    /// One line per thing the reader passed over, and why ("slide 4: unreadable notes part").
    pub skipped: Vec<String>,
}

/// A budget the deck itself states, with where it came from (for the summary and the comment).
#[derive(Debug, Clone, PartialEq)]
pub struct DeckBudget {
    pub budget: Duration,
    /// Where it was read, as a speaker would recognise it: "`duration` in the headmatter".
    pub source: String,
}

/// One slide as the deck has it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeckSlide {
    /// 1-based position in the deck, hidden slides counted.
    pub number: usize,
    /// A key the deck keeps stable when slides move (pptx `p:sldId@id`), when it has one.
    pub key: Option<String>,
    /// The title, never empty: read, guessed, or `Slide N`.
    pub title: String,
    /// Why the title is a guess, when it is ("first text line: no title placeholder").
    pub guessed: Option<String>,
    /// Speaker notes, whitespace kept; `None` when the slide has none (empty notes are none).
    pub notes: Option<String>,
    /// Hidden or skipped in the deck (`show="0"`, `hide: true`, `<!-- skip_slide -->`...).
    pub hidden: bool,
    /// The name of the section the slide belongs to, when the deck has sections.
    pub section: Option<String>,
    /// The slide's own timing in the deck (`advTm`, `presentation:duration`, `data-timing`).
    pub budget: Option<Duration>,
    /// Clicks, overlays, fragments or increments within the slide (0 when none).
    pub steps: u32,
    /// 1-based line where the slide starts, for text formats.
    pub line: Option<usize>,
}

/// Why a deck could not be read as asked. Display is the whole message a user sees, after the
/// file's name (the shell adds it): "line 12: ..." for text formats.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeckError {
    /// Not a deck of the asked or detected format, or a damaged one: exit 2.
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Invalid {
        message: String,
        /// 1-based line, for text formats.
        line: Option<usize>,
    },
    /// A format pacer does not read (Keynote, `.ppt`, an encrypted file, an LFS pointer), with
    /// what to do instead: exit 2.
    #[error("{0}")]
    Unsupported(String),
}

impl DeckError {
    /// An invalid deck with no line to point at.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid {
            message: message.into(),
            line: None,
        }
    }

    /// An invalid text deck, at a 1-based line.
    pub fn at_line(line: usize, message: impl Into<String>) -> Self {
        Self::Invalid {
            message: message.into(),
            line: Some(line),
        }
    }
}

pub use detect::{detect, read as read_deck};
pub use outline::{Options, Outline, Shaped, Summary, fingerprint, outline, shape};
pub use update::{Changes, Update, UpdateError, update};
