//! The report as one self-contained HTML page to keep and print: its tables (sections, then
//! every slide; the runs for `--last`) and its three charts inlined as SVG.
//!
//! Markup only, through [`crate::html`], over the same computed [`Report`] as every other
//! format; nothing here reads a file or the clock.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use jiff::SignedDuration;

use super::runline::{ending, verdict};
use super::svg::{Kind, chart_svg};
use super::view::word;
use super::{Body, CompareReport, Report, RunInfo, RunReport, RunsReport, Status};
use crate::html::{escape, head, page, row};
use crate::timefmt::{clock, delta};

fn opt(d: Option<Duration>) -> String {
    d.map_or_else(|| "–".to_owned(), clock)
}

fn opt_delta(d: Option<SignedDuration>) -> String {
    d.map_or_else(|| "–".to_owned(), delta)
}

/// Writes the report as an HTML page.
pub fn write(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&report.talk.title));
    match &report.body {
        Body::Run(run) => one_run(run, &mut body),
        Body::Runs(runs) => several(runs, &mut body),
        Body::Compare(c) => compare(c, &mut body),
    }
    for (kind, caption) in [
        (Kind::Pace, "Pace: time spoken against the plan"),
        (Kind::Delta, "Ahead or behind the plan, slide by slide"),
        (Kind::Sections, "Sections over and under budget"),
    ] {
        let svg = chart_svg(report, kind)?;
        let _ = writeln!(
            body,
            "<figure>\n{svg}\n<figcaption>{}</figcaption>\n</figure>",
            escape(caption)
        );
    }
    out.write_all(page(&report.talk.title, &body).as_bytes())
}

/// A run's header line: the figures the text and Markdown reports head it with.
fn run_line(run: &RunInfo) -> String {
    format!(
        "Run {} · {} · {} · spoke {} of {} · {} {} · {} of {} slides shown{}",
        run.number,
        run.started_local,
        ending(run),
        clock(run.talked),
        clock(run.budget),
        delta(run.shown_delta()),
        verdict(run).0,
        run.covered,
        run.slides,
        if run.outline_changed {
            " · older outline"
        } else {
            ""
        },
    )
}

fn one_run(run: &RunReport, body: &mut String) {
    let _ = writeln!(
        body,
        "<p class=\"meta\">{}</p>",
        escape(&run_line(&run.run))
    );
    body.push_str("<h2>Sections</h2>\n<table>\n");
    body.push_str(&head(&[
        ("", "section"),
        ("t", "budget"),
        ("t", "actual"),
        ("t", "delta"),
        ("", ""),
    ]));
    for s in &run.sections {
        body.push_str(&row(
            if s.status == Status::Over { "over" } else { "" },
            &[
                ("", &s.title),
                ("t", &opt(s.budget)),
                ("t", &opt(s.actual)),
                ("t", &opt_delta(s.shown_delta())),
                ("", word(s.status)),
            ],
        ));
    }
    body.push_str("</table>\n");
    for s in &run.sections {
        let _ = writeln!(body, "<section>\n<h2>{}</h2>\n<table>", escape(&s.title));
        body.push_str(&head(&[
            ("t", "#"),
            ("", "slide"),
            ("t", "budget"),
            ("t", "actual"),
            ("t", "delta"),
            ("", ""),
        ]));
        for slide in &s.slides {
            let state = if slide.marked {
                format!("{}, marked", word(slide.status))
            } else {
                word(slide.status).to_owned()
            };
            body.push_str(&row(
                if slide.status == Status::Over {
                    "over"
                } else {
                    ""
                },
                &[
                    (
                        "t",
                        &slide.number.map_or_else(String::new, |n| n.to_string()),
                    ),
                    ("", &slide.title),
                    ("t", &opt(slide.budget)),
                    ("t", &opt(slide.actual)),
                    ("t", &opt_delta(slide.shown_delta())),
                    ("", &state),
                ],
            ));
        }
        body.push_str("</table>\n</section>\n");
    }
}

fn several(runs: &RunsReport, body: &mut String) {
    body.push_str("<h2>Runs</h2>\n<table>\n");
    body.push_str(&head(&[
        ("t", "run"),
        ("", "started"),
        ("t", "spoke"),
        ("t", "delta"),
        ("", ""),
        ("t", "slides"),
    ]));
    for run in &runs.runs {
        body.push_str(&row(
            "",
            &[
                ("t", &run.number.to_string()),
                ("", &run.started_local),
                ("t", &clock(run.talked)),
                ("t", &delta(run.shown_delta())),
                ("", verdict(run).0),
                ("t", &format!("{}/{}", run.covered, run.slides)),
            ],
        ));
    }
    body.push_str("</table>\n");
    let stats_head = [
        ("", "title"),
        ("t", "budget"),
        ("t", "median"),
        ("t", "min"),
        ("t", "max"),
        ("t", "spread"),
        ("t", "over"),
    ];
    body.push_str("<h2>Sections</h2>\n<table>\n");
    body.push_str(&head(&stats_head));
    for s in &runs.sections {
        let st = s.stats;
        body.push_str(&row(
            "",
            &[
                ("", &s.title),
                ("t", &opt(s.budget)),
                ("t", &opt(st.map(|x| x.median))),
                ("t", &opt(st.map(|x| x.min))),
                ("t", &opt(st.map(|x| x.max))),
                ("t", &opt(st.map(|x| x.spread))),
                ("t", &s.over.to_string()),
            ],
        ));
    }
    body.push_str("</table>\n");
    for s in &runs.sections {
        let _ = writeln!(body, "<section>\n<h2>{}</h2>\n<table>", escape(&s.title));
        body.push_str(&head(&stats_head));
        for slide in &s.slides {
            let st = slide.stats;
            body.push_str(&row(
                "",
                &[
                    ("", &slide.title),
                    ("t", &opt(slide.budget)),
                    ("t", &opt(st.map(|x| x.median))),
                    ("t", &opt(st.map(|x| x.min))),
                    ("t", &opt(st.map(|x| x.max))),
                    ("t", &opt(st.map(|x| x.spread))),
                    ("t", &slide.over.to_string()),
                ],
            ));
        }
        body.push_str("</table>\n</section>\n");
    }
}

fn compare(c: &CompareReport, body: &mut String) {
    let _ = writeln!(
        body,
        "<p class=\"meta\">A: {}<br/>B: {}</p>",
        escape(&run_line(&c.a)),
        escape(&run_line(&c.b))
    );
    for (heading, rows) in [("Sections", &c.sections), ("Slides", &c.slides)] {
        let _ = writeln!(body, "<h2>{heading}</h2>\n<table>");
        body.push_str(&head(&[
            ("", "title"),
            ("", "section"),
            ("t", "budget"),
            ("t", "A"),
            ("t", "B"),
            ("t", "change"),
        ]));
        for r in rows {
            body.push_str(&row(
                "",
                &[
                    ("", &r.title),
                    ("", r.section.as_deref().unwrap_or("")),
                    ("t", &opt(r.budget)),
                    ("t", &opt(r.a)),
                    ("t", &opt(r.b)),
                    ("t", &opt_delta(r.shown)),
                ],
            ));
        }
        body.push_str("</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::{RunFigures, several, single, testing};

    /// The test plan with titles that need escaping, in Korean and with emoji.
    fn plan() -> Plan {
        let mut plan = testing::plan();
        plan.title = "Talk <b>&amp; \"quoted\" 'single' 발표 🎤".into();
        plan.sections[0].title = "Opening & <intro>".into();
        plan.sections[1].title = "방법 \"method\" 🚀".into();
        let titles = ["a < b", "R&D", "결과 'quoted'", "🎉 done"];
        for (slide, title) in plan.slides.iter_mut().zip(titles) {
            slide.title = title.into();
        }
        plan
    }

    fn page_of(report: &Report) -> String {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every element's own text in the page, trimmed.
    fn texts(html: &str) -> Vec<String> {
        let doc = crate::html::tests::parse(html);
        doc.descendants()
            .filter(roxmltree::Node::is_element)
            .filter_map(|n| n.text())
            .map(|t| t.trim().to_owned())
            .collect()
    }

    #[test]
    fn every_section_and_slide_survives_escaping() {
        let plan = plan();
        let run = testing::run(
            &plan,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 25),
                (Event::Goto(3), 31),
                (Event::End(EndReason::Finished), 45),
            ],
        );
        let fig = RunFigures::of(&run);
        let reports = [
            single(&plan, &fig, testing::info(1)),
            several(&plan, std::slice::from_ref(&fig), vec![testing::info(1)]),
        ];
        for report in &reports {
            let html = page_of(report);
            let texts = texts(&html);
            assert!(texts.contains(&plan.title), "title in {texts:?}");
            for section in &plan.sections {
                assert!(texts.contains(&section.title), "{}", section.title);
            }
            for slide in &plan.slides {
                assert!(texts.contains(&slide.title), "{}", slide.title);
            }
            let doc = crate::html::tests::parse(&html);
            assert_eq!(
                doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
                3,
                "three inline charts"
            );
            let external = doc.descendants().any(|n| {
                n.attributes()
                    .any(|a| matches!(a.name(), "src" | "href" | "xlink:href"))
            });
            assert!(!external, "self-contained: nothing to fetch");
            assert!(!html.contains("<script"), "no script");
        }
    }

    #[test]
    fn the_run_line_says_what_the_text_report_says() {
        let plan = plan();
        let fig = RunFigures::of(&testing::run(&plan, 0, &[(Event::Goto(1), 10)]));
        let mut info = testing::info(1);
        info.outline_changed = true;
        info.covered = 2;
        let html = page_of(&single(&plan, &fig, info));
        assert!(
            html.contains(
                "spoke 0:40 of 0:40 · +0:00 ● on time · 2 of 4 slides shown · older outline"
            ),
            "{html}"
        );
    }
}
