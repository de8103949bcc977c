//! A mistyped command, caught before clap sees it.
//!
//! A bare `pacer TALK` rehearses, so clap reads any unknown first word as a talk file: `pacer
//! reprot talk.toml` would get "the subcommand 'talk.toml' cannot be used with '\[TALK\]'" and
//! `pacer plna` "cannot read plna". This looks at the first word (past any options) and says
//! what went wrong in the user's terms. A pure function of the arguments, the definition's
//! names and a "does this path exist" question, so that tests need no file system; it must
//! never reject what clap would run: an existing file, a command, a flag.

use std::ffi::OsString;
use std::fmt;
use std::path::Path;

use clap::CommandFactory;

/// What was wrong with the first word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistyped {
    /// Not a file, and close to a command's name.
    DidYouMean { word: String, command: String },
    /// Not a file, and no command either.
    NoTalkFile { word: String },
}

impl fmt::Display for Mistyped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DidYouMean { word, command } => write!(
                f,
                "no command `{word}`; did you mean `{command}`? (`pacer --help` lists them)"
            ),
            Self::NoTalkFile { word } => write!(
                f,
                "no talk file `{word}`, and no command of that name: `pacer TALK` rehearses a \
                 talk file that exists; `pacer --help` lists the commands"
            ),
        }
    }
}

/// What the first word is checked against, from the clap definition.
#[derive(Debug, Clone)]
pub struct Commands {
    /// The commands' names, with clap's own `help`.
    names: Vec<String>,
    /// The bare `pacer`'s options that take a value (`--history FILE`), so that the value is
    /// not read as the first word.
    valued: Vec<String>,
}

impl Commands {
    pub fn from_definition() -> Self {
        let cli = super::Cli::command();
        let mut names: Vec<String> = cli
            .get_subcommands()
            .map(|sub| sub.get_name().to_owned())
            .collect();
        if !names.iter().any(|n| n == "help") {
            names.push("help".to_owned());
        }
        let valued = cli
            .get_arguments()
            .filter(|arg| !arg.is_positional() && arg.get_action().takes_values())
            .flat_map(|arg| {
                let long = arg.get_long().map(|l| format!("--{l}"));
                let short = arg.get_short().map(|s| format!("-{s}"));
                long.into_iter().chain(short)
            })
            .collect();
        Self { names, valued }
    }
}

/// What is wrong with `args` (the program name first), or `None` for clap to parse them.
pub fn check(
    args: &[OsString],
    commands: &Commands,
    exists: impl Fn(&Path) -> bool,
) -> Option<Mistyped> {
    // The first word that is no option nor an option's value.
    let mut words = args.iter().skip(1);
    let first = loop {
        let arg = words.next()?;
        let text = arg.to_string_lossy();
        if text == "--" {
            return None;
        }
        if !text.starts_with('-') || text == "-" {
            break arg;
        }
        if commands.valued.iter().any(|v| *v == text) {
            words.next();
        }
    };
    if exists(Path::new(first)) {
        return None;
    }
    let word = first.to_string_lossy().into_owned();
    if commands.names.contains(&word) {
        return None;
    }
    // A word with a dot or a slash was meant as a file: `plan.toml` is no typo of `plan`.
    let path_like = word.contains(['.', '/', '\\']);
    let close = commands
        .names
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, c), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone());
    match close {
        Some(command) if !path_like => Some(Mistyped::DidYouMean { word, command }),
        _ => Some(Mistyped::NoTalkFile { word }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("pacer")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    fn verdict(words: &[&str], files: &[&str]) -> Option<Mistyped> {
        check(&args(words), &Commands::from_definition(), |p| {
            files.iter().any(|f| Path::new(f) == p)
        })
    }

    #[test]
    fn the_commands_come_from_the_definition() {
        let commands = Commands::from_definition();
        let names = &commands.names;
        for name in [
            "run", "check", "plan", "report", "history", "tune", "man", "help",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
    }

    #[test]
    fn a_near_miss_of_a_command_gets_a_suggestion() {
        for (typo, meant) in [
            ("reprot", "report"),
            ("plna", "plan"),
            ("histroy", "history"),
            ("chek", "check"),
            ("tnue", "tune"),
            ("complete", "completions"),
        ] {
            assert_eq!(
                verdict(&[typo, "talk.toml"], &["talk.toml"]),
                Some(Mistyped::DidYouMean {
                    word: typo.into(),
                    command: meant.into()
                }),
                "{typo}"
            );
        }
    }

    #[test]
    fn options_before_the_first_word_are_passed_over() {
        assert_eq!(
            verdict(&["--no-record", "--history", "h.jsonl", "reprot"], &[]),
            Some(Mistyped::DidYouMean {
                word: "reprot".into(),
                command: "report".into()
            })
        );
        assert_eq!(
            verdict(&["--budget=15m", "gone.toml"], &[]),
            Some(Mistyped::NoTalkFile {
                word: "gone.toml".into()
            })
        );
    }

    #[test]
    fn a_missing_file_is_named_plainly() {
        for word in ["x.toml", "talks/missing.toml", "plan.toml", "zzzzqqq"] {
            assert_eq!(
                verdict(&[word], &[]),
                Some(Mistyped::NoTalkFile { word: word.into() }),
                "{word}"
            );
        }
    }

    #[test]
    fn what_clap_would_run_is_left_alone() {
        let talk = &["talk.toml", "reprot"];
        for words in [
            &[][..],
            &["talk.toml"],
            &["talk.toml", "--no-record"],
            // A file that happens to look like a typo of a command is still a file.
            &["reprot"],
            &["report", "talk.toml"],
            &["--no-color", "report"],
            &["-h"],
            &["help"],
            &["man"],
            // An option's value is not the first word.
            &["--section", "reprot", "talk.toml"],
            &["--history", "plna", "talk.toml"],
            &["--", "reprot"],
        ] {
            assert_eq!(verdict(words, talk), None, "{words:?}");
        }
    }

    #[test]
    fn the_messages_say_what_to_do() {
        let typo = Mistyped::DidYouMean {
            word: "reprot".into(),
            command: "report".into(),
        };
        assert!(
            typo.to_string()
                .starts_with("no command `reprot`; did you mean `report`?")
        );
        let missing = Mistyped::NoTalkFile {
            word: "x.toml".into(),
        };
        assert!(missing.to_string().starts_with("no talk file `x.toml`"));
    }
}
