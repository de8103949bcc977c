//! pacer at home in the ecosystem: shell completions, the man page, the talk file's JSON
//! Schema, the version, and what a mistyped command is told.
//!
//! Everything is checked against the clap definition (`Cli::command()`) or the loader, never
//! against a copy of their lists, so a new command, flag or format is covered as it lands.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pacer() -> Command {
    let mut cmd = Command::cargo_bin("pacer").unwrap();
    cmd.current_dir(root().join("tests/fixtures"))
        .env_remove("NO_COLOR");
    cmd
}

/// Output that leaked a panic or a Debug-printed error (`RUST_BACKTRACE=1` is set here).
fn clean() -> impl Predicate<str> {
    predicate::str::contains("panicked")
        .or(predicate::str::contains("stack backtrace"))
        .not()
}

fn stdout_of(args: &[&str]) -> String {
    let out = pacer()
        .args(args)
        .assert()
        .success()
        .stderr("")
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The visible commands of the definition, the help command aside.
fn commands() -> Vec<clap::Command> {
    let mut cli = pacer::cli::Cli::command();
    cli.build();
    cli.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .cloned()
        .collect()
}

/// Each command's `--format` values, as the definition lists them.
fn formats() -> Vec<(String, Vec<String>)> {
    commands()
        .iter()
        .filter_map(|cmd| {
            let format = cmd
                .get_arguments()
                .find(|a| a.get_long() == Some("format"))?;
            let values = format
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            Some((cmd.get_name().to_owned(), values))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Completions

const SHELLS: &[&str] = &["bash", "zsh", "fish", "elvish", "powershell"];

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in SHELLS {
        let script = stdout_of(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for cmd in commands() {
            assert!(
                script.contains(cmd.get_name()),
                "{shell} does not name {}",
                cmd.get_name()
            );
            for arg in cmd.get_arguments().filter_map(clap::Arg::get_long) {
                assert!(
                    script.contains(&format!("--{arg}")) || script.contains(&format!("-l {arg}")),
                    "{shell}: no --{arg} of {}",
                    cmd.get_name()
                );
            }
        }
    }
}

#[test]
fn an_unknown_shell_is_refused_with_the_list() {
    pacer()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash").and(predicate::str::contains("powershell")))
        .stderr(clean());
}

/// The values bash offers after `--format` in a command's block.
fn bash_formats(script: &str, command: &str) -> Option<Vec<String>> {
    let block = script
        .split(&format!("        pacer__subcmd__{command})\n"))
        .nth(1)?;
    let block = block.split("\n        pacer__").next()?;
    let after = block.split("--format)\n").nth(1)?;
    let words = after.split("compgen -W \"").nth(1)?.split('"').next()?;
    Some(words.split(' ').map(str::to_owned).collect())
}

/// The values zsh offers for `--format` in a command's block: `(text json)`, or one
/// `value\:"help"` a line inside `((…))` where the values have help.
fn zsh_formats(script: &str, command: &str) -> Option<Vec<String>> {
    let block = script.split(&format!("\n({command})\n")).nth(1)?;
    let block = block.split("\n;;").next()?;
    let spec = &block[block.find("'--format=")?..];
    let spec = &spec[..spec.find(")' \\")?];
    let values = spec.split(":FORMAT:").nth(1)?;
    Some(match values.strip_prefix("((") {
        Some(list) => list
            .lines()
            .map(|l| l.split("\\:").next().unwrap_or(l).to_owned())
            .collect(),
        None => values
            .trim_start_matches('(')
            .split(' ')
            .map(str::to_owned)
            .collect(),
    })
}

/// The values fish offers for `--format` of a command (one `value\t'help'` a line).
fn fish_formats(script: &str, command: &str) -> Option<Vec<String>> {
    let start = format!("-n \"__fish_pacer_using_subcommand {command}\" -l format");
    let at = script.find(&start)?;
    let rest = &script[at..];
    let list = rest.split("-a \"").nth(1)?;
    let list = &list[..list.find("\"\n")?];
    Some(
        list.lines()
            .map(|l| l.split("\\t").next().unwrap_or(l).to_owned())
            .collect(),
    )
}

#[test]
fn format_completes_to_exactly_the_commands_formats() {
    let formats = formats();
    assert!(formats.len() >= 4, "{formats:?}");
    let bash = stdout_of(&["completions", "bash"]);
    let zsh = stdout_of(&["completions", "zsh"]);
    let fish = stdout_of(&["completions", "fish"]);
    for (command, values) in &formats {
        assert_eq!(
            bash_formats(&bash, command).as_ref(),
            Some(values),
            "bash {command}"
        );
        assert_eq!(
            zsh_formats(&zsh, command).as_ref(),
            Some(values),
            "zsh {command}"
        );
        assert_eq!(
            fish_formats(&fish, command).as_ref(),
            Some(values),
            "fish {command}"
        );
    }
}

/// What each command accepts, as its docs say: `plan` no svg, `report` every format, `history`
/// no markdown, `tune` text, markdown and json. The definition gives these, and the completions
/// follow it (above); this holds the definition to the docs.
#[test]
fn each_command_completes_its_own_formats() {
    let expected = [
        ("history", "text json csv"),
        ("plan", "text markdown json csv html"),
        ("report", "text markdown json csv svg html"),
        ("tune", "text markdown json"),
    ];
    let bash = stdout_of(&["completions", "bash"]);
    for (command, values) in expected {
        let values: Vec<String> = values.split(' ').map(str::to_owned).collect();
        assert_eq!(bash_formats(&bash, command), Some(values), "{command}");
    }
    let with_format: Vec<String> = formats().into_iter().map(|(c, _)| c).collect();
    assert_eq!(with_format, ["plan", "report", "history", "tune"]);
}

/// Runs bash's completion of `line` (ending where the cursor is) in `dir`, as bash would on
/// a tab: the words so far, the index of the one being completed.
fn bash_complete(script: &Path, dir: &Path, line: &str) -> BTreeSet<String> {
    let mut words: Vec<&str> = line.split(' ').collect();
    if words.is_empty() {
        words.push("");
    }
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE='{line}'\n\
         COMP_POINT=${{#COMP_LINE}}\n_pacer pacer '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words[cword],
    );
    let out = std::process::Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(program)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_talk_arguments_to_toml_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talk.toml"), "").unwrap();
    std::fs::write(dir.path().join("talk.history.jsonl"), "").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    std::fs::create_dir(dir.path().join("talks")).unwrap();
    let script = dir.path().join("pacer.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    let set =
        |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| (*s).to_owned()).collect() };

    for line in [
        "pacer plan ",
        "pacer check talk.toml ",
        "pacer report ",
        "pacer run ",
    ] {
        assert_eq!(
            bash_complete(&script, dir.path(), line),
            set(&["talk.toml", "talks"]),
            "{line}"
        );
    }
    assert_eq!(
        bash_complete(&script, dir.path(), "pacer tune t"),
        set(&["talk.toml", "talks"])
    );
    // The bare `pacer` rehearses a talk or runs a command.
    let bare = bash_complete(&script, dir.path(), "pacer ");
    for expected in ["talk.toml", "talks", "plan", "report", "completions"] {
        assert!(bare.contains(expected), "{expected} in {bare:?}");
    }
    assert!(!bare.contains("notes.txt"), "{bare:?}");
    // Flags after a dash, other files where a FILE goes.
    assert!(bash_complete(&script, dir.path(), "pacer plan --").contains("--format"));
    assert!(
        bash_complete(&script, dir.path(), "pacer report talk.toml --history t")
            .contains("talk.history.jsonl")
    );
    let plan_formats = &formats().into_iter().find(|(c, _)| c == "plan").unwrap().1;
    assert_eq!(
        bash_complete(&script, dir.path(), "pacer plan --format "),
        plan_formats.iter().cloned().collect()
    );
}

/// zsh narrows every talk, and only talks, to `*.toml` (zsh's completion is not run here).
#[test]
fn zsh_narrows_talks_and_only_talks_to_toml() {
    let zsh = stdout_of(&["completions", "zsh"]);
    for cmd in commands() {
        let takes_talk = cmd
            .get_positionals()
            .any(|a| a.get_value_names().is_some_and(|n| n[0] == "TALK"));
        let Some(block) = zsh.split(&format!("\n({})\n", cmd.get_name())).nth(1) else {
            continue;
        };
        let block = block.split("\n;;").next().unwrap();
        let narrowed = block.matches(":_files -g \"*.toml\"'").count();
        assert_eq!(narrowed, usize::from(takes_talk), "{}", cmd.get_name());
        for line in block.lines().filter(|l| l.contains(":FILE:")) {
            assert!(line.ends_with(":_files' \\"), "{line}");
        }
    }
}

/// Types `line` and a tab into an interactive zsh (in a pseudo-terminal, with pacer's script
/// on `fpath`) and returns the screen once it shows everything in `expect`.
fn zsh_complete(dir: &Path, line: &str, expect: &[&str]) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read as _;
    use std::time::{Duration, Instant};

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("zsh");
    cmd.args(["-f", "-i"]);
    cmd.cwd(dir);
    cmd.env("TERM", "dumb");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let setup = format!(
        "fpath=({} $fpath); autoload -U compinit; compinit -u; setopt nobeep; PS1='> '\n",
        dir.join("fn").display()
    );
    writer.write_all(setup.as_bytes()).unwrap();
    writer.write_all(format!("{line}\t").as_bytes()).unwrap();
    writer.flush().unwrap();
    let mut screen = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !expect.iter().all(|e| screen.contains(e)) {
        assert!(
            Instant::now() < deadline,
            "zsh never showed {expect:?}:\n{screen}"
        );
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(100)) {
            screen.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    let _ = child.kill();
    screen
}

/// zsh offers `*.toml` files and directories for a talk, and the commands or a talk for the
/// first word (where zsh is installed).
#[test]
fn zsh_completes_talk_arguments_to_toml_files_and_directories() {
    if std::process::Command::new("zsh")
        .arg("--version")
        .output()
        .is_err()
    {
        absent("zsh is not installed: its completion is not run here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talk.toml"), "").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    std::fs::create_dir(dir.path().join("talks")).unwrap();
    std::fs::create_dir(dir.path().join("fn")).unwrap();
    std::fs::write(
        dir.path().join("fn/_pacer"),
        stdout_of(&["completions", "zsh"]),
    )
    .unwrap();
    // The listing comes in one piece: once it shows what is expected, it shows all it will.
    let after_prompt =
        |screen: &str, line: &str| screen.rsplit(line).next().unwrap_or("").to_owned();
    let plan = zsh_complete(dir.path(), "pacer plan ", &["talk.toml", "talks/"]);
    assert!(
        !after_prompt(&plan, "pacer plan ").contains("notes.txt"),
        "{plan}"
    );
    let bare = zsh_complete(
        dir.path(),
        "pacer ",
        &["report", "schema", "talk.toml", "talks/"],
    );
    assert!(
        !after_prompt(&bare, "pacer ").contains("notes.txt"),
        "{bare}"
    );
    zsh_complete(
        dir.path(),
        "pacer report talk.toml --history ",
        &["notes.txt", "talk.toml"],
    );
    zsh_complete(
        dir.path(),
        "pacer plan --format ",
        &["markdown", "json", "csv"],
    );
}

/// fish offers `*.toml` files and directories for a talk (where fish is installed).
#[test]
fn fish_completes_talk_arguments_to_toml_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talk.toml"), "").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    std::fs::create_dir(dir.path().join("talks")).unwrap();
    let script = dir.path().join("pacer.fish");
    std::fs::write(&script, stdout_of(&["completions", "fish"])).unwrap();
    let complete = |line: &str| -> Option<BTreeSet<String>> {
        let out = std::process::Command::new("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!(
                "source '{}'; complete -C '{line}'",
                script.display()
            ))
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .output()
            .ok()?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        Some(
            text.lines()
                .map(|l| l.split('\t').next().unwrap().to_owned())
                .collect(),
        )
    };
    let Some(plan) = complete("pacer plan ") else {
        absent("fish is not installed: its completion is not run here");
        return;
    };
    let talks: BTreeSet<String> = ["talk.toml", "talks/"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(plan, talks);
    assert_eq!(complete("pacer check talk.toml ").unwrap(), talks);
    let bare = complete("pacer ").unwrap();
    assert!(bare.contains("talk.toml") && bare.contains("report") && !bare.contains("notes.txt"));
    // Any file where a FILE goes.
    assert!(
        complete("pacer report talk.toml --output ")
            .unwrap()
            .contains("notes.txt")
    );
}

/// zsh and fish read their scripts without error, where they are installed (`.ci/run`
/// installs both; elsewhere this test says so rather than pass quietly).
#[test]
fn zsh_and_fish_parse_their_scripts() {
    for (shell, flag) in [("bash", "-n"), ("zsh", "-n"), ("fish", "--no-execute")] {
        let Ok(status) = std::process::Command::new(shell)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
        else {
            absent(&format!(
                "{shell} is not installed: its script's syntax is not checked here"
            ));
            continue;
        };
        assert!(status.success());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("script");
        std::fs::write(&path, stdout_of(&["completions", shell])).unwrap();
        let out = std::process::Command::new(shell)
            .arg(flag)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The man page

#[test]
fn the_man_page_is_roff_naming_every_command_and_option() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".TH pacer 1 "),
        "{}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains("\n.SH NAME\n") && page.contains("\n.SH SYNOPSIS\n"));
    // The bare `pacer [TALK]`'s options, before the commands.
    let top = page.split("\n.SH COMMANDS\n").next().unwrap();
    let cli = pacer::cli::Cli::command();
    for long in cli.get_arguments().filter_map(clap::Arg::get_long) {
        assert!(
            top.contains(&format!("\\-\\-{}", long.replace('-', "\\-"))),
            "--{long}"
        );
    }
    for cmd in commands() {
        let name = cmd.get_name();
        let heading = format!("\n.SH \"PACER {}\"\n", name.to_uppercase());
        let section = page
            .split(&heading)
            .nth(1)
            .unwrap_or_else(|| panic!("no section for {name}"));
        let section = section.split("\n.SH ").next().unwrap();
        for arg in cmd.get_arguments() {
            let shown = match (arg.get_long(), arg.get_value_names()) {
                (Some(long), _) => format!("\\-\\-{}", long.replace('-', "\\-")),
                (None, Some(names)) => names[0].to_string(),
                (None, None) => continue,
            };
            assert!(section.contains(&shown), "{name}: {shown} missing");
        }
        // And the list of commands names it.
        assert!(
            page.contains(&format!("\\fBpacer {name}\\fR")),
            "{name} not listed"
        );
    }
}

/// groff reads the page without a warning (where groff is installed).
#[test]
fn groff_reads_the_man_page_without_warnings() {
    let page = stdout_of(&["man"]);
    let Ok(mut child) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    else {
        absent("groff is not installed: the page's roff is not checked here");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

// ---------------------------------------------------------------------------------------------
// The version

#[test]
fn version_says_the_version() {
    pacer()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("pacer {}\n", env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------------------------------------
// A mistyped command

#[test]
fn a_mistyped_command_is_told_the_nearest_command() {
    pacer()
        .args(["reprot", "demo.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "pacer: no command `reprot`; did you mean `report`?",
        ))
        .stderr(predicate::str::contains("cannot be used with").not())
        .stderr(clean());
    pacer()
        .args(["--no-color", "--history", "h.jsonl", "reprot", "demo.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "pacer: no command `reprot`; did you mean `report`?",
        ));
    pacer()
        .arg("plna")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "pacer: no command `plna`; did you mean `plan`?",
        ));
}

#[test]
fn a_missing_talk_file_is_said_plainly() {
    pacer()
        .arg("missing.toml")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "pacer: no talk file `missing.toml`",
        ))
        .stderr(clean());
}

#[test]
fn an_existing_file_and_a_real_command_go_through() {
    // `demo.toml` exists: the first word is a talk, and clap gets the rest (here, a bad flag).
    pacer()
        .args(["demo.toml", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--no-such-flag"))
        .stderr(predicate::str::contains("no command").not());
    pacer().args(["check", "demo.toml"]).assert().success();
    pacer().arg("man").assert().success();
}

// ---------------------------------------------------------------------------------------------
// The schema

fn schema() -> Value {
    serde_json::from_str(&stdout_of(&["schema"])).expect("pacer schema prints JSON")
}

const SCHEMA_URL: &str = "file:///pacer/talk.schema.json";

fn compile(schema: Value) -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(SCHEMA_URL, schema).unwrap();
    let index = compiler
        .compile(SCHEMA_URL, &mut schemas)
        .unwrap_or_else(|e| panic!("{e:#}"));
    (schemas, index)
}

#[test]
fn the_schema_is_valid_json_schema_draft_07() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // Against the meta-schema, as an instance...
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let meta = compiler
        .compile("http://json-schema.org/draft-07/schema", &mut schemas)
        .unwrap();
    if let Err(e) = schemas.validate(&schema, meta) {
        panic!("{e:#}");
    }
    // ...and compiled as a schema (which checks every pattern is a regular expression).
    compile(schema.clone());
    assert_eq!(schema, pacer::talk::schema::schema());
}

/// A talk file as the JSON the schema is written for, as Taplo sees it.
fn as_json(path: &Path) -> Option<Value> {
    let bytes = std::fs::read(path).unwrap();
    let text = std::str::from_utf8(&bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    toml::from_str(text).ok()
}

fn toml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}

#[test]
fn every_valid_talk_validates() {
    let (schemas, index) = compile(schema());
    let mut files = Vec::new();
    toml_files(&root().join("talks"), &mut files);
    toml_files(&root().join("tests/fixtures"), &mut files);
    let mut valid = 0;
    for path in &files {
        let Ok(text) = String::from_utf8(std::fs::read(path).unwrap()) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let source = pacer::talk::Source::new(path.display().to_string(), text);
        if pacer::load(&source).is_err() {
            continue;
        }
        let json = as_json(path).unwrap();
        if let Err(e) = schemas.validate(&json, index) {
            panic!(
                "{} passes `check` but not the schema: {e:#}",
                path.display()
            );
        }
        valid += 1;
    }
    assert!(valid >= 8, "only {valid} valid talks found in {files:?}");
}

/// Every bad-talk fixture, by what catches it: the schema (while typing), or only `pacer
/// check` (what JSON Schema cannot say), or the TOML reader itself (not TOML at all).
const REJECTED_BY_SCHEMA: &[&str] = &[
    "answer-after-a-table.toml",
    "answer-number.toml",
    "question-not-array.toml",
    "question-number-budget.toml",
    "question-tags-not-a-list.toml",
    "question-unknown-key.toml",
    "question-without-ask.toml",
    "question-zero-budget.toml",
    "bad-duration.toml",
    "bad-slide-duration.toml",
    "bom-bad-budget.toml",
    "clock-budget.toml",
    "crlf-typo.toml",
    "empty-duration.toml",
    "empty-id.toml",
    "empty-slide-title.toml",
    "empty-slides.toml",
    "empty.toml",
    "inline-slide-without-title.toml",
    "missing-budget-after-comments.toml",
    "missing-budget.toml",
    "missing-title.toml",
    "multiline-title.toml",
    "no-sections.toml",
    "number-budget.toml",
    "optional-not-bool.toml",
    "section-not-array.toml",
    "section-without-slides.toml",
    "section-without-title.toml",
    "slide-without-title.toml",
    "tab-in-title.toml",
    "unknown-section-key.toml",
    "unknown-slide-key.toml",
    "unknown-talk-key.toml",
    "warn-out-of-range.toml",
    "wpm-string.toml",
    "wpm-zero.toml",
    "zero-budget.toml",
];
/// Errors across keys or of arithmetic: uniqueness, a 24-hour cap, budgets that do not add up
/// (and the warning for two sections of one title).
const ONLY_CHECK: &[&str] = &[
    "all-skipped.toml",
    "duplicate-question-id.toml",
    "duplicate-question.toml",
    "question-ambiguous-slide.toml",
    // The schema's multi-line text takes any string: an empty `ask` is only `check`'s.
    "question-empty-ask.toml",
    "question-unknown-slide.toml",
    "duplicate-id.toml",
    "duplicate-section-title.toml",
    "huge-budget.toml",
    "no-time-left.toml",
    "sections-over-talk.toml",
    "slides-over-section.toml",
    "talk-no-time-left.toml",
    "tuned-without-budget.toml",
];
const NOT_TOML: &[&str] = &[
    "not-utf8.toml",
    "syntax-bare-value.toml",
    "syntax-duplicate-key.toml",
    "syntax-missing-bracket.toml",
    "syntax-missing-comma.toml",
    "syntax-unclosed-string-in-array.toml",
    "syntax-unclosed-string.toml",
];

#[test]
fn structural_errors_are_rejected_by_the_schema() {
    let (schemas, index) = compile(schema());
    let dir = root().join("tests/bad-talks");
    let mut listed: BTreeSet<&str> = BTreeSet::new();
    for name in REJECTED_BY_SCHEMA {
        let json = as_json(&dir.join(name)).unwrap_or_else(|| panic!("{name} is TOML"));
        assert!(
            schemas.validate(&json, index).is_err(),
            "the schema accepts {name}"
        );
        listed.insert(name);
    }
    for name in ONLY_CHECK {
        let json = as_json(&dir.join(name)).unwrap_or_else(|| panic!("{name} is TOML"));
        assert!(
            schemas.validate(&json, index).is_ok(),
            "{name} is rejected by the schema: move it to REJECTED_BY_SCHEMA"
        );
        listed.insert(name);
    }
    for name in NOT_TOML {
        assert!(as_json(&dir.join(name)).is_none(), "{name} reads as TOML");
        listed.insert(name);
    }
    // Every fixture is in one list: a new one must say what catches it.
    let mut files = Vec::new();
    toml_files(&dir, &mut files);
    let names: BTreeSet<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = listed.into_iter().map(str::to_owned).collect();
    assert_eq!(names, listed);
}

/// Taplo itself (the engine of Even Better TOML) reads the schema and agrees with the lists
/// above, where `taplo` is on PATH (`pip install taplo`, as `.ci/run` does; elsewhere this test says so).
#[test]
fn taplo_agrees_where_installed() {
    if std::process::Command::new("taplo")
        .arg("--version")
        .output()
        .is_err()
    {
        absent("taplo is not installed: the schema is not checked with Taplo here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("talk.schema.json");
    std::fs::write(&schema_path, stdout_of(&["schema"])).unwrap();
    let taplo_accepts = |talk: &Path| {
        std::process::Command::new("taplo")
            .args(["check", "--schema"])
            .arg(format!("file://{}", schema_path.display()))
            .arg(talk)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
            .status
            .success()
    };
    let bad = root().join("tests/bad-talks");
    for name in REJECTED_BY_SCHEMA.iter().chain(NOT_TOML) {
        assert!(!taplo_accepts(&bad.join(name)), "taplo accepts {name}");
    }
    for name in ONLY_CHECK {
        assert!(taplo_accepts(&bad.join(name)), "taplo rejects {name}");
    }
    let mut talks = Vec::new();
    toml_files(&root().join("talks"), &mut talks);
    for talk in &talks {
        assert!(taplo_accepts(talk), "taplo rejects {}", talk.display());
    }
    // The directive at the top of a talk file, as docs/editor.md says to write it.
    let talk = dir.path().join("talk.toml");
    let sample = std::fs::read_to_string(root().join("talks/lightning.toml")).unwrap();
    std::fs::write(&talk, format!("#:schema ./talk.schema.json\n{sample}")).unwrap();
    let typo = dir.path().join("typo.toml");
    std::fs::write(
        &typo,
        format!(
            "#:schema ./talk.schema.json\n{}",
            sample.replacen("\ntitle = ", "\ntitel = ", 1)
        ),
    )
    .unwrap();
    let directive = |path: &Path| {
        std::process::Command::new("taplo")
            .arg("check")
            .arg(path)
            .current_dir(dir.path())
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    assert!(directive(&talk).status.success());
    let out = directive(&typo);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'titel' was unexpected"));
}

/// The `#:schema` directive is a comment to pacer: a talk that starts with it is the same talk.
#[test]
fn a_talk_with_the_schema_directive_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(root().join("talks/lightning.toml")).unwrap();
    std::fs::write(
        dir.path().join("talk.toml"),
        format!("#:schema ./talk.schema.json\n{sample}"),
    )
    .unwrap();
    pacer()
        .current_dir(dir.path())
        .args(["check", "talk.toml"])
        .assert()
        .success()
        .stderr("");
}

/// The duration pattern accepts what humantime reads as more than zero, and nothing else (the
/// 24-hour cap is `check`'s).
#[test]
fn the_duration_pattern_agrees_with_humantime() {
    let schema = schema();
    let (schemas, index) = compile(schema["properties"]["budget"].clone());
    for text in [
        "20m",
        "1m 30s",
        "90s",
        "1h 5m",
        "1.5m",
        "500ms",
        " 2 min ",
        "1hour 12min 5s",
        "3µs",
        "1h30m",
        "2 hours",
        "0.5h",
        "10sec",
        "1w",
        "0m 5s",
        "",
        "20",
        "20 minuts",
        "m",
        "1.",
        "-5s",
        "1m30",
        "0s",
        "0m 0s",
        "0.0h",
        "1,5m",
        "1m 30",
        "five minutes",
        "1 m s",
        "1.5.5m",
        "5s!",
    ] {
        let loader = humantime::parse_duration(text).is_ok_and(|d| !d.is_zero());
        let schema = schemas.validate(&Value::from(text), index).is_ok();
        assert_eq!(schema, loader, "{text:?}: schema {schema}, loader {loader}");
    }
}

// ---------------------------------------------------------------------------------------------
// The package

/// `cargo package --list` (offline, under a second): what a user needs to build and read
/// pacer, and none of the tests, their fixtures or CI.
#[test]
fn the_package_keeps_the_tests_out() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    let files: BTreeSet<&str> = list.lines().collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "LICENSE",
        "README.md",
        "src/main.rs",
        "src/lib.rs",
        "talks/lora-on-device.toml",
        "docs/talk-format.md",
        "docs/editor.md",
    ] {
        assert!(
            files.contains(needed),
            "{needed} is not packaged: {files:?}"
        );
    }
    for file in &files {
        assert!(
            !file.starts_with("tests/")
                && !file.starts_with(".ci/")
                && !file.starts_with("target/"),
            "{file} is packaged"
        );
    }
}

/// A tool a test drives is missing: said on a developer's machine, a failure under CI, which
/// installs every one of them (`.ci/run`), so that CI never passes without running the check.
fn absent(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what}, and CI must run this check: .ci/run installs it"
    );
    eprintln!("{what}");
}
