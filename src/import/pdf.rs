//! PDF decks (Beamer, Polylux, Touying or any export) into a [`Deck`], with their `.pdfpc`.
//!
//! Owns what a PDF says about slides: pages grouped into slides by page label as pdfpc does
//! (Beamer's overlays repeat their frame's label, so 68 pages can be 31 slides; without
//! `/PageLabels` one page is one slide), the extra pages of a slide counted as its steps;
//! sections from the outline's top level (a section starts at the slide its entry lands on);
//! a slide's title from the deepest outline entry that lands on it, counted as guessed (a PDF
//! has no slide titles), else `Slide N`; the talk's title from Info `/Title`. From a `.pdfpc`
//! sidecar (JSON format 2, or the older `[notes]` text): `duration` (minutes) as the talk
//! budget, each page's `note` as its slide's notes, `hidden` pages left out (a slide is hidden
//! when all its pages are).
//!
//! Not read: the text on the pages (no reliable title), Beamer note pages, notes as PDF
//! annotations, the sidecar's `startTime`/`endTime`/`endSlide`/`lastMinutes`. A PDF that needs
//! a password is refused with what to do. Everything is bounded: streams inflate to at most
//! 16 MB each and about 256 MB together; every walk of the outline, page labels and name
//! trees keeps a visited set and a depth limit; the sidecar is at most 16 MB. It reads bytes
//! and text only: no files, no terminal, no clock.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::Duration;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use serde::Deserialize;

use super::pptx::tidy_notes;
use super::{Deck, DeckBudget, DeckError, DeckSlide};

/// How far any one stream may inflate while the PDF loads (object and cross-reference streams
/// only: page contents and images are never inflated).
const STREAM_LIMIT: usize = 16 * 1024 * 1024;
/// How far all the streams inflated while loading may inflate together, about.
const STREAMS_TOTAL: usize = 256 * 1024 * 1024;
/// How deep the outline, label and name trees may nest.
const TREE_DEPTH: usize = 32;
/// How large a `.pdfpc` sidecar may be.
const SIDECAR_LIMIT: usize = 16 * 1024 * 1024;

/// Reads a PDF deck's bytes, and the text of the `.pdfpc` sidecar beside it when there is one.
pub fn read(bytes: &[u8], pdfpc: Option<&str>) -> Result<Deck, DeckError> {
    let sidecar = pdfpc.map(Sidecar::parse).transpose()?;
    let doc =
        load(bytes).map_err(|e| super::sniff::mismatch(bytes, super::Format::Pdf).unwrap_or(e))?;
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if pages.is_empty() {
        return Err(DeckError::invalid("the PDF has no pages"));
    }
    let mut deck = Deck::default();
    let labels = match page_labels(&doc, pages.len()) {
        Ok(labels) => labels,
        Err(why) => {
            deck.skipped.push(format!(
                "page labels unreadable ({why}): one page is one slide"
            ));
            None
        }
    };
    let groups = group(labels.as_deref(), pages.len());
    let page_index: HashMap<ObjectId, usize> =
        pages.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let outline = match outline(&doc, &page_index) {
        Ok(outline) => outline,
        Err(why) => {
            deck.skipped.push(format!(
                "the outline is unreadable ({why}): no sections, no titles from it"
            ));
            Vec::new()
        }
    };
    let slide_of_page = |page: usize| groups.partition_point(|g| g.end <= page);

    let mut section: Option<String> = None;
    let mut sections = outline.iter().filter(|e| e.level == 1).peekable();
    for (index, pages) in groups.iter().enumerate() {
        while let Some(entry) = sections.next_if(|e| slide_of_page(e.page) <= index) {
            section = Some(entry.title.clone());
        }
        let landing =
            outline
                .iter()
                .filter(|e| pages.contains(&e.page))
                .fold(None::<&Entry>, |best, e| match best {
                    Some(b) if b.level >= e.level => Some(b),
                    _ => Some(e),
                });
        let number = index + 1;
        let (title, guessed) = match landing {
            Some(entry) => (
                entry.title.clone(),
                "outline entry on this slide (a PDF has no slide titles)",
            ),
            None => (
                format!("Slide {number}"),
                "no outline entry lands on this slide",
            ),
        };
        deck.slides.push(DeckSlide {
            number,
            title,
            guessed: Some(guessed.to_owned()),
            section: section.clone(),
            steps: u32::try_from(pages.len() - 1).unwrap_or(u32::MAX),
            ..DeckSlide::default()
        });
    }
    deck.title = info_title(&doc);
    if let Some(sidecar) = sidecar {
        sidecar.apply(&mut deck, &groups, pages.len());
    }
    Ok(deck)
}

/// Loads the document, telling a locked PDF from a damaged one.
fn load(bytes: &[u8]) -> Result<Document, DeckError> {
    // lopdf bounds each stream, not their sum: share the total out among the streams that
    // loading inflates (object streams and cross-reference streams, named in plain text).
    let count = |name: &[u8]| bytes.windows(name.len()).filter(|w| *w == name).count();
    let streams = count(b"/ObjStm") + count(b"/XRef");
    let options = LoadOptions {
        max_decompressed_size: Some(STREAM_LIMIT.min(STREAMS_TOTAL / streams.max(1))),
        ..LoadOptions::default()
    };
    let locked = || {
        DeckError::Unsupported(
            "the PDF is encrypted with a password: save or print it to a PDF without one \
             (or `qpdf --decrypt`), then import"
                .to_owned(),
        )
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword
        | lopdf::Error::Decryption(_)
        | lopdf::Error::UnsupportedSecurityHandler(_) => locked(),
        e => DeckError::invalid(format!(
            "the PDF is damaged and cannot be read ({e}): export it from its source again"
        )),
    })?;
    // lopdf opens a PDF with an empty user password itself and then drops `/Encrypt`; one
    // still there needed a password pacer does not have.
    if doc.trailer.has(b"Encrypt") {
        return Err(locked());
    }
    Ok(doc)
}

/// Slides as ranges of 0-based pages: runs of one label, or one page each without labels.
fn group(labels: Option<&[String]>, pages: usize) -> Vec<Range<usize>> {
    let Some(labels) = labels else {
        return (0..pages).map(|p| p..p + 1).collect();
    };
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (page, label) in labels.iter().enumerate() {
        match groups.last_mut() {
            Some(last) if labels[last.start] == *label => last.end = page + 1,
            _ => groups.push(page..page + 1),
        }
    }
    groups
}

/// Every page's label from `/PageLabels`, or `None` when the PDF has none.
fn page_labels(doc: &Document, pages: usize) -> Result<Option<Vec<String>>, String> {
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let Ok(tree) = catalog.get_deref(b"PageLabels", doc) else {
        return Ok(None);
    };
    let tree = tree.as_dict().map_err(|e| e.to_string())?;
    let mut ranges: Vec<(i64, &Dictionary)> = Vec::new();
    let mut seen = HashSet::new();
    number_tree(doc, tree, 0, &mut seen, &mut ranges)?;
    if ranges.is_empty() {
        return Ok(None);
    }
    ranges.sort_by_key(|(start, _)| *start);
    let mut labels = Vec::with_capacity(pages);
    let mut at = 0;
    for page in 0..pages {
        let page_key = i64::try_from(page).unwrap_or(i64::MAX);
        while at + 1 < ranges.len() && ranges[at + 1].0 <= page_key {
            at += 1;
        }
        let (start, range) = ranges[at];
        if start > page_key {
            labels.push((page + 1).to_string());
            continue;
        }
        labels.push(label(doc, range, page_key - start));
    }
    Ok(Some(labels))
}

/// Collects a number tree's `/Nums` pairs, through `/Kids`, each node once.
fn number_tree<'d>(
    doc: &'d Document,
    node: &'d Dictionary,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<(i64, &'d Dictionary)>,
) -> Result<(), String> {
    if depth > TREE_DEPTH {
        return Err("the page label tree nests too deep".to_owned());
    }
    if let Ok(nums) = node.get_deref(b"Nums", doc).and_then(Object::as_array) {
        for pair in nums.chunks_exact(2) {
            let (Ok(key), Ok((_, value))) = (pair[0].as_i64(), doc.dereference(&pair[1])) else {
                continue;
            };
            if let Ok(range) = value.as_dict() {
                out.push((key, range));
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            let Ok(id) = kid.as_reference() else { continue };
            if !seen.insert(id) {
                continue;
            }
            if let Ok(kid) = doc.get_dictionary(id) {
                number_tree(doc, kid, depth + 1, seen, out)?;
            }
        }
    }
    Ok(())
}

/// One page's label: the range's prefix and its number in the range's style.
fn label(doc: &Document, range: &Dictionary, offset: i64) -> String {
    let prefix = range
        .get_deref(b"P", doc)
        .ok()
        .map(text_string)
        .unwrap_or_default();
    let start = range
        .get_deref(b"St", doc)
        .and_then(Object::as_i64)
        .unwrap_or(1);
    let value = start.saturating_add(offset);
    let number = match range.get_deref(b"S", doc).and_then(Object::as_name) {
        Ok(b"D") => value.to_string(),
        Ok(b"R") => roman(value),
        Ok(b"r") => roman(value).to_lowercase(),
        Ok(b"A") => letters(value),
        Ok(b"a") => letters(value).to_lowercase(),
        _ => String::new(),
    };
    format!("{prefix}{number}")
}

fn roman(value: i64) -> String {
    if !(1..5000).contains(&value) {
        return value.to_string();
    }
    let mut left = value;
    let mut out = String::new();
    for (n, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while left >= n {
            out.push_str(s);
            left -= n;
        }
    }
    out
}

/// `A`..`Z`, then `AA`..`ZZ`, `AAA`...: the letter repeated, as the PDF spec says.
fn letters(value: i64) -> String {
    if !(1..=26 * 100).contains(&value) {
        return value.to_string();
    }
    let index = u8::try_from((value - 1) % 26).unwrap_or(0);
    let times = usize::try_from((value - 1) / 26 + 1).unwrap_or(1);
    char::from(b'A' + index).to_string().repeat(times)
}

/// A PDF text string (UTF-16 with its mark, UTF-8 with its mark, or `PDFDocEncoding`).
fn text_string(object: &Object) -> String {
    lopdf::decode_text_string(object)
        .or_else(|_| {
            object
                .as_str()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .unwrap_or_default()
}

/// One outline entry and the 0-based page it lands on.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    level: usize,
    title: String,
    page: usize,
}

/// The outline's entries in document order; entries that land on no page are passed over.
fn outline(doc: &Document, page_index: &HashMap<ObjectId, usize>) -> Result<Vec<Entry>, String> {
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let Ok(root) = catalog
        .get_deref(b"Outlines", doc)
        .and_then(Object::as_dict)
    else {
        return Ok(Vec::new());
    };
    let named = NamedDestinations::new(doc, catalog);
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(ObjectId, usize)> = Vec::new();
    if let Ok(first) = root.get(b"First").and_then(Object::as_reference) {
        stack.push((first, 1));
    }
    while let Some((id, level)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push((next, level));
        }
        if level < TREE_DEPTH
            && let Ok(first) = item.get(b"First").and_then(Object::as_reference)
        {
            stack.push((first, level + 1));
        }
        let title = item
            .get_deref(b"Title", doc)
            .map(text_string)
            .unwrap_or_default();
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            continue;
        }
        if let Some(page) = destination(doc, item, &named, page_index) {
            entries.push(Entry { level, title, page });
        }
    }
    Ok(entries)
}

/// The page an outline item goes to: its `/Dest`, or a `GoTo` action's `/D`.
fn destination(
    doc: &Document,
    item: &Dictionary,
    named: &NamedDestinations,
    page_index: &HashMap<ObjectId, usize>,
) -> Option<usize> {
    let dest = if let Ok(dest) = item.get_deref(b"Dest", doc) {
        dest
    } else {
        let action = item.get_deref(b"A", doc).and_then(Object::as_dict).ok()?;
        if action.get(b"S").and_then(Object::as_name).ok()? != b"GoTo" {
            return None;
        }
        action.get_deref(b"D", doc).ok()?
    };
    resolve(doc, dest, named, page_index, 0)
}

fn resolve(
    doc: &Document,
    dest: &Object,
    named: &NamedDestinations,
    page_index: &HashMap<ObjectId, usize>,
    depth: usize,
) -> Option<usize> {
    if depth > 4 {
        return None;
    }
    match dest {
        Object::Array(parts) => match parts.first()? {
            Object::Reference(page) => page_index.get(page).copied(),
            Object::Integer(page) => usize::try_from(*page)
                .ok()
                .filter(|p| *p < page_index.len()),
            _ => None,
        },
        Object::Name(name) | Object::String(name, _) => {
            resolve(doc, named.get(doc, name)?, named, page_index, depth + 1)
        }
        Object::Dictionary(dict) => resolve(
            doc,
            dict.get_deref(b"D", doc).ok()?,
            named,
            page_index,
            depth + 1,
        ),
        Object::Reference(id) => {
            resolve(doc, doc.get_object(*id).ok()?, named, page_index, depth + 1)
        }
        _ => None,
    }
}

/// Named destinations: the catalog's `/Dests` dictionary and the `/Names` `/Dests` name tree.
struct NamedDestinations<'d> {
    dests: Option<&'d Dictionary>,
    tree: HashMap<Vec<u8>, &'d Object>,
}

impl<'d> NamedDestinations<'d> {
    fn new(doc: &'d Document, catalog: &'d Dictionary) -> Self {
        let dests = catalog
            .get_deref(b"Dests", doc)
            .and_then(Object::as_dict)
            .ok();
        let mut tree = HashMap::new();
        if let Ok(root) = catalog
            .get_deref(b"Names", doc)
            .and_then(Object::as_dict)
            .and_then(|names| names.get_deref(b"Dests", doc))
            .and_then(Object::as_dict)
        {
            name_tree(doc, root, 0, &mut HashSet::new(), &mut tree);
        }
        Self { dests, tree }
    }

    fn get(&self, doc: &'d Document, name: &[u8]) -> Option<&'d Object> {
        if let Some(found) = self.tree.get(name) {
            return Some(found);
        }
        self.dests?.get_deref(name, doc).ok()
    }
}

fn name_tree<'d>(
    doc: &'d Document,
    node: &'d Dictionary,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut HashMap<Vec<u8>, &'d Object>,
) {
    if depth > TREE_DEPTH {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks_exact(2) {
            if let (Ok(key), Ok((_, value))) = (pair[0].as_str(), doc.dereference(&pair[1])) {
                out.entry(key.to_vec()).or_insert(value);
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            let Ok(id) = kid.as_reference() else { continue };
            if seen.insert(id)
                && let Ok(kid) = doc.get_dictionary(id)
            {
                name_tree(doc, kid, depth + 1, seen, out);
            }
        }
    }
}

/// Info `/Title`, when it says something.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc
        .trailer
        .get_deref(b"Info", doc)
        .and_then(Object::as_dict)
        .ok()?;
    let title = text_string(info.get_deref(b"Title", doc).ok()?);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// What a `.pdfpc` sidecar says, in either of its formats.
#[derive(Debug, Default, PartialEq)]
struct Sidecar {
    /// Minutes.
    duration: Option<u64>,
    /// 0-based page -> note, for format 2.
    page_notes: Vec<(usize, String)>,
    /// 1-based slide -> note, for the old text format.
    slide_notes: Vec<(usize, String)>,
    hidden_pages: Vec<usize>,
    /// Things the sidecar says that pacer passed over.
    skipped: Vec<String>,
}

/// The JSON sidecar, format 2 (`schema/pdfpc.json` in pdfpc); other keys are not needed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Json {
    pdfpc_format: Option<u64>,
    duration: Option<u64>,
    #[serde(default)]
    pages: Vec<JsonPage>,
}

#[derive(Debug, Deserialize)]
struct JsonPage {
    idx: usize,
    #[serde(default)]
    hidden: bool,
    note: Option<String>,
}

impl Sidecar {
    fn parse(text: &str) -> Result<Self, DeckError> {
        if text.len() > SIDECAR_LIMIT {
            return Err(DeckError::invalid(format!(
                "the .pdfpc sidecar beside the PDF is larger than {} MB: not a pdfpc file; \
                 move it away to import without it",
                SIDECAR_LIMIT / (1024 * 1024)
            )));
        }
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            Self::json(body)
        } else {
            Ok(Self::old(body))
        }
    }

    fn json(text: &str) -> Result<Self, DeckError> {
        let json: Json = serde_json::from_str(text).map_err(|e| {
            DeckError::invalid(format!(
                "the .pdfpc sidecar beside the PDF is not pdfpc JSON ({e}); fix it, or move \
                 it away to import without it"
            ))
        })?;
        let mut sidecar = Self::default();
        if let Some(format) = json.pdfpc_format.filter(|f| *f != 2) {
            sidecar.skipped.push(format!(
                "the .pdfpc sidecar is format {format}; read as format 2"
            ));
        }
        sidecar.duration = json.duration;
        for page in json.pages {
            if let Some(note) = page.note {
                sidecar.page_notes.push((page.idx, note));
            }
            if page.hidden {
                sidecar.hidden_pages.push(page.idx);
            }
        }
        Ok(sidecar)
    }

    /// The older text format: `[duration]` then minutes, `[notes]` then `### N` per slide.
    fn old(text: &str) -> Self {
        let mut sidecar = Self::default();
        let mut block = "";
        let mut note: Option<(usize, String)> = None;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                sidecar.slide_notes.extend(note.take());
                block = trimmed;
                continue;
            }
            match block {
                "[duration]" => {
                    if let Ok(minutes) = trimmed.parse() {
                        sidecar.duration = Some(minutes);
                    }
                }
                "[notes]" => {
                    if let Some(slide) = trimmed.strip_prefix("###") {
                        sidecar.slide_notes.extend(note.take());
                        note = slide.trim().parse().ok().map(|n| (n, String::new()));
                    } else if let Some((_, text)) = &mut note {
                        text.push_str(line);
                        text.push('\n');
                    }
                }
                _ => {}
            }
        }
        sidecar.slide_notes.extend(note);
        sidecar
    }

    fn apply(self, deck: &mut Deck, groups: &[Range<usize>], pages: usize) {
        deck.skipped.extend(self.skipped);
        match self.duration {
            Some(0) => deck
                .skipped
                .push("the .pdfpc sidecar's `duration` is 0 minutes; ignored".to_owned()),
            Some(minutes) => {
                deck.budget = Some(DeckBudget {
                    budget: Duration::from_secs(minutes.saturating_mul(60)),
                    source: "`duration` in the .pdfpc sidecar".to_owned(),
                });
            }
            None => {}
        }
        let slide_of = |page: usize| groups.partition_point(|g| g.end <= page);
        let outside = |page: usize| {
            format!(
                "the .pdfpc sidecar names page {}, but the PDF has {pages}; ignored",
                page + 1
            )
        };
        let mut notes: Vec<Vec<String>> = vec![Vec::new(); groups.len()];
        for (page, note) in self.page_notes {
            if page >= pages {
                deck.skipped.push(outside(page));
                continue;
            }
            notes[slide_of(page)].push(note);
        }
        for (slide, note) in self.slide_notes {
            match slide.checked_sub(1).filter(|s| *s < groups.len()) {
                Some(index) => notes[index].push(note),
                None => deck.skipped.push(format!(
                    "the .pdfpc sidecar has notes for slide {slide}, but the PDF has {}; ignored",
                    groups.len()
                )),
            }
        }
        for (slide, parts) in deck.slides.iter_mut().zip(notes) {
            slide.notes = tidy_notes(&parts.join("\n\n"));
        }
        let mut hidden = vec![false; pages];
        for page in self.hidden_pages {
            match hidden.get_mut(page) {
                Some(flag) => *flag = true,
                None => deck.skipped.push(outside(page)),
            }
        }
        for (slide, range) in deck.slides.iter_mut().zip(groups) {
            slide.hidden = range.clone().all(|p| hidden[p]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testdecks::{
        OutlineEntry, PageLabel, Pdf, PdfText, beamer_labels, sample_pdf, sample_pdfpc,
    };

    fn titles(deck: &Deck) -> Vec<&str> {
        deck.slides.iter().map(|s| s.title.as_str()).collect()
    }

    #[test]
    fn beamer_overlays_group_into_one_slide_each() {
        let deck = read(&sample_pdf().build(), None).unwrap();
        assert_eq!(deck.slides.len(), 9, "14 pages, 9 labels");
        let steps: Vec<_> = deck.slides.iter().map(|s| s.steps).collect();
        assert_eq!(steps, [0, 0, 2, 0, 1, 0, 2, 0, 0]);
        let numbers: Vec<_> = deck.slides.iter().map(|s| s.number).collect();
        assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
        assert_eq!(deck.title.as_deref(), Some("Making diffusion light"));
        assert_eq!(deck.budget, None);
        assert!(deck.slides.iter().all(|s| s.notes.is_none() && !s.hidden));
    }

    #[test]
    fn sections_and_titles_come_from_the_outline() {
        let deck = read(&sample_pdf().build(), None).unwrap();
        // Pages: frame 1 = 0, 2 = 1, 3 = 2..5, 4 = 5, 5 = 6..8, 6 = 8, 7 = 9..12, ...
        assert_eq!(
            titles(&deck),
            [
                "Slide 1",
                "Slide 2",
                "Why on-device",
                "Slide 4",
                "Méthode → results",
                "Café benchmarks",
                "Slide 7",
                "Slide 8",
                "Slide 9"
            ]
        );
        let sections: Vec<_> = deck.slides.iter().map(|s| s.section.as_deref()).collect();
        assert_eq!(
            sections,
            [
                None,
                None,
                Some("Motivation"),
                Some("Motivation"),
                Some("Méthode → results"),
                Some("Méthode → results"),
                Some("Méthode → results"),
                Some("Méthode → results"),
                Some("Méthode → results")
            ]
        );
        assert!(deck.slides.iter().all(|s| s.guessed.is_some()));
    }

    #[test]
    fn direct_destinations_read_like_named_ones() {
        let named = read(&sample_pdf().build(), None).unwrap();
        let direct = Pdf {
            named_destinations: false,
            ..sample_pdf()
        };
        assert_eq!(read(&direct.build(), None).unwrap(), named);
    }

    #[test]
    fn without_labels_or_outline_a_page_is_a_slide() {
        let plain = Pdf {
            pages: 5,
            ..Pdf::default()
        };
        let deck = read(&plain.build(), None).unwrap();
        assert_eq!(
            titles(&deck),
            ["Slide 1", "Slide 2", "Slide 3", "Slide 4", "Slide 5"]
        );
        assert!(
            deck.slides
                .iter()
                .all(|s| s.section.is_none() && s.steps == 0)
        );
        assert_eq!(deck.title, None);
        assert!(deck.skipped.is_empty(), "{:?}", deck.skipped);
    }

    #[test]
    fn styled_labels_group_nothing_when_every_page_differs() {
        let front = Pdf {
            pages: 6,
            labels: vec![
                PageLabel {
                    first_page: 0,
                    style: Some('r'),
                    ..PageLabel::default()
                },
                PageLabel {
                    first_page: 3,
                    style: Some('D'),
                    prefix: Some("A-".into()),
                    start: Some(7),
                },
            ],
            ..Pdf::default()
        };
        let doc = Document::load_mem(&front.build()).unwrap();
        let labels = page_labels(&doc, 6).unwrap().unwrap();
        assert_eq!(labels, ["i", "ii", "iii", "A-7", "A-8", "A-9"]);
        assert_eq!(read(&front.build(), None).unwrap().slides.len(), 6);
    }

    #[test]
    fn label_numbers_in_every_style() {
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(0), "0");
        assert_eq!(letters(1), "A");
        assert_eq!(letters(26), "Z");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(53), "AAA");
    }

    #[test]
    fn the_sidecar_gives_budget_notes_and_hidden_slides() {
        let deck = read(&sample_pdf().build(), Some(&sample_pdfpc())).unwrap();
        assert_eq!(
            deck.budget,
            Some(DeckBudget {
                budget: Duration::from_secs(15 * 60),
                source: "`duration` in the .pdfpc sidecar".into()
            })
        );
        let notes: Vec<_> = deck.slides.iter().map(|s| s.notes.as_deref()).collect();
        assert_eq!(
            notes[0],
            Some("Welcome, and thanks.\n  Say the name slowly.")
        );
        assert_eq!(
            notes[2],
            Some("The second build: point at the chart."),
            "page 4 is slide 3"
        );
        assert_eq!(notes.iter().filter(|n| n.is_some()).count(), 2);
        let hidden: Vec<_> = deck.slides.iter().map(|s| s.hidden).collect();
        assert_eq!(
            hidden,
            [false, false, false, false, false, false, false, false, true]
        );
    }

    #[test]
    fn a_slide_is_hidden_only_when_all_its_pages_are() {
        let sidecar = r#"{"pdfpcFormat": 2, "pages": [{"idx": 2, "hidden": true}, {"idx": 99, "note": "x"}]}"#;
        let deck = read(&sample_pdf().build(), Some(sidecar)).unwrap();
        assert!(!deck.slides[2].hidden, "one overlay of three hidden");
        assert_eq!(
            deck.skipped,
            ["the .pdfpc sidecar names page 100, but the PDF has 14; ignored"]
        );
    }

    #[test]
    fn the_old_text_sidecar_reads_too() {
        let old = "[file]\ntalk.pdf\n[duration]\n20\n[notes]\n### 1\nFirst line\n  second\n### 3\nThird slide.\n### 40\nnowhere\n";
        let deck = read(&sample_pdf().build(), Some(old)).unwrap();
        assert_eq!(deck.budget.unwrap().budget, Duration::from_secs(1200));
        assert_eq!(
            deck.slides[0].notes.as_deref(),
            Some("First line\n  second")
        );
        assert_eq!(deck.slides[2].notes.as_deref(), Some("Third slide."));
        assert_eq!(
            deck.skipped,
            ["the .pdfpc sidecar has notes for slide 40, but the PDF has 9; ignored"]
        );
    }

    #[test]
    fn a_broken_sidecar_is_an_error_that_says_where() {
        let err = read(&sample_pdf().build(), Some("{\n  \"duration\": \"ten\"\n}"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the .pdfpc sidecar beside the PDF is not pdfpc JSON"),
            "{err}"
        );
        assert!(err.contains("line 2 column"), "{err}");
        let huge = " ".repeat(SIDECAR_LIMIT + 1);
        assert!(read(&sample_pdf().build(), Some(&huge)).is_err());
    }

    #[test]
    fn an_encrypted_pdf_says_what_to_do() {
        let locked = Pdf {
            user_password: Some("secret".into()),
            ..sample_pdf()
        };
        let err = read(&locked.build(), None).unwrap_err();
        assert!(matches!(err, DeckError::Unsupported(_)), "{err}");
        assert!(
            err.to_string().contains("encrypted with a password"),
            "{err}"
        );
    }

    #[test]
    fn damaged_pdfs_are_errors_never_panics() {
        let bytes = sample_pdf().build();
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = read(&bytes[..cut], None);
        }
        let mut flipped = bytes.clone();
        for at in (10..flipped.len()).step_by(step) {
            flipped[at] ^= 0x55;
            let _ = read(&flipped, None);
        }
        let err = read(b"%PDF-1.7\nnothing else", None)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the PDF is damaged and cannot be read"),
            "{err}"
        );
    }

    #[test]
    fn an_outline_that_loops_ends() {
        let mut deck = sample_pdf();
        deck.named_destinations = false;
        let bytes = deck.build();
        let mut doc = Document::load_mem(&bytes).unwrap();
        let first = doc
            .catalog()
            .unwrap()
            .get_deref(b"Outlines", &doc)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"First")
            .unwrap()
            .as_reference()
            .unwrap();
        doc.get_dictionary_mut(first).unwrap().set("Next", first);
        let mut looped = Vec::new();
        doc.save_to(&mut looped).unwrap();
        let read_back = read(&looped, None).unwrap();
        assert_eq!(read_back.slides.len(), 9);
    }

    #[test]
    fn many_overlays_make_few_slides() {
        let overlays: Vec<usize> = (0..31)
            .map(|i| if i == 6 { 13 } else { 1 + i % 2 })
            .collect();
        let pages = overlays.iter().sum();
        let deck = Pdf {
            pages,
            labels: beamer_labels(&overlays),
            outline: vec![OutlineEntry {
                level: 1,
                title: PdfText::PdfDoc("References".into()),
                page: pages - 1,
            }],
            ..Pdf::default()
        };
        let read_back = read(&deck.build(), None).unwrap();
        assert_eq!(read_back.slides.len(), 31);
        assert_eq!(read_back.slides[6].steps, 12);
        assert_eq!(read_back.slides[30].section.as_deref(), Some("References"));
        assert_eq!(read_back.slides[29].section, None);
    }
}
