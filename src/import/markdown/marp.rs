//! Marp (Marpit) decks: slides split at thematic breaks, notes from HTML comments.
//!
//! Owns Marp's rules only, read from the tokeniser's facts:
//! - A slide ends at every top-level thematic break (`---`, `***`, `___`, `- - -`), as the
//!   `CommonMark` spec has it: `---` right under a paragraph line is a setext heading, not a break. With
//!   `headingDivider: N` (or a list of levels) in the front matter, a heading of such a level also
//!   starts a slide unless it is the first thing on it.
//! - Title: the slide's first heading (Marp has no title of its own).
//! - Notes: every HTML comment that is not a directive. A comment is a directive when each of its
//!   lines is `key: value` and a key is one of Marp's directives (`_class`, `paginate`, ...), or
//!   when it is a lint pragma (`prettier-ignore`, `markdownlint-...`, `cspell:`).
//! - No sections, timings or hidden slides: Marp has none.
//!
//! Not read: `headingDivider` set in a comment instead of the front matter; fragmented lists
//! (`*` bullets) as steps. Inline comments inside a paragraph are notes too, as in Marp.

use super::tokens::{self, Doc, Kind};
use super::yaml;
use super::{Draft, Parts};

/// Marp's global and local directives, and Marp CLI's metadata ones (spot forms take `_`).
const DIRECTIVES: [&str; 24] = [
    "keywords",
    "url",
    "theme",
    "style",
    "headingDivider",
    "lang",
    "size",
    "math",
    "marp",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
    "color",
    "transition",
    "title",
    "description",
    "author",
    "image",
];

pub(super) fn read(doc: &Doc) -> Parts {
    let front = doc
        .front
        .as_ref()
        .map(|f| yaml::pairs(f.yaml))
        .unwrap_or_default();
    let levels = heading_levels(yaml::top(&front, "headingDivider").unwrap_or(""));
    let mut parts = Parts {
        title: yaml::top(&front, "title")
            .map(str::to_owned)
            .filter(|t| !t.is_empty()),
        ..Parts::default()
    };
    let mut start = doc.body_line();
    let mut content = false;
    for i in doc.body_line()..doc.lines.len() {
        let line = &doc.lines[i];
        let divides = line.kind == Kind::Rule
            || (content && line.heading.is_some_and(|l| levels.contains(&l)));
        if divides {
            parts.slides.push(slide(doc, start, i));
            start = if line.kind == Kind::Rule { i + 1 } else { i };
            content = false;
        } else if !doc.blank(i) {
            content = true;
        }
    }
    parts.slides.push(slide(doc, start, doc.lines.len()));
    parts
}

fn slide(doc: &Doc, from: usize, to: usize) -> Draft {
    let body = tokens::analyse(doc.span(from, to));
    let notes = body
        .comments
        .iter()
        .filter(|c| !is_directive(&c.text))
        .map(|c| c.text.clone())
        .collect();
    Draft {
        body,
        notes,
        ..Draft::starting(doc, from, to)
    }
}

/// `2`, `[1, 2]` or `- 1` lists: every level up to N for a number, the listed ones for a list.
fn heading_levels(value: &str) -> Vec<u8> {
    let value = value.trim();
    if let Ok(n) = value.parse::<u8>() {
        return (1..=n.min(6)).collect();
    }
    value
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

fn is_directive(comment: &str) -> bool {
    let pragmas = ["prettier-ignore", "markdownlint-", "cspell:"];
    if pragmas.iter().any(|p| comment.starts_with(p)) {
        return true;
    }
    let lines: Vec<&str> = comment.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut known = false;
    for line in &lines {
        match yaml::pair(line) {
            Some(p) if p.indent == 0 => {
                known |= DIRECTIVES.contains(&p.key.trim_start_matches(['_', '$']));
            }
            Some(_) => {}
            None if line.starts_with([' ', '\t']) => {} // a folded value's next line
            None => return false,
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Format;
    use crate::import::markdown::read as read_deck;

    #[test]
    fn directives_are_not_notes() {
        assert!(is_directive("_class: invert"));
        assert!(is_directive("_footer: \"\"\n_paginate: false"));
        assert!(is_directive("paginate: true"));
        assert!(is_directive("prettier-ignore"));
        assert!(!is_directive("Remember: slow down here"));
        assert!(!is_directive("Say hello, then show the demo."));
    }

    #[test]
    fn heading_divider_levels() {
        assert_eq!(heading_levels("2"), [1, 2]);
        assert_eq!(heading_levels("[1, 3]"), [1, 3]);
        assert!(heading_levels("").is_empty());
    }

    #[test]
    fn heading_divider_splits_before_headings() {
        let deck = read_deck("---\nmarp: true\nheadingDivider: 2\n---\n\n# One\n\ntext\n\n## Two\n\n### still two\n\n# Three\n", Format::Marp).unwrap();
        let titles: Vec<_> = deck.slides.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two", "Three"]);
    }
}
