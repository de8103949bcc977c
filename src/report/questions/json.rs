//! `report --questions --format json`: the schema documented in docs/reports.md
//! (`pacer.questions/1`).

use std::io::{self, Write};

use serde::Serialize;

use super::QuestionsReport;
use crate::drill::Rating;
use crate::report::Status;
use crate::timefmt::ms;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    talk: &'a str,
    drills: usize,
    warn: f64,
    questions: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    rank: usize,
    id: &'a str,
    number: Option<usize>,
    in_talk: bool,
    ask: &'a str,
    budget_ms: u64,
    asked: usize,
    median_ms: Option<u64>,
    verdict: Option<&'static str>,
    over_budget: usize,
    ratings: Tally,
    answers: Vec<AnswerDoc>,
}

#[derive(Serialize)]
struct Tally {
    missed: usize,
    shaky: usize,
    good: usize,
    unrated: usize,
}

#[derive(Serialize)]
struct AnswerDoc {
    drill: usize,
    took_ms: u64,
    budget_ms: u64,
    rating: Option<Rating>,
    verdict: &'static str,
}

/// Writes the questions report as one JSON document (pretty, with a final newline).
pub fn write(report: &QuestionsReport, out: &mut impl Write) -> io::Result<()> {
    let questions = report
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let ([missed, shaky, good], unrated) = row.tally();
            Row {
                rank: i + 1,
                id: &row.id,
                number: row.number,
                in_talk: row.number.is_some(),
                ask: &row.ask,
                budget_ms: ms(row.budget),
                asked: row.asked(),
                median_ms: row.median.map(ms),
                verdict: row.verdict.map(|v| Status::from(v).code()),
                over_budget: row.over(),
                ratings: Tally {
                    missed,
                    shaky,
                    good,
                    unrated,
                },
                answers: row
                    .answers
                    .iter()
                    .map(|a| AnswerDoc {
                        drill: a.drill,
                        took_ms: ms(a.took),
                        budget_ms: ms(a.budget),
                        rating: a.rating,
                        verdict: Status::from(a.verdict).code(),
                    })
                    .collect(),
            }
        })
        .collect();
    let doc = Document {
        schema: "pacer.questions/1",
        talk: &report.title,
        drills: report.drills,
        warn: report.warn,
        questions,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::questions::{build, testing};

    #[test]
    fn the_contract_fields_in_milliseconds() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo", &questions, &drills, 0.8);
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["schema"], "pacer.questions/1");
        assert_eq!(doc["drills"], 4);
        let gone = &doc["questions"][0];
        assert_eq!(gone["id"], "gone");
        assert_eq!(gone["number"], serde_json::Value::Null);
        assert_eq!(gone["in_talk"], false);
        let where_ = &doc["questions"][1];
        assert_eq!(
            *where_,
            serde_json::json!({
                "rank": 2, "id": "where", "number": 2, "in_talk": true,
                "ask": "Where do the <LoRA> layers attach?", "budget_ms": 60_000, "asked": 4,
                "median_ms": 56_500, "verdict": "ok", "over_budget": 1,
                "ratings": { "missed": 0, "shaky": 1, "good": 3, "unrated": 0 },
                "answers": [
                    { "drill": 1, "took_ms": 50_000, "budget_ms": 60_000, "rating": "good", "verdict": "ok" },
                    { "drill": 2, "took_ms": 55_000, "budget_ms": 60_000, "rating": "good", "verdict": "ok" },
                    { "drill": 3, "took_ms": 90_000, "budget_ms": 60_000, "rating": "good", "verdict": "over" },
                    { "drill": 4, "took_ms": 58_000, "budget_ms": 60_000, "rating": "shaky", "verdict": "ok" },
                ],
            })
        );
        let never = &doc["questions"][3];
        assert_eq!(never["asked"], 0);
        assert_eq!(never["median_ms"], serde_json::Value::Null);
        assert_eq!(never["verdict"], serde_json::Value::Null);
    }
}
