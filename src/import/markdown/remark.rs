//! Remark (and xaringan) decks: `---` slides, `--` increments, `???` notes, slide properties.
//!
//! Owns remark's rules only:
//! - A line `---` (or `<!-- break -->`) outside code ends a slide; a line `--` is an increment:
//!   the same slide, one more step.
//! - Properties open a slide: `name: value` lines before its content, or a one-line comment
//!   `<!-- name: value -->` anywhere on it. `layout: true` makes the
//!   slide a template, not a slide (said in the summary); `exclude: true` hides it; `name` is
//!   the slide's stable key.
//! - Title: the slide's first heading.
//! - Notes: from a line `???` to the end of the increment or the slide.
//! - Front matter (xaringan's YAML) is not a slide; its `title` names the talk.
//!
//! Excluded slides are kept as hidden slides, so `--include-hidden` brings them back and the
//! summary counts them. Not read: `template:` inheritance (a slide's own text only),
//! `count: false`, xaringan's generated title slide.

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
    let mut start = doc.body_line();
    for i in doc.body_line()..=doc.lines.len() {
        let ends = i == doc.lines.len() || is_separator(doc, i);
        if !ends {
            continue;
        }
        let (draft, template) = slide(doc, start, i);
        if template {
            parts.skipped.push(format!(
                "line {}: a `layout: true` template, not a slide",
                start + 1
            ));
        } else {
            parts.slides.push(draft);
        }
        start = i + 1;
    }
    parts
}

/// Slide properties remark knows: one opening a slide marks a remark deck (for `sniff`).
const PROPERTIES: [&str; 6] = ["class", "name", "layout", "exclude", "count", "template"];

fn is_separator(doc: &Doc, i: usize) -> bool {
    doc.lines[i].kind != Kind::Code && matches!(doc.line(i).trim_end(), "---" | "<!-- break -->")
}

/// Whether a slide opens with remark properties followed by content (for `sniff`): Slidev's
/// frontmatter blocks, closed by `---`, are not.
pub(super) fn has_properties(doc: &Doc) -> bool {
    let first = doc.body_line();
    (first..doc.lines.len())
        .filter(|&i| i == first || is_separator(doc, i - 1))
        .any(|i| {
            let mut j = i;
            while j < doc.lines.len() && yaml::pair(doc.line(j)).is_some_and(|p| p.indent == 0) {
                j += 1;
            }
            let opens = j > i
                && (i..j)
                    .all(|k| yaml::pair(doc.line(k)).is_some_and(|p| PROPERTIES.contains(&p.key)));
            let next = (j..doc.lines.len()).find(|&k| !doc.blank(k));
            opens && next.is_some_and(|k| !is_separator(doc, k))
        })
}

/// The slide on lines `from..to`, and whether it is a `layout: true` template.
fn slide(doc: &Doc, from: usize, to: usize) -> (Draft, bool) {
    let mut draft = Draft::starting(doc, from, to);
    // Properties: `key: value` lines before anything else.
    let mut i = from;
    let mut template = false;
    while i < to {
        if doc.blank(i) && i == from {
            i += 1;
            continue;
        }
        let Some(p) =
            yaml::pair(doc.line(i)).filter(|p| p.indent == 0 && doc.lines[i].kind == Kind::Text)
        else {
            break;
        };
        property(&mut draft, &mut template, p.key, p.value);
        i += 1;
    }
    let mut body = String::new();
    let mut notes: Option<String> = None;
    for j in i..to {
        let line = doc.line(j);
        let code = doc.lines[j].kind == Kind::Code;
        match line.trim_end() {
            "--" if !code => {
                draft.steps += 1;
                if let Some(n) = notes.take() {
                    draft.notes.push(n);
                }
            }
            "???" if !code => {
                if let Some(n) = notes.replace(String::new()) {
                    draft.notes.push(n);
                }
            }
            _ => {
                let out = notes.as_mut().unwrap_or(&mut body);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    draft.notes.extend(notes);
    draft.body = tokens::analyse(&body);
    // A comment `<!-- key: value -->` anywhere on the slide is a property too.
    let comments: Vec<String> = draft.body.comments.iter().map(|c| c.text.clone()).collect();
    for comment in &comments {
        if let Some(p) = yaml::pair(comment).filter(|p| !comment.contains('\n') && p.indent == 0) {
            property(&mut draft, &mut template, p.key, p.value);
        }
    }
    (draft, template)
}

fn property(draft: &mut Draft, template: &mut bool, key: &str, value: &str) {
    match key {
        "layout" => *template |= yaml::truthy(value),
        "exclude" => draft.hidden |= yaml::truthy(value),
        "name" if !value.is_empty() => draft.key = Some(value.to_owned()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::import::Format;
    use crate::import::markdown::read;

    #[test]
    fn increments_stay_one_slide_and_notes_gather() {
        let deck = read(
            "# One\n\nfirst\n???\nnote a\n--\n\nsecond\n???\nnote b\n",
            Format::Remark,
        )
        .unwrap();
        assert_eq!(deck.slides.len(), 1);
        assert_eq!(deck.slides[0].steps, 1);
        assert_eq!(deck.slides[0].notes.as_deref(), Some("note a\n\nnote b"));
    }

    #[test]
    fn properties_template_exclude_and_name() {
        let deck = read(
            "layout: true\nclass: center\n\n.footer[x]\n\n---\nname: intro\nclass: middle\n\n# Hello\n\n---\nexclude: true\n\n# Draft\n",
            Format::Remark,
        )
        .unwrap();
        assert_eq!(deck.slides.len(), 2);
        assert_eq!(deck.slides[0].key.as_deref(), Some("intro"));
        assert_eq!(deck.slides[0].title, "Hello");
        assert!(deck.slides[1].hidden);
        assert!(deck.skipped[0].contains("template"), "{:?}", deck.skipped);
        let comment = read(
            "# A\n\n<!-- exclude: true -->\n\n---\n\n# B\n",
            Format::Remark,
        )
        .unwrap();
        assert!(comment.slides[0].hidden);
        assert!(!comment.slides[1].hidden);
    }
}
