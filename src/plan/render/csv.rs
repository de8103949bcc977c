//! `plan --format csv`: one row per slide, with its section (columns in docs/plan-output.md).

use std::io::{self, Write};

use serde::Serialize;

use crate::plan::Plan;
use crate::timefmt::ms;

#[derive(Serialize)]
struct Row<'a> {
    number: usize,
    section_number: usize,
    section: &'a str,
    id: &'a str,
    title: &'a str,
    budget_ms: u64,
    start_ms: u64,
    end_ms: u64,
    optional: bool,
    lock: bool,
    explicit: bool,
}

/// Writes a header and one row per slide, in talk order.
pub fn csv(plan: &Plan, out: &mut impl Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    for (i, slide) in plan.slides.iter().enumerate() {
        writer.serialize(Row {
            number: i + 1,
            section_number: slide.section + 1,
            section: &plan.sections[slide.section].title,
            id: &slide.id,
            title: &slide.title,
            budget_ms: ms(slide.budget),
            start_ms: ms(slide.start),
            end_ms: ms(plan.slide_end(i)),
            optional: slide.optional,
            lock: slide.lock,
            explicit: slide.explicit,
        })?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::render::fixture;

    #[test]
    fn one_row_per_slide_with_quoting() {
        let mut out = Vec::new();
        csv(&fixture::plan(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "number,section_number,section,id,title,budget_ms,start_ms,end_ms,optional,lock,explicit"
        );
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines[4],
            "4,2,결과,numbers,\"Numbers, \"\"quoted\"\"\",255000,345000,600000,false,true,false"
        );
    }
}
