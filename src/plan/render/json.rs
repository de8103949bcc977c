//! `plan --format json`: the whole timetable as one JSON document (schema in docs/plan-output.md).

use std::io::{self, Write};

use serde::Serialize;

use super::questions;
use crate::plan::Plan;
use crate::talk::Question;
use crate::timefmt::ms;

#[derive(Serialize)]
struct PlanDoc<'a> {
    title: &'a str,
    budget_ms: u64,
    warn: f64,
    grace_ms: u64,
    wpm: Option<f64>,
    unassigned_ms: u64,
    slide_count: usize,
    sections: Vec<SectionDoc<'a>>,
    question_count: usize,
    questions: Vec<QuestionDoc<'a>>,
}

#[derive(Serialize)]
struct QuestionDoc<'a> {
    number: usize,
    id: &'a str,
    ask: &'a str,
    answer: &'a str,
    budget_ms: u64,
    slide_id: Option<&'a str>,
    slide_number: Option<usize>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct SectionDoc<'a> {
    number: usize,
    title: &'a str,
    budget_ms: u64,
    start_ms: u64,
    end_ms: u64,
    share: f64,
    explicit: bool,
    slides: Vec<SlideDoc<'a>>,
}

#[derive(Serialize)]
struct SlideDoc<'a> {
    number: usize,
    id: &'a str,
    title: &'a str,
    budget_ms: u64,
    start_ms: u64,
    end_ms: u64,
    optional: bool,
    lock: bool,
    explicit: bool,
}

/// Writes the plan (and the talk's questions) as pretty-printed JSON followed by a newline.
pub fn json(plan: &Plan, questions: &[Question], out: &mut impl Write) -> io::Result<()> {
    let sections = plan
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| SectionDoc {
            number: s + 1,
            title: &section.title,
            budget_ms: ms(section.budget),
            start_ms: ms(section.start),
            end_ms: ms(plan.section_end(s)),
            share: plan.section_share(s),
            explicit: section.explicit,
            slides: section
                .slides
                .clone()
                .map(|i| {
                    let slide = &plan.slides[i];
                    SlideDoc {
                        number: i + 1,
                        id: &slide.id,
                        title: &slide.title,
                        budget_ms: ms(slide.budget),
                        start_ms: ms(slide.start),
                        end_ms: ms(plan.slide_end(i)),
                        optional: slide.optional,
                        lock: slide.lock,
                        explicit: slide.explicit,
                    }
                })
                .collect(),
        })
        .collect();
    let doc = PlanDoc {
        title: &plan.title,
        budget_ms: ms(plan.budget),
        warn: plan.warn,
        grace_ms: ms(plan.grace),
        wpm: plan.wpm,
        unassigned_ms: ms(plan.unassigned),
        slide_count: plan.slides.len(),
        sections,
        question_count: questions.len(),
        questions: questions::listed(plan, questions)
            .into_iter()
            .map(|q| QuestionDoc {
                number: q.number,
                id: &q.question.id,
                ask: &q.question.ask,
                answer: &q.question.answer,
                budget_ms: ms(q.question.budget),
                slide_id: q.question.slide.as_deref(),
                slide_number: q.slide.map(|(n, _)| n),
                tags: &q.question.tags,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::render::fixture;

    #[test]
    fn has_the_contract_fields_in_milliseconds() {
        let mut out = Vec::new();
        json(&fixture::plan(), &[], &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["title"], "Demo | talk");
        assert_eq!(doc["budget_ms"], 600_000);
        assert_eq!(doc["sections"][0]["budget_ms"], 90_000);
        assert_eq!(doc["sections"][1]["start_ms"], 90_000);
        let slide = &doc["sections"][1]["slides"][0];
        assert_eq!(slide["id"], "결과/실험-결과");
        assert_eq!(slide["number"], 3);
        assert_eq!(slide["start_ms"], 90_000);
        assert_eq!(slide["budget_ms"], 255_000);
        assert_eq!(slide["optional"], true);
        assert!(out.ends_with(b"}\n"));
        assert_eq!(doc["question_count"], 0);
        assert_eq!(doc["questions"], serde_json::json!([]));
    }

    #[test]
    fn questions_have_their_budget_slide_and_notes() {
        let questions = crate::plan::render::questions::fixture::questions();
        let mut out = Vec::new();
        json(&fixture::plan(), &questions, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["question_count"], 3);
        assert_eq!(
            doc["questions"][0],
            serde_json::json!({
                "number": 1,
                "id": "q/why-these-numbers",
                "ask": "Why these numbers?",
                "answer": "Measured on the phone.",
                "budget_ms": 30_000,
                "slide_id": "numbers",
                "slide_number": 4,
                "tags": [],
            })
        );
        let second = &doc["questions"][1];
        assert_eq!(
            second["ask"],
            "What does the Korean slide\nsay, | in short?"
        );
        assert_eq!(second["budget_ms"], 45_000, "the talk's `answer`");
        assert_eq!(second["slide_id"], "결과/실험-결과");
        assert_eq!(second["tags"], serde_json::json!(["results", "i18n"]));
        assert_eq!(doc["questions"][2]["slide_id"], serde_json::Value::Null);
        assert_eq!(doc["questions"][2]["slide_number"], serde_json::Value::Null);
    }
}
