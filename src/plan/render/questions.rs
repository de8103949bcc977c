//! The talk's `[[question]]`s as `plan` lists them after the timetable: each with its number,
//! budget, the slide it is about (by number and title in this plan) and its tags.
//!
//! Shared by the formats that list questions (text, markdown, json, html); each format lays
//! them out itself. Pure: nothing here reads a file, the clock or past drills.

use std::time::Duration;

use crate::plan::Plan;
use crate::talk::Question;

/// One question as the plan formats show it.
pub(super) struct Listed<'a> {
    /// 1-based position in the talk file.
    pub number: usize,
    pub question: &'a Question,
    /// The question on one line: line breaks and runs of spaces folded to one space.
    pub ask: String,
    /// The slide it is about: its 1-based number in the plan and its title.
    pub slide: Option<(usize, &'a str)>,
}

/// The questions in file order, their slides looked up in `plan`.
pub(super) fn listed<'a>(plan: &'a Plan, questions: &'a [Question]) -> Vec<Listed<'a>> {
    questions
        .iter()
        .enumerate()
        .map(|(i, question)| Listed {
            number: i + 1,
            question,
            ask: one_line(&question.ask),
            slide: question.slide.as_deref().and_then(|id| {
                let n = plan.slides.iter().position(|s| s.id == id)?;
                Some((n + 1, plan.slides[n].title.as_str()))
            }),
        })
        .collect()
}

/// The time all the answers take together, for the line over the list.
pub(super) fn total(questions: &[Question]) -> Duration {
    questions.iter().map(|q| q.budget).sum()
}

/// `text` with its whitespace runs (line breaks too) folded to single spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "1 question" / "12 questions".
pub(super) fn count(n: usize) -> String {
    format!("{n} question{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
pub(crate) mod fixture {
    use crate::talk::{Question, Source};

    /// The plan fixture's talk with three questions: one about a slide by title, one with
    /// tags and a two-line question, one with neither.
    pub fn questions() -> Vec<Question> {
        let text = format!(
            "{}\n{}",
            super::super::fixture::TALK.replacen(
                "budget = \"10m\"\n",
                "budget = \"10m\"\nanswer = \"45s\"\n",
                1
            ),
            r#"
[[question]]
ask = "Why these numbers?"
slide = "numbers"
budget = "30s"
answer = "Measured on the phone."

[[question]]
ask = """
What does the Korean slide
say, | in short?"""
slide = "실험 결과"
tags = ["results", "i18n"]

[[question]]
ask = "Anything else?"
"#
        );
        crate::talk::parse(&Source::new("demo.toml", &text))
            .expect("valid")
            .0
            .questions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::render::fixture;

    #[test]
    fn slides_are_found_by_id_and_asks_fold_to_one_line() {
        let plan = fixture::plan();
        let questions = crate::plan::render::questions::fixture::questions();
        let listed = listed(&plan, &questions);
        assert_eq!(listed.len(), 3);
        assert_eq!(listed[0].slide, Some((4, "Numbers, \"quoted\"")));
        assert_eq!(listed[1].slide, Some((3, "실험 결과")));
        assert_eq!(listed[1].ask, "What does the Korean slide say, | in short?");
        assert_eq!(listed[2].slide, None);
        assert_eq!(listed[2].number, 3);
        assert_eq!(total(&questions), Duration::from_secs(30 + 45 + 45));
        assert_eq!(count(1), "1 question");
        assert_eq!(count(12), "12 questions");
    }
}
