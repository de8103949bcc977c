//! The common tokeniser every Markdown flavour splits with: lines classified by pulldown-cmark.
//!
//! Owns the one whole-document parse (which lines are code, HTML continuation, thematic breaks,
//! top-level headings), the front matter at the top and the per-slide analysis (headings, the
//! first text line, HTML comments). It knows no
//! flavour's rules and never decides where a slide starts: the flavour modules do, from these
//! facts. Every step is one pass over the text, so a 10,000-slide deck costs ten times a 1,000-slide
//! one.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a line of the deck is, as the `CommonMark` spec sees it in the whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Ordinary text: a paragraph, a list, a blank line, a heading.
    Text,
    /// Inside a fenced or indented code block, fences included: never a separator or a title.
    Code,
    /// The first line of an HTML block (a comment that may be a separator or a directive).
    Html,
    /// A later line of an HTML block (inside a multi-line comment).
    HtmlCont,
    /// A top-level thematic break (`---`, `***`, `___`, `- - -`).
    Rule,
    /// The front matter, its fences included.
    Front,
}

/// One line of the deck: byte range without its line ending, and what it is.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The level of a top-level heading that starts on this line (ATX, or a setext title line).
    pub heading: Option<u8>,
}

/// The YAML front matter at the very top: `---` on line 1, closed by `---` or `...`.
#[derive(Debug, Clone)]
pub(super) struct Front<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Index of the first line after the closing fence.
    pub next_line: usize,
}

/// A deck's text with every line classified.
#[derive(Debug)]
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub lines: Vec<Line>,
    pub front: Option<Front<'a>>,
}

impl<'a> Doc<'a> {
    /// Classifies every line: one parse with pulldown-cmark over everything after the front matter.
    pub fn new(text: &'a str) -> Self {
        let mut lines = split_lines(text);
        let front = front_matter(text, &lines);
        let body_start = match &front {
            Some(f) => {
                for line in &mut lines[..f.next_line] {
                    line.kind = Kind::Front;
                }
                lines.get(f.next_line).map_or(text.len(), |l| l.start)
            }
            None => 0,
        };
        classify(text, body_start, &mut lines);
        Self { text, lines, front }
    }

    /// The text of line `i`, without its line ending.
    pub fn line(&self, i: usize) -> &'a str {
        let l = &self.lines[i];
        &self.text[l.start..l.end]
    }

    /// Whether line `i` is empty or whitespace.
    pub fn blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    /// Index of the first line of the body (after the front matter).
    pub fn body_line(&self) -> usize {
        self.front.as_ref().map_or(0, |f| f.next_line)
    }

    /// The text of lines `from..to`, line endings kept.
    pub fn span(&self, from: usize, to: usize) -> &'a str {
        if from >= to {
            return "";
        }
        let start = self.lines[from].start;
        let end = self.lines.get(to).map_or(self.text.len(), |l| l.start);
        &self.text[start..end]
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            lines.push(Line {
                start,
                end,
                kind: Kind::Text,
                heading: None,
            });
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(Line {
            start,
            end: text.len(),
            kind: Kind::Text,
            heading: None,
        });
    }
    lines
}

fn front_matter<'a>(text: &'a str, lines: &[Line]) -> Option<Front<'a>> {
    let at = |i: usize| lines.get(i).map(|l| text[l.start..l.end].trim_end());
    let first = at(0)?.trim_start_matches('\u{feff}');
    if first != "---" || at(1).is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    let close = (1..lines.len()).find(|&i| matches!(at(i), Some("---" | "...")))?;
    Some(Front {
        yaml: &text[lines[1].start..lines[close].start],
        next_line: close + 1,
    })
}

fn line_of(lines: &[Line], offset: usize) -> usize {
    lines
        .partition_point(|l| l.start <= offset)
        .saturating_sub(1)
}

fn classify(text: &str, body_start: usize, lines: &mut [Line]) {
    if body_start >= text.len() {
        return;
    }
    // Block structure only: no extension changes which lines are code, HTML, breaks or headings.
    let parser = Parser::new_ext(&text[body_start..], Options::empty()).into_offset_iter();
    let mut depth = 0usize;
    for (event, range) in parser {
        let (start, end) = (range.start + body_start, range.end + body_start);
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::CodeBlock(_) => mark(lines, start, end, Kind::Code),
                    Tag::HtmlBlock => {
                        let first = line_of(lines, start);
                        mark(lines, start, end, Kind::HtmlCont);
                        lines[first].kind = Kind::Html;
                    }
                    Tag::Heading { level, .. } if depth == 0 => {
                        lines[line_of(lines, start)].heading = Some(level_number(level));
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => lines[line_of(lines, start)].kind = Kind::Rule,
            _ => {}
        }
    }
}

fn mark(lines: &mut [Line], start: usize, end: usize, kind: Kind) {
    let first = line_of(lines, start);
    let last = line_of(lines, end.saturating_sub(1).max(start));
    for line in &mut lines[first..=last] {
        line.kind = kind;
    }
}

fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A heading found in a slide's text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Heading {
    pub level: u8,
    /// Plain text, inline markup dropped, whitespace collapsed; may be empty (`## {.center}`).
    pub text: String,
    /// Underlined (`Title` + `===`), the form presenterm takes as a slide title.
    pub setext: bool,
    /// `{key=value}` attributes, quotes removed (Quarto `visibility="hidden"`).
    pub attrs: Vec<(String, String)>,
    /// The `{#id}` attribute.
    pub id: Option<String>,
}

/// An HTML comment in a slide's text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Comment {
    /// What is between `<!--` and `-->`, trimmed.
    pub text: String,
    /// Nothing but whitespace follows it in the slide (Slidev's note rule).
    pub ends_slide: bool,
}

/// What a slide's own text holds, read by pulldown-cmark: headings, first text line, comments.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Body {
    pub headings: Vec<Heading>,
    /// The first line of ordinary text (a paragraph, list item or image alt text), plain.
    pub first_text: Option<String>,
    pub comments: Vec<Comment>,
}

impl Body {
    /// The first heading with some text.
    pub fn title(&self) -> Option<&str> {
        self.headings
            .iter()
            .map(|h| h.text.as_str())
            .find(|t| !t.is_empty())
    }
}

/// Reads one slide's Markdown: nothing inside code is a heading, a text line or a comment.
pub(super) fn analyse(md: &str) -> Body {
    let mut body = Body::default();
    let mut heading: Option<(Heading, usize)> = None;
    let mut skip = 0usize; // depth inside code blocks, HTML blocks and metadata
    let mut text_line = String::new();
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) => {
                let attrs = attrs
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            k.to_string(),
                            v.map(|v| super::yaml::unquote(&v).to_owned())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                let underline = md[range.clone()]
                    .trim_end()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim();
                let setext = md[range.clone()].trim_end().contains('\n')
                    && !underline.is_empty()
                    && (underline.bytes().all(|b| b == b'=')
                        || underline.bytes().all(|b| b == b'-'));
                let h = Heading {
                    level: level_number(level),
                    text: String::new(),
                    setext,
                    attrs,
                    id: id.map(|id| id.to_string()),
                };
                heading = Some((h, range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((mut h, _)) = heading.take() {
                    h.text = collapse(&h.text);
                    body.headings.push(h);
                }
            }
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1);
            }
            Event::Start(Tag::HtmlBlock) => {
                comments(md, range.start, range.end, &mut body.comments);
                skip += 1;
            }
            Event::End(TagEnd::HtmlBlock) => skip = skip.saturating_sub(1),
            Event::InlineHtml(html) if html.starts_with("<!--") => {
                comments(md, range.start, range.end, &mut body.comments);
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                if let Some((h, _)) = heading.as_mut() {
                    h.text.push_str(&t);
                } else if body.first_text.is_none() {
                    text_line.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                if let Some((h, _)) = heading.as_mut() {
                    h.text.push(' ');
                } else {
                    take_line(&mut text_line, &mut body.first_text);
                }
            }
            Event::End(tag) if heading.is_none() && !inline(tag) => {
                take_line(&mut text_line, &mut body.first_text);
            }
            _ => {}
        }
    }
    take_line(&mut text_line, &mut body.first_text);
    body
}

fn inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn take_line(line: &mut String, first: &mut Option<String>) {
    if first.is_none() {
        let text = collapse(line);
        if !text.is_empty() {
            *first = Some(text);
        }
    }
    line.clear();
}

fn comments(md: &str, start: usize, end: usize, out: &mut Vec<Comment>) {
    let mut html = &md[start..end];
    let mut offset = start;
    while let Some(open) = html.find("<!--") {
        let inner = &html[open + 4..];
        let (text, used) = match inner.find("-->") {
            Some(close) => (&inner[..close], open + 4 + close + 3),
            None => (inner, html.len()),
        };
        let after = offset + used;
        out.push(Comment {
            text: text.trim().to_owned(),
            ends_slide: md[after..].trim().is_empty(),
        });
        html = &html[used..];
        offset = after;
    }
}

/// Whitespace runs as one space, trimmed.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        Doc::new(text).lines.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn fences_and_indented_code_are_code() {
        let text = "# A\n\n```md\n---\n## not a heading\n```\n\n    ---\n    # no\n\n---\n";
        let k = kinds(text);
        assert_eq!(k[2..6], [Kind::Code; 4]);
        assert_eq!(k[7..9], [Kind::Code; 2]);
        assert_eq!(k[10], Kind::Rule);
        let doc = Doc::new(text);
        let headings: Vec<_> = doc.lines.iter().filter_map(|l| l.heading).collect();
        assert_eq!(headings, [1]);
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(
            kinds("a\n\n```\n---\n# x\n"),
            [Kind::Text, Kind::Text, Kind::Code, Kind::Code, Kind::Code]
        );
    }

    #[test]
    fn front_matter_is_found_only_at_the_top() {
        let doc = Doc::new("---\nmarp: true\ntitle: \"Hi\" # the talk\n---\n\n# One\n");
        let front = doc.front.as_ref().unwrap();
        assert_eq!(front.next_line, 4);
        let p = super::super::yaml::pairs(front.yaml);
        assert_eq!(super::super::yaml::top(&p, "marp"), Some("true"));
        assert_eq!(doc.lines[5].heading, Some(1));
        assert!(Doc::new("# One\n---\nkey: v\n---\n").front.is_none());
        assert!(Doc::new("---\n\n# no yaml\n---\n").front.is_none());
    }

    #[test]
    fn multi_line_comments_are_html_then_continuation() {
        assert_eq!(
            kinds("<!--\n---\n-->\n\ntext\n"),
            [
                Kind::Html,
                Kind::HtmlCont,
                Kind::HtmlCont,
                Kind::Text,
                Kind::Text
            ]
        );
    }

    #[test]
    fn setext_underline_after_a_paragraph_is_no_rule() {
        let doc = Doc::new("Title\n---\n\n***\n");
        assert_eq!(doc.lines[0].heading, Some(2));
        assert_eq!(doc.lines[1].kind, Kind::Text);
        assert_eq!(doc.lines[3].kind, Kind::Rule);
    }

    #[test]
    fn analyse_reads_headings_text_and_comments_outside_code() {
        let body = analyse(
            "<!-- _class: lead -->\n\n```\n# code\n<!-- not a comment -->\n```\n\n## The *real* `title` {#id .c visibility=\"hidden\"}\n\n![A pipeline](p.png) and more\nsecond line\n\n<!-- last -->\n",
        );
        assert_eq!(body.headings.len(), 1);
        assert_eq!(body.headings[0].text, "The real title");
        assert_eq!(
            body.headings[0].attrs,
            [("visibility".to_owned(), "hidden".to_owned())]
        );
        assert_eq!(body.first_text.as_deref(), Some("A pipeline and more"));
        let texts: Vec<_> = body
            .comments
            .iter()
            .map(|c| (c.text.as_str(), c.ends_slide))
            .collect();
        assert_eq!(texts, [("_class: lead", false), ("last", true)]);
    }

    #[test]
    fn setext_headings_are_flagged() {
        let body = analyse("Intro\n=====\n\n# atx\n");
        assert!(body.headings[0].setext);
        assert!(!body.headings[1].setext);
    }
}
