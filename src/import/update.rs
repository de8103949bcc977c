//! `--update`: an existing talk file brought up to date with its deck, hand edits kept.
//!
//! Owns the matching of the file's slides to the deck's and the rewrite with `toml_edit`: the
//! deck decides which slides exist, their order, their sections, titles and notes; everything
//! else stays as the speaker wrote it (budgets, `lock`, `optional`, ids, comments, the talk's own
//! keys, the sections' budgets). Pure: text and deck in, text and a list of changes out; the
//! shell validates, plans, diffs and writes.
//!
//! Matching, in this order (each pass pairs slides in deck order, first come first served):
//! 1. same title and same notes: the same slide, wherever it moved;
//! 2. same title: the same slide, its notes changed;
//! 3. same notes (not empty): the same slide, renamed;
//! 4. between the same two matched neighbours, the same notes (empty ones too): the same
//!    slide, renamed in place.
//!
//! Everything not paired is a removed slide (from the file) or a new one (from the deck). A
//! matched slide keeps its id: when a new title or section would change its default id, the
//! old one is written as an explicit `id`, so its rehearsal history keeps matching.

use std::collections::{HashMap, VecDeque};

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::outline::{self, HEADER_START, Options, OutSection, OutSlide, Shaped};
use crate::talk::{Source, Talk};

/// The rewritten text and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub text: String,
    pub changes: Changes,
}

/// What an update did, slide by slide.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Slides whose place among the others changed.
    pub moved: Vec<String>,
    /// Old title, new title.
    pub renamed: Vec<(String, String)>,
    /// Titles of slides whose notes were refreshed.
    pub notes: Vec<String>,
    /// Ids written out so the history keeps matching.
    pub pinned: usize,
}

impl Changes {
    /// One line per kind of change, then one per slide (for stderr).
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "{} added, {} removed, {} moved, {} renamed, {} with new notes",
            self.added.len(),
            self.removed.len(),
            self.moved.len(),
            self.renamed.len(),
            self.notes.len()
        )];
        lines.extend(self.added.iter().map(|t| format!("  + {t}")));
        lines.extend(self.removed.iter().map(|t| format!("  - {t}")));
        lines.extend(self.moved.iter().map(|t| format!("  ↕ {t}")));
        lines.extend(self.renamed.iter().map(|(a, b)| format!("  ~ {a} → {b}")));
        if self.pinned > 0 {
            lines.push(format!(
                "  {} id{} written out so the rehearsal history keeps matching",
                self.pinned,
                if self.pinned == 1 { "" } else { "s" }
            ));
        }
        lines
    }
}

/// Why a file cannot be updated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    #[error("not valid TOML: {0}")]
    Syntax(String),
    #[error(
        "its sections are written inline (`section = [...]`): write them as `[[section]]` tables to update it"
    )]
    InlineSections,
    #[error("the updated file would not be valid (a pacer bug, please report it): {0}")]
    Invalid(String),
}

/// A slide of the file: where it is and what it says.
struct Old {
    title: String,
    notes: String,
    id: String,
    section: usize,
}

/// A slide item as the file holds it: in a `slides = [...]` list, or a `[[section.slides]]`.
#[derive(Clone)]
enum Entry {
    Value {
        value: Value,
        /// Comment lines above it, with the line break and indent before it.
        leading: String,
        /// Its comment on the same line, after the comma ("" when none).
        trailing: String,
    },
    Table(Table),
}

/// Brings `text` (already validated as `talk`) up to date with the deck.
pub fn update(
    text: &str,
    talk: &Talk,
    shaped: &Shaped,
    options: &Options<'_>,
) -> Result<Update, UpdateError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| UpdateError::Syntax(e.message().to_owned()))?;
    let old: Vec<Old> = talk
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| {
            section.slides.iter().map(move |slide| Old {
                title: slide.title.clone(),
                notes: slide.notes.trim().to_owned(),
                id: slide.id.clone(),
                section: s,
            })
        })
        .collect();
    let new: Vec<&OutSlide> = shaped.sections.iter().flat_map(|s| &s.slides).collect();
    let pairs = pair(&old, &new);

    let mut old_sections = take_sections(&mut doc)?;
    let mut entries: Vec<Option<Entry>> = Vec::with_capacity(old.len());
    for section in &mut old_sections {
        entries.extend(take_entries(section).into_iter().map(Some));
    }
    let mut changes = Changes::default();
    let mut used = vec![false; old_sections.len()];
    let mut built = ArrayOfTables::new();
    let mut flat = 0;
    for section in &shaped.sections {
        let range = flat..flat + section.slides.len();
        flat = range.end;
        let home = home_section(section, &range, &pairs, &old, talk, &used);
        let mut table = match home {
            Some(s) => {
                used[s] = true;
                let mut table = old_sections[s].clone();
                set_string(&mut table, "title", &section.title);
                table
            }
            None => new_section(section),
        };
        let mut items = Vec::with_capacity(section.slides.len());
        for (n, slide) in range.clone().zip(&section.slides) {
            let entry = if let Some(o) = pairs[n] {
                let mut entry = entries[o].take().unwrap_or_else(|| fresh(slide));
                refresh(&mut entry, &old[o], slide, &mut changes);
                entry
            } else {
                changes.added.push(slide.title.clone());
                fresh(slide)
            };
            items.push(entry);
        }
        put_entries(&mut table, items, outline::long_form(section));
        built.push(table);
    }
    let matched: Vec<bool> = {
        let mut m = vec![false; old.len()];
        for o in pairs.iter().flatten() {
            m[*o] = true;
        }
        m
    };
    changes.removed = old
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(o, _)| o.title.clone())
        .collect();
    changes.moved = moved(&pairs)
        .into_iter()
        .map(|n| new[n].title.clone())
        .collect();
    doc.insert("section", Item::ArrayOfTables(built));
    renumber(&mut doc);
    changes.pinned = pin_ids(&mut doc, &old, &pairs)?;
    let text = refresh_header(&doc.to_string(), options);
    Ok(Update { text, changes })
}

/// For each new slide (in deck order), the old slide it is, by the module's four passes.
fn pair(old: &[Old], new: &[&OutSlide]) -> Vec<Option<usize>> {
    let mut pairs: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for pass in 0..3 {
        // Old slides by key, in file order: linear however many slides share a title.
        let mut by_key: HashMap<(&str, &str), VecDeque<usize>> = HashMap::new();
        for (o, slide) in old.iter().enumerate() {
            if !taken[o]
                && let Some(k) = key(pass, &slide.title, &slide.notes)
            {
                by_key.entry(k).or_default().push_back(o);
            }
        }
        for (n, slide) in new.iter().enumerate() {
            if pairs[n].is_some() {
                continue;
            }
            let Some(k) = key(pass, &slide.title, &slide.notes) else {
                continue;
            };
            if let Some(o) = by_key.get_mut(&k).and_then(VecDeque::pop_front) {
                pairs[n] = Some(o);
                taken[o] = true;
            }
        }
    }
    // Pass 4: in the gap between two matched neighbours, the same notes.
    let mut n = 0;
    while n < new.len() {
        if pairs[n].is_some() {
            n += 1;
            continue;
        }
        let gap_start = n;
        while n < new.len() && pairs[n].is_none() {
            n += 1;
        }
        let low = gap_start
            .checked_sub(1)
            .and_then(|p| pairs[p])
            .map_or(0, |o| o + 1);
        let high = pairs.get(n).copied().flatten().unwrap_or(old.len());
        let candidates: Vec<usize> = (low..high.max(low)).filter(|&o| !taken[o]).collect();
        let mut candidates = candidates.into_iter().peekable();
        for slot in gap_start..n {
            let Some(&o) = candidates.peek() else { break };
            if old[o].notes == new[slot].notes {
                pairs[slot] = Some(o);
                taken[o] = true;
                candidates.next();
            }
        }
    }
    pairs
}

/// What the first three passes compare: title and notes, the title, the notes (not empty).
fn key<'a>(pass: u8, title: &'a str, notes: &'a str) -> Option<(&'a str, &'a str)> {
    match pass {
        0 => Some((title, notes)),
        1 => Some((title, "")),
        _ => (!notes.is_empty()).then_some(("", notes)),
    }
}

/// New slides whose old partners are out of order: all but a longest increasing run.
fn moved(pairs: &[Option<usize>]) -> Vec<usize> {
    let matched: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(n, o)| o.map(|o| (n, o)))
        .collect();
    // Patience sorting: tails[k] is the index (into `matched`) ending the best run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; matched.len()];
    for i in 0..matched.len() {
        let k = tails.partition_point(|&t| matched[t].1 < matched[i].1);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut in_run = vec![false; matched.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        in_run[i] = true;
        at = previous[i];
    }
    matched
        .iter()
        .zip(in_run)
        .filter(|(_, kept)| !kept)
        .map(|((n, _), _)| *n)
        .collect()
}

/// The file's section that a deck section continues: the unused one of the same title, else
/// the one most of its matched slides come from.
fn home_section(
    section: &OutSection,
    range: &std::ops::Range<usize>,
    pairs: &[Option<usize>],
    old: &[Old],
    talk: &Talk,
    used: &[bool],
) -> Option<usize> {
    if let Some(s) =
        (0..talk.sections.len()).find(|&s| !used[s] && talk.sections[s].title == section.title)
    {
        return Some(s);
    }
    let mut votes = vec![0usize; talk.sections.len()];
    for o in pairs[range.clone()].iter().flatten() {
        votes[old[*o].section] += 1;
    }
    (0..votes.len())
        .filter(|&s| !used[s] && votes[s] > 0)
        .max_by_key(|&s| (votes[s], std::cmp::Reverse(s)))
}

fn take_sections(doc: &mut DocumentMut) -> Result<Vec<Table>, UpdateError> {
    match doc.remove("section") {
        Some(Item::ArrayOfTables(array)) => Ok(array.into_iter().collect()),
        Some(_) => Err(UpdateError::InlineSections),
        None => Ok(Vec::new()),
    }
}

/// A section's slide items, taken out of it with the comments that belong to each.
fn take_entries(section: &mut Table) -> Vec<Entry> {
    match section.remove("slides") {
        Some(Item::ArrayOfTables(tables)) => tables.into_iter().map(Entry::Table).collect(),
        Some(Item::Value(Value::Array(array))) => {
            let values: Vec<Value> = array.iter().cloned().collect();
            let prefixes: Vec<String> = values.iter().map(|v| prefix(v.decor())).collect();
            let after_last = array.trailing().as_str().unwrap_or("").to_owned();
            let mut entries = Vec::with_capacity(values.len());
            let mut leading = prefixes.first().cloned().unwrap_or_default();
            for (i, mut value) in values.into_iter().enumerate() {
                let next = prefixes
                    .get(i + 1)
                    .map_or(after_last.as_str(), String::as_str);
                let (trailing, rest) = split_comment(next);
                value.decor_mut().set_prefix("");
                entries.push(Entry::Value {
                    value,
                    leading: std::mem::take(&mut leading),
                    trailing: trailing.to_owned(),
                });
                rest.clone_into(&mut leading);
            }
            entries
        }
        _ => Vec::new(),
    }
}

fn prefix(decor: &toml_edit::Decor) -> String {
    decor
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_owned()
}

/// A value's own comment: the part of the text after its comma up to the line's end, when it
/// holds a comment.
fn split_comment(after: &str) -> (&str, &str) {
    match after.find('\n') {
        Some(end) if after[..end].contains('#') => (&after[..end], &after[end..]),
        _ => ("", after),
    }
}

/// Puts the items back as the section's slides: a list of values, or tables when `long`
/// (some slide has notes) or when the section already was written with tables.
fn put_entries(section: &mut Table, items: Vec<Entry>, long: bool) {
    let tables = long || items.iter().any(|e| matches!(e, Entry::Table(_)));
    if tables {
        let mut array = ArrayOfTables::new();
        for entry in items {
            array.push(into_table(entry));
        }
        section.insert("slides", Item::ArrayOfTables(array));
        return;
    }
    let mut array = Array::new();
    let mut carry = String::new();
    for entry in items {
        let Entry::Value {
            mut value,
            leading,
            trailing,
        } = entry
        else {
            continue;
        };
        value.decor_mut().set_prefix(format!("{carry}{leading}"));
        carry = trailing;
        array.push_formatted(value);
    }
    array.set_trailing(format!("{carry}\n"));
    array.set_trailing_comma(true);
    section.insert("slides", Item::Value(Value::Array(array)));
}

fn into_table(entry: Entry) -> Table {
    match entry {
        Entry::Table(table) => table,
        Entry::Value {
            value, trailing, ..
        } => {
            let mut table = match value {
                Value::InlineTable(inline) => inline.into_table(),
                other => {
                    let mut table = Table::new();
                    if let Some(title) = other.as_str() {
                        table.insert("title", toml_edit::value(title));
                    }
                    table
                }
            };
            let comment = trailing.trim();
            if !comment.is_empty()
                && let Some(Item::Value(title)) = table.get_mut("title")
            {
                title.decor_mut().set_suffix(format!("  {comment}"));
            }
            table.decor_mut().set_prefix("\n");
            table
        }
    }
}

/// A new slide as the outline writes it.
fn fresh(slide: &OutSlide) -> Entry {
    let value: Value = outline::slide_value(slide)
        .parse()
        .unwrap_or_else(|_| Value::from(slide.title.as_str()));
    let text = format!("{}\n", outline::slide_table(slide));
    let long = !slide.notes.is_empty();
    if long
        && let Ok(doc) = text.parse::<DocumentMut>()
        && let Some(Item::Table(section)) = doc.get("section")
        && let Some(Item::ArrayOfTables(tables)) = section.get("slides")
        && let Some(table) = tables.get(0)
    {
        let mut table = table.clone();
        table.decor_mut().set_prefix("\n");
        return Entry::Table(table);
    }
    Entry::Value {
        value,
        leading: "\n  ".to_owned(),
        trailing: outline::comment(slide).map_or_else(String::new, |c| format!("  # {c}")),
    }
}

/// A section the file did not have, as the outline writes it.
fn new_section(section: &OutSection) -> Table {
    let empty = OutSection {
        title: section.title.clone(),
        slides: Vec::new(),
    };
    let text = outline::section_text(&empty);
    let mut table = text
        .parse::<DocumentMut>()
        .ok()
        .and_then(|doc| match doc.get("section") {
            Some(Item::ArrayOfTables(a)) => a.get(0).cloned(),
            _ => None,
        })
        .unwrap_or_default();
    table.remove("slides");
    table.decor_mut().set_prefix("\n");
    table
}

/// Refreshes a matched slide's title and notes from the deck; nothing else is touched.
fn refresh(entry: &mut Entry, old: &Old, slide: &OutSlide, changes: &mut Changes) {
    if old.title != slide.title {
        changes
            .renamed
            .push((old.title.clone(), slide.title.clone()));
        match entry {
            Entry::Value { value, .. } => match value {
                Value::InlineTable(inline) => set_inline_string(inline, "title", &slide.title),
                other => {
                    let decor = other.decor().clone();
                    *other = Value::from(slide.title.as_str());
                    *other.decor_mut() = decor;
                }
            },
            Entry::Table(table) => set_string(table, "title", &slide.title),
        }
    }
    if old.notes != slide.notes {
        changes.notes.push(slide.title.clone());
        let notes: Option<Value> = (!slide.notes.is_empty())
            .then(|| outline::notes(&slide.notes).parse().ok())
            .flatten();
        match entry {
            Entry::Table(table) => match notes {
                Some(value) => set_value(table, "notes", value),
                None => {
                    table.remove("notes");
                }
            },
            Entry::Value {
                value, trailing, ..
            } => match notes {
                None => {
                    if let Value::InlineTable(inline) = value {
                        inline.remove("notes");
                    }
                }
                Some(notes) => {
                    let value = std::mem::replace(value, Value::from(""));
                    let trailing = std::mem::take(trailing);
                    let mut table = into_table(Entry::Value {
                        value,
                        leading: String::new(),
                        trailing,
                    });
                    set_value(&mut table, "notes", notes);
                    *entry = Entry::Table(table);
                }
            },
        }
    }
}

fn set_string(table: &mut Table, key: &str, text: &str) {
    set_value(table, key, Value::from(text));
}

/// Sets `key`, keeping the old value's decor (its trailing comment) when there was one.
fn set_value(table: &mut Table, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, Item::Value(value));
    }
}

fn set_inline_string(table: &mut InlineTable, key: &str, text: &str) {
    let mut value = Value::from(text);
    if let Some(old) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, value);
    }
}

/// Gives every table its place in the file: sections in order, each followed by its slides.
fn renumber(doc: &mut DocumentMut) {
    let mut position = 1;
    if let Some(Item::ArrayOfTables(sections)) = doc.get_mut("section") {
        for section in sections.iter_mut() {
            section.set_position(Some(position));
            position += 1;
            if let Some(Item::ArrayOfTables(slides)) = section.get_mut("slides") {
                for slide in slides.iter_mut() {
                    slide.set_position(Some(position));
                    position += 1;
                }
            }
        }
    }
}

/// Writes the old id on every matched slide whose id would otherwise change; returns how many.
fn pin_ids(
    doc: &mut DocumentMut,
    old: &[Old],
    pairs: &[Option<usize>],
) -> Result<usize, UpdateError> {
    let mut pinned = 0;
    // Each round pins at least one slide or stops; explicit ids win, so two rounds settle it.
    for _ in 0..4 {
        let text = doc.to_string();
        let source = Source::new("updated", text);
        let (talk, _) = crate::talk::parse(&source).map_err(|diagnostics| {
            UpdateError::Invalid(
                diagnostics
                    .first()
                    .map(|d| d.render(&source, false))
                    .unwrap_or_default(),
            )
        })?;
        let ids: Vec<&str> = talk
            .sections
            .iter()
            .flat_map(|s| s.slides.iter().map(|sl| sl.id.as_str()))
            .collect();
        let wrong: Vec<(usize, &str)> = pairs
            .iter()
            .enumerate()
            .filter_map(|(n, o)| o.map(|o| (n, old[o].id.as_str())))
            .filter(|(n, id)| ids.get(*n) != Some(id))
            .collect();
        if wrong.is_empty() {
            return Ok(pinned);
        }
        for (n, id) in wrong {
            pin(doc, n, id);
            pinned += 1;
        }
    }
    Err(UpdateError::Invalid("slide ids do not settle".into()))
}

/// Writes `id` on the `n`th slide of the file (in order), right after its title.
fn pin(doc: &mut DocumentMut, n: usize, id: &str) {
    let Some(Item::ArrayOfTables(sections)) = doc.get_mut("section") else {
        return;
    };
    let mut at = 0;
    for section in sections.iter_mut() {
        match section.get_mut("slides") {
            Some(Item::ArrayOfTables(slides)) => {
                if let Some(table) = slides.get_mut(n.wrapping_sub(at)) {
                    set_string(table, "id", id);
                    // Right after the title, where a person looks for it.
                    let rank = |key: &toml_edit::Key| match key.get() {
                        "title" => 0,
                        "id" => 1,
                        _ => 2,
                    };
                    table.sort_values_by(|a, _, b, _| rank(a).cmp(&rank(b)));
                    return;
                }
                at += slides.len();
            }
            Some(Item::Value(Value::Array(array))) => {
                if let Some(value) = array.get_mut(n.wrapping_sub(at)) {
                    let decor = value.decor().clone();
                    let mut inline = match std::mem::replace(value, Value::from("")) {
                        Value::InlineTable(inline) => inline,
                        other => {
                            let mut inline = InlineTable::new();
                            inline.insert("title", other.decorated("", ""));
                            inline
                        }
                    };
                    inline.insert("id", Value::from(id));
                    inline.fmt();
                    let mut new = Value::InlineTable(inline);
                    *new.decor_mut() = decor;
                    *value = new;
                    return;
                }
                at += array.len();
            }
            _ => {}
        }
    }
}

/// The import header's first line, refreshed to the deck's new fingerprint and date when the
/// file has one and the deck changed.
fn refresh_header(text: &str, options: &Options<'_>) -> String {
    let header = outline::header(options);
    let Some(new_line) = header.lines().next() else {
        return text.to_owned();
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if !trimmed.starts_with('#') {
            break;
        }
        if trimmed.starts_with(HEADER_START) {
            if trimmed.contains(&format!("fingerprint {})", options.fingerprint)) {
                return text.to_owned();
            }
            let end = offset + trimmed.len();
            return format!("{}{new_line}{}", &text[..offset], &text[end..]);
        }
        offset += line.len();
    }
    text.to_owned()
}

#[cfg(test)]
mod tests;
