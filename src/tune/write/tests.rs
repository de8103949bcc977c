use super::*;
use crate::talk::{Source, Span};

const COMMENTED: &str = include_str!("../../../tests/fixtures/tune/commented.toml");

fn secs(v: &[u64]) -> Vec<Duration> {
    v.iter().map(|&s| Duration::from_secs(s)).collect()
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
        sections: vec![
            Some(Duration::from_secs(100)),
            None,
            Some(Duration::from_secs(150)),
        ],
        slides: vec![secs(&[20, 25, 55]), secs(&[70, 120, 60]), secs(&[100, 50])],
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
    let changed: Vec<(usize, Option<usize>)> =
        out.changes.iter().map(|c| (c.section, c.slide)).collect();
    assert_eq!(
        changed,
        vec![
            (0, None),
            (0, Some(0)),
            (0, Some(1)),
            (1, Some(0)),
            (1, Some(2)),
            (2, Some(0)),
            (2, Some(1)),
        ]
    );
    assert_eq!(out.changes[2].before.as_deref(), Some("20s"));
    assert_eq!(out.changes[2].after, "25s");
}

#[test]
fn nothing_to_change_gives_the_same_bytes() {
    let budgets = Budgets {
        sections: vec![
            Some(Duration::from_secs(90)),
            None,
            Some(Duration::from_secs(150)),
        ],
        slides: vec![secs(&[15, 20, 55]), secs(&[65, 120, 70]), secs(&[105, 45])],
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
        sections: vec![None, None],
        slides: vec![secs(&[10, 20, 65]), secs(&[25])],
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
        sections: vec![Some(Duration::from_secs(60))],
        slides: vec![secs(&[45, 15])],
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
