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
//! Sections follow the deck's when it has any (a file section is kept, with its budget and
//! comments, for the deck section of its title, or the one most of its slides go to); a deck
//! without sections leaves the file's sections as they are, new slides joining the section of
//! the slide before them.
//!
//! Everything not paired is a removed slide (from the file) or a new one (from the deck). A
//! matched slide keeps its id: when a new title or section would change its default id, the
//! old one is written as an explicit `id`, so its rehearsal history keeps matching.

use std::collections::{HashMap, VecDeque};

mod entries;

use toml_edit::{ArrayOfTables, DocumentMut, Item};

use entries::{
    Entry, fresh, new_section, pin, put_entries, refresh, renumber, set_string, take_entries,
    take_sections,
};

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
                // A file with CRLF endings holds them in its notes too; the deck's have none.
                notes: slide.notes.replace("\r\n", "\n").trim().to_owned(),
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
    let regrouped;
    let sections = if shaped.sectioned {
        &shaped.sections
    } else {
        regrouped = regroup(&new, &pairs, &old, talk);
        &regrouped
    };
    let mut changes = Changes::default();
    let mut used = vec![false; old_sections.len()];
    let mut built = ArrayOfTables::new();
    let mut flat = 0;
    for section in sections {
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
    let mut text = refresh_header(&doc.to_string(), options);
    // New lines follow the file's line endings.
    if text.contains("\r\n") {
        text = text.replace("\r\n", "\n").replace('\n', "\r\n");
    }
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

/// For a deck without sections, the file's own: each matched slide stays in its section, a new
/// slide joins the section of the slide before it (the first section at the start); slides stay
/// in deck order, so a slide moved across sections splits one into two runs.
fn regroup(
    new: &[&OutSlide],
    pairs: &[Option<usize>],
    old: &[Old],
    talk: &Talk,
) -> Vec<OutSection> {
    let mut sections: Vec<(usize, Vec<OutSlide>)> = Vec::new();
    let mut current = 0;
    for (slide, pair) in new.iter().zip(pairs) {
        if let Some(o) = pair {
            current = old[*o].section;
        }
        match sections.last_mut() {
            Some((s, slides)) if *s == current => slides.push((*slide).clone()),
            _ => sections.push((current, vec![(*slide).clone()])),
        }
    }
    sections
        .into_iter()
        .map(|(s, slides)| OutSection {
            title: talk
                .sections
                .get(s)
                .map_or_else(String::new, |t| t.title.clone()),
            slides,
        })
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
