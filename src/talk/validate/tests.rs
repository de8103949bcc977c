//! Every error kind at its line and column, every key read, defaults and default ids.

use super::*;
use crate::talk::Severity;

const HEAD: &str = "title = \"T\"\nbudget = \"20m\"\n";
const SECTION: &str = "[[section]]\ntitle = \"S\"\n";

/// Every problem the checks find, with its 1-based line and column.
fn problems(text: &str) -> Vec<(Problem, usize, usize)> {
    let source = Source::new("t.toml", text);
    let diagnostics = match crate::talk::parse(&source) {
        Ok((_, warnings)) => warnings,
        Err(errors) => errors,
    };
    diagnostics
        .into_iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Error, "{d:?}");
            let (line, col) = source.line_col(d.span.start);
            (d.problem, line, col)
        })
        .collect()
}

type Case = (
    &'static str,
    &'static str,
    fn(&Problem) -> bool,
    usize,
    usize,
);

/// Name, talk text (`$HEAD` and `$SECTION` stand for the lines above), the problem
/// expected, and its line and column.
const CASES: &[Case] = &[
    (
        "syntax",
        "$HEADwpm = \n",
        |p| matches!(p, Problem::Syntax(_)),
        3,
        7,
    ),
    (
        "duplicate key",
        "$HEADbudget = \"1m\"\n",
        |p| matches!(p, Problem::Syntax(m) if m.contains("duplicate key")),
        3,
        1,
    ),
    (
        "unknown talk key",
        "$HEADbudgt = \"1m\"\n$SECTIONslides = [\"a\"]\n",
        |p| {
            matches!(
                p,
                Problem::UnknownKey {
                    suggestion: Some("budget"),
                    ..
                }
            )
        },
        3,
        1,
    ),
    (
        "unknown slide key",
        "$HEAD$SECTIONslides = [{ title = \"a\", optinal = true }]\n",
        |p| {
            matches!(
                p,
                Problem::UnknownKey {
                    suggestion: Some("optional"),
                    ..
                }
            )
        },
        5,
        26,
    ),
    (
        "missing talk budget",
        "title = \"T\"\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::MissingKey { key: "budget", .. }),
        1,
        1,
    ),
    (
        "section without title points at its header",
        "$HEAD\n[[section]]\nslides = [\"a\"]\n",
        |p| matches!(p, Problem::MissingKey { key: "title", .. }),
        4,
        1,
    ),
    (
        "long-form slide without title points at its header",
        "$HEAD$SECTION[[section.slides]]\nbudget = \"1m\"\n",
        |p| matches!(p, Problem::MissingKey { key: "title", .. }),
        5,
        1,
    ),
    (
        "title of the wrong type",
        "title = 3\nbudget = \"1m\"\n$SECTIONslides = [\"a\"]\n",
        |p| {
            matches!(
                p,
                Problem::WrongType {
                    found: "an integer",
                    ..
                }
            )
        },
        1,
        9,
    ),
    (
        "budget as a bare number",
        "title = \"T\"\nbudget = 90\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::NumberDuration { number, .. } if number == "90"),
        2,
        10,
    ),
    (
        "wpm that is not a number",
        "$HEADwpm = 0x\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::BadNumber { .. }),
        3,
        7,
    ),
    (
        "bad duration points into the string",
        "title = \"T\"\nbudget = \"20 mins x\"\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::BadDuration { .. }),
        2,
        19,
    ),
    (
        "unknown unit points at the unit",
        "$HEAD$SECTIONslides = [{ title = \"a\", budget = \"1m 3q\" }]\n",
        |p| matches!(p, Problem::BadDuration { reason, .. } if reason.contains("`q`")),
        5,
        40,
    ),
    (
        "zero budget",
        "$HEAD$SECTIONbudget = \"0s\"\nslides = [\"a\"]\n",
        |p| {
            matches!(
                p,
                Problem::ZeroDuration {
                    key: "budget",
                    unset: Zero::Shared
                }
            )
        },
        5,
        10,
    ),
    (
        "huge budget",
        "title = \"T\"\nbudget = \"25h\"\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::HugeDuration { .. }),
        2,
        10,
    ),
    (
        "warn out of range",
        "$HEADwarn = 80\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::BadWarn(_)),
        3,
        8,
    ),
    (
        "wpm out of range",
        "$HEADwpm = 0\n$SECTIONslides = [\"a\"]\n",
        |p| matches!(p, Problem::BadWpm(_)),
        3,
        7,
    ),
    (
        "empty slide title",
        "$HEAD$SECTIONslides = [\"a\", \"  \"]\n",
        |p| matches!(p, Problem::EmptyTitle { place: "a slide" }),
        5,
        16,
    ),
    (
        "empty id",
        "$HEAD$SECTIONslides = [{ title = \"a\", id = \"\" }]\n",
        |p| matches!(p, Problem::EmptyId("id")),
        5,
        31,
    ),
    (
        "title on two lines",
        "$HEAD$SECTIONslides = [\"a\\nb\"]\n",
        |p| matches!(p, Problem::ControlInText { key: "title" }),
        5,
        11,
    ),
    (
        "no sections",
        "$HEAD",
        |p| matches!(p, Problem::NoSections),
        3,
        1,
    ),
    (
        "section as a plain table",
        "$HEAD[section]\ntitle = \"S\"\n",
        |p| matches!(p, Problem::WrongType { .. }),
        3,
        1,
    ),
    (
        "section without slides",
        "$HEAD$SECTION",
        |p| matches!(p, Problem::NoSlides(s) if s == "S"),
        3,
        1,
    ),
    (
        "empty slide list",
        "$HEAD$SECTIONslides = []\n",
        |p| matches!(p, Problem::NoSlides(_)),
        5,
        10,
    ),
    (
        "slide of the wrong type",
        "$HEAD$SECTIONslides = [true]\n",
        |p| {
            matches!(
                p,
                Problem::WrongType {
                    found: "a boolean",
                    ..
                }
            )
        },
        5,
        11,
    ),
    (
        "repeated explicit id",
        "$HEAD$SECTIONslides = [{ title = \"a\", id = \"x\" },\n  { title = \"b\", id = \"x\" }]\n",
        |p| matches!(p, Problem::DuplicateId { first_line: 5, .. }),
        6,
        23,
    ),
];

#[test]
fn every_error_kind_at_its_place() {
    let mut wrong = Vec::new();
    for &(name, text, is_expected, line, col) in CASES {
        let text = text.replace("$HEAD", HEAD).replace("$SECTION", SECTION);
        let found = problems(&text);
        match found.as_slice() {
            [(problem, l, c)] if is_expected(problem) && (*l, *c) == (line, col) => {}
            _ => wrong.push(format!("{name}: want {line}:{col}, found {found:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_key_is_read() {
    let text = r#"
title = "  Talk  "
budget = "20m"
warn = 0.75
grace = "45s"
wpm = 140

[[section]]
title = "Opening"
budget = "1m 30s"
slides = ["Title", { title = "Who I am", budget = "15s" }]

[[section]]
title = "Method"

[[section.slides]]
title = "Where the LoRA layers attach"
id = "lora-placement"
budget = "40s"
optional = true
lock = true
notes = """
Low-rank update.
"""
"#;
    let (talk, warnings) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(talk.title, "Talk");
    assert_eq!(talk.budget, Duration::from_secs(1200));
    assert!((talk.warn - 0.75).abs() < f64::EPSILON);
    assert_eq!(talk.grace, Duration::from_secs(45));
    assert_eq!(talk.wpm, Some(140.0));
    assert_eq!(talk.sections[0].budget, Some(Duration::from_secs(90)));
    assert_eq!(talk.sections[0].slides[0].id, "opening/title");
    assert_eq!(
        talk.sections[0].slides[1].budget,
        Some(Duration::from_secs(15))
    );
    let slide = &talk.sections[1].slides[0];
    assert_eq!(slide.id, "lora-placement");
    assert!(slide.optional && slide.lock);
    assert_eq!(slide.notes, "Low-rank update.");
}

#[test]
fn defaults() {
    let text = format!("{HEAD}{SECTION}slides = [\"a\"]\n");
    let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
    assert!((talk.warn - DEFAULT_WARN).abs() < f64::EPSILON);
    assert_eq!(talk.grace, DEFAULT_GRACE);
    assert_eq!(talk.wpm, None);
    let slide = &talk.sections[0].slides[0];
    assert!(!slide.optional && !slide.lock && slide.budget.is_none());
}

#[test]
fn default_ids_are_unique_slugs() {
    let text = format!(
        "{HEAD}{SECTION}slides = [\"Intro\", \"Intro\", {{ title = \"x\", id = \"s/intro-3\" }}, \"Intro\", \"🚀\"]\n\
         [[section]]\ntitle = \"発表\"\nslides = [\"結果\", \"Intro\"]\n"
    );
    let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
    let ids: Vec<&str> = talk
        .sections
        .iter()
        .flat_map(|s| &s.slides)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "s/intro",
            "s/intro-2",
            "s/intro-3",
            "s/intro-4",
            "s/slide-5",
            "発表/結果",
            "発表/intro"
        ]
    );
}

#[test]
fn many_identical_titles_stay_fast_and_unique() {
    let slides = vec!["\"Same\""; 10_000].join(", ");
    let text = format!("{HEAD}{SECTION}slides = [{slides}]\n");
    let (talk, _) = crate::talk::parse(&Source::new("t.toml", text)).unwrap();
    let ids: HashSet<&str> = talk.sections[0]
        .slides
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids.len(), 10_000);
}

#[test]
fn a_zero_duration_is_told_what_leaving_the_key_out_does() {
    let slides = "slides = [\"a\"]\n";
    for (text, unset, says) in [
        (
            format!("title = \"T\"\nbudget = \"0s\"\n{SECTION}{slides}"),
            Zero::Required,
            "budget = \"20m\"",
        ),
        (
            format!("{HEAD}{SECTION}budget = \"0s\"\n{slides}"),
            Zero::Shared,
            "share the time out",
        ),
        (
            format!("{HEAD}answer = \"0s\"\n{SECTION}{slides}"),
            Zero::DefaultAnswer,
            "1 minute",
        ),
        (
            format!("{HEAD}{SECTION}{slides}[[question]]\nask = \"Why?\"\nbudget = \"0s\"\n"),
            Zero::TalkAnswer,
            "the talk's `answer`",
        ),
    ] {
        let found = problems(&text);
        let [(problem, ..)] = &found[..] else {
            panic!("one problem in {text:?}: {found:?}");
        };
        assert!(
            matches!(problem, Problem::ZeroDuration { unset: u, .. } if *u == unset),
            "{problem:?}"
        );
        let hint = problem.hint().expect("a hint");
        assert!(hint.contains(says), "{text:?}: {hint}");
        if unset != Zero::Shared {
            assert!(!hint.contains("share the time out"), "{text:?}: {hint}");
        }
    }
}

#[test]
fn a_talk_key_below_a_table_header_is_told_to_move_up() {
    for text in [
        format!("{HEAD}{SECTION}slides = [\"a\"]\nwpm = 130\n"),
        format!("{HEAD}{SECTION}[[section.slides]]\ntitle = \"a\"\ngrace = \"10s\"\n"),
        format!("{HEAD}{SECTION}slides = [\"a\"]\n[[question]]\nask = \"Why?\"\nwarn = 0.9\n"),
    ] {
        let found = problems(&text);
        let [(problem @ Problem::UnknownKey { .. }, ..)] = &found[..] else {
            panic!("one unknown key in {text:?}: {found:?}");
        };
        let hint = problem.hint().expect("a hint");
        assert!(
            hint.contains("is a key of the talk") && hint.contains("above the first `[[section]]`"),
            "{text:?}: {hint}"
        );
    }
    let found = problems(&format!(
        "{HEAD}{SECTION}slides = [\"a\"]\nbudgt = \"1m\"\n"
    ));
    assert_eq!(
        found[0].0.hint().as_deref(),
        Some("did you mean `budget`?"),
        "a typo is still a typo"
    );
}
