//! Problems found in a talk file, and their rendering as `file:line:col: error: message`,
//! the source line with a caret under the spot, and a hint on how to fix it.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{Source, Span};
use crate::timefmt;

/// Whether a problem stops the talk from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Everything that can be wrong with a talk file.
/// Whether a duration key may be zero, and what leaving it out does instead (the hint when
/// it is zero where it may not be).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zero {
    /// Zero is a valid value (`grace`).
    Allowed,
    /// The key is required: the talk's `budget`.
    Required,
    /// A section's or slide's budget: without it, pacer shares out what is left.
    Shared,
    /// The talk's `answer`: without it, a question gets the default minute.
    DefaultAnswer,
    /// A question's `budget`: without it, the talk's `answer` (a minute when it has none).
    TalkAnswer,
}

impl Zero {
    fn hint(self) -> &'static str {
        match self {
            Self::Allowed | Self::Shared => {
                "give it some time, or remove the key to let pacer share the time out"
            }
            Self::Required => "give the talk its length, such as `budget = \"20m\"`",
            Self::DefaultAnswer => {
                "give answers some time, or remove the key: each question then gets 1 minute"
            }
            Self::TalkAnswer => {
                "give the answer some time, or remove the key to use the talk's `answer` time (1 minute when it sets none)"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the file is not valid UTF-8")]
    NotUtf8,
    #[error("invalid TOML: {0}")]
    Syntax(String),
    #[error("unknown key `{key}` in {place}")]
    UnknownKey {
        key: String,
        place: &'static str,
        suggestion: Option<&'static str>,
        allowed: &'static [&'static str],
    },
    #[error("{place} has no `{key}`")]
    MissingKey {
        key: &'static str,
        place: &'static str,
        example: &'static str,
    },
    #[error("`{key}` must be {expected}, not {found}")]
    WrongType {
        key: String,
        expected: &'static str,
        found: &'static str,
    },
    #[error("`{key}` must be a duration string, not a bare number")]
    NumberDuration { key: &'static str, number: String },
    #[error("`{key}` is not a valid number")]
    BadNumber { key: String },
    #[error("`{key}` is not a duration: {reason}")]
    BadDuration { key: &'static str, reason: String },
    #[error("`{key}` must be more than zero")]
    ZeroDuration { key: &'static str, unset: Zero },
    #[error("`{key}` is longer than 24 hours")]
    HugeDuration { key: &'static str },
    #[error("`warn` must be a share between 0 and 1, not {0}")]
    BadWarn(f64),
    #[error("`wpm` must be a speaking rate between 1 and 1000 words per minute, not {0}")]
    BadWpm(f64),
    #[error("{place} has an empty title")]
    EmptyTitle { place: &'static str },
    #[error("`{0}` must not be empty")]
    EmptyId(&'static str),
    #[error("`{key}` must be one line without control characters")]
    ControlInText { key: &'static str },
    #[error("the talk has no sections")]
    NoSections,
    #[error("section \"{0}\" has no slides")]
    NoSlides(String),
    #[error("slide id `{id}` is used twice (first on line {first_line})")]
    DuplicateId { id: String, first_line: usize },
    #[error("a second section titled \"{title}\" (the first is on line {first_line})")]
    SameSectionTitle { title: String, first_line: usize },
    #[error("`{key}` is not a duration: \"{written}\" is written like a clock")]
    ClockDuration {
        key: &'static str,
        written: String,
        suggestion: String,
    },
    #[error(
        "the slides of section \"{section}\" ask for {}, more than its budget of {}",
        timefmt::clock(*.slides),
        timefmt::clock(*.budget)
    )]
    SlidesOverSection {
        section: String,
        slides: std::time::Duration,
        budget: std::time::Duration,
    },
    #[error(
        "the sections and slides with budgets ask for {}, more than the talk's budget of {}",
        timefmt::clock(*.asked),
        timefmt::clock(*.budget)
    )]
    OverTalk {
        asked: std::time::Duration,
        budget: std::time::Duration,
    },
    #[error(
        "{place} leaves {} for {slides} slide{} without a budget{}",
        remaining_text(*.remaining),
        if *.slides == 1 { "" } else { "s" },
        if .remaining.is_zero() {
            ": the budgets written already add up to all of its time"
        } else {
            ""
        }
    )]
    NoTimeLeft {
        place: String,
        remaining: std::time::Duration,
        slides: usize,
    },
    #[error("{} leaves {} of its budget to no slide", .1, timefmt::clock(*.0))]
    Unassigned(std::time::Duration, String),
    #[error("these notes need {needed:.0} words per minute to fit the slide's {}", timefmt::clock(*.budget))]
    NotesTooFast {
        needed: f64,
        budget: std::time::Duration,
    },
    #[error(
        "this slide gets only {} ms; under {} s nobody can show it",
        .0.as_millis(),
        crate::pace::MIN_SLIDE.as_secs()
    )]
    SlideTooShort(std::time::Duration),
    #[error(
        "`tuned = true` marks a budget written by `pacer tune`, and this slide has no `budget`"
    )]
    TunedWithoutBudget,
    #[error("every slide of section \"{0}\" has `skip = true`: the plan leaves the section out")]
    SectionAllSkipped(String),
    #[error("every slide of the talk has `skip = true`: there is nothing to plan")]
    AllSkipped,
    #[error("`slide = \"{written}\"` names no slide of the talk")]
    UnknownSlide {
        written: String,
        suggestion: Option<String>,
    },
    #[error("`slide = \"{written}\"` is the title of {count} slides")]
    AmbiguousSlide { written: String, count: usize },
    #[error("this question is asked twice (first on line {first_line})")]
    DuplicateQuestion { first_line: usize },
    #[error("question id `{id}` is used twice (first on line {first_line})")]
    DuplicateQuestionId { id: String, first_line: usize },
}

fn remaining_text(remaining: std::time::Duration) -> String {
    if remaining.is_zero() {
        "no time".to_owned()
    } else {
        format!("only {} ms", remaining.as_millis())
    }
}

/// The fastest speaking rate a plan may ask for before `check` warns.
pub const MAX_WPM: f64 = 165.0;

impl Problem {
    /// How to fix it, in one line.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Self::NotUtf8 => "save the file as UTF-8".into(),
            Self::Syntax(message) => syntax_hint(message).into(),
            Self::UnknownKey {
                key,
                place,
                suggestion,
                allowed,
            } => unknown_key_hint(key, place, *suggestion, allowed),
            Self::MissingKey { example, .. } => format!("add {example}"),
            Self::WrongType { key, .. } if is_duration_key(key) => {
                format!("durations are strings: write `{key} = \"90s\"`, \"1m 30s\" or \"20m\"")
            }
            Self::WrongType { key, .. } if key == "tags" => {
                "put the words in brackets, each in quotes: `tags = [\"method\", \"lora\"]`".into()
            }
            Self::WrongType { key, .. } if key == "slide" => {
                "name the slide by its id or its title, in quotes: `slide = \"Rank and scale\"` \
                 (`pacer plan --format json` lists the ids)"
                    .into()
            }
            Self::WrongType { expected, .. } => format!("write {expected} here"),
            Self::NumberDuration { key, number } => format!(
                "durations are strings with a unit: write `{key} = \"{number}s\"` or `{key} = \"{number}m\"`"
            ),
            Self::BadNumber { .. } => "write a plain number such as `130` or `0.8`".into(),
            Self::BadDuration { .. } => {
                "write a duration like \"20m\", \"1m 30s\", \"90s\" or \"1h 5m\"".into()
            }
            Self::ZeroDuration { unset, .. } => unset.hint().into(),
            Self::HugeDuration { .. } => "check the unit: \"20m\" is twenty minutes".into(),
            Self::BadWarn(_) => "write a share such as `warn = 0.8` (amber at 80%)".into(),
            Self::BadWpm(_) => "a typical speaking rate is `wpm = 130`".into(),
            Self::EmptyTitle { .. } => "write a title, even a short one".into(),
            Self::EmptyId("id") => "remove `id` to use the default, or write one".into(),
            Self::EmptyId("ask") => "write the question, or remove the `[[question]]`".into(),
            Self::EmptyId(key) => format!("write a value, or remove `{key}`"),
            Self::ControlInText { .. } => {
                "keep it on one line, without tabs (shown as →); line breaks belong in `notes`"
                    .into()
            }
            Self::NoSections => {
                "add a section: [[section]] with a title and slides = [\"First slide\"]".into()
            }
            Self::NoSlides(_) => "add slides = [\"A slide\"], or remove the section".into(),
            Self::DuplicateId { .. } => "give each slide its own `id`".into(),
            Self::SameSectionTitle { .. } => {
                "give each section its own title: reports tell sections apart by title".into()
            }
            Self::ClockDuration {
                key, suggestion, ..
            } => format!("write `{key} = \"{suggestion}\"`"),
            Self::SlidesOverSection { .. } => {
                "raise the section's budget or lower its slides' budgets".into()
            }
            Self::OverTalk { .. } => {
                "raise the talk's budget or lower the section and slide budgets".into()
            }
            Self::NoTimeLeft { .. } => {
                "leave time for the slides without a budget, or give them budgets".into()
            }
            Self::Unassigned(..) => {
                "give a slide or section more time, or remove a budget so pacer shares it out"
                    .into()
            }
            Self::NotesTooFast { .. } => {
                format!(
                    "shorten the notes or give the slide more time (over {MAX_WPM} wpm is hard to follow)"
                )
            }
            Self::SlideTooShort(_) => "merge it with a neighbour or give it more time".into(),
            Self::TunedWithoutBudget => {
                "remove `tuned`, or give the slide a `budget` (`tuned` budgets give way to new slides)"
                    .into()
            }
            Self::SectionAllSkipped(_) => {
                "remove `skip = true` from a slide to keep the section, or remove the section"
                    .into()
            }
            Self::AllSkipped => "remove `skip = true` from the slides you will show".into(),
            Self::UnknownSlide {
                suggestion: Some(s),
                ..
            } => format!("did you mean `slide = \"{s}\"`?"),
            Self::UnknownSlide { .. } => {
                "write a slide's `id` or its title, as `pacer plan --format json` lists them".into()
            }
            Self::AmbiguousSlide { .. } => "write the slide's `id` instead of its title".into(),
            Self::DuplicateQuestion { .. } => {
                "remove one of them, or reword it if it asks something else".into()
            }
            Self::DuplicateQuestionId { .. } => "give each question its own `id`".into(),
        })
    }
}

/// A hint for a TOML syntax error, by what the parser said.
fn syntax_hint(message: &str) -> &'static str {
    if message.contains("duplicate key") {
        "a key may appear only once in a table: remove or rename one of them"
    } else if message.contains("byte-order mark") {
        "remove the extra byte-order mark (save the file as UTF-8 without BOM)"
    } else if message.contains("string values must be quoted") {
        "put text in quotes: `title = \"My talk\"`"
    } else if message.contains("not closed on its line") {
        "add the closing quote (text over several lines goes in triple quotes, `\"\"\"`)"
    } else if message.contains("is never closed") {
        "add the `]` after the list's last item"
    } else {
        "check the quotes, brackets, commas and `=` signs near the caret"
    }
}

fn is_duration_key(key: &str) -> bool {
    matches!(key, "budget" | "grace" | "answer")
}

/// A problem at a place in a talk file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub problem: Problem,
    pub span: Span,
}

impl Diagnostic {
    pub fn new(severity: Severity, problem: Problem, span: Span) -> Self {
        Self {
            severity,
            problem,
            span,
        }
    }

    pub fn error(problem: Problem, span: Span) -> Self {
        Self::new(Severity::Error, problem, span)
    }

    pub fn warning(problem: Problem, span: Span) -> Self {
        Self::new(Severity::Warning, problem, span)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error: message`, the line with a caret under the spot, and a hint.
    pub fn render(&self, source: &Source, color: bool) -> String {
        let (line, col) = source.line_col(self.span.start);
        let (label, paint) = match self.severity {
            Severity::Error => ("error", AnsiColor::Red),
            Severity::Warning => ("warning", AnsiColor::Yellow),
        };
        // Without colour every style is the plain one, which renders as nothing.
        let bold = if color {
            Style::new().bold()
        } else {
            Style::new()
        };
        let on = bold.fg_color(color.then(|| paint.into())).render();
        let blue = bold
            .fg_color(color.then(|| AnsiColor::Blue.into()))
            .render();
        let off = bold.render_reset();
        let bold = bold.render();
        let mut out = format!(
            "{bold}{}:{line}:{col}:{off} {on}{label}:{off} {bold}{}{off}\n",
            visible(source.name(), false),
            // Keys and titles in messages come from the file: keep their escapes off the terminal.
            visible(&self.problem.to_string(), false)
        );
        let excerpt = Excerpt::new(source.line(line), col - 1, self.span.len());
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{blue}{pad} |{off}");
        let _ = writeln!(out, "{blue}{line} |{off} {}", excerpt.text);
        let _ = writeln!(
            out,
            "{blue}{pad} |{off} {}{on}{}{off}",
            " ".repeat(excerpt.caret_at),
            "^".repeat(excerpt.caret_len)
        );
        if let Some(hint) = self.problem.hint() {
            let _ = writeln!(out, "{blue}{pad} ={off} {bold}hint:{off} {hint}");
        }
        out
    }
}

/// Lines up to this many characters are shown whole.
const LONG_LINE: usize = 160;
/// Characters of a longer line shown on each side of the spot; the rest is elided with `…`.
const CONTEXT_CHARS: usize = 60;

/// The part of a source line shown under a diagnostic, and where its caret goes (in columns).
struct Excerpt {
    text: String,
    caret_at: usize,
    caret_len: usize,
}

impl Excerpt {
    /// `line` cut around the spot that starts `chars_before` characters in and spans
    /// `spot_bytes` bytes (capped at the line's end), so a 10 MB line prints as one short row.
    ///
    /// Why it counts three ways: the position comes in as characters (the column a person
    /// reads), the spot's length as bytes (a span in the file), and the caret is placed in
    /// terminal columns (a CJK character takes two, a combining mark none). So the spot is
    /// found by character, cut by byte (stepped back to a character boundary: a span's end is
    /// not guaranteed to fall on one), and measured by width. A line that is short enough
    /// prints whole; a longer one keeps [`CONTEXT_CHARS`] on each side of the spot, and a spot
    /// longer than that is cut too, with `…` wherever something was left out, so the output is
    /// bounded whatever the file holds. Every piece goes through `visible` first, which turns
    /// tabs and control characters into something of a known width: the caret is computed
    /// from what is printed, never from the raw bytes.
    fn new(line: &str, chars_before: usize, spot_bytes: usize) -> Self {
        let context = if line.chars().nth(LONG_LINE).is_some() {
            CONTEXT_CHARS
        } else {
            LONG_LINE
        };
        let split = line
            .char_indices()
            .nth(chars_before)
            .map_or(line.len(), |(i, _)| i);
        let (before, rest) = line.split_at(split);
        let mut spot_end = split + spot_bytes.min(rest.len());
        while !line.is_char_boundary(spot_end) {
            spot_end -= 1;
        }
        let (spot, after) = line[split..].split_at(spot_end - split);
        let before_count = before.chars().count();
        let blank = |text: &str| text.chars().all(char::is_whitespace);
        let (spot_leads, after_leads) = (blank(before), blank(before) && blank(spot));
        let before = if before_count > context {
            let skip = before_count - context;
            format!(
                "…{}",
                visible(&before.chars().skip(skip).collect::<String>(), false)
            )
        } else {
            visible(before, true)
        };
        let spot_cut = spot.chars().nth(context).is_some();
        let spot = visible(&spot.chars().take(context).collect::<String>(), spot_leads);
        let after = if spot_cut {
            "…".to_owned()
        } else if after.chars().nth(context).is_some() {
            format!(
                "{}…",
                visible(
                    &after.chars().take(context).collect::<String>(),
                    after_leads
                )
            )
        } else {
            visible(after, after_leads)
        };
        Self {
            caret_at: before.width(),
            caret_len: spot.width().max(1),
            text: format!("{before}{spot}{after}"),
        }
    }
}

/// Text as it can be printed: a tab in the line's indentation (`leading`: `text` starts the
/// line) as four spaces, any other tab as `→` so it shows, other control characters as `?`;
/// the terminal stays sane and the caret stays in line (each stands for one column, or four).
fn visible(text: &str, leading: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut indent = leading;
    for c in text.chars() {
        match c {
            '\t' if indent => out.push_str("    "),
            '\t' => out.push('→'),
            c if c.is_control() => out.push('?'),
            c => out.push(c),
        }
        indent &= c.is_whitespace();
    }
    out
}

/// The hint for an unknown key: a talk key under a table header is told to move up, a near
/// miss gets its nearest key, anything else the keys allowed where it is.
fn unknown_key_hint(key: &str, place: &str, suggestion: Option<&str>, allowed: &[&str]) -> String {
    if place != "the talk" && TALK_ONLY_KEYS.contains(&key) {
        return format!(
            "`{key}` is a key of the talk: move it above the first `[[section]]` (in TOML every \
             key under a table header belongs to that table)"
        );
    }
    match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "the keys allowed here are {}",
            allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Keys only the talk has: written under a table header, they land in that table instead.
const TALK_ONLY_KEYS: &[&str] = &["warn", "grace", "wpm", "answer"];

/// The allowed key closest to `key`, if any is close enough to be a likely typo.
///
/// One edit or one swap of neighbours away wins first: Jaro-Winkler alone sees no match in a
/// swap within a short key (`aks` for `ask`, which it would take for `tags`).
pub fn suggest(key: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let closest = |candidates: &mut dyn Iterator<Item = &&'static str>| {
        candidates
            .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
            .max_by(|a, b| a.0.total_cmp(&b.0))
    };
    let one_edit = closest(&mut allowed.iter().filter(|c| strsim::osa_distance(key, c) == 1));
    one_edit
        .or_else(|| closest(&mut allowed.iter()).filter(|(score, _)| *score > 0.7))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_col_caret_and_hint() {
        let source = Source::new("talk.toml", "title = \"T\"\nbudgt = \"20m\"\n");
        let diagnostic = Diagnostic::error(
            Problem::UnknownKey {
                key: "budgt".into(),
                place: "the talk",
                suggestion: suggest("budgt", &["title", "budget", "warn"]),
                allowed: &["title", "budget", "warn"],
            },
            12..17,
        );
        assert_eq!(
            diagnostic.render(&source, false),
            "talk.toml:2:1: error: unknown key `budgt` in the talk\n  |\n2 | budgt = \"20m\"\n  | ^^^^^\n  = hint: did you mean `budget`?\n"
        );
        let coloured = diagnostic.render(&source, true);
        let (bold, red, blue, off) = ("\x1b[1m", "\x1b[31m", "\x1b[34m", "\x1b[0m");
        assert!(
            coloured.starts_with(&format!(
                "{bold}talk.toml:2:1:{off} {bold}{red}error:{off} "
            )),
            "{coloured:?}"
        );
        assert!(
            coloured.contains(&format!("{bold}{blue}2 |{off} budgt")),
            "{coloured:?}"
        );
        assert!(
            coloured.contains(&format!("{bold}{red}^^^^^{off}")),
            "{coloured:?}"
        );
        let warning = Diagnostic::warning(Problem::NotUtf8, 12..17).render(&source, true);
        assert!(warning.contains("\x1b[1m\x1b[33mwarning:"), "{warning:?}");
    }

    #[test]
    fn caret_lines_up_under_wide_characters() {
        let source = Source::new("t.toml", "title = \"발표\" x");
        let at = source.text().find('x').unwrap();
        let text =
            Diagnostic::error(Problem::Syntax("boom".into()), at..at + 1).render(&source, false);
        assert!(text.contains("\n  |                ^\n"), "{text}");
    }

    #[test]
    fn caret_lines_up_after_tabs() {
        let source = Source::new("t.toml", "\t\tbudgt = 1\n");
        let text = Diagnostic::error(Problem::Syntax("x".into()), 2..7).render(&source, false);
        assert!(
            text.contains("1 |         budgt = 1\n  |         ^^^^^\n"),
            "{text}"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_spot() {
        let line = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let source = Source::new("t.toml", line);
        let text =
            Diagnostic::error(Problem::Syntax("x".into()), 5_000..5_001).render(&source, false);
        let shown: Vec<&str> = text.lines().collect();
        assert!(shown[0].starts_with("t.toml:1:5001: error:"), "{text}");
        assert!(shown[2].chars().count() < 140, "{}", shown[2]);
        let caret = shown[3].find('^').unwrap();
        assert_eq!(shown[2].chars().nth(caret), Some('X'), "{text}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let source = Source::new("t.toml", "\"\u{1b}[31m\" = 1");
        let problem = Problem::UnknownKey {
            key: "\u{1b}[31m".into(),
            place: "the talk",
            suggestion: None,
            allowed: &["title"],
        };
        let text = Diagnostic::error(problem, 0..1).render(&source, false);
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let allowed = &["title", "budget", "warn", "grace", "wpm", "section"];
        assert_eq!(suggest("budegt", allowed), Some("budget"));
        assert_eq!(suggest("sections", allowed), Some("section"));
        assert_eq!(suggest("Title", allowed), Some("title"));
        assert_eq!(suggest("zzzzzz", allowed), None);
        let question = &["ask", "id", "answer", "budget", "slide", "tags"];
        assert_eq!(
            suggest("aks", question),
            Some("ask"),
            "a swap in a short key"
        );
        assert_eq!(suggest("tag", question), Some("tags"));
        assert_eq!(suggest("slides", question), Some("slide"));
    }
}
