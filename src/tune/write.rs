//! The rewrite of a talk file: new budgets in, the same text with only what tune sets changed.
//!
//! Uses `toml_edit` so comments, key order, whitespace and quoting stay byte-identical. What
//! changes: budget values, a `tuned = true` after every budget tune sets (it gives way to slides
//! added later), `skip = true` on a slide cut to a shorter slot, and the talk's own budget with
//! `--budget`. A budget whose value already says the right duration is left as written. A
//! replaced value keeps its decor (the trailing comment `toml_edit` would otherwise drop) and
//! its quote style; a slide written as a plain string becomes `{ title = "…", budget = "…",
//! tuned = true }` in place; a table without a key gets it right after the key it follows,
//! indented like it. Durations follow the file's style (`"1m 05s"` or `"65s"`). Pure: text to
//! text, no file access.

use std::time::Duration;

use toml_edit::{DocumentMut, InlineTable, Item, Key, Table, Value};

mod style;

pub use style::Style;

/// What to write, by section and by slide within its section, as the file has them (skipped
/// slides included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budgets {
    /// The talk's new budget (`tune --budget`), or `None` to leave it as written.
    pub talk: Option<Duration>,
    /// Per section: the budget to write, or `None` to leave the section as it is.
    pub sections: Vec<Option<Duration>>,
    /// Per section, per slide of the file: what to write.
    pub slides: Vec<Vec<Edit>>,
}

/// What `--write` does to one slide of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Nothing: the slide stays as written (one already skipped).
    Leave,
    /// A budget that stays hard (a locked slide's).
    Budget(Duration),
    /// A budget that gives way: the value, and `tuned = true` after it.
    Tuned(Duration),
    /// Cut from the plan: `skip = true` after its title.
    Skip,
}

/// The rewritten text and what changed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub text: String,
    pub changes: Vec<Change>,
}

/// Where a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Talk,
    Section(usize),
    /// Section index, and slide index within it.
    Slide(usize, usize),
}

/// One value written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: At,
    /// `budget`, `tuned` or `skip`.
    pub key: &'static str,
    /// The value as it was written, if there was one.
    pub before: Option<String>,
    pub after: String,
}

/// Why the file cannot be rewritten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("the file is not valid TOML: {0}")]
    Syntax(String),
    #[error("cannot find {0} in the file")]
    Layout(String),
}

/// Rewrites `text` so the talk, every slide and every section given a budget are as
/// `budgets` says, touching nothing else.
pub fn rewrite(text: &str, budgets: &Budgets) -> Result<Rewrite, WriteError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| WriteError::Syntax(e.message().to_owned()))?;
    let style = Style::detect(durations(&doc).iter().map(String::as_str));
    let mut writer = Writer {
        style,
        changes: Vec::new(),
    };
    if let Some(budget) = budgets.talk {
        writer.set(&mut Tab::Std(doc.as_table_mut()), budget, At::Talk)?;
    }
    let missing = |what: &str| WriteError::Layout(what.to_owned());
    let sections = doc
        .get_mut("section")
        .ok_or_else(|| missing("the `[[section]]` tables"))?;
    let mut tables: Vec<Tab<'_>> = match sections {
        Item::ArrayOfTables(array) => array.iter_mut().map(Tab::Std).collect(),
        Item::Value(Value::Array(array)) => array
            .iter_mut()
            .map(|v| v.as_inline_table_mut().map(Tab::Inline))
            .collect::<Option<_>>()
            .ok_or_else(|| missing("a table for every section"))?,
        _ => return Err(missing("the `[[section]]` tables")),
    };
    if tables.len() != budgets.slides.len() {
        return Err(missing(&format!("{} sections", budgets.slides.len())));
    }
    for (s, table) in tables.iter_mut().enumerate() {
        if let Some(budget) = budgets.sections.get(s).copied().flatten() {
            writer.set(table, budget, At::Section(s))?;
        }
        writer.slides(table, &budgets.slides[s], s)?;
    }
    Ok(Rewrite {
        text: restore_line_endings(text, &doc.to_string()),
        changes: writer.changes,
    })
}

/// `toml_edit` writes every line ending as `\n`: put the file's own back. Lines the rewrite
/// left alone come back byte for byte from the original; new or changed lines take the
/// ending most of the file's lines have.
///
/// Why a diff: `toml_edit` normalises `\r\n` to `\n` as it parses, and the only change `tune`
/// makes is to budget values, so the rewritten text is the original with Unix endings and a
/// few lines replaced or added. Diffing it line by line against the original made Unix (the
/// same normalisation, done here by hand) pairs every untouched line with its original, whose
/// bytes (`\r\n`, a lone `\n` in a mixed file, no ending on the last line) are copied as they
/// were; only the lines the diff cannot pair are new, and they take the majority ending so a
/// Windows file stays a Windows file. Lines are compared whole, so a `\r` inside a multi-line
/// string is never touched. A file without any `\r` skips all of this.
fn restore_line_endings(original: &str, new: &str) -> String {
    if !original.contains('\r') {
        return new.to_owned();
    }
    let old_lines: Vec<&str> = original.split_inclusive('\n').collect();
    let unix: Vec<String> = old_lines
        .iter()
        .map(|l| match l.strip_suffix("\r\n") {
            Some(body) => format!("{body}\n"),
            None => (*l).to_owned(),
        })
        .collect();
    let unix: Vec<&str> = unix.iter().map(String::as_str).collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let crlf = old_lines.iter().filter(|l| l.ends_with("\r\n")).count();
    let ending = if crlf * 2 >= old_lines.len() {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(new.len() + crlf);
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &unix, &new_lines) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            old_lines[old].iter().for_each(|l| out.push_str(l));
            continue;
        }
        for line in &new_lines[new] {
            match line.strip_suffix('\n') {
                Some(body) if !body.ends_with('\r') => {
                    out.push_str(body);
                    out.push_str(ending);
                }
                _ => out.push_str(line),
            }
        }
    }
    out
}

/// Every duration string a `budget` or `grace` key holds, for [`Style::detect`].
fn durations(doc: &DocumentMut) -> Vec<String> {
    fn walk(item: &Item, key: &str, out: &mut Vec<String>) {
        match item {
            Item::Value(value) => walk_value(value, key, out),
            Item::Table(table) => table.iter().for_each(|(k, v)| walk(v, k, out)),
            Item::ArrayOfTables(array) => array
                .iter()
                .for_each(|t| t.iter().for_each(|(k, v)| walk(v, k, out))),
            Item::None => {}
        }
    }
    fn walk_value(value: &Value, key: &str, out: &mut Vec<String>) {
        match value {
            Value::String(s) if key == "budget" || key == "grace" => out.push(s.value().clone()),
            Value::Array(array) => array.iter().for_each(|v| walk_value(v, "", out)),
            Value::InlineTable(table) => table.iter().for_each(|(k, v)| walk_value(v, k, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc.as_item(), "", &mut out);
    out
}

/// A section or slide table, in either of TOML's spellings.
enum Tab<'a> {
    Std(&'a mut Table),
    Inline(&'a mut InlineTable),
}

struct Writer {
    style: Style,
    changes: Vec<Change>,
}

impl Writer {
    fn slides(
        &mut self,
        section: &mut Tab<'_>,
        budgets: &[Edit],
        s: usize,
    ) -> Result<(), WriteError> {
        let missing = || WriteError::Layout(format!("the slides of section {}", s + 1));
        match section {
            Tab::Std(t) => match t.get_mut("slides") {
                Some(Item::ArrayOfTables(array)) => {
                    if array.len() != budgets.len() {
                        return Err(missing());
                    }
                    for (i, (table, &edit)) in array.iter_mut().zip(budgets).enumerate() {
                        self.edit(&mut Tab::Std(table), edit, At::Slide(s, i))?;
                    }
                    Ok(())
                }
                Some(Item::Value(Value::Array(array))) => self.array(array, budgets, s),
                _ => Err(missing()),
            },
            Tab::Inline(t) => match t.get_mut("slides") {
                Some(Value::Array(array)) => self.array(array, budgets, s),
                _ => Err(missing()),
            },
        }
    }

    /// `slides = [ "Title", { title = "…" } ]`.
    fn array(
        &mut self,
        array: &mut toml_edit::Array,
        budgets: &[Edit],
        s: usize,
    ) -> Result<(), WriteError> {
        if array.len() != budgets.len() {
            return Err(WriteError::Layout(format!(
                "{} slides in section {}",
                budgets.len(),
                s + 1
            )));
        }
        for (i, &edit) in budgets.iter().enumerate() {
            let Some(value) = array.get_mut(i) else {
                continue;
            };
            match value {
                Value::InlineTable(table) => {
                    self.edit(&mut Tab::Inline(table), edit, At::Slide(s, i))?;
                }
                Value::String(_) if edit == Edit::Leave => {}
                Value::String(title) => {
                    let title_repr = title.display_repr().into_owned();
                    let (keys, change) = match edit {
                        Edit::Budget(d) | Edit::Tuned(d) => {
                            let after = self.style.format(d);
                            let tuned = if matches!(edit, Edit::Tuned(_)) {
                                ", tuned = true"
                            } else {
                                ""
                            };
                            (format!(", budget = \"{after}\"{tuned}"), ("budget", after))
                        }
                        _ => (", skip = true".to_owned(), ("skip", "true".to_owned())),
                    };
                    let table = format!("{{ title = {title_repr}{keys} }}");
                    let mut new: Value = table.parse().map_err(|_| {
                        WriteError::Layout(format!(
                            "a way to write slide {} of section {}",
                            i + 1,
                            s + 1
                        ))
                    })?;
                    *new.decor_mut() = value.decor().clone();
                    array.replace_formatted(i, new);
                    self.changes.push(Change {
                        at: At::Slide(s, i),
                        key: change.0,
                        before: None,
                        after: change.1,
                    });
                }
                _ => {
                    return Err(WriteError::Layout(format!(
                        "slide {} of section {} as a title or a table",
                        i + 1,
                        s + 1
                    )));
                }
            }
        }
        Ok(())
    }

    /// Applies one slide's edit to its table.
    fn edit(&mut self, table: &mut Tab<'_>, edit: Edit, at: At) -> Result<(), WriteError> {
        match edit {
            Edit::Leave => Ok(()),
            Edit::Budget(budget) => self.set(table, budget, at),
            Edit::Tuned(budget) => {
                self.set(table, budget, at)?;
                self.mark(table, "tuned", "budget", at);
                Ok(())
            }
            Edit::Skip => {
                self.mark(table, "skip", "title", at);
                Ok(())
            }
        }
    }

    /// Sets `key = true` in a table: an existing value replaced (keeping its comment), or a
    /// new key right after `anchor`.
    fn mark(&mut self, table: &mut Tab<'_>, key: &'static str, anchor: &str, at: At) {
        let existing = match table {
            Tab::Std(t) => t.get_mut(key).and_then(Item::as_value_mut),
            Tab::Inline(t) => t.get_mut(key),
        };
        let before = if let Some(value) = existing {
            if value.as_bool() == Some(true) {
                return;
            }
            let before = value.to_string().trim().to_owned();
            let mut new = Value::from(true);
            *new.decor_mut() = value.decor().clone();
            *value = new;
            Some(before)
        } else {
            insert_after(table, anchor, key, Value::from(true));
            None
        };
        self.changes.push(Change {
            at,
            key,
            before,
            after: "true".to_owned(),
        });
    }

    /// Gives a table the budget `budget`: its value replaced if it says otherwise, or a new
    /// `budget` key after its `title`.
    fn set(&mut self, table: &mut Tab<'_>, budget: Duration, at: At) -> Result<(), WriteError> {
        let after = self.style.format(budget);
        let existing = match table {
            Tab::Std(t) => t.get_mut("budget").and_then(Item::as_value_mut),
            Tab::Inline(t) => t.get_mut("budget"),
        };
        let before = if let Some(value) = existing {
            let Some(old) = value.as_str() else {
                return Err(WriteError::Layout("a budget written as a string".into()));
            };
            if parse_ms(old) == Some(crate::timefmt::ms(budget)) {
                return Ok(());
            }
            let before = old.to_owned();
            let mut new = string_like(value, &after);
            *new.decor_mut() = value.decor().clone();
            *value = new;
            Some(before)
        } else {
            insert_after(
                table,
                "title",
                "budget",
                string_like(&Value::from(""), &after),
            );
            None
        };
        self.changes.push(Change {
            at,
            key: "budget",
            before,
            after,
        });
        Ok(())
    }
}

/// Milliseconds of a humantime string, as the talk parser reads it.
fn parse_ms(text: &str) -> Option<u64> {
    humantime::parse_duration(text)
        .ok()
        .and_then(|d| u64::try_from(d.as_millis()).ok())
}

/// A string value holding `text`, quoted like `like` (`'literal'` or `"basic"`).
fn string_like(like: &Value, text: &str) -> Value {
    let literal = match like {
        Value::String(s) => s
            .as_repr()
            .and_then(|r| r.as_raw().as_str())
            .is_some_and(|raw| raw.starts_with('\'')),
        _ => false,
    };
    let quoted = if literal {
        format!("'{text}'")
    } else {
        format!("\"{text}\"")
    };
    // Durations are digits, letters and spaces: they always parse back as one string.
    quoted.parse().unwrap_or_else(|_| Value::from(text))
}

/// Adds `key = value` to a table right after its `anchor` key (`budget` after `title`,
/// `tuned` after `budget`), spaced like the anchor.
///
/// Why it is this fiddly: `toml_edit` keeps a file's layout as "decor", whitespace and comments
/// stored as a prefix and suffix on each key and value, and a freshly inserted key has none,
/// so it would print as `budget="9s"` at the table's end. To read as if the speaker had typed
/// it, the new key copies the title key's indentation (only the last line of its prefix: the
/// comments above the title stay above the title) and the spacing around its `=`; the value
/// copies the title value's prefix. An inline table (`{ title = "A" }`) keeps its space before
/// the `}` on whatever value is now last, so the title gives its suffix to the budget. `toml_edit`
/// appends new keys, so the table is then re-sorted by [`rank`], which keeps every existing
/// key where it was and slots `budget` in right after `title`.
fn insert_after(table: &mut Tab<'_>, anchor: &str, name: &str, mut value: Value) {
    match table {
        Tab::Std(t) => {
            let order: Vec<String> = t.iter().map(|(k, _)| k.to_owned()).collect();
            let (indent, key_suffix) = t.key(anchor).map_or((String::new(), None), |k| {
                let prefix = k
                    .leaf_decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("");
                // Only the title line's own indentation: comments above it stay with it.
                let indent = prefix.rsplit('\n').next().unwrap_or("").to_owned();
                let suffix = k
                    .leaf_decor()
                    .suffix()
                    .and_then(|p| p.as_str())
                    .map(|suffix| aligned(anchor, suffix, name));
                (indent, suffix)
            });
            if let Some(prefix) = t
                .get(anchor)
                .and_then(Item::as_value)
                .and_then(|v| v.decor().prefix())
                .and_then(|p| p.as_str())
            {
                value.decor_mut().set_prefix(prefix.to_owned());
            }
            value.decor_mut().set_suffix("");
            let mut key = Key::new(name);
            key.leaf_decor_mut().set_prefix(indent);
            if let Some(suffix) = key_suffix {
                key.leaf_decor_mut().set_suffix(suffix);
            }
            t.insert_formatted(&key, Item::Value(value));
            t.sort_values_by(|a, _, b, _| {
                rank(&order, a, name, anchor).cmp(&rank(&order, b, name, anchor))
            });
        }
        Tab::Inline(t) => {
            let order: Vec<String> = t.iter().map(|(k, _)| k.to_owned()).collect();
            let mut key = Key::new(name);
            if let Some(anchor_key) = t.key(anchor) {
                // One space or none, as the anchor has it: `, tuned = true` or `,tuned=true`,
                // never the anchor's own run of spaces after its comma.
                let one = |d: Option<&toml_edit::RawString>| {
                    if d.and_then(|p| p.as_str()).is_some_and(str::is_empty) {
                        ""
                    } else {
                        " "
                    }
                };
                let decor = anchor_key.leaf_decor();
                let (prefix, suffix) = (one(decor.prefix()), one(decor.suffix()));
                key.leaf_decor_mut().set_prefix(prefix);
                key.leaf_decor_mut().set_suffix(suffix);
            }
            if let Some(title) = t.get_mut(anchor) {
                // The title's trailing space (before `}` or `,`) moves to the new last-but-one
                // value's place: `{ title = "A", budget = "9s" }`, not `{ title = "A" , …`.
                let prefix = title
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .map(str::to_owned);
                let suffix = title
                    .decor()
                    .suffix()
                    .and_then(|p| p.as_str())
                    .map(str::to_owned);
                title.decor_mut().set_suffix("");
                value
                    .decor_mut()
                    .set_prefix(prefix.unwrap_or_else(|| " ".into()));
                value.decor_mut().set_suffix(suffix.unwrap_or_default());
            }
            t.insert_formatted(&key, value);
            t.sort_values_by(|a, _, b, _| {
                rank(&order, a, name, anchor).cmp(&rank(&order, b, name, anchor))
            });
        }
    }
}

/// The space after a new key `name` placed under `anchor`: where the file lines up its `=`
/// signs (more than one space after the anchor), the new key's `=` lines up too.
fn aligned(anchor: &str, suffix: &str, name: &str) -> String {
    if suffix.len() > 1 && suffix.bytes().all(|b| b == b' ') {
        let width = anchor.chars().count() + suffix.len();
        " ".repeat(width.saturating_sub(name.chars().count()).max(1))
    } else {
        suffix.to_owned()
    }
}

/// Sort key keeping the table's order with the new key `name` right after `anchor`.
fn rank(order: &[String], key: &Key, name: &str, anchor: &str) -> usize {
    let at = |name: &str| order.iter().position(|k| k == name);
    if key.get() == name {
        at(anchor).map_or(usize::MAX, |t| 2 * t + 1)
    } else {
        at(key.get()).map_or(usize::MAX - 1, |i| 2 * i)
    }
}

#[cfg(test)]
mod tests;
