//! The outline as TOML text: the header, the talk's keys, sections in the short or the long
//! form, the comments on guesses. Strings go through `toml_edit`, so any title or note is
//! written as valid TOML; the layout is this module's. It reads nothing and prints nothing.

use std::fmt::Write as _;
use std::time::Duration;

use super::{BudgetFrom, Options, OutSection, OutSlide, Shaped, one_line, plural};
use crate::tune::write::Style;

/// The header's first line; `--update` finds it by this start.
pub const HEADER_START: &str = "# Imported by `pacer import` from ";

/// The header comment: the deck, its fingerprint, the day; how to refresh.
pub fn header(options: &Options<'_>) -> String {
    format!(
        "{HEADER_START}{} ({}, fingerprint {}) on {}.\n\
         # When the deck changes: pacer import {} --update {}\n",
        one_line(options.deck_name),
        options.format.name(),
        options.fingerprint,
        options.date,
        shell_word(options.deck_name),
        options
            .talk_name
            .map_or_else(|| "TALK.toml".to_owned(), shell_word),
    )
}

/// A file name as it would be typed in a shell (quoted when it needs to be).
fn shell_word(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./+,:@%".contains(c));
    if plain {
        name.to_owned()
    } else {
        format!("'{}'", one_line(name).replace('\'', r"'\''"))
    }
}

/// The outline as TOML.
pub fn render(shaped: &Shaped, options: &Options<'_>) -> String {
    let mut out = header(options);
    out.push('\n');
    let _ = writeln!(out, "title = {}", string(&shaped.title));
    let comment = match &shaped.summary.budget_from {
        BudgetFrom::Flag => "from --budget".to_owned(),
        BudgetFrom::Deck(source) => format!("from the deck: {}", one_line(source)),
        BudgetFrom::SlideTimings => "the sum of the deck's slide timings".to_owned(),
        BudgetFrom::Default => "the deck gives no length: set your slot's".to_owned(),
    };
    let _ = writeln!(
        out,
        "budget = {}  # {comment}",
        string(&duration(shaped.budget))
    );
    if shaped.suggest_wpm {
        out.push_str("# wpm = 130  # uncomment to share time by the length of the notes\n");
    }
    for (title, count) in &shaped.dropped {
        let _ = writeln!(
            out,
            "# section {} left out: all its {count} slide{} are hidden in the deck",
            string(title),
            plural(*count)
        );
    }
    for section in &shaped.sections {
        out.push('\n');
        out.push_str(&section_text(section));
    }
    out
}

/// One `[[section]]` with its slides: the short list when no slide has notes, else one
/// `[[section.slides]]` table per slide.
pub fn section_text(section: &OutSection) -> String {
    let mut out = format!("[[section]]\ntitle = {}\n", string(&section.title));
    if long_form(section) {
        for slide in &section.slides {
            out.push('\n');
            out.push_str(&slide_table(slide));
        }
    } else {
        out.push_str("slides = [\n");
        for slide in &section.slides {
            let _ = write!(out, "  {},", slide_value(slide));
            if let Some(comment) = comment(slide) {
                let _ = write!(out, "  # {comment}");
            }
            out.push('\n');
        }
        out.push_str("]\n");
    }
    out
}

/// Whether a section's slides need tables (some slide has notes).
pub fn long_form(section: &OutSection) -> bool {
    section.slides.iter().any(|s| !s.notes.is_empty())
}

/// A slide in the short form: its title alone, or an inline table with its budget.
pub fn slide_value(slide: &OutSlide) -> String {
    if slide.budget.is_none() && !slide.hidden {
        return string(&slide.title);
    }
    let mut out = format!("{{ title = {}", string(&slide.title));
    if let Some(budget) = slide.budget {
        let _ = write!(out, ", budget = {}", string(&duration(budget)));
    }
    if slide.hidden {
        out.push_str(", optional = true");
    }
    out.push_str(" }");
    out
}

/// A slide as a `[[section.slides]]` table.
pub fn slide_table(slide: &OutSlide) -> String {
    let mut out = format!("[[section.slides]]\ntitle = {}", string(&slide.title));
    if let Some(comment) = comment(slide) {
        let _ = write!(out, "  # {comment}");
    }
    out.push('\n');
    if let Some(budget) = slide.budget {
        let _ = writeln!(out, "budget = {}", string(&duration(budget)));
    }
    if slide.hidden {
        out.push_str("optional = true\n");
    }
    if !slide.notes.is_empty() {
        let _ = writeln!(out, "notes = {}", notes(&slide.notes));
    }
    out
}

/// The comment a slide carries: hidden in the deck, and why its title is a guess.
pub fn comment(slide: &OutSlide) -> Option<String> {
    let mut parts = Vec::new();
    if slide.hidden {
        parts.push("hidden in the deck".to_owned());
    }
    if let Some(why) = &slide.guessed {
        parts.push(format!("title guessed: {why}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A TOML string, as `toml_edit` writes it.
fn string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_owned()
}

/// Notes as a multi-line string: the trailing newline makes `toml_edit` choose one (the talk
/// format trims notes, so it changes nothing).
pub fn notes(text: &str) -> String {
    string(&format!("{text}\n"))
}

/// A duration as the talk format writes it (`"20m"`, `"1m 05s"`, `"12s 500ms"`).
fn duration(d: Duration) -> String {
    Style::default().format(d)
}
