//! Test decks written by code: pptx and odp through the zip crate, PDF through lopdf.
//!
//! Owns building small decks that show every fact the binary readers must get right, for the
//! unit tests beside the readers (`cfg(test)`), and for `tests/` and `benches/` through the
//! `testdecks` feature (the crate's dev-dependency on itself turns it on, so nothing is needed
//! on the command line): `pacer::import::testdecks::sample_pptx().build()` and so on. Each
//! builder is plain data with public fields, so a test changes one fact and builds. It must
//! not read files or parse decks: it only writes them, and it is never part of a release build.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipWriter};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, dictionary};

/// A zip of these entries, deflated, in this order.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let owned: Vec<(String, Vec<u8>, bool)> = entries
        .iter()
        .map(|(name, bytes)| ((*name).to_owned(), bytes.to_vec(), false))
        .collect();
    write_zip(&owned)
}

/// Writes `(name, bytes, stored)` entries; stored ones are not compressed.
fn write_zip(entries: &[(String, Vec<u8>, bool)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes, stored) in entries {
        let method = if *stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Text escaped for an XML element or attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// pptx

const P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const P14: &str = "http://schemas.microsoft.com/office/powerpoint/2010/main";
/// The section list extension's uri (`{...B5E84}`; one crate writes `B5E64`, which is wrong).
pub const SECTIONS_URI: &str = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}";

/// A pptx deck: slides in presentation order, each in a part of its own number.
#[derive(Debug, Clone, Default)]
pub struct Pptx {
    pub slides: Vec<PptxSlide>,
    /// `p14:sectionLst`: names and the `sldId@id`s they hold (empty sections are real).
    pub sections: Vec<(String, Vec<u32>)>,
    /// Stored (not compressed) media parts, `ppt/media/NAME`.
    pub media: Vec<(String, Vec<u8>)>,
    /// `docProps/core.xml` `dc:title`, usually a template leftover.
    pub core_title: Option<String>,
    /// The namespace prefix used for the p14 section list (`p14` in the files `PowerPoint` writes).
    pub p14_prefix: String,
}

/// One slide of a [`Pptx`].
#[derive(Debug, Clone, Default)]
pub struct PptxSlide {
    /// `p:sldId@id`, 256 and up.
    pub id: u32,
    /// The N of `ppt/slides/slideN.xml`: not the order.
    pub file: u32,
    /// The title placeholder's lines (joined by `a:br`), or none at all.
    pub title: Option<Vec<String>>,
    /// `title` or `ctrTitle`.
    pub title_type: String,
    /// Paragraphs in a plain text box (no placeholder).
    pub body: Vec<String>,
    /// Paragraphs in the body placeholder (title text sometimes sits there).
    pub body_placeholder: Vec<String>,
    /// The notes slide's body text, one paragraph a line; `Some("")` writes an empty notes slide.
    pub notes: Option<String>,
    /// `<p:sld show="0">`.
    pub hidden: bool,
    /// `p:transition@advTm` in milliseconds.
    pub adv_tm: Option<u32>,
    /// Writes the transition twice, in `mc:AlternateContent` Choice and Fallback.
    pub alternate: bool,
    /// Click-triggered animation effects.
    pub clicks: u32,
    /// Names of `ppt/media/` parts the slide shows as pictures.
    pub pictures: Vec<String>,
}

impl PptxSlide {
    /// A slide with a title placeholder of one line.
    pub fn titled(id: u32, file: u32, title: &str) -> Self {
        Self {
            id,
            file,
            title: Some(vec![title.to_owned()]),
            title_type: "title".to_owned(),
            ..Self::default()
        }
    }
}

/// Every pptx fact in six slides: part numbers out of order, a centred title with a line
/// break, notes with indented code, an empty notes slide, a slide whose only text sits in a
/// text box, a picture-only slide, a hidden slide, sections (one of them empty) and timings
/// in `mc:AlternateContent`.
pub fn sample_pptx() -> Pptx {
    let mut opening = PptxSlide::titled(256, 3, "");
    opening.title = Some(vec!["Making diffusion light".into(), "on a phone".into()]);
    opening.title_type = "ctrTitle".into();
    opening.notes = Some("Welcome.\n  fn main() {\n      light();\n  }".into());
    opening.adv_tm = Some(15_000);
    opening.alternate = true;

    let mut who = PptxSlide::titled(257, 1, "Who I am");
    who.notes = Some(String::new());
    who.adv_tm = Some(10_000);

    let mut textbox = PptxSlide {
        id: 260,
        file: 2,
        body: vec![
            String::new(),
            "Why a phone beats a server for this, in latency, privacy and cost at scale".into(),
        ],
        clicks: 2,
        ..PptxSlide::default()
    };
    textbox.notes = Some("Three reasons.".into());

    let picture = PptxSlide {
        id: 262,
        file: 6,
        pictures: vec!["image1.png".into()],
        ..PptxSlide::default()
    };

    let mut hidden = PptxSlide::titled(263, 4, "Backup: the maths");
    hidden.hidden = true;

    let questions = PptxSlide::titled(270, 5, "Questions");

    Pptx {
        slides: vec![opening, who, textbox, picture, hidden, questions],
        sections: vec![
            ("Opening".into(), vec![256, 257]),
            ("Slack".into(), vec![]),
            ("Method".into(), vec![260, 262, 263]),
            ("Closing".into(), vec![270]),
        ],
        media: vec![("image1.png".into(), b"\x89PNG\r\n\x1a\nnot really".to_vec())],
        core_title: Some("Title Slide No more than 2 lines".into()),
        p14_prefix: "p14".into(),
    }
}

impl Pptx {
    /// The deck as pptx bytes.
    pub fn build(&self) -> Vec<u8> {
        let mut entries: Vec<(String, Vec<u8>, bool)> = Vec::new();
        let mut add =
            |name: &str, text: String| entries.push((name.to_owned(), text.into_bytes(), false));
        add("[Content_Types].xml", self.content_types());
        add(
            "_rels/.rels",
            rels(&[
                ("rId1", "officeDocument", "ppt/presentation.xml"),
                ("rId2", "metadata/core-properties", "docProps/core.xml"),
            ]),
        );
        if let Some(title) = &self.core_title {
            add(
                "docProps/core.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>"#,
                    esc(title)
                ),
            );
        }
        add("ppt/presentation.xml", self.presentation());
        let slide_rels: Vec<(String, String, String)> = self
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    format!("rId{}", i + 10),
                    "slide".to_owned(),
                    format!("slides/slide{}.xml", s.file),
                )
            })
            .collect();
        let slide_rels: Vec<(&str, &str, &str)> = slide_rels
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        add("ppt/_rels/presentation.xml.rels", rels(&slide_rels));
        for slide in &self.slides {
            add(&format!("ppt/slides/slide{}.xml", slide.file), slide.xml());
            let mut targets = Vec::new();
            if slide.notes.is_some() {
                targets.push((
                    "rId1".to_owned(),
                    "notesSlide".to_owned(),
                    format!("../notesSlides/notesSlide{}.xml", slide.file),
                ));
            }
            for (i, picture) in slide.pictures.iter().enumerate() {
                targets.push((
                    format!("rId{}", i + 2),
                    "image".to_owned(),
                    format!("../media/{picture}"),
                ));
            }
            let targets: Vec<(&str, &str, &str)> = targets
                .iter()
                .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
                .collect();
            add(
                &format!("ppt/slides/_rels/slide{}.xml.rels", slide.file),
                rels(&targets),
            );
            if let Some(notes) = &slide.notes {
                add(
                    &format!("ppt/notesSlides/notesSlide{}.xml", slide.file),
                    notes_xml(notes),
                );
            }
        }
        for (name, bytes) in &self.media {
            entries.push((format!("ppt/media/{name}"), bytes.clone(), true));
        }
        write_zip(&entries)
    }

    fn content_types(&self) -> String {
        let mut overrides = String::new();
        for slide in &self.slides {
            let _ = write!(
                overrides,
                r#"<Override PartName="/ppt/slides/slide{}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>"#,
                slide.file
            );
        }
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>{overrides}</Types>"#
        )
    }

    fn presentation(&self) -> String {
        let mut ids = String::new();
        for (i, slide) in self.slides.iter().enumerate() {
            let _ = write!(ids, r#"<p:sldId id="{}" r:id="rId{}"/>"#, slide.id, i + 10);
        }
        let mut sections = String::new();
        if !self.sections.is_empty() {
            let p14 = &self.p14_prefix;
            let _ = write!(
                sections,
                r#"<p:extLst><p:ext uri="{{EFAFB233-063F-42B5-8137-9DF3F51BA10A}}"><p15:sldGuideLst xmlns:p15="http://schemas.microsoft.com/office/powerpoint/2012/main"/></p:ext><p:ext uri="{SECTIONS_URI}"><{p14}:sectionLst xmlns:{p14}="{P14}">"#
            );
            for (i, (name, members)) in self.sections.iter().enumerate() {
                let _ = write!(
                    sections,
                    r#"<{p14}:section name="{}" id="{{8E0F7A4B-0000-0000-0000-00000000000{i}}}"><{p14}:sldIdLst>"#,
                    esc(name)
                );
                for id in members {
                    let _ = write!(sections, r#"<{p14}:sldId id="{id}"/>"#);
                }
                let _ = write!(sections, "</{p14}:sldIdLst></{p14}:section>");
            }
            let _ = write!(sections, "</{p14}:sectionLst></p:ext></p:extLst>");
        }
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation xmlns:a="{A}" xmlns:r="{R}" xmlns:p="{P}"><p:sldMasterIdLst/><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/>{sections}</p:presentation>"#
        )
    }
}

fn rels(targets: &[(&str, &str, &str)]) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{RELS}">"#
    );
    for (id, kind, target) in targets {
        let kind = if kind.starts_with("metadata/") {
            format!("http://schemas.openxmlformats.org/package/2006/relationships/{kind}")
        } else {
            format!("{R}/{kind}")
        };
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{kind}" Target="{}"/>"#,
            esc(target)
        );
    }
    out.push_str("</Relationships>");
    out
}

fn paragraphs(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            out.push_str("<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>");
        } else {
            let _ = write!(
                out,
                r#"<a:p><a:r><a:rPr lang="en-GB"/><a:t>{}</a:t></a:r></a:p>"#,
                esc(line)
            );
        }
    }
    out
}

fn shape(id: usize, placeholder: Option<&str>, body: &str) -> String {
    let ph = placeholder.map_or_else(String::new, |kind| format!(r#"<p:ph type="{kind}"/>"#));
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Shape {id}"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"#
    )
}

impl PptxSlide {
    fn xml(&self) -> String {
        let mut tree = String::new();
        if let Some(lines) = &self.title {
            let mut body = String::from("<a:p>");
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    body.push_str("<a:br><a:rPr lang=\"en-GB\"/></a:br>");
                }
                let _ = write!(
                    body,
                    "<a:r><a:rPr lang=\"en-GB\"/><a:t>{}</a:t></a:r>",
                    esc(line)
                );
            }
            body.push_str("</a:p>");
            tree.push_str(&shape(2, Some(&self.title_type), &body));
        }
        if !self.body_placeholder.is_empty() {
            tree.push_str(&shape(3, Some("body"), &paragraphs(&self.body_placeholder)));
        }
        if !self.body.is_empty() {
            tree.push_str(&shape(4, None, &paragraphs(&self.body)));
        }
        for (i, _) in self.pictures.iter().enumerate() {
            let _ = write!(
                tree,
                r#"<p:pic><p:nvPicPr><p:cNvPr id="{}" name="Picture"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId{}"/></p:blipFill><p:spPr/></p:pic>"#,
                i + 10,
                i + 2
            );
        }
        tree.push_str(&shape(
            9,
            Some("sldNum"),
            "<a:p><a:fld id=\"{B6F15528}\" type=\"slidenum\"><a:t>‹#›</a:t></a:fld></a:p>",
        ));
        let show = if self.hidden { r#" show="0""# } else { "" };
        let transition = self.adv_tm.map_or_else(String::new, |ms| {
            if self.alternate {
                format!(
                    r#"<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:p14="{P14}" Requires="p14"><p:transition spd="slow" p14:dur="2000" advTm="{ms}"><p:fade/></p:transition></mc:Choice><mc:Fallback><p:transition spd="slow" advTm="{ms}"><p:fade/></p:transition></mc:Fallback></mc:AlternateContent>"#
                )
            } else {
                format!(r#"<p:transition advTm="{ms}"/>"#)
            }
        });
        let timing = if self.clicks == 0 {
            String::new()
        } else {
            let mut pars = String::new();
            for i in 0..self.clicks {
                let _ = write!(
                    pars,
                    r#"<p:par><p:cTn id="{}" fill="hold"><p:childTnLst><p:par><p:cTn id="{}" presetID="10" presetClass="entr" fill="hold" nodeType="clickEffect"/></p:par></p:childTnLst></p:cTn></p:par>"#,
                    i * 2 + 3,
                    i * 2 + 4
                );
            }
            format!(
                r#"<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>{pars}</p:childTnLst></p:cTn></p:seq></p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>"#
            )
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="{A}" xmlns:r="{R}" xmlns:p="{P}"{show}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{tree}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>{transition}{timing}</p:sld>"#
        )
    }
}

fn notes_xml(notes: &str) -> String {
    let lines: Vec<String> = if notes.is_empty() {
        Vec::new()
    } else {
        notes.split('\n').map(str::to_owned).collect()
    };
    let image = r#"<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr/><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"#;
    let body = shape(3, Some("body"), &paragraphs(&lines));
    let number = shape(4, Some("sldNum"), "<a:p><a:r><a:t>7</a:t></a:r></a:p>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notes xmlns:a="{A}" xmlns:r="{R}" xmlns:p="{P}"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{image}{body}{number}</p:spTree></p:cSld></p:notes>"#
    )
}

/// A deck like a real 141-slide talk: most slides pictures without a title placeholder, a
/// stored picture part per slide of `picture_bytes` bytes, notes on most slides.
pub fn large_pptx(slides: u32, picture_bytes: usize) -> Pptx {
    let mut deck = Pptx {
        p14_prefix: "p14".into(),
        ..Pptx::default()
    };
    let mut seed: u32 = 0x9E37_79B9;
    for i in 0..slides {
        let id = 256 + i * 3;
        let file = (i * 37) % slides + 1;
        let mut slide = if i % 5 == 0 {
            PptxSlide::titled(id, file, &format!("Section {} overview", i / 5))
        } else {
            PptxSlide {
                id,
                file,
                body: vec![format!(
                    "Point {i}: what the picture shows, and why it matters here"
                )],
                ..PptxSlide::default()
            }
        };
        if i % 4 != 3 {
            slide.notes = Some(format!("Say why slide {i} matters.\nThen move on."));
        }
        let name = format!("image{}.png", i + 1);
        let mut bytes = Vec::with_capacity(picture_bytes);
        for _ in 0..picture_bytes {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            bytes.push(seed.to_le_bytes()[0]);
        }
        deck.media.push((name.clone(), bytes));
        slide.pictures.push(name);
        slide.hidden = i % 16 == 15;
        deck.slides.push(slide);
    }
    let mut members = Vec::new();
    for (i, slide) in deck.slides.iter().enumerate() {
        if i % 20 == 0 && !members.is_empty() {
            deck.sections.push((
                format!("Part {}", deck.sections.len() + 1),
                std::mem::take(&mut members),
            ));
        }
        members.push(slide.id);
    }
    deck.sections
        .push((format!("Part {}", deck.sections.len() + 1), members));
    deck
}

// ---------------------------------------------------------------------------------------------
// odp

const ODP_MIME: &str = "application/vnd.oasis.opendocument.presentation";

/// An odp deck: pages in order, drawing-page styles in `content.xml` or `styles.xml`.
#[derive(Debug, Clone)]
pub struct Odp {
    pub pages: Vec<OdpPage>,
    /// Automatic styles in `content.xml`.
    pub styles: Vec<OdpStyle>,
    /// Common styles in `styles.xml` (parents of automatic ones live here).
    pub common_styles: Vec<OdpStyle>,
    pub mimetype: String,
    /// Writes a manifest that marks `content.xml` encrypted (and scrambles it).
    pub encrypted: bool,
}

/// One `draw:page` of an [`Odp`].
#[derive(Debug, Clone, Default)]
pub struct OdpPage {
    /// `draw:name`: `pageN` unless the speaker renamed the slide.
    pub name: String,
    /// `draw:style-name`.
    pub style: Option<String>,
    /// Lines of the title frame, joined by `text:line-break`; none: no title frame.
    pub title: Option<Vec<String>>,
    /// Paragraphs of an outline frame.
    pub body: Vec<String>,
    /// Paragraphs of the notes frame.
    pub notes: Option<String>,
    /// On-click animation effects.
    pub clicks: u32,
}

/// A `style:style` of family `drawing-page`.
#[derive(Debug, Clone, Default)]
pub struct OdpStyle {
    pub name: String,
    pub parent: Option<String>,
    /// `presentation:visibility`: `visible` or `hidden`.
    pub visibility: Option<String>,
    /// `presentation:transition-type`: `manual`, `automatic`, `semi-automatic`.
    pub transition: Option<String>,
    /// `presentation:duration`, ISO 8601 (`PT00H00M05S`).
    pub duration: Option<String>,
}

impl OdpPage {
    /// A page with a one-line title frame.
    pub fn titled(number: usize, title: &str) -> Self {
        Self {
            name: format!("page{number}"),
            title: Some(vec![title.to_owned()]),
            ..Self::default()
        }
    }
}

/// Every odp fact in five pages: synthetic page names, a title with a line break, notes, a
/// page without a title frame, a hidden page whose visibility is inherited from a parent
/// style in `styles.xml`, automatic timings in two ISO 8601 spellings.
pub fn sample_odp() -> Odp {
    let mut opening = OdpPage::titled(1, "");
    opening.title = Some(vec!["Making diffusion light".into(), "on a phone".into()]);
    opening.notes = Some("Welcome.\n  indented line".into());
    opening.style = Some("dp1".into());

    let mut who = OdpPage::titled(2, "Who I am");
    who.style = Some("dp2".into());
    who.clicks = 3;

    let untitled = OdpPage {
        name: "page3".into(),
        body: vec![
            String::new(),
            "A page whose text sits in an outline frame only".into(),
        ],
        notes: Some("Just talk.".into()),
        ..OdpPage::default()
    };

    let mut backup = OdpPage::titled(4, "Backup");
    backup.style = Some("dp3".into());

    let mut end = OdpPage::titled(5, "Questions");
    end.name = "The end".into();
    end.style = Some("dp4".into());

    Odp {
        pages: vec![opening, who, untitled, backup, end],
        styles: vec![
            OdpStyle {
                name: "dp1".into(),
                transition: Some("automatic".into()),
                duration: Some("PT00H00M12S".into()),
                ..OdpStyle::default()
            },
            OdpStyle {
                name: "dp2".into(),
                transition: Some("automatic".into()),
                duration: Some("PT3.5S".into()),
                ..OdpStyle::default()
            },
            OdpStyle {
                name: "dp3".into(),
                parent: Some("Backup".into()),
                ..OdpStyle::default()
            },
            OdpStyle {
                name: "dp4".into(),
                transition: Some("manual".into()),
                duration: Some("PT30S".into()),
                ..OdpStyle::default()
            },
        ],
        common_styles: vec![OdpStyle {
            name: "Backup".into(),
            visibility: Some("hidden".into()),
            ..OdpStyle::default()
        }],
        mimetype: ODP_MIME.into(),
        encrypted: false,
    }
}

const NS_DECLS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:anim="urn:oasis:names:tc:opendocument:xmlns:animation:1.0" xmlns:smil="urn:oasis:names:tc:opendocument:xmlns:smil-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0""#;

fn odp_styles(styles: &[OdpStyle]) -> String {
    let mut out = String::new();
    for style in styles {
        let parent = style.parent.as_ref().map_or_else(String::new, |p| {
            format!(r#" style:parent-style-name="{}""#, esc(p))
        });
        let mut props = String::new();
        for (key, value) in [
            ("presentation:visibility", &style.visibility),
            ("presentation:transition-type", &style.transition),
            ("presentation:duration", &style.duration),
        ] {
            if let Some(value) = value {
                let _ = write!(props, r#" {key}="{}""#, esc(value));
            }
        }
        let _ = write!(
            out,
            r#"<style:style style:name="{}" style:family="drawing-page"{parent}><style:drawing-page-properties presentation:background-visible="true"{props}/></style:style>"#,
            esc(&style.name)
        );
    }
    out
}

fn odp_frame(class: &str, lines: &[String], tag: &str) -> String {
    let mut text = String::new();
    for line in lines {
        let _ = write!(text, "<text:{tag}>{}</text:{tag}>", esc(line));
    }
    format!(
        r#"<draw:frame presentation:style-name="pr1" presentation:class="{class}" svg:width="25cm" svg:height="3cm"><draw:text-box>{text}</draw:text-box></draw:frame>"#
    )
}

impl Odp {
    /// The deck as odp bytes (`mimetype` first and stored, as ODF requires).
    pub fn build(&self) -> Vec<u8> {
        let mut pages = String::new();
        for page in &self.pages {
            let style = page
                .style
                .as_ref()
                .map_or_else(String::new, |s| format!(r#" draw:style-name="{}""#, esc(s)));
            let _ = write!(
                pages,
                r#"<draw:page draw:name="{}"{style} draw:master-page-name="Default">"#,
                esc(&page.name)
            );
            if let Some(lines) = &page.title {
                let mut text = String::from("<text:p>");
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        text.push_str("<text:line-break/>");
                    }
                    let _ = write!(
                        text,
                        "<text:span text:style-name=\"T1\">{}</text:span>",
                        esc(line)
                    );
                }
                text.push_str("</text:p>");
                let _ = write!(
                    pages,
                    r#"<draw:frame presentation:style-name="pr1" presentation:class="title"><draw:text-box>{text}</draw:text-box></draw:frame>"#
                );
            }
            if !page.body.is_empty() {
                pages.push_str(&odp_frame("outline", &page.body, "p"));
            }
            pages.push_str(&odp_frame("page-number", &["<number>".to_owned()], "p"));
            if page.clicks > 0 {
                let mut pars = String::new();
                for _ in 0..page.clicks {
                    pars.push_str(r#"<anim:par smil:begin="next"><anim:par smil:begin="0s"><anim:par smil:begin="0s" smil:fill="hold" presentation:node-type="on-click" presentation:preset-class="entrance"/></anim:par></anim:par>"#);
                }
                let _ = write!(
                    pages,
                    r#"<anim:par presentation:node-type="timing-root"><anim:seq presentation:node-type="main-sequence">{pars}</anim:seq></anim:par>"#
                );
            }
            let notes = page.notes.as_ref().map_or_else(Vec::new, |n| {
                n.split('\n').map(str::to_owned).collect::<Vec<_>>()
            });
            let _ = write!(
                pages,
                r#"<presentation:notes draw:style-name="dp9"><draw:page-thumbnail presentation:class="page"/>{}</presentation:notes></draw:page>"#,
                odp_frame("notes", &notes, "p")
            );
        }
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS_DECLS} office:version="1.3"><office:automatic-styles>{}</office:automatic-styles><office:body><office:presentation>{pages}<presentation:settings presentation:mouse-visible="false"/></office:presentation></office:body></office:document-content>"#,
            odp_styles(&self.styles)
        );
        let styles = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS_DECLS} office:version="1.3"><office:styles>{}</office:styles><office:master-styles><style:master-page style:name="Default"/></office:master-styles></office:document-styles>"#,
            odp_styles(&self.common_styles)
        );
        let encryption = if self.encrypted {
            r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>"#
        } else {
            ""
        };
        let manifest = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="{}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}</manifest:file-entry><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            esc(&self.mimetype)
        );
        let content = if self.encrypted {
            content.bytes().map(|b| b ^ 0x5A).collect()
        } else {
            content.into_bytes()
        };
        write_zip(&[
            ("mimetype".into(), self.mimetype.clone().into_bytes(), true),
            ("content.xml".into(), content, false),
            ("styles.xml".into(), styles.into_bytes(), false),
            ("META-INF/manifest.xml".into(), manifest.into_bytes(), false),
        ])
    }
}

// ---------------------------------------------------------------------------------------------
// PDF

/// A PDF deck: blank pages, page labels, an outline, an Info title.
#[derive(Debug, Clone, Default)]
pub struct Pdf {
    pub pages: usize,
    /// `/PageLabels` `/Nums` entries in page order; none: no `/PageLabels` at all.
    pub labels: Vec<PageLabel>,
    /// Outline entries in document order; `level` 1 is a top entry, 2 its child.
    pub outline: Vec<OutlineEntry>,
    /// Info `/Title`.
    pub title: Option<PdfText>,
    /// Entries point to named destinations (as Beamer's `hyperref` writes) instead of pages.
    pub named_destinations: bool,
    /// Encrypts the file with this user password.
    pub user_password: Option<String>,
}

/// One `/PageLabels` range.
#[derive(Debug, Clone, Default)]
pub struct PageLabel {
    /// 0-based page where the range starts.
    pub first_page: usize,
    /// `/S`: `D`, `R`, `r`, `A`, `a`, or none (prefix only).
    pub style: Option<char>,
    /// `/P`.
    pub prefix: Option<String>,
    /// `/St`.
    pub start: Option<i64>,
}

/// One outline entry.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    pub level: usize,
    pub title: PdfText,
    /// 0-based page it lands on.
    pub page: usize,
}

/// A PDF text string and how it is encoded.
#[derive(Debug, Clone)]
pub enum PdfText {
    /// UTF-16BE with its byte order mark.
    Utf16(String),
    /// `PDFDocEncoding` (Latin-1 for the characters tests use).
    PdfDoc(String),
}

impl PdfText {
    fn object(&self) -> Object {
        let bytes = match self {
            Self::Utf16(text) => {
                let mut bytes = vec![0xFE, 0xFF];
                bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                bytes
            }
            Self::PdfDoc(text) => text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
                .collect(),
        };
        Object::String(bytes, StringFormat::Literal)
    }
}

/// Beamer's labels: frame `i + 1` spans `overlays[i]` pages, each page labelled with its
/// frame number as a bare prefix, as `hyperref` writes them.
pub fn beamer_labels(overlays: &[usize]) -> Vec<PageLabel> {
    let mut labels = Vec::new();
    let mut page = 0;
    for (frame, &count) in overlays.iter().enumerate() {
        for _ in 0..count {
            labels.push(PageLabel {
                first_page: page,
                style: None,
                prefix: Some((frame + 1).to_string()),
                start: None,
            });
            page += 1;
        }
    }
    labels
}

/// A Beamer-like talk: 9 frames over 14 pages (overlays repeat labels), two sections with a
/// subsection, a UTF-16 and a `PDFDocEncoding` title, an Info title.
pub fn sample_pdf() -> Pdf {
    let overlays = [1, 1, 3, 1, 2, 1, 3, 1, 1];
    let entry = |level, title: &str, page, utf16: bool| OutlineEntry {
        level,
        title: if utf16 {
            PdfText::Utf16(title.to_owned())
        } else {
            PdfText::PdfDoc(title.to_owned())
        },
        page,
    };
    Pdf {
        pages: overlays.iter().sum(),
        labels: beamer_labels(&overlays),
        outline: vec![
            entry(1, "Motivation", 2, false),
            entry(2, "Why on-device", 3, true),
            entry(1, "Méthode → results", 6, true),
            entry(2, "Café benchmarks", 8, false),
        ],
        title: Some(PdfText::Utf16("Making diffusion light".into())),
        named_destinations: true,
        user_password: None,
    }
}

/// A `.pdfpc` sidecar (format 2) for [`sample_pdf`]: a 15-minute duration, notes on two
/// slides (one set on an overlay page), the last slide hidden.
pub fn sample_pdfpc() -> String {
    r#"{
  "pdfpcFormat": 2,
  "duration": 15,
  "disableMarkdown": false,
  "pages": [
    { "idx": 0, "label": "1", "overlay": 0, "note": "Welcome, and thanks.\n  Say the name slowly." },
    { "idx": 3, "label": "3", "overlay": 1, "note": "The second build: point at the chart." },
    { "idx": 13, "label": "9", "overlay": 0, "hidden": true }
  ]
}"#
    .to_owned()
}

impl Pdf {
    /// The deck as PDF bytes.
    pub fn build(&self) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let page_ids: Vec<ObjectId> = (0..self.pages)
            .map(|_| {
                doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), 400.into(), 300.into()],
                })
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => page_ids.iter().map(|&id| Object::Reference(id)).collect::<Vec<_>>(),
                "Count" => self.pages as i64,
            }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if !self.labels.is_empty() {
            let mut nums = Vec::new();
            for label in &self.labels {
                let mut range = Dictionary::new();
                if let Some(style) = label.style {
                    range.set("S", Object::Name(vec![style as u8]));
                }
                if let Some(prefix) = &label.prefix {
                    range.set("P", Object::string_literal(prefix.as_str()));
                }
                if let Some(start) = label.start {
                    range.set("St", start);
                }
                nums.push(Object::Integer(label.first_page as i64));
                nums.push(Object::Dictionary(range));
            }
            catalog.set("PageLabels", dictionary! { "Nums" => nums });
        }
        if !self.outline.is_empty() {
            let (outlines, names) = self.write_outline(&mut doc, &page_ids);
            catalog.set("Outlines", outlines);
            if let Some(names) = names {
                catalog.set("Names", dictionary! { "Dests" => names });
            }
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        if let Some(title) = &self.title {
            let info = doc.add_object(
                dictionary! { "Title" => title.object(), "Producer" => "pacer testdecks" },
            );
            doc.trailer.set("Info", info);
        }
        doc.trailer.set(
            "ID",
            vec![
                Object::String(b"pacer-test-deck-1".to_vec(), StringFormat::Literal),
                Object::String(b"pacer-test-deck-1".to_vec(), StringFormat::Literal),
            ],
        );
        if let Some(password) = &self.user_password {
            let version = lopdf::EncryptionVersion::V2 {
                document: &doc,
                owner_password: "owner",
                user_password: password,
                key_length: 128,
                permissions: lopdf::Permissions::default(),
            };
            let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
            doc.encrypt(&state).expect("encrypt");
        }
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("pdf write");
        out
    }

    /// Writes the outline tree; returns the `/Outlines` id and the named destinations' tree.
    fn write_outline(
        &self,
        doc: &mut Document,
        page_ids: &[ObjectId],
    ) -> (ObjectId, Option<ObjectId>) {
        let root = doc.new_object_id();
        let ids: Vec<ObjectId> = self.outline.iter().map(|_| doc.new_object_id()).collect();
        let parent_of = |i: usize| -> Option<usize> {
            let level = self.outline[i].level;
            (0..i).rev().find(|&j| self.outline[j].level < level)
        };
        let children = |parent: Option<usize>| -> Vec<usize> {
            (0..self.outline.len())
                .filter(|&i| parent_of(i) == parent)
                .collect()
        };
        let mut names = Vec::new();
        for (i, entry) in self.outline.iter().enumerate() {
            let siblings = children(parent_of(i));
            let at = siblings.iter().position(|&s| s == i).expect("own sibling");
            let page = page_ids[entry.page];
            let mut item = dictionary! {
                "Title" => entry.title.object(),
                "Parent" => parent_of(i).map_or(root, |p| ids[p]),
            };
            if self.named_destinations {
                let name = format!("Navigation{}", i + 1);
                item.set(
                    "A",
                    dictionary! { "S" => "GoTo", "D" => Object::string_literal(name.as_str()) },
                );
                names.push(Object::string_literal(name.as_str()));
                names.push(Object::Array(vec![page.into(), "Fit".into()]));
            } else {
                item.set("Dest", vec![Object::Reference(page), "Fit".into()]);
            }
            if at > 0 {
                item.set("Prev", ids[siblings[at - 1]]);
            }
            if let Some(&next) = siblings.get(at + 1) {
                item.set("Next", ids[next]);
            }
            let kids = children(Some(i));
            if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
                item.set("First", ids[first]);
                item.set("Last", ids[last]);
                item.set("Count", kids.len() as i64);
            }
            doc.objects.insert(ids[i], Object::Dictionary(item));
        }
        let top = children(None);
        let mut outlines = dictionary! { "Type" => "Outlines", "Count" => top.len() as i64 };
        if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
            outlines.set("First", ids[first]);
            outlines.set("Last", ids[last]);
        }
        doc.objects.insert(root, Object::Dictionary(outlines));
        let names = self.named_destinations.then(|| {
            // A name tree's keys must be sorted; "Navigation10" sorts before "Navigation2".
            let mut pairs: Vec<(Object, Object)> = names
                .chunks(2)
                .map(|pair| (pair[0].clone(), pair[1].clone()))
                .collect();
            pairs.sort_by(|a, b| a.0.as_str().ok().cmp(&b.0.as_str().ok()));
            let flat: Vec<Object> = pairs.into_iter().flat_map(|(k, v)| [k, v]).collect();
            doc.add_object(dictionary! { "Names" => flat })
        });
        (root, names)
    }
}

// ---------------------------------------------------------------------------------------------
// Things that are not decks

/// A git LFS pointer file, as a clone without `git lfs pull` holds in place of the deck.
pub fn lfs_pointer() -> Vec<u8> {
    b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 4194304\n".to_vec()
}

/// The start of an OLE compound file, with directory entry names in UTF-16LE as real ones
/// have: `PowerPoint Document` for a `.ppt`, `EncryptionInfo` + `EncryptedPackage` for an
/// encrypted pptx.
pub fn ole_file(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for name in std::iter::once("Root Entry").chain(streams.iter().copied()) {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

/// A Keynote deck as a zip: `Index/*.iwa` parts and a preview.
pub fn keynote_zip() -> Vec<u8> {
    zip_of(&[
        ("Index/Document.iwa", b"\x00\x05\x00iwa"),
        ("Index/Slide-1.iwa", b"\x00\x05\x00iwa"),
        ("Metadata/Properties.plist", b"bplist00"),
        ("preview.jpg", b"\xFF\xD8\xFF"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builders_write_what_their_readers_open() {
        let pptx = sample_pptx().build();
        let archive = ::zip::ZipArchive::new(Cursor::new(&pptx[..])).unwrap();
        assert!(archive.index_for_name("ppt/presentation.xml").is_some());
        assert!(archive.index_for_name("ppt/media/image1.png").is_some());

        let odp = sample_odp().build();
        let mut archive = ::zip::ZipArchive::new(Cursor::new(&odp[..])).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name(), "mimetype");

        let pdf = sample_pdf().build();
        let doc = Document::load_mem(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 14);
        serde_json::from_str::<serde_json::Value>(&sample_pdfpc()).unwrap();
    }
}
