//! `.pptx` decks (`PowerPoint`, Google Slides, Keynote exports) into a [`Deck`].
//!
//! Owns where each fact sits in the package: slide order from `p:sldIdLst` through the
//! presentation's relationships (the `slideN.xml` numbers are not the order); the title from
//! the `title`/`ctrTitle` placeholder (`a:br` read as a space), else the first text line (cut to
//! about 60 characters), else `Slide N`, both counted as guessed; notes from the notes slide's
//! `body` placeholder, whitespace kept (empty notes are none); `show="0"` as hidden; sections
//! from the `p14:sectionLst` extension (by slide id, not relationship id; empty sections are
//! reported as skipped); `p:transition@advTm` as the slide's budget, from one branch of
//! `mc:AlternateContent` only; click effects as steps; the `p:sldId@id` as the slide's key. The
//! talk's title is the first slide's title placeholder, never `docProps/core.xml` (a template
//! leftover in most real decks).
//!
//! Not read: pictures and media (never inflated), layouts and masters, per-click timings
//! (`p:tag name="TIMING"`), `presProps.xml` `useTimings`, Strict Open XML files (refused with a
//! hint). It reads bytes only: no files, no terminal, no clock.

use std::collections::HashMap;
use std::time::Duration;

use roxmltree::{Document, Node};

use super::zip::{Limits, Package, dir_of, resolve};
use super::{Deck, DeckError, DeckSlide, xml};

const P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const P_STRICT: &str = "http://purl.oclc.org/ooxml/presentationml/main";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const P14: &str = "http://schemas.microsoft.com/office/powerpoint/2010/main";
const SECTIONS_URI: &str = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}";

/// A guessed title is cut to about this many characters.
const TITLE_CHARS: usize = 60;

/// Reads a pptx deck's bytes.
pub fn read(bytes: &[u8]) -> Result<Deck, DeckError> {
    read_with(bytes, Limits::DECK)
        .map_err(|e| super::sniff::mismatch(bytes, super::Format::Pptx).unwrap_or(e))
}

fn read_with(bytes: &[u8], limits: Limits) -> Result<Deck, DeckError> {
    let mut package = Package::open(bytes, limits)?;
    let main = main_part(&mut package)?;
    let text = part_text(&mut package, &main)?.ok_or_else(|| {
        DeckError::invalid(format!(
            "not a PowerPoint deck: the package names `{main}` but does not hold it"
        ))
    })?;
    let doc = xml::parse(&main, &text)?;
    let root = doc.root_element();
    if root.tag_name().namespace() == Some(P_STRICT) {
        return Err(DeckError::Unsupported(
            "the deck is saved as Strict Open XML: save it again as a PowerPoint Presentation \
             (.pptx), then import"
                .to_owned(),
        ));
    }
    if !root.has_tag_name((P, "presentation")) {
        return Err(DeckError::invalid(format!(
            "not a PowerPoint deck: `{main}` is not a presentation part"
        )));
    }
    let rels = relationships(&mut package, &main)?;
    let mut deck = Deck::default();
    let sections = sections(root, &mut deck.skipped);
    let order: Vec<(&str, &str)> = xml::child(root, P, "sldIdLst")
        .into_iter()
        .flat_map(|list| xml::children(list, P, "sldId"))
        .filter_map(|id| Some((id.attribute("id")?, id.attribute((R, "id"))?)))
        .collect();
    if order.is_empty() {
        return Err(DeckError::invalid(format!(
            "the deck has no slides: `{main}` lists none"
        )));
    }
    for (index, (slide_id, rel_id)) in order.into_iter().enumerate() {
        let number = index + 1;
        let target = rels
            .iter()
            .find(|r| r.id == rel_id && r.kind == "slide")
            .and_then(|r| r.target.clone());
        let Some(target) = target else {
            deck.skipped.push(format!(
                "slide {number}: no slide part for relationship `{rel_id}`; left out"
            ));
            continue;
        };
        let Some(text) = part_text(&mut package, &target)? else {
            deck.skipped.push(format!(
                "slide {number}: its part `{target}` is missing; left out"
            ));
            continue;
        };
        let doc = xml::parse(&target, &text)?;
        let mut slide = read_slide(&doc, number, &mut deck.skipped);
        slide.key = Some(slide_id.to_owned());
        slide.section = sections.get(slide_id).cloned();
        slide.notes = notes(&mut package, &target, number, &mut deck.skipped)?;
        deck.slides.push(slide);
    }
    if deck.slides.is_empty() {
        return Err(DeckError::invalid(
            "the deck has no readable slides: every slide part is missing",
        ));
    }
    deck.title = deck
        .slides
        .first()
        .filter(|s| s.number == 1 && s.guessed.is_none())
        .map(|s| s.title.clone());
    Ok(deck)
}

/// The presentation part, from the package's `officeDocument` relationship.
fn main_part(package: &mut Package) -> Result<String, DeckError> {
    let rels = relationships(package, "")?;
    Ok(rels
        .into_iter()
        .find(|r| r.kind == "officeDocument")
        .and_then(|r| r.target)
        .unwrap_or_else(|| "ppt/presentation.xml".to_owned()))
}

/// A part's text, or `None` when the package lacks it.
fn part_text(package: &mut Package, name: &str) -> Result<Option<String>, DeckError> {
    let Some(bytes) = package.read(name)? else {
        return Ok(None);
    };
    Ok(Some(xml::text(name, &bytes)?.into_owned()))
}

/// One relationship of a part: `kind` is the last segment of its type.
struct Relationship {
    id: String,
    kind: String,
    /// The part it points at; `None` for an external or out-of-package target.
    target: Option<String>,
}

/// The relationships of a part (`""` for the package's own), empty when it has none.
fn relationships(package: &mut Package, part: &str) -> Result<Vec<Relationship>, DeckError> {
    let dir = dir_of(part);
    let file = part.rsplit('/').next().unwrap_or_default();
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(text) = part_text(package, &name)? else {
        return Ok(Vec::new());
    };
    let doc = xml::parse(&name, &text)?;
    Ok(xml::children(doc.root_element(), RELS, "Relationship")
        .filter_map(|rel| {
            let external = rel.attribute("TargetMode") == Some("External");
            Some(Relationship {
                id: rel.attribute("Id")?.to_owned(),
                kind: rel.attribute("Type")?.rsplit('/').next()?.to_owned(),
                target: rel
                    .attribute("Target")
                    .filter(|_| !external)
                    .and_then(|t| resolve(dir, t)),
            })
        })
        .collect())
}

/// Slide id -> section name, from the `p14:sectionLst` extension; empty sections noted.
fn sections(root: Node, skipped: &mut Vec<String>) -> HashMap<String, String> {
    let mut by_slide = HashMap::new();
    let list = xml::child(root, P, "extLst")
        .into_iter()
        .flat_map(|ext| xml::children(ext, P, "ext"))
        .filter(|ext| ext.attribute("uri") == Some(SECTIONS_URI))
        .find_map(|ext| xml::child(ext, P14, "sectionLst"));
    let Some(list) = list else {
        return by_slide;
    };
    for section in xml::children(list, P14, "section") {
        let name = section.attribute("name").unwrap_or_default().trim();
        let ids: Vec<&str> = xml::child(section, P14, "sldIdLst")
            .into_iter()
            .flat_map(|ids| xml::children(ids, P14, "sldId"))
            .filter_map(|id| id.attribute("id"))
            .collect();
        if ids.is_empty() {
            skipped.push(format!("section `{name}` has no slides; left out"));
        }
        for id in ids {
            by_slide
                .entry(id.to_owned())
                .or_insert_with(|| name.to_owned());
        }
    }
    by_slide
}

/// Everything one slide part says except its notes, key and section.
fn read_slide(doc: &Document, number: usize, skipped: &mut Vec<String>) -> DeckSlide {
    let root = doc.root_element();
    let tree = xml::path(root, P, &["cSld", "spTree"]);
    let mut slide = DeckSlide {
        number,
        hidden: matches!(root.attribute("show"), Some("0" | "false")),
        ..DeckSlide::default()
    };
    let titles: Vec<Node> = tree
        .into_iter()
        .flat_map(|t| t.descendants())
        .filter(|n| n.has_tag_name((P, "sp")))
        .filter(|sp| matches!(placeholder(*sp), Some("title" | "ctrTitle")))
        .collect();
    let title = titles
        .iter()
        .map(|sp| one_line(&paragraphs(*sp, " ")))
        .find(|t| !t.is_empty());
    let first_line = || {
        tree.into_iter()
            .flat_map(|t| t.descendants())
            .filter(|n| n.has_tag_name((A, "p")))
            .filter(|p| !in_furniture(*p))
            .map(|p| one_line(&paragraph(p, " ")))
            .find(|t| !t.is_empty())
    };
    (slide.title, slide.guessed) = match (title, titles.is_empty()) {
        (Some(title), _) => (title, None),
        (None, no_placeholder) => match first_line() {
            Some(line) => (
                cut(&line),
                Some(if no_placeholder {
                    "first text line: no title placeholder".to_owned()
                } else {
                    "first text line: the title placeholder is empty".to_owned()
                }),
            ),
            None => (
                format!("Slide {number}"),
                Some("no text on the slide".to_owned()),
            ),
        },
    };
    if let Some(ms) = transition(root).and_then(|t| t.attribute("advTm")) {
        match ms.parse::<u64>() {
            Ok(0) => skipped.push(format!("slide {number}: advance time of 0 ms; ignored")),
            Ok(ms) => slide.budget = Some(Duration::from_millis(ms)),
            Err(_) => skipped.push(format!(
                "slide {number}: advance time `{ms}` is not a number of milliseconds; ignored"
            )),
        }
    }
    let clicks = xml::child(root, P, "timing")
        .into_iter()
        .flat_map(|t| t.descendants())
        .filter(|n| n.has_tag_name((P, "cTn")) && n.attribute("nodeType") == Some("clickEffect"))
        .count();
    slide.steps = u32::try_from(clicks).unwrap_or(u32::MAX);
    slide
}

/// The slide's transition: a plain `p:transition`, else one branch of `mc:AlternateContent`
/// (the p14 `Choice` when present, else the `Fallback`), never both.
fn transition<'a, 'i>(root: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    root.children().find_map(|child| {
        if child.has_tag_name((P, "transition")) {
            return Some(child);
        }
        if !child.has_tag_name((MC, "AlternateContent")) {
            return None;
        }
        let branch =
            |name| xml::children(child, MC, name).find_map(|b| xml::child(b, P, "transition"));
        branch("Choice").or_else(|| branch("Fallback"))
    })
}

/// A shape's placeholder type (`obj` when the placeholder names none), if it is one.
fn placeholder<'a>(sp: Node<'a, '_>) -> Option<&'a str> {
    let ph = xml::path(sp, P, &["nvSpPr", "nvPr", "ph"])?;
    Some(ph.attribute("type").unwrap_or("obj"))
}

/// Whether a paragraph sits in a slide number, date, header or footer placeholder.
fn in_furniture(paragraph: Node) -> bool {
    paragraph
        .ancestors()
        .find(|n| n.has_tag_name((P, "sp")))
        .and_then(placeholder)
        .is_some_and(|kind| matches!(kind, "sldNum" | "dt" | "ftr" | "hdr"))
}

/// A shape's paragraphs, each line break read as `br`, joined by newlines.
fn paragraphs(sp: Node, br: &str) -> String {
    let body = xml::child(sp, P, "txBody");
    let lines: Vec<String> = body
        .into_iter()
        .flat_map(|b| xml::children(b, A, "p"))
        .map(|p| paragraph(p, br))
        .collect();
    lines.join("\n")
}

/// One paragraph's text: its runs and fields, with `a:br` read as `br`.
fn paragraph(p: Node, br: &str) -> String {
    let mut out = String::new();
    for node in p.descendants() {
        if node.has_tag_name((A, "t")) {
            out.push_str(node.text().unwrap_or_default());
        } else if node.has_tag_name((A, "br")) {
            out.push_str(br);
        }
    }
    out
}

/// Whitespace of every kind folded to single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A guessed title cut to about [`TITLE_CHARS`] characters, at a word when one is near.
pub(crate) fn cut(line: &str) -> String {
    if line.chars().count() <= TITLE_CHARS {
        return line.to_owned();
    }
    let head: String = line.chars().take(TITLE_CHARS).collect();
    let at_word = head
        .rfind(' ')
        .filter(|&at| head[..at].chars().count() >= TITLE_CHARS / 2)
        .map_or(head.as_str(), |at| &head[..at]);
    format!("{}…", at_word.trim_end())
}

/// The slide's notes: the notes slide's `body` placeholder, whitespace kept.
fn notes(
    package: &mut Package,
    slide_part: &str,
    number: usize,
    skipped: &mut Vec<String>,
) -> Result<Option<String>, DeckError> {
    let rels = relationships(package, slide_part)?;
    let Some(target) = rels
        .into_iter()
        .find(|r| r.kind == "notesSlide")
        .and_then(|r| r.target)
    else {
        return Ok(None);
    };
    let Some(text) = part_text(package, &target)? else {
        skipped.push(format!(
            "slide {number}: its notes part `{target}` is missing"
        ));
        return Ok(None);
    };
    let doc = xml::parse(&target, &text)?;
    let body = xml::path(doc.root_element(), P, &["cSld", "spTree"])
        .into_iter()
        .flat_map(|t| t.descendants())
        .filter(|n| n.has_tag_name((P, "sp")))
        .find(|sp| placeholder(*sp) == Some("body"));
    Ok(body.and_then(|sp| tidy_notes(&paragraphs(sp, "\n"))))
}

/// Notes as the speaker typed them, less blank lines around; `None` when nothing is left.
pub(crate) fn tidy_notes(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    let start = text
        .split_inclusive('\n')
        .take_while(|line| line.trim().is_empty())
        .map(str::len)
        .sum::<usize>();
    Some(text[start..].trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testdecks::{self, Pptx, PptxSlide, sample_pptx};

    fn titles(deck: &Deck) -> Vec<&str> {
        deck.slides.iter().map(|s| s.title.as_str()).collect()
    }

    #[test]
    fn the_sample_deck_reads_as_the_speaker_sees_it() {
        let deck = read(&sample_pptx().build()).unwrap();
        assert_eq!(
            titles(&deck),
            [
                "Making diffusion light on a phone",
                "Who I am",
                "Why a phone beats a server for this, in latency, privacy…",
                "Slide 4",
                "Backup: the maths",
                "Questions",
            ]
        );
        assert_eq!(
            deck.title.as_deref(),
            Some("Making diffusion light on a phone")
        );
        let keys: Vec<_> = deck
            .slides
            .iter()
            .map(|s| s.key.as_deref().unwrap())
            .collect();
        assert_eq!(keys, ["256", "257", "260", "262", "263", "270"]);
        let numbers: Vec<_> = deck.slides.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
        let guessed: Vec<_> = deck.slides.iter().map(|s| s.guessed.as_deref()).collect();
        assert_eq!(
            guessed,
            [
                None,
                None,
                Some("first text line: no title placeholder"),
                Some("no text on the slide"),
                None,
                None
            ]
        );
        let hidden: Vec<_> = deck.slides.iter().map(|s| s.hidden).collect();
        assert_eq!(hidden, [false, false, false, false, true, false]);
        assert_eq!(deck.slides[2].steps, 2);
    }

    #[test]
    fn notes_keep_their_whitespace_and_empty_notes_are_none() {
        let deck = read(&sample_pptx().build()).unwrap();
        assert_eq!(
            deck.slides[0].notes.as_deref(),
            Some("Welcome.\n  fn main() {\n      light();\n  }")
        );
        assert_eq!(
            deck.slides[1].notes, None,
            "an empty notes slide is no notes"
        );
        assert_eq!(deck.slides[2].notes.as_deref(), Some("Three reasons."));
        assert_eq!(deck.slides[3].notes, None);
    }

    #[test]
    fn sections_come_by_slide_id_and_empty_ones_are_noted() {
        let deck = read(&sample_pptx().build()).unwrap();
        let sections: Vec<_> = deck.slides.iter().map(|s| s.section.as_deref()).collect();
        assert_eq!(
            sections,
            [
                Some("Opening"),
                Some("Opening"),
                Some("Method"),
                Some("Method"),
                Some("Method"),
                Some("Closing")
            ]
        );
        assert!(
            deck.skipped
                .contains(&"section `Slack` has no slides; left out".to_owned()),
            "{:?}",
            deck.skipped
        );
    }

    #[test]
    fn a_section_list_under_another_prefix_or_uri_is_judged_by_uri() {
        let mut deck = sample_pptx();
        deck.p14_prefix = "x14".into();
        let read_back = read(&deck.build()).unwrap();
        assert_eq!(read_back.slides[0].section.as_deref(), Some("Opening"));

        let bytes = sample_pptx().build();
        let wrong = replace_in_zip(
            &bytes,
            "ppt/presentation.xml",
            testdecks::SECTIONS_URI,
            "{521415D9-36F7-43E2-AB2F-B90AF26B5E64}",
        );
        let read_back = read(&wrong).unwrap();
        assert!(read_back.slides.iter().all(|s| s.section.is_none()));
    }

    #[test]
    fn advance_times_are_read_once_even_inside_alternate_content() {
        let deck = read(&sample_pptx().build()).unwrap();
        let budgets: Vec<_> = deck.slides.iter().map(|s| s.budget).collect();
        assert_eq!(
            budgets,
            [
                Some(Duration::from_secs(15)),
                Some(Duration::from_secs(10)),
                None,
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn order_follows_the_id_list_not_the_part_numbers() {
        let deck = Pptx {
            slides: vec![
                PptxSlide::titled(300, 9, "First"),
                PptxSlide::titled(290, 1, "Second"),
                PptxSlide::titled(310, 4, "Third"),
            ],
            ..Pptx::default()
        };
        assert_eq!(
            titles(&read(&deck.build()).unwrap()),
            ["First", "Second", "Third"]
        );
    }

    #[test]
    fn the_core_title_is_never_the_talk_title() {
        let mut deck = sample_pptx();
        deck.slides.remove(0);
        let read_back = read(&deck.build()).unwrap();
        assert_eq!(read_back.title.as_deref(), Some("Who I am"));
        let mut untitled = sample_pptx();
        untitled.slides.swap(0, 2);
        assert_eq!(
            read(&untitled.build()).unwrap().title,
            None,
            "a guessed title is no talk title"
        );
    }

    #[test]
    fn title_text_in_the_body_placeholder_is_a_guess() {
        let slide = PptxSlide {
            id: 256,
            file: 1,
            title: Some(vec!["  ".into()]),
            title_type: "title".into(),
            body_placeholder: vec!["What the body says first".into()],
            ..PptxSlide::default()
        };
        let deck = read(
            &Pptx {
                slides: vec![slide],
                ..Pptx::default()
            }
            .build(),
        )
        .unwrap();
        assert_eq!(deck.slides[0].title, "What the body says first");
        assert_eq!(
            deck.slides[0].guessed.as_deref(),
            Some("first text line: the title placeholder is empty")
        );
    }

    #[test]
    fn a_deck_without_slides_or_with_missing_parts_says_so() {
        let empty = Pptx::default().build();
        let err = read(&empty).unwrap_err().to_string();
        assert!(err.contains("the deck has no slides"), "{err}");

        let bytes = sample_pptx().build();
        let without = drop_from_zip(&bytes, "ppt/slides/slide6.xml");
        let deck = read(&without).unwrap();
        assert_eq!(deck.slides.len(), 5);
        assert!(
            deck.skipped
                .iter()
                .any(|s| s.contains("slide 4: its part `ppt/slides/slide6.xml` is missing")),
            "{:?}",
            deck.skipped
        );
        let none = drop_from_zip(&bytes, "ppt/presentation.xml");
        let err = read(&none).unwrap_err().to_string();
        assert!(err.starts_with("a zip archive that is not a deck"), "{err}");
        let own = read_with(&none, Limits::DECK).unwrap_err().to_string();
        assert!(own.starts_with("not a PowerPoint deck"), "{own}");
    }

    #[test]
    fn a_doctype_in_any_part_is_refused_naming_the_part() {
        let bytes = sample_pptx().build();
        let evil = replace_in_zip(
            &bytes,
            "ppt/slides/slide1.xml",
            "<p:sld ",
            "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><p:sld ",
        );
        let err = read(&evil).unwrap_err().to_string();
        assert!(
            err.contains("`ppt/slides/slide1.xml`") && err.contains("DOCTYPE"),
            "{err}"
        );
    }

    #[test]
    fn a_zip_bomb_part_stops_at_the_cap() {
        let bytes = sample_pptx().build();
        let padding = format!("<!-- {} -->", "x".repeat(2 * 1024 * 1024));
        let big = replace_in_zip(
            &bytes,
            "ppt/slides/slide1.xml",
            "<p:cSld>",
            &format!("{padding}<p:cSld>"),
        );
        let limits = Limits {
            part: 1024 * 1024,
            total: 8 * 1024 * 1024,
            entries: 1000,
        };
        let err = read_with(&big, limits).unwrap_err().to_string();
        assert!(
            err.contains("`ppt/slides/slide1.xml`") && err.contains("past 1 MB"),
            "{err}"
        );
    }

    #[test]
    fn damaged_decks_are_errors_never_panics() {
        let bytes = sample_pptx().build();
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = read(&bytes[..cut]);
        }
        let mut flipped = bytes.clone();
        for at in (30..flipped.len()).step_by(step) {
            flipped[at] ^= 0xFF;
            let _ = read(&flipped);
        }
        let err = read(&bytes[..bytes.len() - 10]).unwrap_err().to_string();
        assert!(
            err.starts_with("the zip container is damaged or truncated"),
            "{err}"
        );
    }

    #[test]
    fn strict_open_xml_is_refused_with_what_to_do() {
        let bytes = sample_pptx().build();
        let strict = replace_in_zip(
            &bytes,
            "ppt/presentation.xml",
            r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#,
            r#"xmlns:p="http://purl.oclc.org/ooxml/presentationml/main""#,
        );
        let err = read(&strict).unwrap_err();
        assert!(matches!(err, DeckError::Unsupported(_)), "{err}");
        assert!(
            err.to_string()
                .contains("save it again as a PowerPoint Presentation")
        );
    }

    #[test]
    fn a_long_first_line_is_cut_at_a_word() {
        assert_eq!(cut("Short"), "Short");
        let long = "word ".repeat(20);
        let got = cut(long.trim());
        assert!(got.ends_with("word…"), "{got}");
        assert!(got.chars().count() <= TITLE_CHARS + 1, "{got}");
        let unbroken = "x".repeat(100);
        assert_eq!(cut(&unbroken).chars().count(), TITLE_CHARS + 1);
    }

    #[test]
    fn notes_lose_only_blank_lines_around() {
        assert_eq!(
            tidy_notes("\n\n  code\n\ntext\n\n"),
            Some("  code\n\ntext".to_owned())
        );
        assert_eq!(tidy_notes(" \n\t"), None);
    }

    /// The same zip with one part's text edited.
    pub(crate) fn replace_in_zip(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
        rewrite_zip(bytes, |name, data| {
            if name == part {
                let text = String::from_utf8(data).unwrap();
                assert!(text.contains(from), "{part} lacks {from}");
                Some(text.replacen(from, to, 1).into_bytes())
            } else {
                Some(data)
            }
        })
    }

    /// The same zip without one part.
    pub(crate) fn drop_from_zip(bytes: &[u8], part: &str) -> Vec<u8> {
        rewrite_zip(bytes, |name, data| (name != part).then_some(data))
    }

    fn rewrite_zip(
        bytes: &[u8],
        mut edit: impl FnMut(&str, Vec<u8>) -> Option<Vec<u8>>,
    ) -> Vec<u8> {
        use std::io::Read as _;
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let name = file.name().to_owned();
            if let Some(data) = edit(&name, data) {
                entries.push((name, data));
            }
        }
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        testdecks::zip_of(&refs)
    }
}
