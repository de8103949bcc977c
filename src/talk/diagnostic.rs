//! Problems found in a talk file, and their rendering as `file:line:col: error: message`,
//! the source line with a caret under the spot, and a hint on how to fix it.

use std::fmt::Write as _;

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
    #[error("`{key}` is not a duration: {reason}")]
    BadDuration { key: &'static str, reason: String },
    #[error("`{key}` must be more than zero")]
    ZeroDuration { key: &'static str },
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
    #[error("the talk has no sections")]
    NoSections,
    #[error("section \"{0}\" has no slides")]
    NoSlides(String),
    #[error("slide id `{id}` is used twice (first on line {first_line})")]
    DuplicateId { id: String, first_line: usize },
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
    #[error("{place} leaves {} for {slides} slide(s) without a budget", remaining_text(*.remaining))]
    NoTimeLeft {
        place: String,
        remaining: std::time::Duration,
        slides: usize,
    },
    #[error("{} of {}'s budget is assigned to no slide", timefmt::clock(*.0), .1)]
    Unassigned(std::time::Duration, String),
    #[error("these notes need {needed:.0} words per minute to fit the slide's {}", timefmt::clock(*.budget))]
    NotesTooFast {
        needed: f64,
        budget: std::time::Duration,
    },
    #[error("this slide gets only {} ms", .0.as_millis())]
    SlideTooShort(std::time::Duration),
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
            Self::Syntax(_) => {
                "check the quotes, brackets, commas and `=` signs near the caret".into()
            }
            Self::UnknownKey {
                suggestion: Some(s),
                ..
            } => format!("did you mean `{s}`?"),
            Self::UnknownKey { allowed, .. } => format!(
                "the keys allowed here are {}",
                allowed
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::MissingKey { example, .. } => format!("add {example}"),
            Self::WrongType { key, .. } if is_duration_key(key) => {
                format!("durations are strings: write `{key} = \"90s\"`, \"1m 30s\" or \"20m\"")
            }
            Self::WrongType { expected, .. } => format!("write {expected} here"),
            Self::BadDuration { .. } => {
                "write a duration like \"20m\", \"1m 30s\", \"90s\" or \"1h 5m\"".into()
            }
            Self::ZeroDuration { .. } => {
                "give it some time, or remove the key to let pacer share the time out".into()
            }
            Self::HugeDuration { .. } => "check the unit: \"20m\" is twenty minutes".into(),
            Self::BadWarn(_) => "write a share such as `warn = 0.8` (amber at 80%)".into(),
            Self::BadWpm(_) => "a typical speaking rate is `wpm = 130`".into(),
            Self::EmptyTitle { .. } => "write a title, even a short one".into(),
            Self::EmptyId(_) => "remove `id` to use the default, or write one".into(),
            Self::NoSections => {
                "add a section: [[section]] with a title and slides = [\"First slide\"]".into()
            }
            Self::NoSlides(_) => "add slides = [\"A slide\"], or remove the section".into(),
            Self::DuplicateId { .. } => "give each slide its own `id`".into(),
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
        })
    }
}

fn is_duration_key(key: &str) -> bool {
    matches!(key, "budget" | "grace")
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
            Severity::Error => ("error", "\x1b[1;31m"),
            Severity::Warning => ("warning", "\x1b[1;33m"),
        };
        let (on, off, bold, blue) = if color {
            (paint, "\x1b[0m", "\x1b[1m", "\x1b[1;34m")
        } else {
            ("", "", "", "")
        };
        let mut out = format!(
            "{bold}{}:{line}:{col}:{off} {on}{label}:{off} {bold}{}{off}\n",
            source.name(),
            self.problem
        );
        let text = source.line(line).replace('\t', "    ");
        let chars_before = col - 1;
        let prefix: String = text.chars().take(chars_before).collect();
        let spot_len = self.span.end.saturating_sub(self.span.start).max(1);
        let spot: String = source
            .text()
            .get(self.span.start..)
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .scan(0, |used, c| {
                *used += c.len_utf8();
                (*used <= spot_len).then_some(c)
            })
            .collect();
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{blue}{pad} |{off}");
        let _ = writeln!(out, "{blue}{line} |{off} {}", visible(&text));
        let _ = writeln!(
            out,
            "{blue}{pad} |{off} {}{on}{}{off}",
            " ".repeat(prefix.width()),
            "^".repeat(spot.replace('\t', "    ").width().max(1))
        );
        if let Some(hint) = self.problem.hint() {
            let _ = writeln!(out, "{blue}{pad} ={off} {bold}hint:{off} {hint}");
        }
        out
    }
}

/// The line as printable text: control characters shown as `?` so the terminal stays sane.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The allowed key closest to `key`, if any is close enough to be a likely typo.
pub fn suggest(key: &str, allowed: &[&'static str]) -> Option<&'static str> {
    allowed
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
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
    fn suggestions_only_for_near_misses() {
        let allowed = &["title", "budget", "warn", "grace", "wpm", "section"];
        assert_eq!(suggest("budegt", allowed), Some("budget"));
        assert_eq!(suggest("sections", allowed), Some("section"));
        assert_eq!(suggest("Title", allowed), Some("title"));
        assert_eq!(suggest("zzzzzz", allowed), None);
    }
}
