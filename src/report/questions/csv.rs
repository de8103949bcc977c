//! `report --questions --format csv`: one row per question, the weakest first; columns in
//! docs/reports.md.

use std::io::{self, Write};

use serde::Serialize;

use super::QuestionsReport;
use crate::drill::Rating;
use crate::report::Status;
use crate::timefmt::ms;

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
    missed: usize,
    shaky: usize,
    good: usize,
    unrated: usize,
    ratings: String,
}

/// Writes the questions report as CSV with a header row.
pub fn write(report: &QuestionsReport, out: &mut impl Write) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    for (i, row) in report.rows.iter().enumerate() {
        let ([missed, shaky, good], unrated) = row.tally();
        let ratings: Vec<&str> = row
            .answers
            .iter()
            .map(|a| a.rating.map_or("unrated", Rating::word))
            .collect();
        csv.serialize(Row {
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
            missed,
            shaky,
            good,
            unrated,
            ratings: ratings.join(" "),
        })
        .map_err(io::Error::other)?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::questions::{build, testing};

    #[test]
    fn one_row_per_question_with_a_header() {
        let (questions, drills) = testing::fixture();
        let report = build("Demo", &questions, &drills, 0.8);
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "rank,id,number,in_talk,ask,budget_ms,asked,median_ms,verdict,over_budget,missed,shaky,good,unrated,ratings"
        );
        assert_eq!(
            lines[1],
            "1,gone,,false,Old wording of gone?,45000,1,40000,ok,0,0,1,0,0,shaky"
        );
        assert_eq!(
            lines[2],
            "2,where,2,true,Where do the <LoRA> layers attach?,60000,4,56500,ok,1,0,1,3,0,good good good shaky"
        );
        assert_eq!(
            lines[4],
            "4,how,3,true,\"How long, in all?\",60000,0,,,0,0,0,0,0,"
        );
        assert_eq!(lines.len(), 5);
    }
}
