//! Every outline in `tests/bad-talks/` is rejected by `pacer check` with exit code 2, and the
//! error names the line and column the table below gives, with the message fragment expected;
//! the few that are valid but draw a warning pass with exit 0 and the warning at its place.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

/// File, line, column, and a fragment of the message printed at that spot.
const CASES: &[(&str, usize, usize, &str)] = &[
    ("bad-duration.toml", 2, 14, "unknown unit `minuts`"),
    ("bad-slide-duration.toml", 6, 42, "unknown unit `x`"),
    ("bom-bad-budget.toml", 2, 13, "a unit is missing"),
    ("crlf-typo.toml", 5, 1, "unknown key `titel` in a section"),
    (
        "duplicate-id.toml",
        13,
        6,
        "slide id `intro` is used twice (first on line 9)",
    ),
    (
        "empty-duration.toml",
        3,
        9,
        "`grace` is not a duration: the value is empty",
    ),
    ("empty-id.toml", 6, 33, "`id` must not be empty"),
    (
        "empty-slide-title.toml",
        6,
        18,
        "a slide has an empty title",
    ),
    ("empty-slides.toml", 6, 10, "section \"Only\" has no slides"),
    ("empty.toml", 1, 1, "the talk has no `budget`"),
    // `[[question]]`s and the talk's `answer`.
    (
        "answer-after-a-table.toml",
        7,
        1,
        "unknown key `answer` in a section",
    ),
    (
        "answer-number.toml",
        3,
        10,
        "`answer` must be a duration string, not a bare number",
    ),
    (
        "duplicate-question.toml",
        11,
        1,
        "this question is asked twice (first on line 8)",
    ),
    (
        "duplicate-question-id.toml",
        12,
        1,
        "question id `rank` is used twice (first on line 8)",
    ),
    (
        "question-ambiguous-slide.toml",
        10,
        9,
        "`slide = \"Results\"` is the title of 2 slides",
    ),
    ("question-empty-ask.toml", 9, 7, "`ask` must not be empty"),
    (
        "question-not-array.toml",
        8,
        1,
        "`question` must be an array of tables (`[[question]]`), not a table",
    ),
    (
        "question-number-budget.toml",
        10,
        10,
        "`budget` must be a duration string, not a bare number",
    ),
    (
        "question-tags-not-a-list.toml",
        10,
        8,
        "`tags` must be a list of words",
    ),
    (
        "question-unknown-key.toml",
        9,
        1,
        "unknown key `aks` in a question",
    ),
    (
        "question-unknown-slide.toml",
        10,
        9,
        "`slide = \"Rank sweeps\"` names no slide of the talk",
    ),
    ("question-without-ask.toml", 8, 1, "a question has no `ask`"),
    (
        "question-zero-budget.toml",
        10,
        10,
        "`budget` must be more than zero",
    ),
    (
        "huge-budget.toml",
        2,
        10,
        "`budget` is longer than 24 hours",
    ),
    ("huge-budget.toml", 3, 9, "`grace` is longer than 24 hours"),
    (
        "inline-slide-without-title.toml",
        8,
        3,
        "a slide has no `title`",
    ),
    ("missing-budget.toml", 1, 1, "the talk has no `budget`"),
    (
        "missing-budget-after-comments.toml",
        4,
        1,
        "the talk has no `budget`",
    ),
    ("missing-title.toml", 1, 1, "the talk has no `title`"),
    ("multiline-title.toml", 5, 9, "`title` must be one line"),
    ("no-sections.toml", 3, 1, "the talk has no sections"),
    (
        "no-time-left.toml",
        6,
        10,
        "section \"Opening\" leaves no time for 1 slide without",
    ),
    ("not-utf8.toml", 1, 21, "the file is not valid UTF-8"),
    (
        "number-budget.toml",
        2,
        10,
        "`budget` must be a duration string, not a bare number",
    ),
    (
        "optional-not-bool.toml",
        6,
        39,
        "`optional` must be `true` or `false`, not a string",
    ),
    (
        "section-not-array.toml",
        4,
        1,
        "`section` must be an array of tables",
    ),
    (
        "section-without-slides.toml",
        8,
        1,
        "section \"Empty\" has no slides",
    ),
    (
        "section-without-title.toml",
        8,
        1,
        "a section has no `title`",
    ),
    (
        "sections-over-talk.toml",
        2,
        10,
        "ask for 11:00, more than the talk's budget of 10:00",
    ),
    ("slide-without-title.toml", 10, 1, "a slide has no `title`"),
    (
        "slides-over-section.toml",
        6,
        10,
        "ask for 1:10, more than its budget of 1:00",
    ),
    (
        "syntax-bare-value.toml",
        1,
        9,
        "string values must be quoted",
    ),
    ("syntax-duplicate-key.toml", 3, 1, "duplicate key `budget`"),
    (
        "syntax-missing-comma.toml",
        6,
        17,
        "missing comma between array elements",
    ),
    (
        "syntax-unclosed-string.toml",
        1,
        9,
        "a string is not closed on its line",
    ),
    (
        "syntax-unclosed-string-in-array.toml",
        8,
        3,
        "a string is not closed on its line",
    ),
    (
        "syntax-missing-bracket.toml",
        6,
        10,
        "this `[` is never closed",
    ),
    (
        "clock-budget.toml",
        2,
        10,
        "`budget` is not a duration: \"1:30\" is written like a clock",
    ),
    ("tab-in-title.toml", 7, 13, "`title` must be one line"),
    ("tab-in-title.toml", 7, 42, "unknown unit `x`"),
    (
        "talk-no-time-left.toml",
        2,
        10,
        "the talk leaves no time for 7 slides without a budget: the budgets written already \
         add up to all of its time",
    ),
    (
        "unknown-section-key.toml",
        6,
        1,
        "unknown key `slide` in a section",
    ),
    (
        "unknown-slide-key.toml",
        9,
        1,
        "unknown key `optinal` in a slide",
    ),
    (
        "unknown-talk-key.toml",
        3,
        1,
        "unknown key `budgt` in the talk",
    ),
    (
        "warn-out-of-range.toml",
        3,
        8,
        "`warn` must be a share between 0 and 1, not 80",
    ),
    (
        "wpm-string.toml",
        3,
        7,
        "`wpm` must be a number, not a string",
    ),
    (
        "wpm-zero.toml",
        3,
        7,
        "`wpm` must be a speaking rate between 1 and 1000",
    ),
    ("zero-budget.toml", 6, 10, "`budget` must be more than zero"),
    (
        "tuned-without-budget.toml",
        6,
        50,
        "`tuned = true` marks a budget written by `pacer tune`, and this slide has no `budget`",
    ),
    (
        "all-skipped.toml",
        4,
        1,
        "every slide of the talk has `skip = true`: there is nothing to plan",
    ),
];

/// Hints expected under some of the errors above.
const HINTS: &[(&str, &str)] = &[
    ("unknown-talk-key.toml", "hint: did you mean `budget`?"),
    ("unknown-slide-key.toml", "hint: did you mean `optional`?"),
    (
        "number-budget.toml",
        "write `budget = \"90s\"` or `budget = \"90m\"`",
    ),
    ("bad-duration.toml", "\"20m\", \"1m 30s\", \"90s\""),
    ("slides-over-section.toml", "raise the section's budget"),
    (
        "missing-budget.toml",
        "add `budget = \"20m\"` at the top: the time the talk must fit in",
    ),
    (
        "syntax-unclosed-string-in-array.toml",
        "add the closing quote",
    ),
    (
        "syntax-missing-bracket.toml",
        "add the `]` after the list's last item",
    ),
    ("clock-budget.toml", "hint: write `budget = \"1m 30s\"`"),
    ("question-unknown-key.toml", "hint: did you mean `ask`?"),
    (
        "question-unknown-slide.toml",
        "hint: did you mean `slide = \"Rank sweep\"`?",
    ),
    (
        "answer-after-a-table.toml",
        "hint: `answer` is a key of the talk: move it above the first `[[section]]`",
    ),
    (
        "question-empty-ask.toml",
        "hint: write the question, or remove the `[[question]]`",
    ),
    // The tab shows, and the caret under the later error stays under its spot.
    (
        "tab-in-title.toml",
        "7 |   { title = \"Intro→and→plan\", budget = \"1x\" },\n  |                                          ^\n",
    ),
];

/// Outlines that are valid but draw a warning: exit 0, the warning at its line and column.
const WARNINGS: &[(&str, usize, usize, &str)] = &[(
    "duplicate-section-title.toml",
    8,
    1,
    "a second section titled \"Method\" (the first is on line 4)",
)];

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad-talks"))
}

fn check(name: &str) -> (i32, String) {
    let output = Command::cargo_bin("pacer")
        .unwrap()
        .current_dir(dir())
        .args(["check", "--no-color", name])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    // A valid file (one with warnings only) gets its one-line summary on stdout; others none.
    let code = output.status.code().unwrap_or(-1);
    assert!(
        code == 0 || output.stdout.is_empty(),
        "{name}: printed a summary"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    (code, stderr)
}

#[test]
fn every_bad_talk_names_its_line_and_problem() {
    let mut wrong = Vec::new();
    for &(name, line, col, fragment) in CASES {
        let (code, stderr) = check(name);
        let prefix = format!("{name}:{line}:{col}: error: ");
        let named = stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(fragment));
        if code != 2 || !named || stderr.contains("panicked") || stderr.contains("backtrace") {
            wrong.push(format!(
                "{name}: want exit 2 and `{prefix}…{fragment}…`, got exit {code}:\n{stderr}"
            ));
        }
    }
    for &(name, line, col, fragment) in WARNINGS {
        let (code, stderr) = check(name);
        let prefix = format!("{name}:{line}:{col}: warning: ");
        let named = stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(fragment));
        if code != 0 || !named {
            wrong.push(format!(
                "{name}: want exit 0 and `{prefix}…{fragment}…`, got exit {code}:\n{stderr}"
            ));
        }
    }
    for &(name, hint) in HINTS {
        let (_, stderr) = check(name);
        if !stderr.contains(hint) {
            wrong.push(format!("{name}: want hint `{hint}`:\n{stderr}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn every_file_in_the_folder_is_in_the_table() {
    let files: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = CASES
        .iter()
        .chain(WARNINGS)
        .map(|c| c.0.to_owned())
        .collect();
    assert_eq!(files, listed);
    assert!(files.len() >= 25);
}
