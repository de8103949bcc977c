//! The plan of a rehearsal that covers part of the talk or a tighter total: one section alone
//! against its own budget (`run --section`), or the whole talk re-allocated to a smaller budget
//! (`run --budget`), by the same allocation rules as the talk's own plan.
//!
//! Pure: it takes the validated talk and its plan, and gives a plan or the allocation's
//! problems. Flags and their messages are the shell's.

use std::time::Duration;

use super::{Plan, allocate};
use crate::talk::{Diagnostic, Talk};

/// What a rehearsal covers: the whole talk or one section (by index), against the talk's own
/// total or a tighter `budget`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    pub section: Option<usize>,
    pub budget: Option<Duration>,
}

/// The plan to rehearse and the title of the section rehearsed alone; `plan` is `talk`'s own.
/// Errors: the allocation's problems when the budgets written in the talk do not fit.
pub fn rehearsal(
    talk: &Talk,
    plan: &Plan,
    scope: Scope,
) -> Result<(Plan, Option<String>), Vec<Diagnostic>> {
    if scope == Scope::default() {
        return Ok((plan.clone(), None));
    }
    let mut talk = talk.clone();
    let mut title = None;
    if let Some(index) = scope.section {
        // `index` counts the plan's sections, which leave out those whose slides are all
        // skipped: find the talk's section it is.
        let in_talk = talk
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.slides.iter().any(|slide| !slide.skip))
            .nth(index)
            .map_or(index, |(i, _)| i);
        let mut section = talk.sections.swap_remove(in_talk);
        let budget = scope.budget.unwrap_or(plan.sections[index].budget);
        section.budget = Some(budget);
        talk.budget = budget;
        title = Some(section.title.clone());
        talk.sections = vec![section];
    } else if let Some(budget) = scope.budget {
        talk.budget = budget;
    }
    let (plan, _) = allocate(&talk)?;
    Ok((plan, title))
}

/// A section by its 1-based number or its title (any case); otherwise a sentence saying there
/// is none, with the closest title and the list of sections.
pub fn find_section(plan: &Plan, name: &str) -> Result<usize, String> {
    let titles: Vec<&str> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    if let Ok(n) = name.trim().parse::<usize>()
        && (1..=titles.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let folded = name.trim().to_lowercase();
    if let Some(i) = titles.iter().position(|t| t.to_lowercase() == folded) {
        return Ok(i);
    }
    let best = titles
        .iter()
        .map(|t| (strsim::jaro_winkler(&t.to_lowercase(), &folded), *t))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = best.map_or_else(String::new, |(_, t)| format!("; did you mean \"{t}\"?"));
    let list: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{} {t}", i + 1))
        .collect();
    Err(format!(
        "no section \"{name}\"{hint} (the sections: {})",
        list.join(", ")
    ))
}

/// A two-minute talk of two sections, the first with its own budget and an explicit slide:
/// for the tests of scoped rehearsals, here and in the shell.
#[cfg(test)]
pub(crate) const TWO_SECTIONS: &str = r#"
title = "T"
budget = "2m"
[[section]]
title = "Opening"
budget = "30s"
slides = ["One", { title = "Two", budget = "10s" }]
[[section]]
title = "Method"
slides = ["Three", "Four", "Five"]
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::talk::Source;

    fn loaded() -> crate::Loaded {
        crate::load(&Source::new("t.toml", TWO_SECTIONS)).unwrap()
    }

    fn scope(loaded: &crate::Loaded, section: Option<&str>, budget: Option<u64>) -> Scope {
        Scope {
            section: section.map(|name| find_section(&loaded.plan, name).unwrap()),
            budget: budget.map(Duration::from_secs),
        }
    }

    #[test]
    fn the_whole_talk_is_its_own_plan() {
        let loaded = loaded();
        let (plan, title) = rehearsal(&loaded.talk, &loaded.plan, Scope::default()).unwrap();
        assert_eq!(plan, loaded.plan);
        assert_eq!(title, None);
    }

    #[test]
    fn one_section_alone_keeps_its_budgets() {
        let loaded = loaded();
        let scope = scope(&loaded, Some("METHOD"), None);
        let (plan, title) = rehearsal(&loaded.talk, &loaded.plan, scope).unwrap();
        assert_eq!(title.as_deref(), Some("Method"));
        assert_eq!(plan.sections.len(), 1);
        assert_eq!(plan.budget, loaded.plan.sections[1].budget);
        let budgets: Vec<Duration> = plan.slides.iter().map(|s| s.budget).collect();
        let whole: Vec<Duration> = loaded.plan.slides[2..].iter().map(|s| s.budget).collect();
        assert_eq!(budgets, whole);
    }

    #[test]
    fn a_tighter_budget_is_allocated_by_the_same_rules() {
        let loaded = loaded();
        let (plan, _) =
            rehearsal(&loaded.talk, &loaded.plan, scope(&loaded, None, Some(90))).unwrap();
        assert_eq!(plan.budget, Duration::from_secs(90));
        // The opening keeps its explicit 30 s; the method shares the rest.
        assert_eq!(plan.sections[0].budget, Duration::from_secs(30));
        assert_eq!(plan.sections[1].budget, Duration::from_secs(60));
        let (plan, _) = rehearsal(
            &loaded.talk,
            &loaded.plan,
            scope(&loaded, Some("2"), Some(45)),
        )
        .unwrap();
        assert_eq!(plan.slides_total(), Duration::from_secs(45));
    }

    #[test]
    fn a_budget_the_written_ones_exceed_gives_the_problems() {
        let loaded = loaded();
        let problems =
            rehearsal(&loaded.talk, &loaded.plan, scope(&loaded, None, Some(20))).unwrap_err();
        assert!(problems.iter().any(Diagnostic::is_error), "{problems:?}");
    }

    #[test]
    fn an_unknown_section_is_named_with_a_suggestion() {
        let loaded = loaded();
        let err = find_section(&loaded.plan, "Metod").unwrap_err();
        assert!(err.contains("did you mean \"Method\"?"), "{err}");
        assert!(err.contains("1 Opening, 2 Method"), "{err}");
    }

    #[test]
    fn a_section_after_one_all_skipped_is_found_by_its_place_in_the_plan() {
        let source = Source::new(
            "t.toml",
            "title = \"T\"\nbudget = \"1m\"\n[[section]]\ntitle = \"Cut\"\nslides = [{ title = \"x\", skip = true }]\n[[section]]\ntitle = \"Kept\"\nslides = [\"a\", { title = \"b\", skip = true }]\n",
        );
        let loaded = crate::load(&source).unwrap();
        let index = find_section(&loaded.plan, "Kept").unwrap();
        let (plan, title) = rehearsal(
            &loaded.talk,
            &loaded.plan,
            Scope {
                section: Some(index),
                budget: None,
            },
        )
        .unwrap();
        assert_eq!(title.as_deref(), Some("Kept"));
        let ids: Vec<&str> = plan.slides.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["kept/a"]);
    }
}
