//! presenterm decks: `<!-- end_slide -->` ends a slide, setext headings are titles.
//!
//! Owns presenterm's rules only:
//! - `<!-- end_slide -->` outside code ends a slide. With `end_slide_shorthand: true` in the front
//!   matter's options, a thematic break `---` does too.
//! - Front matter with a `title` makes an intro slide (presenterm shows one), titled by it.
//! - Title: the first setext heading (`Title` over `===`), else the first heading.
//! - Notes: `<!-- speaker_note: text -->`, or a multi-line comment holding YAML
//!   `speaker_note: |` with indented lines; several per slide are joined.
//! - `<!-- skip_slide -->`: hidden. `<!-- pause -->`: a step. Other comments (commands such as
//!   `column_layout`, or unknown ones, which presenterm rejects) are passed over.
//!
//! Not read: the options `implicit_slide_ends` and `h1_slide_titles`, anything in presenterm's
//! config file, `<!-- include: -->` files.

use super::tokens::{self, Doc, Kind};
use super::yaml;
use super::{Draft, Parts};

/// A line that is the `end_slide` command.
pub(super) fn is_end_slide(line: &str) -> bool {
    command(line) == Some("end_slide")
}

/// The command of a one-line comment: `<!-- end_slide -->` gives `end_slide`.
fn command(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    Some(inner.trim())
}

pub(super) fn read(doc: &Doc) -> Parts {
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let option = |key: &str| front.iter().any(|p| p.key == key && yaml::truthy(p.value));
    let shorthand = option("end_slide_shorthand");
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
    let mut start = doc.body_line();
    for i in doc.body_line()..=doc.lines.len() {
        let ends = i == doc.lines.len()
            || (doc.lines[i].kind != Kind::Code && is_end_slide(doc.line(i)))
            || (shorthand && doc.lines[i].kind == Kind::Rule);
        if ends {
            parts.slides.push(slide(doc, start, i));
            start = i + 1;
        }
    }
    parts
}

fn slide(doc: &Doc, from: usize, to: usize) -> Draft {
    let mut draft = Draft::starting(doc, from, to);
    draft.body = tokens::analyse(doc.span(from, to));
    draft.title = draft
        .body
        .headings
        .iter()
        .find(|h| h.setext && !h.text.is_empty())
        .map(|h| h.text.clone());
    for comment in &draft.body.comments {
        match comment.text.as_str() {
            "skip_slide" => draft.hidden = true,
            "pause" => draft.steps += 1,
            text => {
                if let Some(note) = speaker_note(text) {
                    draft.notes.push(note);
                }
            }
        }
    }
    draft
}

/// The note of a `speaker_note:` comment: the rest of its line, or its indented block.
fn speaker_note(comment: &str) -> Option<String> {
    let rest = comment.strip_prefix("speaker_note:")?;
    let first = rest.lines().next().unwrap_or("").trim();
    if !matches!(first, "" | "|" | "|-" | ">" | ">-") {
        return Some(yaml::unquote(rest.trim()).to_owned());
    }
    let block: Vec<&str> = rest.lines().skip(1).collect();
    let indent = block
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = block
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    let sep = if first.starts_with('>') { " " } else { "\n" };
    Some(lines.join(sep).trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_speaker_notes() {
        assert_eq!(
            speaker_note("speaker_note: say hi").as_deref(),
            Some("say hi")
        );
        assert_eq!(
            speaker_note("speaker_note: |\n  first\n    indented\n  last").as_deref(),
            Some("first\n  indented\nlast")
        );
        assert_eq!(speaker_note("column_layout: [1, 2]"), None);
    }

    #[test]
    fn end_slide_command() {
        assert!(is_end_slide("<!-- end_slide -->"));
        assert!(is_end_slide("  <!--end_slide-->  "));
        assert!(!is_end_slide("<!-- end_slide --> text"));
    }
}
