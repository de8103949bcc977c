//! One self-contained HTML page: the escaping, and the page around a body (inline CSS for the
//! screen and for printing on A4; no script, no network, no external file).
//!
//! Owns only the markup rules shared by `plan --format html` and `report --format html`; the
//! content is theirs. The page is well-formed XHTML as well as HTML, so tests (and any XML tool)
//! can parse it. Pure text to text: nothing here reads or writes a file.

use std::fmt::Write as _;

/// The page's style: readable on screen, A4 on paper, tables that do not break inside a row.
const CSS: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #bbb; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.2rem 0.5rem; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.t, th.t { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.cue td { font-size: 1.15rem; }
table.cue td.at { font-size: 1.6rem; font-weight: 700; }
tr.over td { color: #b3261e; }
figure { margin: 1.2rem 0; }
figure svg { width: 100%; height: auto; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  figure { break-before: page; }
}
";

/// `text` with `&`, `<`, `>` and both quotes escaped: safe in element text and in attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML: a space stands in.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The whole page: `title` (escaped here) and `body` (markup, already escaped).
pub fn page(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + CSS.len() + 256);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n\
         <meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    );
    out
}

/// A table row of cells; `class` marks time columns (`t`) and the like, escaped text inside.
pub fn row(class: &str, cells: &[(&str, &str)]) -> String {
    let mut out = if class.is_empty() {
        "<tr>".to_owned()
    } else {
        format!("<tr class=\"{class}\">")
    };
    for (cell_class, text) in cells {
        if cell_class.is_empty() {
            let _ = write!(out, "<td>{}</td>", escape(text));
        } else {
            let _ = write!(out, "<td class=\"{cell_class}\">{}</td>", escape(text));
        }
    }
    out.push_str("</tr>\n");
    out
}

/// A heading row: `(class, text)` per column.
pub fn head(cells: &[(&str, &str)]) -> String {
    let mut out = "<tr>".to_owned();
    for (class, text) in cells {
        if class.is_empty() {
            let _ = write!(out, "<th>{}</th>", escape(text));
        } else {
            let _ = write!(out, "<th class=\"{class}\">{}</th>", escape(text));
        }
    }
    out.push_str("</tr>\n");
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Parses a page as XML (its `<!DOCTYPE html>` allowed); panics when it is not well formed.
    pub fn parse(html: &str) -> roxmltree::Document<'_> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(html, options).unwrap()
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{7}"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt; "
        );
        assert_eq!(escape("발표 🎤"), "발표 🎤");
    }

    #[test]
    fn a_page_is_well_formed() {
        let html = page("<T & \"q\">", &row("", &[("t", "1:00"), ("", "x < y")]));
        let doc = crate::html::tests::parse(&html);
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(title, Some("<T & \"q\">"));
        assert!(html.contains("@page { size: A4"));
    }
}
