//! What a speaker checks after an import: the counts, where the budget came from, what was
//! skipped, as lines for stderr. Pure data and text: it never prints.

use std::time::Duration;

use super::super::Format;
use crate::timefmt;

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
        let titles = match self.guessed {
            0 => "every title read from the deck".to_owned(),
            n => format!("{n} title{} guessed, each marked with a comment", plural(n)),
        };
        lines.push(format!(
            "{titles}; {} slide{} with notes",
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

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
