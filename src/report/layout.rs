//! The rows of a report: the current talk's sections and slides, with the slides that runs of
//! an older outline had and the talk no longer has, matched by id.
//!
//! Each run is then read into these rows: a slide it never had is new (not rehearsed), a
//! slide only it had is shown as removed, and its time still counts in the totals.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use super::Status;
use super::figures::{Cell, RunFigures};
use crate::plan::Plan;

/// The report's sections and slides, in display order.
#[derive(Debug, Clone)]
pub struct Layout {
    pub sections: Vec<RowSection>,
    pub slides: Vec<RowSlide>,
}

/// A section row: one of the current talk, or one only older outlines had.
#[derive(Debug, Clone)]
pub struct RowSection {
    pub title: String,
    /// The budget in the current talk; `None` for a removed section.
    pub budget: Option<Duration>,
    /// Planned start in the current talk (a checkpoint); `None` for a removed section.
    pub start: Option<Duration>,
    /// The section's slide rows, in display order.
    pub slides: Vec<usize>,
}

/// A slide row.
#[derive(Debug, Clone)]
pub struct RowSlide {
    pub id: String,
    pub title: String,
    /// Position in the current talk (1-based); `None` for a slide since removed.
    pub number: Option<usize>,
    /// The budget in the current talk; `None` for a slide since removed.
    pub budget: Option<Duration>,
    pub optional: bool,
    /// Index into [`Layout::sections`].
    pub section: usize,
}

impl RowSlide {
    pub fn removed(&self) -> bool {
        self.number.is_none()
    }
}

/// What a run did with one slide row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowCell {
    /// The run's outline had the slide.
    Had(Cell),
    /// The run's outline did not have the slide: added since.
    New,
    /// The current talk does not have the slide, nor did the run's outline.
    Absent,
}

impl RowCell {
    pub fn time(self) -> Option<Duration> {
        match self {
            Self::Had(cell) => cell.time(),
            Self::New | Self::Absent => None,
        }
    }

    /// The time, when it counts in statistics (shown and left).
    pub fn spoken(self) -> Option<Duration> {
        match self {
            Self::Had(Cell::Spoken(d)) => Some(d),
            _ => None,
        }
    }
}

impl Layout {
    /// The current plan's rows, with the removed slides of `runs` (newest first wins for a
    /// removed slide's title and section).
    pub fn new<'a>(plan: &Plan, runs: impl DoubleEndedIterator<Item = &'a RunFigures>) -> Self {
        let mut sections: Vec<RowSection> = plan
            .sections
            .iter()
            .map(|s| RowSection {
                title: s.title.clone(),
                budget: Some(s.budget),
                start: Some(s.start),
                slides: s.slides.clone().collect(),
            })
            .collect();
        let mut slides: Vec<RowSlide> = plan
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| RowSlide {
                id: s.id.clone(),
                title: s.title.clone(),
                number: Some(i + 1),
                budget: Some(s.budget),
                optional: s.optional,
                section: s.section,
            })
            .collect();
        let mut known: HashMap<String, usize> = slides
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut section_of: HashMap<String, usize> = HashMap::new();
        for (i, s) in sections.iter().enumerate() {
            section_of.entry(s.title.clone()).or_insert(i);
        }
        // Each section's rows as a linked list while removed slides go in after their old
        // neighbour: one step per slide, however many there are.
        let mut order = Order::new(&sections, slides.len());
        let mut seen_plans: HashSet<*const Plan> = HashSet::from([std::ptr::from_ref(plan)]);
        for run in runs.rev() {
            let old = &*run.plan;
            // Runs of one outline share their plan: look at each outline once.
            if !seen_plans.insert(std::ptr::from_ref(old)) || *old == *plan {
                continue;
            }
            let mut anchor: Option<usize> = None;
            for slide in &old.slides {
                if let Some(&row) = known.get(&slide.id) {
                    anchor = Some(row);
                    continue;
                }
                let title = &old.sections[slide.section].title;
                let section = *section_of.entry(title.clone()).or_insert_with(|| {
                    sections.push(RowSection {
                        title: title.clone(),
                        budget: None,
                        start: None,
                        slides: Vec::new(),
                    });
                    sections.len() - 1
                });
                let row = slides.len();
                slides.push(RowSlide {
                    id: slide.id.clone(),
                    title: slide.title.clone(),
                    number: None,
                    budget: None,
                    optional: slide.optional,
                    section,
                });
                known.insert(slide.id.clone(), row);
                // After the slide it followed in its outline, when that one is in this section.
                match anchor.filter(|&a| slides[a].section == section) {
                    Some(a) => order.insert_after(section, a, row),
                    None => order.push(section, row),
                }
                anchor = Some(row);
            }
        }
        for (i, section) in sections.iter_mut().enumerate() {
            section.slides = order.rows(i).collect();
        }
        Self { sections, slides }
    }

    /// Slide rows in display order, section by section.
    pub fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections.iter().flat_map(|s| s.slides.iter().copied())
    }

    /// What `run` did with every slide row, by id.
    pub fn cells(&self, run: &RunFigures) -> Vec<RowCell> {
        let index = slide_index(run);
        self.slides
            .iter()
            .map(|row| match index.get(row.id.as_str()) {
                Some(&i) => RowCell::Had(run.cells[i]),
                None if row.removed() => RowCell::Absent,
                None => RowCell::New,
            })
            .collect()
    }

    /// Whether `run` marked each slide row.
    pub fn marks(&self, run: &RunFigures) -> Vec<bool> {
        let index = slide_index(run);
        self.slides
            .iter()
            .map(|row| index.get(row.id.as_str()).is_some_and(|&i| run.marked[i]))
            .collect()
    }
}

/// Which budgets a run's figures (deltas, verdicts, checkpoints) are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Against {
    /// The plan the run was rehearsed with, which its start record holds (the default): a
    /// run's deltas never change when the talk's budgets do.
    #[default]
    Rehearsed,
    /// The talk's budgets as they are now (`report --against current`).
    Current,
}

/// The budgets one run is read against, per slide row and per section row of a [`Layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunBudgets {
    pub slides: Vec<Option<Duration>>,
    pub sections: Vec<Option<Duration>>,
    /// Per section row, its planned start (a checkpoint).
    pub starts: Vec<Option<Duration>>,
}

impl Layout {
    /// The budgets `run` is read against. Against the rehearsed plan: a slide's budget in the
    /// run's plan (by id), a section's by title; a slide or section the run did not have had
    /// no budget then (none: its section's budget is the sum of the slides it had). Against the
    /// current talk: the rows' own budgets (none for a removed slide or section).
    pub fn budgets(&self, run: &RunFigures, against: Against) -> RunBudgets {
        let current = RunBudgets {
            slides: self.slides.iter().map(|r| r.budget).collect(),
            sections: self.sections.iter().map(|s| s.budget).collect(),
            starts: self.sections.iter().map(|s| s.start).collect(),
        };
        if against == Against::Current {
            return current;
        }
        let index = slide_index(run);
        let mut sections: HashMap<&str, usize> = HashMap::new();
        for (i, s) in run.plan.sections.iter().enumerate() {
            sections.entry(s.title.as_str()).or_insert(i);
        }
        let section = |i: usize| sections.get(self.sections[i].title.as_str()).copied();
        RunBudgets {
            slides: self
                .slides
                .iter()
                .map(|row| {
                    index
                        .get(row.id.as_str())
                        .map(|&j| run.plan.slides[j].budget)
                })
                .collect(),
            sections: (0..self.sections.len())
                .map(|i| section(i).map(|s| run.plan.sections[s].budget))
                .collect(),
            starts: (0..self.sections.len())
                .map(|i| section(i).map(|s| run.plan.sections[s].start))
                .collect(),
        }
    }
}

/// The run's slides by id.
fn slide_index(run: &RunFigures) -> HashMap<&str, usize> {
    run.plan
        .slides
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

/// The rows of every section as singly linked lists: insert after a row, or at a section's end.
struct Order {
    head: Vec<Option<usize>>,
    tail: Vec<Option<usize>>,
    next: Vec<Option<usize>>,
}

impl Order {
    fn new(sections: &[RowSection], rows: usize) -> Self {
        let mut order = Self {
            head: Vec::new(),
            tail: Vec::new(),
            next: vec![None; rows],
        };
        for (i, section) in sections.iter().enumerate() {
            for &row in &section.slides {
                order.push(i, row);
            }
        }
        order
    }

    fn grow(&mut self, section: usize, row: usize) {
        if self.head.len() <= section {
            self.head.resize(section + 1, None);
            self.tail.resize(section + 1, None);
        }
        if self.next.len() <= row {
            self.next.resize(row + 1, None);
        }
    }

    fn push(&mut self, section: usize, row: usize) {
        self.grow(section, row);
        match self.tail[section] {
            Some(last) => self.next[last] = Some(row),
            None => self.head[section] = Some(row),
        }
        self.tail[section] = Some(row);
    }

    /// Puts `row` right after `anchor`, a row of `section`.
    fn insert_after(&mut self, section: usize, anchor: usize, row: usize) {
        self.grow(section, row);
        self.next[row] = self.next[anchor];
        self.next[anchor] = Some(row);
        if self.tail[section] == Some(anchor) {
            self.tail[section] = Some(row);
        }
    }

    fn rows(&self, section: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.head.get(section).copied().flatten(), |&r| self.next[r])
    }
}

/// A section's time in one run, from its slides' cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionCell {
    /// Every slide the run had in it was spoken: the whole section was rehearsed.
    Whole(Duration),
    /// Only part of the section was rehearsed (the run started, stopped or is inside it, or
    /// skipped some of its slides).
    Part(Duration),
    /// The run did not rehearse the section.
    NotReached,
}

impl SectionCell {
    pub fn time(self) -> Option<Duration> {
        match self {
            Self::Whole(d) | Self::Part(d) => Some(d),
            Self::NotReached => None,
        }
    }

    /// The time, when it counts in statistics (the whole section rehearsed).
    pub fn whole(self) -> Option<Duration> {
        match self {
            Self::Whole(d) => Some(d),
            _ => None,
        }
    }
}

/// A section's cell from the cells of its slide rows.
pub fn section_cell(section: &RowSection, cells: &[RowCell]) -> SectionCell {
    let mut total = Duration::ZERO;
    let (mut shown, mut whole) = (false, true);
    for &row in &section.slides {
        match cells[row] {
            RowCell::Had(Cell::Spoken(d)) => {
                total += d;
                shown = true;
            }
            // A slide a run cut short stopped on, or the one a run in progress is on (its time
            // so far, an earlier visit too): the section was not rehearsed whole.
            RowCell::Had(Cell::Stopped(d) | Cell::Live(d)) => {
                total += d;
                shown = true;
                whole = false;
            }
            // A section with slides skipped was not rehearsed whole: its time is short of it.
            RowCell::Had(Cell::NotReached | Cell::Skipped) => whole = false,
            RowCell::New | RowCell::Absent => {}
        }
    }
    match (shown, whole) {
        (false, _) => SectionCell::NotReached,
        (true, true) => SectionCell::Whole(total),
        (true, false) => SectionCell::Part(total),
    }
}

/// How many of a section's slides the run skipped.
pub fn skipped_in(section: &RowSection, cells: &[RowCell]) -> usize {
    section
        .slides
        .iter()
        .filter(|&&row| cells[row] == RowCell::Had(Cell::Skipped))
        .count()
}

/// A section's `status` once its skipped and live slides are told: the section a run in
/// progress is on is in progress; one whose every slide the run had was skipped is skipped;
/// one with some skipped is partly skipped, unless it ran over (over is over, whatever was
/// skipped). A removed section stays removed.
pub fn with_skips(section: &RowSection, cells: &[RowCell], status: Status) -> Status {
    if status == Status::Removed {
        return status;
    }
    let (mut skipped, mut shown, mut live) = (false, false, false);
    for &row in &section.slides {
        match cells[row] {
            RowCell::Had(Cell::Skipped) => skipped = true,
            RowCell::Had(Cell::Live(_)) => live = true,
            RowCell::Had(Cell::Spoken(_) | Cell::Stopped(_)) => shown = true,
            RowCell::Had(Cell::NotReached) | RowCell::New | RowCell::Absent => {}
        }
    }
    match (live, skipped, shown) {
        (true, _, _) => Status::InProgress,
        (false, false, _) => status,
        _ if status == Status::Over => status,
        (false, true, true) => Status::PartlySkipped,
        (false, true, false) => Status::Skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::{EndReason, Event};
    use crate::report::testing::{plan, run};

    #[test]
    fn removed_slides_follow_their_old_neighbour_and_new_ones_are_new() {
        let old = plan();
        let mut new = plan();
        // Slide 2 ("opening/b") removed, a slide added at the end.
        new.slides.remove(1);
        new.slides.push(crate::plan::PlannedSlide {
            id: "method/z".into(),
            title: "Z".into(),
            ..new.slides[2].clone()
        });
        new.sections[0].slides = 0..1;
        new.sections[1].slides = 1..4;
        let fig = RunFigures::of(&run(
            &old,
            0,
            &[
                (Event::Goto(1), 10),
                (Event::Goto(2), 30),
                (Event::Goto(3), 40),
                (Event::End(EndReason::Finished), 50),
            ],
        ));
        let layout = Layout::new(&new, std::iter::once(&fig));
        let ids: Vec<&str> = layout
            .order()
            .map(|r| layout.slides[r].id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["opening/a", "opening/b", "method/c", "method/d", "method/z"]
        );
        let cells = layout.cells(&fig);
        let d = Duration::from_secs;
        assert_eq!(
            cells[4],
            RowCell::Had(Cell::Spoken(d(20))),
            "the removed slide"
        );
        assert!(layout.slides[4].removed());
        assert_eq!(cells[3], RowCell::New);
        let total: Duration = cells.iter().filter_map(|c| c.time()).sum();
        assert_eq!(total, fig.talked, "totals stay correct");
        assert_eq!(
            section_cell(&layout.sections[0], &cells),
            SectionCell::Whole(d(30))
        );
    }
}
