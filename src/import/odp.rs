//! Impress (`LibreOffice`) `.odp` decks into a [`Deck`].
//!
//! Owns where each fact sits in an `OpenDocument` presentation: `draw:page` in `content.xml` in
//! document order; the title from the frame with `presentation:class="title"` (a line break
//! read as a space), else the page's own name when the speaker gave it one (`page1..N` are
//! the office suite's own and useless), else the first text line (cut to about 60 characters), else
//! `Slide N`, all but the first counted as guessed; notes from `presentation:notes`' notes
//! frame, whitespace kept; hidden (`presentation:visibility="hidden"`) and the automatic
//! advance time (`presentation:transition-type="automatic"` with an ISO 8601
//! `presentation:duration`) from the page's drawing-page style, inherited through
//! `style:parent-style-name` across `content.xml` and `styles.xml`; on-click effects as steps;
//! a page name the speaker set as the slide's key.
//!
//! Not read: sections (ODF has none), `meta.xml`'s title (a template leftover as often as not),
//! pictures and media (never inflated), master pages. An encrypted file is refused with what
//! to do. It reads bytes only: no files, no terminal, no clock.

use std::collections::HashMap;
use std::time::Duration;

use roxmltree::Node;

use super::pptx::{cut, tidy_notes};
use super::zip::{Limits, Package};
use super::{Deck, DeckError, DeckSlide, xml};

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const PRESENTATION: &str = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";
const MANIFEST: &str = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

/// The mimetypes of a presentation and of a presentation template.
const MIMETYPES: [&str; 2] = [
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.presentation-template",
];

/// How many parents a style may climb through: real files have two or three.
const STYLE_DEPTH: usize = 16;

/// Reads an odp deck's bytes.
pub fn read(bytes: &[u8]) -> Result<Deck, DeckError> {
    read_with(bytes, Limits::DECK)
        .map_err(|e| super::sniff::mismatch(bytes, super::Format::Odp).unwrap_or(e))
}

fn read_with(bytes: &[u8], limits: Limits) -> Result<Deck, DeckError> {
    let mut package = Package::open(bytes, limits)?;
    if let Some(kind) = package.read("mimetype")? {
        let kind = String::from_utf8_lossy(&kind);
        let kind = kind.trim();
        if !MIMETYPES.contains(&kind) {
            return Err(DeckError::invalid(format!(
                "not a presentation: the OpenDocument file is `{kind}`; open the deck in \
                 Impress and save it as .odp"
            )));
        }
    }
    if encrypted(&mut package)? {
        return Err(DeckError::Unsupported(
            "the deck is encrypted: remove the password in Impress (File ▸ Properties ▸ \
             Security, or save a copy without one), then import"
                .to_owned(),
        ));
    }
    let content = text(&mut package, "content.xml")?.ok_or_else(|| {
        DeckError::invalid("not an OpenDocument presentation: the zip holds no `content.xml`")
    })?;
    let styles_text = text(&mut package, "styles.xml")?;
    let content_doc = xml::parse("content.xml", &content)?;
    let styles_doc = styles_text
        .as_deref()
        .map(|t| xml::parse("styles.xml", t))
        .transpose()?;

    let mut styles = Styles::default();
    if let Some(doc) = &styles_doc {
        styles.collect(doc.root_element());
    }
    styles.collect(content_doc.root_element());

    let presentation = xml::path(
        content_doc.root_element(),
        OFFICE,
        &["body", "presentation"],
    )
    .ok_or_else(|| {
        DeckError::invalid(
            "not a presentation: `content.xml` has no `office:presentation` body; open the \
             deck in Impress and save it as .odp",
        )
    })?;
    let mut deck = Deck::default();
    for (index, page) in xml::children(presentation, DRAW, "page").enumerate() {
        let slide = read_page(page, index + 1, &styles, &mut deck.skipped);
        deck.slides.push(slide);
    }
    if deck.slides.is_empty() {
        return Err(DeckError::invalid(
            "the deck has no slides: `content.xml` holds no `draw:page`",
        ));
    }
    deck.title = deck
        .slides
        .first()
        .filter(|s| s.guessed.is_none())
        .map(|s| s.title.clone());
    Ok(deck)
}

fn text(package: &mut Package, name: &str) -> Result<Option<String>, DeckError> {
    let Some(bytes) = package.read(name)? else {
        return Ok(None);
    };
    Ok(Some(xml::text(name, &bytes)?.into_owned()))
}

/// Whether the manifest says `content.xml` is encrypted.
fn encrypted(package: &mut Package) -> Result<bool, DeckError> {
    const NAME: &str = "META-INF/manifest.xml";
    let Some(manifest) = text(package, NAME)? else {
        return Ok(false);
    };
    let doc = xml::parse(NAME, &manifest)?;
    Ok(xml::children(doc.root_element(), MANIFEST, "file-entry")
        .filter(|entry| entry.attribute((MANIFEST, "full-path")) == Some("content.xml"))
        .any(|entry| xml::child(entry, MANIFEST, "encryption-data").is_some()))
}

/// One drawing-page style's own properties.
#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    visibility: Option<String>,
    transition: Option<String>,
    duration: Option<String>,
}

/// Every drawing-page style by name, from `styles.xml` and `content.xml`.
#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn collect(&mut self, root: Node) {
        let holders = ["styles", "automatic-styles"];
        for holder in holders.iter().filter_map(|h| xml::child(root, OFFICE, h)) {
            for style in xml::children(holder, STYLE, "style") {
                if style.attribute((STYLE, "family")) != Some("drawing-page") {
                    continue;
                }
                let Some(name) = style.attribute((STYLE, "name")) else {
                    continue;
                };
                let props = xml::child(style, STYLE, "drawing-page-properties");
                let prop = |key| {
                    props
                        .and_then(|p| p.attribute((PRESENTATION, key)))
                        .map(str::to_owned)
                };
                self.0.insert(
                    name.to_owned(),
                    Style {
                        parent: style
                            .attribute((STYLE, "parent-style-name"))
                            .map(str::to_owned),
                        visibility: prop("visibility"),
                        transition: prop("transition-type"),
                        duration: prop("duration"),
                    },
                );
            }
        }
    }

    /// A property as the style or its nearest parent that sets it has it.
    fn get(&self, name: &str, property: fn(&Style) -> &Option<String>) -> Option<&str> {
        let mut at = self.0.get(name);
        for _ in 0..STYLE_DEPTH {
            let style = at?;
            if let Some(value) = property(style) {
                return Some(value);
            }
            at = style.parent.as_deref().and_then(|p| self.0.get(p));
        }
        None
    }
}

fn read_page(page: Node, number: usize, styles: &Styles, skipped: &mut Vec<String>) -> DeckSlide {
    let mut slide = DeckSlide {
        number,
        ..DeckSlide::default()
    };
    let name = page
        .attribute((DRAW, "name"))
        .map(str::trim)
        .filter(|n| !n.is_empty() && !synthetic(n));
    slide.key = name.map(str::to_owned);

    let frames: Vec<Node> = page
        .descendants()
        .filter(|n| n.has_tag_name((DRAW, "frame")))
        .filter(|f| {
            !f.ancestors()
                .any(|a| a.has_tag_name((PRESENTATION, "notes")))
        })
        .collect();
    let title = frames
        .iter()
        .filter(|f| class(f) == Some("title"))
        .map(|f| one_line(&paragraphs(*f, " ")))
        .find(|t| !t.is_empty());
    let first_line = || {
        frames
            .iter()
            .filter(|f| {
                !matches!(
                    class(f),
                    Some("page-number" | "footer" | "date-time" | "header")
                )
            })
            .flat_map(|f| paragraph_nodes(*f))
            .map(|p| one_line(&paragraph(p, " ")))
            .find(|t| !t.is_empty())
    };
    (slide.title, slide.guessed) = if let Some(title) = title {
        (title, None)
    } else if let Some(name) = name {
        (
            cut(name),
            Some("the slide's name: no title frame".to_owned()),
        )
    } else if let Some(line) = first_line() {
        (
            cut(&line),
            Some("first text line: no title frame".to_owned()),
        )
    } else {
        (
            format!("Slide {number}"),
            Some("no text on the slide".to_owned()),
        )
    };

    slide.notes = xml::child(page, PRESENTATION, "notes")
        .into_iter()
        .flat_map(|n| n.descendants())
        .filter(|n| n.has_tag_name((DRAW, "frame")) && class(n) == Some("notes"))
        .find_map(|f| tidy_notes(&paragraphs(f, "\n")));

    if let Some(style) = page.attribute((DRAW, "style-name")) {
        slide.hidden = styles.get(style, |s| &s.visibility) == Some("hidden");
        if styles.get(style, |s| &s.transition) == Some("automatic")
            && let Some(text) = styles.get(style, |s| &s.duration)
        {
            match iso_duration(text) {
                Some(d) if !d.is_zero() => slide.budget = Some(d),
                Some(_) => skipped.push(format!("slide {number}: advance time of 0 s; ignored")),
                None => skipped.push(format!(
                    "slide {number}: advance time `{text}` is not an ISO 8601 duration; ignored"
                )),
            }
        }
    }
    let clicks = page
        .descendants()
        .filter(|n| n.attribute((PRESENTATION, "node-type")) == Some("on-click"))
        .count();
    slide.steps = u32::try_from(clicks).unwrap_or(u32::MAX);
    slide
}

/// A frame's `presentation:class` (`title`, `outline`, `notes`, `page-number`...).
fn class<'a>(frame: &Node<'a, '_>) -> Option<&'a str> {
    frame.attribute((PRESENTATION, "class"))
}

/// The office suite's own page names, `page1` to `pageN`.
fn synthetic(name: &str) -> bool {
    name.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("page"))
        && name.len() > 4
        && name[4..].bytes().all(|b| b.is_ascii_digit())
}

/// The outermost paragraphs and headings inside a frame, in order.
fn paragraph_nodes<'a, 'i>(frame: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    let is_paragraph = |n: &Node| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h"));
    frame.descendants().filter(move |n| {
        is_paragraph(n)
            && !n
                .ancestors()
                .skip(1)
                .take_while(|a| *a != frame)
                .any(|a| is_paragraph(&a))
    })
}

/// A frame's paragraphs joined by newlines, a line break read as `br`.
fn paragraphs(frame: Node, br: &str) -> String {
    let lines: Vec<String> = paragraph_nodes(frame).map(|p| paragraph(p, br)).collect();
    lines.join("\n")
}

/// One paragraph's text: spans and links, `text:s` as spaces, `text:tab` as a tab.
fn paragraph(node: Node, br: &str) -> String {
    let mut out = String::new();
    push_text(node, br, &mut out);
    out
}

fn push_text(node: Node, br: &str, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.has_tag_name((TEXT, "s")) {
            let count = child
                .attribute((TEXT, "c"))
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .min(256);
            out.extend(std::iter::repeat_n(' ', count));
        } else if child.has_tag_name((TEXT, "tab")) {
            out.push('\t');
        } else if child.has_tag_name((TEXT, "line-break")) {
            out.push_str(br);
        } else if child.has_tag_name((TEXT, "note")) {
            // A footnote's body is not the slide's text.
        } else if child.is_element() {
            push_text(child, br, out);
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An ISO 8601 duration as ODF writes it: `PT00H00M05S`, `PT3S`, `PT3.5S`, `P1DT2H`.
fn iso_duration(text: &str) -> Option<Duration> {
    let rest = text.trim().strip_prefix(['P', 'p'])?;
    let (days, time) = match rest.split_once(['T', 't']) {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut seconds = 0.0_f64;
    let mut any = false;
    for (part, units) in [
        (days, &[('D', 86_400.0)][..]),
        (time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)][..]),
    ] {
        let mut number = String::new();
        let mut unit_at = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let upper = c.to_ascii_uppercase();
            let at = units[unit_at..].iter().position(|(u, _)| *u == upper)?;
            let value: f64 = number.parse().ok()?;
            seconds += value * units[unit_at + at].1;
            unit_at += at + 1;
            number.clear();
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    (any && seconds.is_finite() && seconds < 1e9).then(|| Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testdecks::{Odp, OdpPage, sample_odp};

    #[test]
    fn the_sample_deck_reads_as_the_speaker_sees_it() {
        let deck = read(&sample_odp().build()).unwrap();
        let titles: Vec<_> = deck.slides.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Making diffusion light on a phone",
                "Who I am",
                "A page whose text sits in an outline frame only",
                "Backup",
                "Questions",
            ]
        );
        let guessed: Vec<_> = deck.slides.iter().map(|s| s.guessed.as_deref()).collect();
        assert_eq!(
            guessed,
            [
                None,
                None,
                Some("first text line: no title frame"),
                None,
                None
            ]
        );
        assert_eq!(
            deck.title.as_deref(),
            Some("Making diffusion light on a phone")
        );
        let keys: Vec<_> = deck.slides.iter().map(|s| s.key.as_deref()).collect();
        assert_eq!(keys, [None, None, None, None, Some("The end")]);
        assert_eq!(deck.slides[1].steps, 3);
        assert!(deck.slides.iter().all(|s| s.section.is_none()));
    }

    #[test]
    fn notes_keep_their_whitespace() {
        let deck = read(&sample_odp().build()).unwrap();
        let notes: Vec<_> = deck.slides.iter().map(|s| s.notes.as_deref()).collect();
        assert_eq!(
            notes,
            [
                Some("Welcome.\n  indented line"),
                None,
                Some("Just talk."),
                None,
                None
            ]
        );
    }

    #[test]
    fn hidden_and_timings_come_from_the_page_style_and_its_parents() {
        let deck = read(&sample_odp().build()).unwrap();
        let hidden: Vec<_> = deck.slides.iter().map(|s| s.hidden).collect();
        assert_eq!(
            hidden,
            [false, false, false, true, false],
            "dp3 inherits hidden from styles.xml"
        );
        let budgets: Vec<_> = deck.slides.iter().map(|s| s.budget).collect();
        assert_eq!(
            budgets,
            [
                Some(Duration::from_secs(12)),
                Some(Duration::from_millis(3500)),
                None,
                None,
                None
            ],
            "a manual transition's duration is no budget"
        );
    }

    #[test]
    fn a_renamed_page_gives_its_name_as_a_guessed_title() {
        let page = OdpPage {
            name: "Results at a glance".into(),
            body: vec!["Body text".into()],
            ..OdpPage::default()
        };
        let deck = Odp {
            pages: vec![
                page,
                OdpPage {
                    name: "page2".into(),
                    ..OdpPage::default()
                },
            ],
            ..sample_odp()
        };
        let deck = read(&deck.build()).unwrap();
        assert_eq!(deck.slides[0].title, "Results at a glance");
        assert_eq!(
            deck.slides[0].guessed.as_deref(),
            Some("the slide's name: no title frame")
        );
        assert_eq!(deck.slides[1].title, "Slide 2");
        assert_eq!(deck.title, None);
    }

    #[test]
    fn other_documents_and_encrypted_ones_are_refused_with_what_to_do() {
        let text = Odp {
            mimetype: "application/vnd.oasis.opendocument.text".into(),
            ..sample_odp()
        };
        let err = read(&text.build()).unwrap_err().to_string();
        assert!(
            err.starts_with("an OpenDocument text file, not a presentation"),
            "{err}"
        );
        let own = read_with(&text.build(), Limits::DECK)
            .unwrap_err()
            .to_string();
        assert!(
            own.contains("`application/vnd.oasis.opendocument.text`"),
            "{own}"
        );

        let locked = Odp {
            encrypted: true,
            ..sample_odp()
        };
        let err = read(&locked.build()).unwrap_err();
        assert!(matches!(err, DeckError::Unsupported(_)));
        assert!(
            err.to_string().contains("remove the password in Impress"),
            "{err}"
        );

        let empty = Odp {
            pages: vec![],
            ..sample_odp()
        };
        let err = read(&empty.build()).unwrap_err().to_string();
        assert!(err.contains("no slides"), "{err}");
    }

    #[test]
    fn a_style_cycle_ends() {
        let mut deck = sample_odp();
        deck.styles[2].parent = Some("dp3".into());
        let read_back = read(&deck.build()).unwrap();
        assert!(!read_back.slides[3].hidden);
    }

    #[test]
    fn iso_durations_in_every_spelling_seen() {
        let cases = [
            ("PT00H00M05S", Some(5_000_u64)),
            ("PT3S", Some(3_000)),
            ("PT3.0S", Some(3_000)),
            ("PT1M30.5S", Some(90_500)),
            ("P0DT0H1M0S", Some(60_000)),
            ("PT2H", Some(7_200_000)),
            ("pt4s", Some(4_000)),
            ("PT", None),
            ("5S", None),
            ("PT5", None),
            ("PT5S3M", None),
            ("PTxS", None),
        ];
        for (text, want) in cases {
            let got = iso_duration(text).map(|d| d.as_millis());
            assert_eq!(got, want.map(u128::from), "{text}");
        }
    }

    #[test]
    fn page_names_of_libreoffice_are_synthetic() {
        assert!(synthetic("page1") && synthetic("Page12"));
        assert!(!synthetic("page") && !synthetic("pages") && !synthetic("Intro"));
    }

    #[test]
    fn damaged_decks_are_errors_never_panics() {
        let bytes = sample_odp().build();
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            assert!(read(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        for at in (30..flipped.len()).step_by(step) {
            flipped[at] ^= 0xFF;
            let _ = read(&flipped);
        }
    }
}
