//! The plan: every slide's budget and planned start, derived from a validated [`Talk`].
//!
//! Owns the allocation rules of DESIGN.md (explicit budgets kept, the rest shared by weight,
//! largest-remainder rounding so every container sums to its budget to the millisecond).
//! Pure data and arithmetic: no I/O, no terminal, no clock.

mod allocate;
mod give_way;
pub mod render;
pub mod scope;
mod skip;

use std::ops::Range;
use std::time::Duration;

pub use allocate::allocate;

/// A talk turned into a timetable: what every slide may take and when it should start.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub title: String,
    /// The talk's total budget.
    pub budget: Duration,
    /// Share of a budget at which a slide or section turns amber (0 < warn <= 1).
    pub warn: f64,
    /// A finish within `budget +/- grace` counts as on time.
    pub grace: Duration,
    /// Speaking rate the talk declares, if any.
    pub wpm: Option<f64>,
    pub sections: Vec<PlannedSection>,
    /// Every slide of the talk in order; sections index into it.
    pub slides: Vec<PlannedSlide>,
    /// Time no slide received (the sections or slides add up to less than the budget); a warning.
    pub unassigned: Duration,
}

/// A section of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedSection {
    pub title: String,
    /// The section's budget: explicit, or the sum of its slides.
    pub budget: Duration,
    /// Planned start from the beginning of the talk (a checkpoint).
    pub start: Duration,
    /// The section's slides, as indices into [`Plan::slides`].
    pub slides: Range<usize>,
    /// The budget was written in the talk file (not derived).
    pub explicit: bool,
}

/// A slide of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedSlide {
    /// Stable identity across runs (explicit `id`, or the slug of section and title).
    pub id: String,
    pub title: String,
    /// Index of the slide's section in [`Plan::sections`].
    pub section: usize,
    pub budget: Duration,
    /// Planned start from the beginning of the talk (a checkpoint).
    pub start: Duration,
    pub optional: bool,
    pub lock: bool,
    /// Speaker notes (may be empty).
    pub notes: String,
    /// The budget was written in the talk file (not derived).
    pub explicit: bool,
}

impl Plan {
    /// Planned end of the slide at `index`.
    pub fn slide_end(&self, index: usize) -> Duration {
        let slide = &self.slides[index];
        slide.start + slide.budget
    }

    /// Sum of every slide's budget: the budget minus [`Plan::unassigned`].
    pub fn slides_total(&self) -> Duration {
        self.slides.iter().map(|s| s.budget).sum()
    }

    /// Planned end of the section at `index`: its start plus its budget.
    pub fn section_end(&self, index: usize) -> Duration {
        let section = &self.sections[index];
        section.start + section.budget
    }

    /// The section's share of the talk's budget, from 0 to 1 (0 for a talk without time).
    pub fn section_share(&self, index: usize) -> f64 {
        if self.budget.is_zero() {
            return 0.0;
        }
        self.sections[index].budget.as_secs_f64() / self.budget.as_secs_f64()
    }

    /// The slides of the section at `index`, in order.
    pub fn section_slides(&self, index: usize) -> &[PlannedSlide] {
        &self.slides[self.sections[index].slides.clone()]
    }

    /// Index of the slide with this id.
    pub fn slide_index(&self, id: &str) -> Option<usize> {
        self.slides.iter().position(|s| s.id == id)
    }
}

/// Number of words in a slide's notes, as a speaker would count them.
pub fn word_count(notes: &str) -> usize {
    notes.split_whitespace().count()
}
