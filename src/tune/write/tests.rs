use super::*;
use crate::talk::{Source, Span};

const COMMENTED: &str = include_str!("../../../tests/fixtures/tune/commented.toml");

fn secs(v: &[u64]) -> Vec<Duration> {
    v.iter().map(|&s| Duration::from_secs(s)).collect()
}

/// Hard budgets, as tune wrote them before budgets gave way (and as it writes locked ones).
fn hard(v: &[u64]) -> Vec<Edit> {
    v.iter()
        .map(|&s| Edit::Budget(Duration::from_secs(s)))
        .collect()
}

fn tuned(v: &[u64]) -> Vec<Edit> {
    v.iter()
        .map(|&s| Edit::Tuned(Duration::from_secs(s)))
        .collect()
}

fn talk(text: &str) -> crate::talk::Talk {
    crate::talk::parse(&Source::new("t.toml", text))
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .0
}

/// Every budget value's span, in file order.
fn budget_spans(text: &str) -> Vec<Span> {
    let talk = talk(text);
    let mut spans = vec![talk.budget_span.clone()];
    for section in &talk.sections {
        spans.extend(section.budget_span.clone());
        spans.extend(section.slides.iter().filter_map(|s| s.budget_span.clone()));
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// The text between (and around) the budget values.
fn outside<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
    let mut at = 0;
    let mut parts = Vec::new();
    for span in spans {
        parts.push(&text[at..span.start]);
        at = span.end;
    }
    parts.push(&text[at..]);
    parts
}

#[test]
fn only_budget_values_change_in_a_commented_file() {
    let budgets = Budgets {
        talk: None,
        sections: vec![
            Some(Duration::from_secs(100)),
            None,
            Some(Duration::from_secs(150)),
        ],
        slides: vec![hard(&[20, 25, 55]), hard(&[70, 120, 60]), hard(&[100, 50])],
    };
    let out = rewrite(COMMENTED, &budgets).unwrap();
    let (before, after) = (budget_spans(COMMENTED), budget_spans(&out.text));
    assert_eq!(before.len(), after.len());
    assert_eq!(
        outside(COMMENTED, &before),
        outside(&out.text, &after),
        "everything but the budget values is byte for byte the same:\n{}",
        out.text
    );
    let values: Vec<&str> = after.iter().map(|s| &out.text[s.clone()]).collect();
    assert_eq!(
        values,
        vec![
            "\"8m 15s\"",
            "\"1m 40s\"",
            "\"20s\"",
            "'25s'",
            "\"55s\"",
            "\"1m 10s\"",
            "\"2m\"",
            "\"1m\"",
            "\"2m 30s\"",
            "\"1m 40s\"",
            "\"50s\"",
        ]
    );
    // Unchanged values are not even rewritten, so they are not in the changes.
    let changed: Vec<At> = out.changes.iter().map(|c| c.at).collect();
    assert_eq!(
        changed,
        vec![
            At::Section(0),
            At::Slide(0, 0),
            At::Slide(0, 1),
            At::Slide(1, 0),
            At::Slide(1, 2),
            At::Slide(2, 0),
            At::Slide(2, 1),
        ]
    );
    assert_eq!(out.changes[2].before.as_deref(), Some("20s"));
    assert_eq!(out.changes[2].after, "25s");
}

#[test]
fn nothing_to_change_gives_the_same_bytes() {
    let budgets = Budgets {
        talk: None,
        sections: vec![
            Some(Duration::from_secs(90)),
            None,
            Some(Duration::from_secs(150)),
        ],
        slides: vec![hard(&[15, 20, 55]), hard(&[65, 120, 70]), hard(&[105, 45])],
    };
    let out = rewrite(COMMENTED, &budgets).unwrap();
    assert_eq!(out.text, COMMENTED);
    assert!(out.changes.is_empty());
}

const BARE: &str = "\
title = \"T\"
budget = \"2m\"

[[section]]
title = \"A\"
slides = [
  \"One\",   # first
  { title = \"Two\" },
  {title='Three', optional = true},
]

[[section]]
title = \"B\"

  [[section.slides]]
  # the title
  title = \"Four\"  # four
  notes = \"x\"
";

const BARE_TUNED: &str = "\
title = \"T\"
budget = \"2m\"

[[section]]
title = \"A\"
slides = [
  { title = \"One\", budget = \"10s\" },   # first
  { title = \"Two\", budget = \"20s\" },
  {title='Three',budget=\"1m 05s\", optional = true},
]

[[section]]
title = \"B\"

  [[section.slides]]
  # the title
  title = \"Four\"  # four
  budget = \"25s\"
  notes = \"x\"
";

fn bare_budgets() -> Budgets {
    Budgets {
        talk: None,
        sections: vec![None, None],
        slides: vec![hard(&[10, 20, 65]), hard(&[25])],
    }
}

#[test]
fn slides_without_a_budget_get_one_after_their_title() {
    let out = rewrite(BARE, &bare_budgets()).unwrap();
    assert_eq!(out.text, BARE_TUNED);
    assert_eq!(out.changes.len(), 4);
    assert!(out.changes.iter().all(|c| c.before.is_none()));
}

#[test]
fn crlf_line_endings_survive() {
    let crlf = BARE.replace('\n', "\r\n");
    let out = rewrite(&crlf, &bare_budgets()).unwrap();
    assert_eq!(out.text, BARE_TUNED.replace('\n', "\r\n"));
}

#[test]
fn sections_written_inline_are_rewritten_too() {
    let text = "title = \"T\"\nbudget = \"1m\"\nsection = [\n  { title = \"A\", budget = \"1m\", slides = [\"x\", { title = \"y\", budget = \"30s\" }] },\n]\n";
    let budgets = Budgets {
        talk: None,
        sections: vec![Some(Duration::from_secs(60))],
        slides: vec![hard(&[45, 15])],
    };
    let out = rewrite(text, &budgets).unwrap();
    assert_eq!(
        out.text,
        "title = \"T\"\nbudget = \"1m\"\nsection = [\n  { title = \"A\", budget = \"1m\", slides = [{ title = \"x\", budget = \"45s\" }, { title = \"y\", budget = \"15s\" }] },\n]\n"
    );
    let planned = crate::load(&Source::new("t.toml", out.text)).unwrap().plan;
    assert_eq!(
        planned.slides.iter().map(|s| s.budget).collect::<Vec<_>>(),
        secs(&[45, 15])
    );
}

#[test]
fn an_outline_that_does_not_match_is_refused() {
    let mut budgets = bare_budgets();
    budgets.slides[0].pop();
    let err = rewrite(BARE, &budgets).unwrap_err();
    assert!(matches!(err, WriteError::Layout(_)), "{err}");
    assert!(rewrite("title = ", &bare_budgets()).is_err());
    assert!(rewrite("title = \"T\"", &bare_budgets()).is_err());
}

const BARE_GIVING_WAY: &str = "\
title = \"T\"
budget = \"2m\"

[[section]]
title = \"A\"
slides = [
  { title = \"One\", budget = \"10s\", tuned = true },   # first
  { title = \"Two\", budget = \"20s\", tuned = true },
  {title='Three',budget=\"1m 05s\",tuned=true, optional = true},
]

[[section]]
title = \"B\"

  [[section.slides]]
  # the title
  title = \"Four\"  # four
  budget = \"25s\"
  tuned = true
  notes = \"x\"
";

#[test]
fn tuned_budgets_are_marked_after_their_value() {
    let budgets = Budgets {
        talk: None,
        sections: vec![None, None],
        slides: vec![tuned(&[10, 20, 65]), tuned(&[25])],
    };
    let out = rewrite(BARE, &budgets).unwrap();
    assert_eq!(out.text, BARE_GIVING_WAY);
    // Once marked, writing the same again changes nothing.
    let again = rewrite(&out.text, &budgets).unwrap();
    assert_eq!(again.text, out.text);
    assert!(again.changes.is_empty());
    // A budget already right still gets its mark; `tuned = false` is turned round.
    let text = "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nslides = [\n  { title = \"a\", budget = \"30s\" },\n  { title = \"b\", budget = \"30s\", tuned = false },  # b\n]\n";
    let out = rewrite(
        text,
        &Budgets {
            talk: None,
            sections: vec![None],
            slides: vec![tuned(&[30, 30])],
        },
    )
    .unwrap();
    assert_eq!(
        out.text,
        "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"A\"\nslides = [\n  { title = \"a\", budget = \"30s\", tuned = true },\n  { title = \"b\", budget = \"30s\", tuned = true },  # b\n]\n"
    );
    let keys: Vec<(&str, Option<&str>)> = out
        .changes
        .iter()
        .map(|c| (c.key, c.before.as_deref()))
        .collect();
    assert_eq!(keys, [("tuned", None), ("tuned", Some("false"))]);
}

#[test]
fn cut_slides_are_skipped_and_the_talk_gets_its_new_budget() {
    let budgets = Budgets {
        talk: Some(Duration::from_secs(90)),
        sections: vec![None, None],
        slides: vec![
            vec![Edit::Tuned(Duration::from_secs(30)), Edit::Skip, Edit::Skip],
            vec![Edit::Leave],
        ],
    };
    let out = rewrite(BARE, &budgets).unwrap();
    assert_eq!(
        out.text,
        BARE.replace("budget = \"2m\"", "budget = \"1m 30s\"")
            .replace(
                "  \"One\",",
                "  { title = \"One\", budget = \"30s\", tuned = true },"
            )
            .replace("{ title = \"Two\" }", "{ title = \"Two\", skip = true }")
            .replace(
                "{title='Three', optional",
                "{title='Three',skip=true, optional"
            )
    );
    assert_eq!(out.changes[0].at, At::Talk);
    let planned = crate::load(&Source::new("t.toml", out.text)).unwrap().plan;
    let ids: Vec<&str> = planned.slides.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a/one", "b/four"]);
    // "Four" has no budget: it weighs the mean tuned budget, and "One" gives way to it.
    assert_eq!(planned.slides[0].budget, Duration::from_secs(45));
    assert_eq!(planned.slides[1].budget, Duration::from_secs(45));
}
