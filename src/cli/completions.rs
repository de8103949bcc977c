//! `pacer completions SHELL`: a shell's completion script, generated from the clap definition.
//!
//! Owns the script text: `clap_complete`'s output over [`super::Cli`], with every `TALK` argument
//! hinted as a file and, in the shells whose scripts can filter by name (bash, zsh, fish),
//! narrowed to `*.toml` files and directories. Must not describe a command or flag by hand: everything comes from the
//! clap definition, so a script cannot drift from the flags (`--format` offers what the
//! command's value enum lists).

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use clap::{Command, CommandFactory, ValueHint};
use clap_complete::Shell;

use super::Error;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write the script for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// The value name of every argument that is a talk file.
const TALK: &str = "TALK";

pub fn run(args: &Args, out: &mut impl Write) -> Result<ExitCode, Error> {
    super::print_all(out, script(args.shell).as_bytes())
}

/// The completion script for `shell`, as `pacer completions SHELL` prints it.
pub fn script(shell: Shell) -> String {
    let mut cmd = command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pacer", &mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let talks = talk_takers(&cmd);
    match shell {
        Shell::Bash => toml_only_bash(&text, &talks),
        Shell::Zsh => toml_only_zsh(&text, &talks),
        Shell::Fish => toml_only_fish(&text, &talks),
        _ => text,
    }
}

/// [`super::Cli`]'s command with the value hint completion needs: a `TALK` is a file path, the
/// one hint that is narrowed to `*.toml` (clap hints every other path as any path).
pub fn command() -> Command {
    hint_paths(super::Cli::command())
}

fn hint_paths(cmd: Command) -> Command {
    cmd.mut_args(|arg| {
        // clap hints every `PathBuf` as any path; a talk is a file.
        if arg
            .get_value_names()
            .and_then(|names| names.first())
            .map(clap::builder::Str::as_str)
            == Some(TALK)
        {
            arg.value_hint(ValueHint::FilePath)
        } else {
            arg
        }
    })
    .mut_subcommands(hint_paths)
}

/// A command (`None`: the bare `pacer`) that takes talk files as positionals, with their ids.
#[derive(Debug, PartialEq, Eq)]
struct TalkTaker {
    command: Option<String>,
    args: Vec<String>,
}

fn talk_takers(root: &Command) -> Vec<TalkTaker> {
    let talk_args = |cmd: &Command| -> Vec<String> {
        cmd.get_positionals()
            .filter(|arg| arg.get_value_hint() == ValueHint::FilePath)
            .map(|arg| arg.get_id().to_string())
            .collect()
    };
    std::iter::once((None, talk_args(root)))
        .chain(
            root.get_subcommands()
                .map(|sub| (Some(sub.get_name().to_owned()), talk_args(sub))),
        )
        .filter(|(_, args)| !args.is_empty())
        .map(|(command, args)| TalkTaker { command, args })
        .collect()
}

/// bash: `clap_complete` offers a command's flags where its `TALK` goes and leaves file names
/// to bash's default (every file). In each command that takes a talk, offer flags only after
/// a `-`, and otherwise `*.toml` files and directories (and, for the bare `pacer`, the
/// commands).
fn toml_only_bash(script: &str, talks: &[TalkTaker]) -> String {
    let commands: Vec<&str> = talks.iter().filter_map(|t| t.command.as_deref()).collect();
    let mut names = Vec::new();
    let mut out = String::with_capacity(script.len() + 1024);
    let mut block: Option<String> = None;
    for line in script.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if let Some(name) = body
            .strip_prefix("        ")
            .and_then(|b| b.strip_suffix(')'))
            && !name.starts_with(' ')
        {
            block = Some(name.to_owned());
        }
        let takes_talk = match block.as_deref() {
            Some("pacer") => talks.iter().any(|t| t.command.is_none()),
            Some(name) => name
                .strip_prefix("pacer__subcmd__")
                .is_some_and(|sub| commands.contains(&sub)),
            None => false,
        };
        if !takes_talk {
            out.push_str(line);
            continue;
        }
        if let Some(rest) = body.strip_prefix("            opts=\"") {
            // The bare `pacer`'s words: its flags, then the command names.
            names = rest
                .trim_end_matches('"')
                .split(' ')
                .filter(|w| !w.starts_with('-'))
                .map(str::to_owned)
                .collect();
            out.push_str(line);
        } else if body.starts_with("            if [[ ${cur} == -* || ${COMP_CWORD} -eq ") {
            out.push_str("            if [[ ${cur} == -* ]] ; then\n");
        } else if body == "            COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )" {
            // The bare `pacer` also offers the commands.
            let words = if block.as_deref() == Some("pacer") {
                format!("$(compgen -W \"{}\" -- \"${{cur}}\") ", names.join(" "))
            } else {
                String::new()
            };
            // Writing into a String cannot fail.
            let _ = writeln!(
                out,
                "            compopt -o filenames 2>/dev/null\n            COMPREPLY=( {words}\
                 $(compgen -f -X '!*.toml' -- \"${{cur}}\") $(compgen -d -- \"${{cur}}\") )"
            );
            block = None;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// zsh: `clap_complete` writes `_files` for both path hints; a `TALK` gets
/// `_files -g "*.toml"`, which still offers directories to descend into.
///
/// The bare `pacer [TALK]` needs more: clap writes its talk as the first positional and the
/// command as the second, so zsh read `pacer plan <tab>` as the talk `plan` followed by a
/// command. The first word is a talk *or* a command: one positional offering both, and the
/// command found at `$line[1]`.
fn toml_only_zsh(script: &str, talks: &[TalkTaker]) -> String {
    let ids: Vec<&str> = talks
        .iter()
        .flat_map(|t| t.args.iter().map(String::as_str))
        .collect();
    let bare_talk = talks.iter().any(|t| t.command.is_none());
    let mut in_root = bare_talk;
    let mut out = String::with_capacity(script.len() + 512);
    for line in script.split_inclusive('\n') {
        // A positional reads `':talk -- The talk file.:_files'` (`'*::talks -- …'` for many).
        let spec = line.trim_start().trim_start_matches(['\'', '*', ':']);
        let is_talk = ids
            .iter()
            .any(|id| spec.strip_prefix(id).is_some_and(|r| r.starts_with(" -- ")));
        if in_root && is_talk {
            // Offered with the commands instead, below.
        } else if in_root && line == "\":: :_pacer_commands\" \\\n" {
            out.push_str("\":: :_pacer_talk_or_command\" \\\n");
        } else if bare_talk && line.contains("$line[2]") {
            out.push_str(&line.replace("$line[2]", "$line[1]"));
        } else if bare_talk && line.starts_with("if [ \"$funcstack[1]\" = \"_pacer\" ]; then") {
            out.push_str(ZSH_TALK_OR_COMMAND);
            out.push_str(line);
        } else if is_talk && line.contains(":_files'") {
            out.push_str(&line.replace(":_files'", ":_files -g \"*.toml\"'"));
        } else {
            out.push_str(line);
        }
        if line.starts_with("&& ret=0") {
            in_root = false;
        }
    }
    out
}

/// The first word of `pacer`: a command or a talk file.
const ZSH_TALK_OR_COMMAND: &str = r#"(( $+functions[_pacer_talk_or_command] )) ||
_pacer_talk_or_command() {
    _alternative 'commands:command:_pacer_commands' 'talks:talk file:_files -g "*.toml"'
}

"#;

/// fish: a positional gets every file by default, and fish's own `__fish_complete_suffix`
/// only sorts the matching files first; for a command that takes a talk, offer `*.toml` files
/// and directories alone.
fn toml_only_fish(script: &str, talks: &[TalkTaker]) -> String {
    let mut out = script.to_owned();
    out.push_str(FISH_TALKS);
    for taker in talks {
        let condition = match &taker.command {
            None => "__fish_pacer_needs_command".to_owned(),
            Some(name) => format!("__fish_pacer_using_subcommand {name}"),
        };
        let _ = writeln!(
            out,
            "complete -c pacer -n \"{condition}\" -f -a \"(__fish_pacer_talks)\""
        );
    }
    out
}

/// The names under the word being completed that are talk files or directories.
const FISH_TALKS: &str = r"
# Talk files: *.toml and directories, not every file.
function __fish_pacer_talks
    set -l token (commandline -ct)
    for path in $token*
        if test -d $path
            echo $path/
        else if string match -q -- '*.toml' $path
            echo $path
        end
    end
end
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_talk_argument_is_a_file_path() {
        fn walk(cmd: &Command, found: &mut usize) {
            for arg in cmd.get_arguments() {
                if arg
                    .get_value_names()
                    .and_then(|n| n.first())
                    .map(clap::builder::Str::as_str)
                    == Some(TALK)
                {
                    assert_eq!(
                        arg.get_value_hint(),
                        ValueHint::FilePath,
                        "{}",
                        arg.get_id()
                    );
                    *found += 1;
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, found);
            }
        }
        let mut found = 0;
        walk(&command(), &mut found);
        assert!(found >= 6, "only {found} TALK arguments");
    }
}
