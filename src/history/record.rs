//! One line of the journal, as written and read (the on-disk format).

use std::ops::Range;
use std::time::Duration;

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Fingerprint;
use super::owner::Recorder;
use crate::plan::{Plan, PlannedSection, PlannedSlide};
use crate::rehearsal::{EndReason, Event, PauseReason};
use crate::timefmt::ms;

/// What a line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A run begins: the plan it runs against, and the clock starts (`t_ms` 0).
    Start,
    Enter,
    Undo,
    Pause,
    Resume,
    Mark,
    End,
}

/// A journal line. Flat, with optional fields, so reading is one pass with no buffering.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    pub run: String,
    pub event: Kind,
    /// Run-clock milliseconds since the run's start.
    pub t_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slide: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanSnapshot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pacer: Option<String>,
    /// The process recording the run (start records only; absent in older histories).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorder: Option<Recorder>,
}

impl Line {
    pub fn new(run: &str, event: Kind, t: Duration) -> Self {
        Self {
            run: run.to_owned(),
            event,
            t_ms: ms(t),
            slide: None,
            id: None,
            reason: None,
            started_at: None,
            from: None,
            scope: None,
            plan: None,
            pacer: None,
            recorder: None,
        }
    }

    /// The line recording `event` at `t`; `ids` names the slides for people reading the file.
    pub fn of_event(run: &str, event: &Event, t: Duration, ids: &[String]) -> Self {
        let (kind, slide, reason) = match *event {
            Event::Start => (Kind::Start, None, None),
            Event::Goto(i) => (Kind::Enter, Some(i), None),
            Event::Undo => (Kind::Undo, None, None),
            Event::Pause(PauseReason::Speaker) => (Kind::Pause, None, None),
            Event::Pause(PauseReason::Suspend) => (Kind::Pause, None, Some("suspend")),
            Event::Resume => (Kind::Resume, None, None),
            Event::Mark(i) => (Kind::Mark, Some(i), None),
            Event::End(r) => (
                Kind::End,
                None,
                Some(match r {
                    EndReason::Finished => "finished",
                    EndReason::Quit => "quit",
                    EndReason::Signal => "signal",
                    EndReason::Hangup => "hangup",
                }),
            ),
        };
        let mut line = Self::new(run, kind, t);
        line.slide = slide;
        line.id = slide.and_then(|i| ids.get(i).cloned());
        line.reason = reason.map(str::to_owned);
        line
    }
}

/// The rehearsal event a line of this kind, slide and reason records, or why it records none.
pub fn event_of(kind: Kind, slide: Option<usize>, reason: Option<&str>) -> Result<Event, String> {
    let slide = || slide.ok_or_else(|| "no `slide`".to_owned());
    Ok(match kind {
        Kind::Start => Event::Start,
        Kind::Enter => Event::Goto(slide()?),
        Kind::Undo => Event::Undo,
        Kind::Pause => Event::Pause(match reason {
            Some("suspend") => PauseReason::Suspend,
            _ => PauseReason::Speaker,
        }),
        Kind::Resume => Event::Resume,
        Kind::Mark => Event::Mark(slide()?),
        Kind::End => Event::End(match reason {
            Some("finished") => EndReason::Finished,
            Some("signal") => EndReason::Signal,
            Some("hangup") => EndReason::Hangup,
            _ => EndReason::Quit,
        }),
    })
}

/// A journal line as the reader takes it: borrowed from the line's bytes, the plan left as raw
/// JSON so that a start line repeating the previous plan costs a comparison, not a parse.
#[derive(Debug, Deserialize)]
pub struct LineIn<'a> {
    #[serde(borrow)]
    pub run: Cow<'a, str>,
    pub event: Kind,
    pub t_ms: u64,
    #[serde(default)]
    pub slide: Option<usize>,
    #[serde(default, borrow)]
    pub reason: Option<Cow<'a, str>>,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub from: Option<usize>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default, borrow)]
    pub plan: Option<&'a RawValue>,
    #[serde(default)]
    pub recorder: Option<Recorder>,
}

impl LineIn<'_> {
    /// The rehearsal event this line records, or why it records none.
    pub fn event(&self) -> Result<Event, String> {
        event_of(self.event, self.slide, self.reason.as_deref())
    }
}

/// The plan a run was rehearsed against, kept in its start line so old runs stay readable
/// after the talk changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    pub title: String,
    pub budget_ms: u64,
    pub warn: f64,
    pub grace_ms: u64,
    pub sections: Vec<SectionSnapshot>,
    pub slides: Vec<SlideSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionSnapshot {
    pub title: String,
    pub budget_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlideSnapshot {
    pub id: String,
    pub title: String,
    /// Index of the slide's section.
    pub section: usize,
    pub budget_ms: u64,
    #[serde(default)]
    pub optional: bool,
    /// The slide's [`Fingerprint`] of title and notes, as 16 hex digits; absent in histories
    /// written before pacer recorded it (and read as unknown when it is not 16 hex digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

impl PlanSnapshot {
    pub fn of(plan: &Plan) -> Self {
        Self {
            title: plan.title.clone(),
            budget_ms: ms(plan.budget),
            warn: plan.warn,
            grace_ms: ms(plan.grace),
            sections: plan
                .sections
                .iter()
                .map(|s| SectionSnapshot {
                    title: s.title.clone(),
                    budget_ms: ms(s.budget),
                })
                .collect(),
            slides: plan
                .slides
                .iter()
                .map(|s| SlideSnapshot {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    section: s.section,
                    budget_ms: ms(s.budget),
                    optional: s.optional,
                    fingerprint: Some(Fingerprint::of(&s.title, &s.notes).to_string()),
                })
                .collect(),
        }
    }

    /// Every slide's fingerprint, in order; empty when the history recorded none.
    pub fn fingerprints(&self) -> Arc<[Option<Fingerprint>]> {
        if self.slides.iter().all(|s| s.fingerprint.is_none()) {
            return Arc::from([]);
        }
        self.slides
            .iter()
            .map(|s| s.fingerprint.as_deref().and_then(Fingerprint::parse))
            .collect()
    }

    /// The plan back (without notes), or why the snapshot cannot be one.
    pub fn to_plan(&self) -> Result<Plan, String> {
        if self.slides.is_empty() {
            return Err("the plan has no slides".into());
        }
        if !(self.warn > 0.0 && self.warn <= 1.0) {
            return Err("the plan's `warn` is out of range".into());
        }
        let mut ranges: Vec<Range<usize>> = vec![0..0; self.sections.len()];
        for (i, slide) in self.slides.iter().enumerate() {
            let range = ranges.get_mut(slide.section).ok_or_else(|| {
                format!(
                    "slide {} names section {} of {}",
                    i + 1,
                    slide.section + 1,
                    self.sections.len()
                )
            })?;
            if range.start == range.end {
                *range = i..i + 1;
            } else if range.end == i {
                range.end += 1;
            } else {
                return Err("the plan's sections are out of order".into());
            }
        }
        let mut start = Duration::ZERO;
        let mut sections = Vec::with_capacity(self.sections.len());
        let mut slides = Vec::with_capacity(self.slides.len());
        for (s, (section, range)) in self.sections.iter().zip(ranges).enumerate() {
            let mut slide_start = start;
            for slide in &self.slides[range.clone()] {
                let budget = Duration::from_millis(slide.budget_ms);
                slides.push(PlannedSlide {
                    id: slide.id.clone(),
                    title: slide.title.clone(),
                    section: s,
                    budget,
                    start: slide_start,
                    optional: slide.optional,
                    lock: false,
                    notes: String::new(),
                    explicit: false,
                });
                slide_start += budget;
            }
            let budget = Duration::from_millis(section.budget_ms);
            sections.push(PlannedSection {
                title: section.title.clone(),
                budget,
                start,
                slides: range,
                explicit: false,
            });
            start += budget;
        }
        let budget = Duration::from_millis(self.budget_ms);
        let total: Duration = slides.iter().map(|s| s.budget).sum();
        Ok(Plan {
            title: self.title.clone(),
            budget,
            warn: self.warn,
            grace: Duration::from_millis(self.grace_ms),
            wpm: None,
            sections,
            slides,
            unassigned: budget.saturating_sub(total),
        })
    }
}
