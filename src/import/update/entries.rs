//! The slide items of a talk file, moved with `toml_edit`: taken out of their sections with the
//! comments that belong to them, refreshed, converted between the list and the table forms, put
//! back in the deck's order. Only titles, notes and (when needed to keep history) ids are
//! written; every other key and comment of an item travels with it untouched.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::super::outline::{self, OutSection, OutSlide};
use super::{Changes, Old, UpdateError};

/// A slide item as the file holds it: in a `slides = [...]` list, or a `[[section.slides]]`.
#[derive(Clone)]
pub(super) enum Entry {
    Value {
        value: Value,
        /// Comment lines above it, with the line break and indent before it.
        leading: String,
        /// Its comment on the same line, after the comma ("" when none).
        trailing: String,
    },
    Table(Table),
}

pub(super) fn take_sections(doc: &mut DocumentMut) -> Result<Vec<Table>, UpdateError> {
    match doc.remove("section") {
        Some(Item::ArrayOfTables(array)) => Ok(array.into_iter().collect()),
        Some(_) => Err(UpdateError::InlineSections),
        None => Ok(Vec::new()),
    }
}

/// A section's slide items, taken out of it with the comments that belong to each.
pub(super) fn take_entries(section: &mut Table) -> Vec<Entry> {
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

pub(super) fn prefix(decor: &toml_edit::Decor) -> String {
    decor
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_owned()
}

/// A value's own comment: the part of the text after its comma up to the line's end, when it
/// holds a comment.
pub(super) fn split_comment(after: &str) -> (&str, &str) {
    match after.find('\n') {
        Some(end) if after[..end].contains('#') => (&after[..end], &after[end..]),
        _ => ("", after),
    }
}

/// Puts the items back as the section's slides: a list of values, or tables when `long`
/// (some slide has notes) or when the section already was written with tables.
pub(super) fn put_entries(section: &mut Table, items: Vec<Entry>, long: bool) {
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

pub(super) fn into_table(entry: Entry) -> Table {
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
pub(super) fn fresh(slide: &OutSlide) -> Entry {
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
pub(super) fn new_section(section: &OutSection) -> Table {
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
pub(super) fn refresh(entry: &mut Entry, old: &Old, slide: &OutSlide, changes: &mut Changes) {
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

pub(super) fn set_string(table: &mut Table, key: &str, text: &str) {
    set_value(table, key, Value::from(text));
}

/// Sets `key`, keeping the old value's decor (its trailing comment) when there was one.
pub(super) fn set_value(table: &mut Table, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, Item::Value(value));
    }
}

pub(super) fn set_inline_string(table: &mut InlineTable, key: &str, text: &str) {
    let mut value = Value::from(text);
    if let Some(old) = table.get_mut(key) {
        *value.decor_mut() = old.decor().clone();
        *old = value;
    } else {
        table.insert(key, value);
    }
}

/// Gives every table its place in the file: sections in order, each followed by its slides.
pub(super) fn renumber(doc: &mut DocumentMut) {
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

/// Writes `id` on the `n`th slide of the file (in order), right after its title.
pub(super) fn pin(doc: &mut DocumentMut, n: usize, id: &str) {
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
