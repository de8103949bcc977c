//! Skipped slides (`skip = true`): left out of the plan, so `plan`, `run` and every report see
//! the talk without them, while the file (and `check`) keeps them.
//!
//! Owns only the filtering: a section whose slides are all skipped is left out with a warning
//! (its budget with it), a talk whose slides are all skipped is an error. Must not allocate.

use std::borrow::Cow;

use crate::talk::{Diagnostic, Problem, Talk};

/// The talk as the plan sees it: without skipped slides, and without sections left empty.
pub fn shown<'t>(
    talk: &'t Talk,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Cow<'t, Talk>, Vec<Diagnostic>> {
    if !talk.sections.iter().flat_map(|s| &s.slides).any(|s| s.skip) {
        return Ok(Cow::Borrowed(talk));
    }
    let mut shown = talk.clone();
    shown.sections.retain_mut(|section| {
        section.slides.retain(|slide| !slide.skip);
        if section.slides.is_empty() {
            diagnostics.push(Diagnostic::warning(
                Problem::SectionAllSkipped(section.title.clone()),
                section.span.clone(),
            ));
        }
        !section.slides.is_empty()
    });
    if shown.sections.is_empty() {
        let at = talk.sections.first().map_or(0..0, |s| s.span.clone());
        let mut errors = std::mem::take(diagnostics);
        errors.push(Diagnostic::error(Problem::AllSkipped, at));
        return Err(errors);
    }
    Ok(Cow::Owned(shown))
}
