//! reveal.js Markdown decks (the markdown plugin's defaults, and reveal-md's): separators with blank
//! lines around them, `Note:` notes, `data-timing`.
//!
//! Owns reveal's rules only:
//! - A line `---` with a blank line (or the deck's edge) above and below ends a slide; `--` or
//!   `----` the same way ends a vertical slide. `---` right under text is no separator. Custom
//!   separators (`data-separator`, `--separator`) are not known here.
//! - A vertical stack of two or more slides is a section named by its first slide's title.
//! - Title: the slide's first heading.
//! - Notes: from a line starting `Note:` or `Notes:` (any case) to the end of the slide.
//! - `<!-- .slide: data-timing="20" -->`: the slide's budget in seconds;
//!   `data-visibility="hidden"`: hidden. `<!-- .element: class="fragment" -->`: a step.
//! - Front matter (reveal-md) is not a slide; its `title` names the talk.
//!
//! Not read: `defaultTiming` and `totalTime` (they live in the HTML's config, not the Markdown),
//! reveal-md's front-matter `duration` (its meaning is not documented), `data-background`.

use std::time::Duration;

use super::tokens::{self, Doc, Kind};
use super::yaml;
use super::{Draft, Parts};

pub(super) fn read(doc: &Doc) -> Parts {
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let mut parts = Parts {
        title: yaml::top(&front, "title")
            .map(str::to_owned)
            .filter(|t| !t.is_empty()),
        ..Parts::default()
    };
    let mut stack: Vec<Draft> = Vec::new();
    let mut start = doc.body_line();
    for i in doc.body_line()..=doc.lines.len() {
        let sep = if i == doc.lines.len() {
            Some(true)
        } else {
            separator(doc, i)
        };
        let Some(horizontal) = sep else { continue };
        stack.push(slide(doc, start, i));
        if horizontal {
            close_stack(&mut stack, &mut parts.slides);
        }
        start = i + 1;
    }
    parts
}

/// `Some(true)` for a horizontal separator on line `i`, `Some(false)` for a vertical one.
fn separator(doc: &Doc, i: usize) -> Option<bool> {
    if matches!(doc.lines[i].kind, Kind::Code | Kind::HtmlCont) {
        return None;
    }
    let horizontal = match doc.line(i).trim_end() {
        "---" => true,
        "--" | "----" => false,
        _ => return None,
    };
    let above = i == doc.body_line() || doc.blank(i - 1);
    let below = i + 1 == doc.lines.len() || doc.blank(i + 1);
    (above && below).then_some(horizontal)
}

fn close_stack(stack: &mut Vec<Draft>, out: &mut Vec<Draft>) {
    if stack.len() > 1 {
        let name = stack[0].body.title().map(str::to_owned);
        for draft in stack.iter_mut() {
            draft.section.clone_from(&name);
        }
    }
    out.append(stack);
}

/// Whether the deck has a reveal separator anywhere (for `sniff`).
pub(super) fn has_separator(doc: &Doc) -> bool {
    (doc.body_line()..doc.lines.len()).any(|i| separator(doc, i).is_some())
}

/// A line that starts the notes: `Note:` or `Notes:`, any case, after optional spaces.
pub(super) fn is_notes_line(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    let starts = |word: &[u8]| t.len() >= word.len() && t[..word.len()].eq_ignore_ascii_case(word);
    starts(b"notes:") || starts(b"note:")
}

fn slide(doc: &Doc, from: usize, to: usize) -> Draft {
    let notes_at =
        (from..to).find(|&i| doc.lines[i].kind == Kind::Text && is_notes_line(doc.line(i)));
    let mut draft = Draft::starting(doc, from, to);
    draft.body = tokens::analyse(doc.span(from, notes_at.unwrap_or(to)));
    if let Some(n) = notes_at {
        let first = doc.line(n).trim_start();
        let first = &first[first.find(':').map_or(0, |c| c + 1)..];
        draft
            .notes
            .push(format!("{}\n{}", first.trim(), doc.span(n + 1, to)));
    }
    for comment in &draft.body.comments {
        if let Some(attrs) = comment.text.strip_prefix(".slide:") {
            if let Some(secs) = attr(attrs, "data-timing").and_then(|s| s.parse::<f64>().ok())
                && secs.is_finite()
                && secs > 0.0
                && secs < 1e7
            {
                draft.budget = Some(Duration::from_secs_f64(secs));
            }
            draft.hidden |= attr(attrs, "data-visibility") == Some("hidden");
        } else if let Some(attrs) = comment.text.strip_prefix(".element:")
            && attr(attrs, "class").is_some_and(|c| c.split_whitespace().any(|c| c == "fragment"))
        {
            draft.steps += 1;
        }
    }
    draft
}

/// The value of `name="value"` (or `name=value`) in an attribute list.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let at = attrs.match_indices(name).find(|(i, _)| {
        attrs[..*i].chars().last().is_none_or(char::is_whitespace)
            && attrs[i + name.len()..].starts_with('=')
    })?;
    let rest = &attrs[at.0 + name.len() + 1..];
    match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next(),
        _ => rest.split_whitespace().next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes() {
        assert_eq!(
            attr(r#" data-timing="20" class="x""#, "data-timing"),
            Some("20")
        );
        assert_eq!(attr(" data-timing=7", "data-timing"), Some("7"));
        assert_eq!(attr(r#" xdata-timing="20""#, "data-timing"), None);
    }

    #[test]
    fn notes_lines() {
        assert!(is_notes_line("Note: hi"));
        assert!(is_notes_line("  notes:"));
        assert!(!is_notes_line("A note: no"));
    }
}
