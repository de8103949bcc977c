//! `report --questions`: how the talk's questions went across the recorded drills, one row per
//! question, the weakest first; and its formats, one file each.
//!
//! Computed once from the talk's questions and the drills read back ([`crate::drill::Drill`]);
//! the formats only lay it out. Questions are matched across drills by id; one no longer in
//! the talk keeps the text and budget it was last asked with. Verdicts are those of a finished
//! slide ([`crate::pace::finished`]), as on the drill screen's summary. Pure: no file, clock or
//! terminal here.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::time::Duration;

use crate::drill::select::weakness_of;
use crate::drill::{Drill, Rating};
use crate::pace::{self, Pace};
use crate::talk::Question;

/// The questions report.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionsReport {
    pub title: String,
    /// Drills read (every drill of the file, answered or not).
    pub drills: usize,
    /// The talk's `warn`, by which the verdicts were judged.
    pub warn: f64,
    /// Weakest first (see [`build`]).
    pub rows: Vec<QuestionRow>,
}

/// One question across the drills.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRow {
    pub id: String,
    /// The question as the talk asks it now, else as it was last asked.
    pub ask: String,
    /// Its 1-based place in the talk file; `None` when it is no longer in the talk.
    pub number: Option<usize>,
    /// The talk's budget for it now, else the one it was last asked with.
    pub budget: Duration,
    /// Every answer, oldest first.
    pub answers: Vec<Asked>,
    /// The median answer time, when it was answered.
    pub median: Option<Duration>,
    /// The median against the budget, as a finished slide's time is judged.
    pub verdict: Option<Pace>,
}

/// One answer to the question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Asked {
    /// The drill's number in the drills file.
    pub drill: usize,
    pub took: Duration,
    /// The budget it was asked with.
    pub budget: Duration,
    pub rating: Option<Rating>,
    /// The answer's own time against its budget.
    pub verdict: Pace,
}

impl QuestionRow {
    /// How many times the question was answered.
    pub fn asked(&self) -> usize {
        self.answers.len()
    }

    /// How many answers ran over their budget (a bit over or over).
    pub fn over(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| a.verdict != Pace::Fine)
            .count()
    }

    /// How many answers got each rating, in [`Rating::ALL`] order, and how many none.
    pub fn tally(&self) -> ([usize; 3], usize) {
        let mut counts = [0; 3];
        let mut unrated = 0;
        for answer in &self.answers {
            match answer.rating {
                Some(rating) => counts[rating as usize] += 1,
                None => unrated += 1,
            }
        }
        (counts, unrated)
    }

    /// The last rating given, if any.
    pub fn last_rating(&self) -> Option<Rating> {
        self.answers.iter().rev().find_map(|a| a.rating)
    }
}

/// The line under the title: how many questions, drills and answers the report covers.
pub fn summary(report: &QuestionsReport) -> String {
    let in_talk = report.rows.iter().filter(|r| r.number.is_some()).count();
    let answers: usize = report.rows.iter().map(QuestionRow::asked).sum();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Questions · {in_talk} in the talk · {} · {}",
        plural(report.drills, "drill", "drills"),
        plural(answers, "answer", "answers")
    )
}

/// A question on one line: line breaks and runs of spaces folded to one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The symbol of a rating in the ratings-over-time strip; `–` for an answer left unrated.
pub fn rating_symbol(rating: Option<Rating>) -> &'static str {
    rating.map_or("–", Rating::symbol)
}

/// The ratings oldest to newest as symbols (`✗ ~ ✓ ✓`), at most the last `keep`, with `…`
/// first when older ones are left out.
pub fn strip(row: &QuestionRow, keep: usize) -> String {
    let skip = row.answers.len().saturating_sub(keep);
    let mut parts: Vec<&str> = Vec::with_capacity(row.answers.len().min(keep) + 1);
    if skip > 0 {
        parts.push("…");
    }
    parts.extend(row.answers[skip..].iter().map(|a| rating_symbol(a.rating)));
    parts.join(" ")
}

/// The report over `questions` (the talk's, in file order) and `drills` (any order).
///
/// Weakest first: questions answered at least once, by the weakness of their last answer
/// ([`weakness_of`]: the rating, and the time against the budget), then by the share of their
/// answers that were weak, then by the median's overrun (median over budget), then the talk's
/// order; questions the talk has but no drill asked come last, in file order.
pub fn build(title: &str, questions: &[Question], drills: &[Drill], warn: f64) -> QuestionsReport {
    let mut rows: Vec<QuestionRow> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionRow {
            id: q.id.clone(),
            ask: q.ask.clone(),
            number: Some(i + 1),
            budget: q.budget,
            answers: Vec::new(),
            median: None,
            verdict: None,
        })
        .collect();
    let mut index: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut ordered: Vec<&Drill> = drills.iter().collect();
    ordered.sort_by_key(|d| d.number);
    for drill in ordered {
        for answer in &drill.answers {
            let at = *index.entry(answer.question.clone()).or_insert_with(|| {
                rows.push(QuestionRow {
                    id: answer.question.clone(),
                    ask: String::new(),
                    number: None,
                    budget: answer.budget,
                    answers: Vec::new(),
                    median: None,
                    verdict: None,
                });
                rows.len() - 1
            });
            let row = &mut rows[at];
            if row.number.is_none() {
                // Gone from the talk: it reads as it was last asked.
                row.ask.clone_from(&answer.ask);
                row.budget = answer.budget;
            }
            row.answers.push(Asked {
                drill: drill.number,
                took: answer.took,
                budget: answer.budget,
                rating: answer.rating,
                verdict: pace::finished(answer.took, answer.budget, warn),
            });
        }
    }
    for row in &mut rows {
        let took: Vec<Duration> = row.answers.iter().map(|a| a.took).collect();
        row.median = crate::stats::median(&took);
        row.verdict = row.median.map(|m| pace::finished(m, row.budget, warn));
    }
    rows.sort_by_cached_key(|row| order(row, warn));
    QuestionsReport {
        title: title.to_owned(),
        drills: drills.len(),
        warn,
        rows,
    }
}

/// The sort key of a row: smallest first is weakest first.
fn order(row: &QuestionRow, warn: f64) -> (bool, Reverse<u8>, Reverse<u64>, Reverse<u64>, usize) {
    let never = row.answers.is_empty();
    let last = row
        .answers
        .last()
        .map_or(0, |a| weakness_of(a.rating, a.took, a.budget, warn));
    let weak = row
        .answers
        .iter()
        .filter(|a| a.rating != Some(Rating::Good) || a.verdict != Pace::Fine)
        .count();
    // Shares as parts per million, so that the key is exact and total.
    let share = |part: u128, whole: u128| {
        u64::try_from(part * 1_000_000 / whole.max(1)).unwrap_or(u64::MAX)
    };
    let weak_share = share(weak as u128, row.answers.len() as u128);
    let overrun = row
        .median
        .map_or(0, |m| share(m.as_millis(), row.budget.as_millis()));
    (
        never,
        Reverse(last),
        Reverse(weak_share),
        Reverse(overrun),
        row.number.unwrap_or(usize::MAX),
    )
}

#[cfg(test)]
pub(crate) mod testing {
    use std::time::Duration;

    use crate::drill::{Answer, Drill, Rating};
    use crate::talk::{Question, Source};

    /// Three questions in the talk (`why` 30 s, `where` and `how` 60 s) and four drills:
    /// `why` missed then good; `where` good, good, over and shaky; a removed question once;
    /// `how` never asked.
    pub fn fixture() -> (Vec<Question>, Vec<Drill>) {
        let text = "title = \"Demo | talk\"\nbudget = \"10m\"\n[[section]]\ntitle = \"S\"\n\
            slides = [\"Rank\"]\n\
            [[question]]\nask = \"Why rank 8?\"\nid = \"why\"\nbudget = \"30s\"\nslide = \"Rank\"\n\
            [[question]]\nask = \"Where do the <LoRA> layers attach?\"\nid = \"where\"\n\
            [[question]]\nask = \"How long, in all?\"\nid = \"how\"\n";
        let questions = crate::talk::parse(&Source::new("t.toml", text))
            .expect("valid")
            .0
            .questions;
        let a = |id: &str, budget: u64, took: u64, rating: Option<Rating>| Answer {
            question: id.into(),
            ask: format!("Old wording of {id}?"),
            budget: Duration::from_secs(budget),
            took: Duration::from_secs(took),
            rating,
        };
        let drill = |number: usize, answers: Vec<Answer>| Drill {
            number,
            id: format!("d{number}"),
            started_at: format!("2025-03-0{number}T08:00:00Z"),
            answers,
            ended: number != 4,
            end: (number != 4).then_some(crate::rehearsal::EndReason::Finished),
            skipped: 0,
            not_asked: 0,
        };
        let drills = vec![
            drill(
                1,
                vec![
                    a("why", 30, 20, Some(Rating::Missed)),
                    a("where", 60, 50, Some(Rating::Good)),
                ],
            ),
            drill(
                2,
                vec![
                    a("where", 60, 55, Some(Rating::Good)),
                    a("gone", 45, 40, Some(Rating::Shaky)),
                ],
            ),
            drill(
                3,
                vec![
                    a("why", 30, 25, Some(Rating::Good)),
                    a("where", 60, 90, Some(Rating::Good)),
                ],
            ),
            drill(4, vec![a("where", 60, 58, Some(Rating::Shaky))]),
        ];
        (questions, drills)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> QuestionsReport {
        let (questions, drills) = testing::fixture();
        build("Demo", &questions, &drills, 0.8)
    }

    #[test]
    fn weakest_first_removed_kept_never_asked_last() {
        let report = report();
        let ids: Vec<&str> = report.rows.iter().map(|r| r.id.as_str()).collect();
        // `where` last shaky (2); `gone` last shaky (2) but every answer weak; `why` last good.
        assert_eq!(ids, ["gone", "where", "why", "how"]);
        assert_eq!(report.drills, 4);
        let gone = &report.rows[0];
        assert_eq!(gone.number, None);
        assert_eq!(gone.ask, "Old wording of gone?");
        assert_eq!(gone.budget, Duration::from_secs(45));
        let where_ = &report.rows[1];
        assert_eq!(
            where_.ask, "Where do the <LoRA> layers attach?",
            "the talk's wording"
        );
        assert_eq!(where_.asked(), 4);
        assert_eq!(where_.median, Some(Duration::from_millis(56_500)));
        assert_eq!(where_.verdict, Some(Pace::Fine));
        assert_eq!(where_.over(), 1);
        assert_eq!(where_.tally(), ([0, 1, 3], 0));
        assert_eq!(strip(where_, 10), "✓ ✓ ✓ ~");
        assert_eq!(strip(where_, 2), "… ✓ ~");
        assert_eq!(where_.last_rating(), Some(Rating::Shaky));
        let how = &report.rows[3];
        assert_eq!((how.asked(), how.median, how.verdict), (0, None, None));
        assert_eq!(strip(how, 10), "");
    }

    #[test]
    fn a_median_over_budget_gets_the_finished_verdict() {
        let (questions, mut drills) = testing::fixture();
        drills[2].answers[0].took = Duration::from_secs(40);
        drills[0].answers[0].took = Duration::from_secs(40);
        let report = build("Demo", &questions, &drills, 0.8);
        let why = report.rows.iter().find(|r| r.id == "why").unwrap();
        assert_eq!(why.median, Some(Duration::from_secs(40)));
        assert_eq!(
            why.verdict,
            Some(Pace::Over),
            "10 s past 30 s, beyond its 6 s band"
        );
        assert_eq!(why.over(), 2);
        assert_eq!(rating_symbol(None), "–");
    }

    #[test]
    fn no_drills_lists_every_question_in_file_order() {
        let (questions, _) = testing::fixture();
        let report = build("Demo", &questions, &[], 0.8);
        let ids: Vec<&str> = report.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["why", "where", "how"]);
    }
}
