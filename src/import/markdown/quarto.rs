//! Quarto (revealjs) and Pandoc slide decks: headings at the slide level start slides, headings
//! above it are sections, `::: notes` divs hold the notes.
//!
//! Owns the rules both tools share, and where they differ:
//! - The slide level: `slide-level: N` in the front matter (at any depth, as Quarto nests it under
//!   `format: revealjs:`); else Quarto's 2; else, for Pandoc, its own rule: the highest heading
//!   level directly followed by content rather than by another heading.
//! - A heading at the slide level starts a slide titled by it (an empty one, `## {.center}`,
//!   leaves the title to the fallback). A heading above the slide level starts a section and is
//!   a title slide of its own, as revealjs shows it. A thematic break `---` starts an untitled
//!   slide. Headings below the slide level are content.
//! - Front matter with a `title` makes a title slide (both tools generate one).
//! - Notes: a fenced div `::: notes` or `::: {.notes}` up to its closing `:::` (nested divs
//!   counted), several per slide joined.
//! - A heading with `visibility="hidden"` (Quarto): hidden. A `. . .` pause line: a step.
//!   A heading's `{#id}` is the slide's stable key.
//!
//! Not read: `{{< include >}}` files, incremental lists and fragments other than `. . .`,
//! Beamer's `\note{}`, a `slide-level` given on the command line.

use super::tokens::{self, Doc, Kind};
use super::yaml;
use super::{Draft, Parts};

/// Which tool's defaults apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tool {
    Quarto,
    Pandoc,
}

/// A line that opens a notes div: `::: notes`, `::: {.notes}`, `:::{.notes .x}`.
pub(super) fn is_notes_open(line: &str) -> bool {
    let Some(rest) = fence(line) else {
        return false;
    };
    let rest = rest.trim();
    rest == "notes"
        || rest
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .is_some_and(|attrs| attrs.split_whitespace().any(|a| a == ".notes"))
}

/// What follows the colons of a div fence line (three or more), or `None` for other lines.
fn fence(line: &str) -> Option<&str> {
    let t = line.trim();
    let colons = t.bytes().take_while(|&b| b == b':').count();
    (colons >= 3).then(|| &t[colons..])
}

fn slide_level(doc: &Doc, tool: Tool) -> u8 {
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    if let Some(level) = front
        .iter()
        .find(|p| p.key == "slide-level")
        .and_then(|p| p.value.parse::<u8>().ok())
    {
        return level.clamp(1, 6);
    }
    if tool == Tool::Quarto {
        return 2;
    }
    // Pandoc: the highest level whose heading is followed by something other than a heading.
    let mut best: Option<u8> = None;
    let mut pending: Option<u8> = None;
    for i in doc.body_line()..doc.lines.len() {
        if let Some(level) = doc.lines[i].heading {
            pending = Some(level);
        } else if !doc.blank(i)
            && !underline(doc.line(i))
            && let Some(level) = pending.take()
        {
            best = Some(best.map_or(level, |b| b.min(level)));
        }
    }
    best.unwrap_or(1)
}

fn underline(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

pub(super) fn read(doc: &Doc, tool: Tool) -> Parts {
    let level = slide_level(doc, tool);
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let title = yaml::top(&front, "title")
        .map(str::to_owned)
        .filter(|t| !t.is_empty());
    let mut parts = Parts {
        title: title.clone(),
        ..Parts::default()
    };
    if let Some(title) = title {
        parts.slides.push(Draft {
            title: Some(title),
            ..Draft::at(0)
        });
    }
    let mut section: Option<String> = None;
    let mut start = doc.body_line();
    let mut opened_by_heading = false;
    for i in doc.body_line()..=doc.lines.len() {
        let (starts, is_rule) = if i == doc.lines.len() {
            (true, false)
        } else {
            let line = &doc.lines[i];
            let rule = line.kind == Kind::Rule;
            (rule || line.heading.is_some_and(|l| l <= level), rule)
        };
        if !starts {
            continue;
        }
        if i > start || opened_by_heading {
            let draft = slide(doc, start, i, opened_by_heading, level, &mut section);
            // Text before the first heading belongs to no slide unless there is some.
            if opened_by_heading || !draft.is_empty() {
                parts.slides.push(draft);
            }
        }
        opened_by_heading = !is_rule && i < doc.lines.len();
        start = if is_rule { i + 1 } else { i };
    }
    parts
}

fn slide(
    doc: &Doc,
    from: usize,
    to: usize,
    headed: bool,
    level: u8,
    section: &mut Option<String>,
) -> Draft {
    let mut draft = Draft::starting(doc, from, to);
    let mut body = String::new();
    let mut notes: Option<(usize, String)> = None; // div depth inside the notes, their text
    for i in from..to {
        let line = doc.line(i);
        let code = doc.lines[i].kind == Kind::Code;
        if let Some((depth, text)) = notes.as_mut() {
            match fence(line).filter(|_| !code) {
                Some(rest) if rest.trim().is_empty() => {
                    if *depth == 0 {
                        draft.notes.push(std::mem::take(text));
                        notes = None;
                        continue;
                    }
                    *depth -= 1;
                }
                Some(_) => *depth += 1,
                None => {}
            }
            text.push_str(line);
            text.push('\n');
        } else if !code && is_notes_open(line) {
            notes = Some((0, String::new()));
        } else {
            if !code && line.trim() == ". . ." {
                draft.steps += 1;
            }
            body.push_str(line);
            body.push('\n');
        }
    }
    if let Some((_, text)) = notes {
        draft.notes.push(text); // an unclosed notes div runs to the end of the slide
    }
    draft.body = tokens::analyse(&body);
    if headed && let Some(h) = draft.body.headings.first() {
        draft.hidden = h
            .attrs
            .iter()
            .any(|(k, v)| k == "visibility" && v == "hidden");
        draft.key.clone_from(&h.id);
        let text = (!h.text.is_empty()).then(|| h.text.clone());
        if h.level < level {
            section.clone_from(&text);
        }
        // The slide's heading is its title, even when empty: no fallback to a later heading.
        match text {
            Some(t) => draft.title = Some(t),
            None => draft.body.headings.clear(),
        }
    }
    draft.section.clone_from(section);
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Format;
    use crate::import::markdown::read as read_deck;

    #[test]
    fn notes_divs() {
        assert!(is_notes_open("::: notes"));
        assert!(is_notes_open(":::: {.notes}"));
        assert!(is_notes_open("::: {.notes .small}"));
        assert!(!is_notes_open("::: {.columns}"));
        assert!(!is_notes_open(":: notes"));
    }

    #[test]
    fn pandoc_slide_level_is_the_highest_level_with_content() {
        let text = "# Part\n\n## Slide A\n\ntext\n\n## Slide B\n\nmore\n";
        assert_eq!(slide_level(&Doc::new(text), Tool::Pandoc), 2);
        assert_eq!(
            slide_level(&Doc::new("# A\n\ntext\n\n# B\n\nx\n"), Tool::Pandoc),
            1
        );
        assert_eq!(
            slide_level(&Doc::new("---\nslide-level: 3\n---\n# A\n"), Tool::Pandoc),
            3
        );
    }

    #[test]
    fn an_empty_heading_falls_back_to_the_text() {
        let deck = read_deck("## {.center}\n\nThe big picture\n", Format::Quarto).unwrap();
        assert_eq!(deck.slides[0].title, "The big picture");
        assert!(deck.slides[0].guessed.is_some());
    }
}
