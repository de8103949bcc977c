//! The outline: a talk file read into a validated [`Talk`].
//!
//! Owns reading TOML (with spans), every check of DESIGN.md's talk format, default slide ids and
//! the diagnostics that point at file, line and column. Must not allocate budgets (that is
//! [`crate::plan`]) nor touch the terminal; reading the file is the caller's job ([`Source`]).

mod diagnostic;
mod raw;
pub mod sample;
pub mod schema;
mod slug;
mod source;
mod validate;

use std::ops::Range;
use std::time::Duration;

pub use diagnostic::{Diagnostic, MAX_WPM, Problem, Severity, Zero};
pub use source::Source;

/// Byte range into a [`Source`]'s text.
pub type Span = Range<usize>;

/// A talk outline that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Talk {
    pub title: String,
    pub budget: Duration,
    /// Share of a budget at which a slide or section turns amber; default 0.8.
    pub warn: f64,
    /// A finish within `budget +/- grace` is on time; default 30 s.
    pub grace: Duration,
    /// Speaking rate used to weigh slides by their notes.
    pub wpm: Option<f64>,
    pub sections: Vec<Section>,
    /// Where the talk's `budget` value stands in the file.
    pub budget_span: Span,
    /// The time an answer gets when its question sets no `budget` (the talk's `answer`).
    pub answer: Duration,
    /// The `[[question]]`s the audience may ask after the talk, in file order.
    pub questions: Vec<Question>,
}

/// A `[[section]]` of the talk.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub budget: Option<Duration>,
    pub slides: Vec<Slide>,
    /// The section's header or table in the file.
    pub span: Span,
    /// The section's `budget` value, when it has one.
    pub budget_span: Option<Span>,
}

/// One slide of a section.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "the talk format's four independent flags, each a boolean key in the file"
)]
pub struct Slide {
    /// Explicit `id`, or the unique slug of section and title.
    pub id: String,
    pub title: String,
    pub budget: Option<Duration>,
    pub optional: bool,
    pub lock: bool,
    /// `tuned = true`: the budget was written by `pacer tune` and gives way (scaled down with
    /// the other tuned budgets) to make room for slides without a budget. Only with a budget;
    /// a locked slide's budget never gives way.
    pub tuned: bool,
    /// `skip = true`: the slide stays in the file but not in the plan (cut from a shorter slot).
    pub skip: bool,
    pub notes: String,
    /// The slide's entry in the file (string, inline table or `[[section.slides]]` table).
    pub span: Span,
    /// The slide's `budget` value, when it has one.
    pub budget_span: Option<Span>,
}

impl Slide {
    /// A budget that gives way: written by `tune` (`tuned = true`) and not locked.
    pub fn gives_way(&self) -> bool {
        self.tuned && !self.lock && self.budget.is_some()
    }

    /// A budget the plan keeps as written: hand-written or locked.
    pub fn hard_budget(&self) -> Option<Duration> {
        self.budget.filter(|_| !self.gives_way())
    }
}

/// A `[[question]]`: what the audience may ask after the talk, drilled by `pacer drill`.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Explicit `id`, or `q/` and the unique slug of the question.
    pub id: String,
    /// The question as the audience would put it.
    pub ask: String,
    /// The points a good answer makes (empty when the file has none).
    pub answer: String,
    /// The question's `budget`, else the talk's `answer`, else [`DEFAULT_ANSWER`].
    pub budget: Duration,
    /// The id of the slide the question is about, when it names one.
    pub slide: Option<String>,
    pub tags: Vec<String>,
    /// The question's entry in the file.
    pub span: Span,
}

/// Default share of a budget at which a slide or section turns amber.
pub const DEFAULT_WARN: f64 = 0.8;
/// Default tolerance around the budget for an on-time finish.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(30);
/// Default time for an answer when neither the question nor the talk sets one.
pub const DEFAULT_ANSWER: Duration = Duration::from_secs(60);

/// Reads a talk: the validated outline and its warnings, or every error found.
///
/// Errors and warnings point into `source`; render them with [`Diagnostic::render`].
pub fn parse(source: &Source) -> Result<(Talk, Vec<Diagnostic>), Vec<Diagnostic>> {
    if let Some(not_utf8) = source.not_utf8() {
        return Err(vec![not_utf8.clone()]);
    }
    let root = raw::read(source.text())?;
    validate::validate(source, &root)
}
