//! The figures of one frame, computed from the model at one clock reading before rendering,
//! so the view itself reads no clock and computes no pacing.

use std::time::Duration;

use jiff::SignedDuration;
use jiff::tz::TimeZone;

use super::App;
use crate::pace::as_signed;
use crate::rehearsal::{Basis, Pace, Phase, Skip};
use crate::tui::clock::Reading;
use crate::tui::theme::SectionState;
use crate::tui::view::{Advice, NextView, SectionRow, SlideView, SummaryView, Versus, View};

/// Behind by less than this, advice would only be noise.
const ADVICE_FROM: SignedDuration = SignedDuration::from_secs(5);
/// At most this many slides are proposed for cutting.
const MAX_CUTS: usize = 3;
/// How many slides ahead the slide pane can list.
const UPCOMING: usize = 12;

impl App {
    /// The next run-clock moment something on screen changes by itself, if any.
    pub fn next_frame(&self, now: Duration) -> Option<Duration> {
        let to_next_second = |d: Duration| {
            let ms = d.as_millis() % 1000;
            Duration::from_millis(1000 - u64::try_from(ms).unwrap_or(0))
        };
        let pause = self
            .run
            .paused_since()
            .map(|since| now + to_next_second(now.saturating_sub(since)));
        let notice = self.notice.as_ref().map(|n| n.until);
        [self.run.next_tick(now), pause, notice, self.next_flag(now)]
            .into_iter()
            .flatten()
            .min()
    }

    /// The moment the current section tips over its budget, if the clock runs and it has not.
    fn next_flag(&self, now: Duration) -> Option<Duration> {
        if self.run.phase() != Phase::Running {
            return None;
        }
        let plan = self.run.plan();
        let section = plan.slides[self.run.current()].section;
        if self.run.flagged_at(section).is_some() {
            return None;
        }
        let left = plan.sections[section]
            .budget
            .checked_sub(self.run.section_spent(section, now))?;
        Some(now + left + Duration::from_millis(1))
    }

    /// Everything the screen shows at `now`; `tz` turns the projected end into a time of day.
    pub fn view(&self, now: Reading, tz: &TimeZone) -> View<'_> {
        let run = &self.run;
        let plan = run.plan();
        let at = now.mono;
        let phase = run.phase();
        let current = run.current();
        let slide = &plan.slides[current];
        let reference = &self.references[self.compare];
        let offset = run.offset_against(reference, at);
        let versus = Versus {
            basis: reference.basis,
            offset,
            pace: Pace::of_offset(offset, plan.grace),
        };
        let elapsed = run.elapsed(at);
        let projected = run.projected_finish_against(reference, at);
        let live = matches!(phase, Phase::Running | Phase::Paused);
        let finish_at = live
            .then(|| {
                let left = projected.saturating_sub(elapsed);
                let end = now.wall.checked_add(left).ok()?;
                Some(end.to_zoned(tz.clone()).strftime("%H:%M").to_string())
            })
            .flatten();
        View {
            theme: self.theme,
            title: &plan.title,
            phase,
            overlay: self.overlay,
            scope: self.options.scope.as_deref(),
            elapsed,
            budget: plan.budget,
            paused_for: run.paused_since().map(|since| at.saturating_sub(since)),
            versus,
            skipped: run.skipped_slides(),
            projected,
            finish_at,
            slides: plan.slides.len(),
            slide: SlideView {
                number: current + 1,
                title: &slide.title,
                section: &plan.sections[slide.section].title,
                notes: &slide.notes,
                spent: run.slide_spent(current, at),
                budget: slide.budget,
                pace: run.slide_pace(current, at),
                expected: (reference.basis != Basis::Plan).then(|| reference.slide(plan, current)),
                marked: run.is_marked(current),
                optional: slide.optional,
            },
            upcoming: (current + 1..plan.slides.len().min(current + 1 + UPCOMING))
                .map(|i| {
                    let next = &plan.slides[i];
                    NextView {
                        number: i + 1,
                        title: &next.title,
                        budget: next.budget,
                        optional: next.optional,
                        opens: (next.section != plan.slides[i - 1].section)
                            .then(|| plan.sections[next.section].title.as_str()),
                    }
                })
                .collect(),
            sections: self.section_rows(at),
            current_section: slide.section,
            advice: live.then(|| self.advice(at)).flatten(),
            record: &self.record,
            notice: self.notice.as_ref(),
            summary: (phase == Phase::Finished).then(|| SummaryView {
                summary: run.summary(at),
                grace: plan.grace,
                marks: run
                    .marks()
                    .map(|i| (i + 1, plan.slides[i].title.as_str()))
                    .collect(),
            }),
        }
    }

    fn section_rows(&self, at: Duration) -> Vec<SectionRow<'_>> {
        let run = &self.run;
        let plan = run.plan();
        let current = plan.slides[run.current()].section;
        plan.sections
            .iter()
            .enumerate()
            .map(|(s, section)| {
                let state = if s == current {
                    SectionState::Current(run.section_pace(s, at))
                } else if run.flagged_at(s).is_some() {
                    SectionState::DoneOver
                } else if s < current {
                    match run.section_skip(s) {
                        Skip::None => SectionState::Done,
                        Skip::All => SectionState::Skipped,
                        Skip::Partly { skipped, .. } => SectionState::PartlySkipped(skipped),
                    }
                } else {
                    SectionState::Upcoming
                };
                SectionRow {
                    title: &section.title,
                    spent: run.section_spent(s, at),
                    budget: section.budget,
                    state,
                    flash: self.notice.as_ref().is_some_and(|n| n.section == Some(s)),
                }
            })
            .collect()
    }

    /// When behind the chosen reference: the optional slides ahead whose times in that
    /// reference would cover the offset, and how much less each remaining slide must take.
    fn advice(&self, at: Duration) -> Option<Advice<'_>> {
        let run = &self.run;
        let reference = &self.references[self.compare];
        let behind = run.offset_against(reference, at);
        if behind < ADVICE_FROM {
            return None;
        }
        let plan = run.plan();
        let mut covered = Duration::ZERO;
        let mut cuts = Vec::new();
        for (i, budget) in run.cut_candidates_against(reference) {
            if as_signed(covered) >= behind || cuts.len() == MAX_CUTS {
                break;
            }
            covered += budget;
            cuts.push((i + 1, plan.slides[i].title.as_str(), budget));
        }
        Some(Advice {
            basis: reference.basis,
            behind,
            per_slide: run.recovery_per_slide_against(reference, at),
            cuts,
        })
    }
}
