//! The sample talks shipped in `talks/` load and plan without errors: all of them, and there
//! must be as many as are shipped (a missing folder or a lost file fails).

use std::path::Path;

use pacer::talk::Source;

/// The talks shipped in `talks/`; change it with the folder.
const SHIPPED: [&str; 3] = ["conference.toml", "lightning.toml", "lora-on-device.toml"];

#[test]
fn shipped_sample_talks_load_and_plan() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}: the sample talks are missing", dir.display()));
    let mut checked = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let source = Source::from_bytes(name.clone(), bytes);
        match pacer::load(&source) {
            Ok(loaded) => {
                let plan = &loaded.plan;
                assert_eq!(plan.slides_total() + plan.unassigned, plan.budget, "{name}");
                for warning in &loaded.warnings {
                    eprint!("{}", warning.render(&source, false));
                }
            }
            Err(errors) => {
                let shown: String = errors.iter().map(|e| e.render(&source, false)).collect();
                panic!("{name} is invalid:\n{shown}");
            }
        }
        checked.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    checked.sort();
    assert_eq!(checked, SHIPPED, "the sample talks in {}", dir.display());
}

/// The bundled talk comes with the questions an interviewer would ask: at least a dozen, each
/// about a slide, with the points of a good answer, tags to pick by, and a budget an answer
/// can be spoken in.
#[test]
fn the_bundled_talk_has_a_dozen_questions_worth_drilling() {
    let source = pacer::talk::sample::lora_on_device();
    let loaded = pacer::load(&source).unwrap_or_else(|_| panic!("the bundled talk is invalid"));
    let questions = &loaded.talk.questions;
    assert!(questions.len() >= 12, "{} questions", questions.len());
    for q in questions {
        assert!(q.slide.is_some(), "{}: no slide", q.ask);
        assert!(
            q.answer.split_whitespace().count() >= 20,
            "{}: a thin answer",
            q.ask
        );
        assert!(!q.tags.is_empty(), "{}: no tags", q.ask);
        let secs = q.budget.as_secs();
        assert!((30..=120).contains(&secs), "{}: {secs} s", q.ask);
    }
}
