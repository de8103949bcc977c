//! Slidev decks: `---` lines split slides, each slide may open with its own frontmatter.
//!
//! Owns Slidev's rules only:
//! - A line starting `---` outside code ends a slide (Slidev splits by lines, so `---` right
//!   under a paragraph splits too). When it is not `----` and the next line is not blank, the
//!   lines up to the next `---` are that slide's frontmatter, if they read as YAML (Slidev takes
//!   them whatever they are; a deck where they are Markdown is one Slidev itself misreads). A
//!   ```` ```yaml ```` block opening a slide is frontmatter too.
//! - The headmatter (front matter on line 1) is the first slide's frontmatter and the deck's
//!   settings: `title` names the talk (and slide 1, as in Slidev), `duration` (`30min`, `1h`)
//!   is the talk's budget.
//! - Title: frontmatter `title` or `name`, else the first heading.
//! - Notes: only the last HTML comment, and only when it ends the slide; other comments are not.
//!   `[click]` markers in the notes count as steps, as does a frontmatter `clicks: N`.
//! - `hide: true` or `disabled: true`: hidden. `layout: section` starts a section named by the
//!   slide's title. `routeAlias` is the slide's stable key. `src:` imports are not followed
//!   (said in the summary).
//!
//! Not read: `v-click` components and directives in the body (only `[click]` in the notes and
//! `clicks:` count as steps), `timer`, per-slide `level`, global layers.

use super::tokens::{self, Doc, Kind};
use super::yaml::{self, Pair};
use super::{Draft, Parts};
use crate::import::DeckBudget;

/// Headmatter keys only Slidev uses: one of them on line 1 names the deck Slidev.
pub(super) const HEADMATTER_KEYS: [&str; 24] = [
    "layout",
    "info",
    "background",
    "themeConfig",
    "lineNumbers",
    "titleTemplate",
    "remoteAssets",
    "wakeLock",
    "highlighter",
    "colorSchema",
    "canvasWidth",
    "aspectRatio",
    "drawings",
    "mdc",
    "routerMode",
    "selectable",
    "record",
    "monaco",
    "download",
    "exportFilename",
    "fonts",
    "addons",
    "htmlAttrs",
    "timer",
];

/// Per-slide frontmatter keys that mark a Slidev deck when they open a block between `---` lines.
const SLIDE_KEYS: [&str; 6] = [
    "layout",
    "hide",
    "disabled",
    "clicks",
    "transition",
    "hideInToc",
];

pub(super) fn read(doc: &Doc) -> Parts {
    let head = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let mut parts = Parts {
        title: yaml::top(&head, "title")
            .map(str::to_owned)
            .filter(|t| !t.is_empty()),
        ..Parts::default()
    };
    if let Some(value) = yaml::top(&head, "duration") {
        match super::duration(value) {
            Some(budget) => {
                parts.budget = Some(DeckBudget {
                    budget,
                    source: format!("`duration: {value}` in the headmatter"),
                });
            }
            None => parts.skipped.push(format!(
                "headmatter `duration: {value}`: not a duration with a unit (`30min`); pass --budget"
            )),
        }
    }
    let mut section = None;
    let mut frontmatter = head;
    let mut start = doc.body_line();
    let mut i = start;
    while i <= doc.lines.len() {
        if i < doc.lines.len() && !is_separator(doc, i) {
            i += 1;
            continue;
        }
        let slide = slide(
            doc,
            start,
            i,
            &frontmatter,
            &mut section,
            &mut parts.skipped,
        );
        parts.slides.push(slide);
        if i == doc.lines.len() {
            break;
        }
        // A separator: is a frontmatter block next?
        if let Some(close) = frontmatter_block(doc, i) {
            frontmatter = yaml::pairs(doc.span(i + 1, close));
            start = close + 1;
        } else {
            frontmatter = Vec::new();
            start = i + 1;
        }
        i = start;
    }
    parts
}

fn is_separator(doc: &Doc, i: usize) -> bool {
    doc.lines[i].kind != Kind::Code && doc.line(i).trim_end().starts_with("---")
}

fn is_closing(doc: &Doc, i: usize) -> bool {
    doc.lines[i].kind != Kind::Code && doc.line(i).trim_end() == "---"
}

/// The closing `---` of a frontmatter block opened by the separator on line `sep`, if any.
fn frontmatter_block(doc: &Doc, sep: usize) -> Option<usize> {
    let next = sep + 1;
    let four = doc.line(sep).as_bytes().get(3) == Some(&b'-');
    if four || next >= doc.lines.len() || doc.blank(next) || is_separator(doc, next) {
        return None;
    }
    let close = (next..doc.lines.len()).find(|&j| is_closing(doc, j))?;
    // YAML: settings, comments, nested or list lines, and at least one top-level setting.
    let yaml = (next..close).all(|j| {
        let line = doc.line(j);
        line.trim().is_empty()
            || line.trim_start().starts_with('#')
            || line.starts_with([' ', '\t', '-'])
            || yaml::pair(line).is_some()
    });
    let setting = (next..close).any(|j| yaml::pair(doc.line(j)).is_some_and(|p| p.indent == 0));
    (yaml && setting).then_some(close)
}

/// Whether some `---` line opens a frontmatter block with a Slidev key (for `sniff`).
pub(super) fn has_slide_frontmatter(doc: &Doc) -> bool {
    (doc.body_line()..doc.lines.len()).any(|i| {
        is_separator(doc, i)
            && frontmatter_block(doc, i).is_some_and(|close| {
                yaml::pairs(doc.span(i + 1, close))
                    .iter()
                    .any(|p| p.indent == 0 && SLIDE_KEYS.contains(&p.key))
            })
    })
}

fn slide(
    doc: &Doc,
    from: usize,
    to: usize,
    frontmatter: &[Pair],
    section: &mut Option<String>,
    skipped: &mut Vec<String>,
) -> Draft {
    let mut text = doc.span(from, to);
    let mut fm: Vec<Pair> = frontmatter.to_vec();
    // A ```yaml block that opens the slide is frontmatter too.
    let lead = text.len() - text.trim_start().len();
    if text[lead..].starts_with("```yaml") {
        let after = &text[lead..];
        let open_end = after.find('\n').map_or(after.len(), |n| n + 1);
        if let Some(close) = after[open_end..].find("\n```") {
            fm.extend(yaml::pairs(&after[open_end..open_end + close]));
            let rest = &after[open_end + close + 1..];
            text = rest.find('\n').map_or("", |n| &rest[n + 1..]);
        }
    }
    let get = |key: &str| yaml::top(&fm, key);
    let mut draft = Draft::starting(doc, from, to);
    // A slide's own frontmatter makes it a slide (a picture layout); the headmatter does not.
    draft.blank &= fm.is_empty() || from == doc.body_line();
    draft.body = tokens::analyse(text);
    draft.title = get("title")
        .or_else(|| get("name"))
        .map(str::to_owned)
        .filter(|t| !t.is_empty());
    draft.key = get("routeAlias")
        .map(str::to_owned)
        .filter(|k| !k.is_empty());
    draft.hidden =
        get("hide").is_some_and(yaml::truthy) || get("disabled").is_some_and(yaml::truthy);
    if let Some(src) = get("src") {
        skipped.push(format!(
            "line {}: `src: {src}` imports slides from another file; they are not read",
            from + 1
        ));
    }
    if let Some(note) = draft.body.comments.last().filter(|c| c.ends_slide) {
        draft.steps = u32::try_from(note.text.matches("[click").count()).unwrap_or(u32::MAX);
        draft.notes.push(note.text.clone());
    }
    if let Some(clicks) = get("clicks").and_then(|c| c.parse::<u32>().ok()) {
        draft.steps = draft.steps.max(clicks);
    }
    if get("layout") == Some("section") {
        *section = draft
            .title
            .clone()
            .or_else(|| draft.body.title().map(str::to_owned));
    }
    draft.section.clone_from(section);
    draft
}

#[cfg(test)]
mod tests {
    use crate::import::Format;
    use crate::import::markdown::read;

    #[test]
    fn a_paragraph_line_then_dashes_still_splits() {
        let deck = read("# One\ntext\n---\n# Two\n", Format::Slidev).unwrap();
        assert_eq!(deck.slides.len(), 2);
        assert_eq!(deck.slides[1].title, "Two");
    }

    #[test]
    fn a_heading_right_after_a_separator_is_no_frontmatter() {
        let deck = read(
            "# One\n\n---\n# Two\n\ntext\n\n---\n\n# Three\n",
            Format::Slidev,
        )
        .unwrap();
        let titles: Vec<_> = deck.slides.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two", "Three"]);
    }

    #[test]
    fn frontmatter_may_hold_comments() {
        let deck = read(
            "# One\n\n---\nlayout: center\n# a YAML comment\n---\n\n# Two\n",
            Format::Slidev,
        )
        .unwrap();
        let titles: Vec<_> = deck.slides.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two"]);
    }

    #[test]
    fn four_dashes_split_without_frontmatter() {
        let deck = read("# One\n\n----\nlayout: x\n---\n\n# Two\n", Format::Slidev).unwrap();
        let titles: Vec<_> = deck.slides.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["One", "layout: x", "Two"]);
    }

    #[test]
    fn yaml_block_frontmatter() {
        let deck = read(
            "# One\n\n---\n\n```yaml\nlayout: center\nhide: true\n```\n\n# Two\n",
            Format::Slidev,
        )
        .unwrap();
        assert!(deck.slides[1].hidden);
        assert_eq!(deck.slides[1].title, "Two");
    }

    #[test]
    fn a_duration_without_unit_is_said_and_not_guessed() {
        let deck = read("---\nduration: 30\n---\n\n# One\n", Format::Slidev).unwrap();
        assert!(deck.budget.is_none());
        assert!(deck.skipped[0].contains("--budget"), "{:?}", deck.skipped);
    }
}
