//! The sample talks shipped in `talks/` load and plan without errors.

use std::path::Path;

use pacer::talk::Source;

#[test]
fn shipped_sample_talks_load_and_plan() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("talks");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no talks/ folder: no sample talk to check");
        return;
    };
    let mut checked = 0;
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
        checked += 1;
    }
    eprintln!("{checked} sample talk(s) checked");
}
