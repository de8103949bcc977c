//! `pacer man`: the pacer(1) man page in roff, generated from the clap definition.
//!
//! One page, with a section per command (its synopsis, description and every option), so that
//! `man pacer` answers everything and there is one file to install. Owns the page's layout and
//! the few sections clap does not know (exit status, environment, files); must not describe a
//! flag by hand: every synopsis and option comes from [`super::Cli`] through `clap_mangen`.

use std::io::Write;
use std::process::ExitCode;

use clap::Command;
use clap_mangen::Man;

use super::Error;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, out: &mut impl Write) -> Result<ExitCode, Error> {
    super::print_all(out, &page())
}

/// The whole pacer(1) page.
pub fn page() -> Vec<u8> {
    let mut root = super::completions::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render(&root, &mut out);
    once_preamble(&String::from_utf8_lossy(&out)).into_bytes()
}

/// Each piece `clap_mangen` renders opens with the same two lines defining `\*(Aq` (an upright
/// quote): keep one pair, just after the `.TH` line, so the page starts as a man page does.
fn once_preamble(page: &str) -> String {
    let is_preamble =
        |line: &str| line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
    let preamble: Vec<&str> = page.lines().filter(|l| is_preamble(l)).take(2).collect();
    let mut out = String::with_capacity(page.len());
    for line in page.lines().filter(|l| !is_preamble(l)) {
        out.push_str(line);
        out.push('\n');
        if line.starts_with(".TH ") {
            for p in &preamble {
                out.push_str(p);
                out.push('\n');
            }
        }
    }
    out
}

fn render(root: &Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = Man::new(root.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    out.extend_from_slice(DESCRIPTION.as_bytes());
    // The options of the bare `pacer [TALK]`, which rehearses as `pacer run` does.
    man.render_options_section(out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in commands(root) {
        out.extend_from_slice(format!(".TP\n\\fBpacer {}\\fR\n", sub.get_name()).as_bytes());
        if let Some(about) = sub.get_about() {
            out.extend_from_slice(escape(&about.to_string()).as_bytes());
            out.push(b'\n');
        }
    }
    for sub in commands(root) {
        command_section(sub, out)?;
    }
    out.extend_from_slice(EXTRA.as_bytes());
    man.render_version_section(out)
}

/// The visible subcommands, in the order `pacer --help` lists them.
fn commands(root: &Command) -> impl Iterator<Item = &Command> {
    root.get_subcommands().filter(|sub| !sub.is_hide_set())
}

/// One command's section: `.SH "PACER PLAN"`, its description, synopsis and options, the
/// latter two rendered by `clap_mangen` with their own headings turned into subsections.
fn command_section(sub: &Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let name = format!("pacer {}", sub.get_name());
    out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
    let man = Man::new(sub.clone());
    let mut body = Vec::new();
    man.render_description_section(&mut body)?;
    man.render_synopsis_section(&mut body)?;
    man.render_options_section(&mut body)?;
    let body = String::from_utf8_lossy(&body);
    for line in body.lines() {
        if line == ".SH DESCRIPTION" {
            continue;
        }
        if let Some(heading) = line.strip_prefix(".SH ") {
            out.extend_from_slice(format!(".SS {}\n", title_case(heading)).as_bytes());
        } else {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    Ok(())
}

/// `OPTIONS` as `Options`, `SYNOPSIS` as `Synopsis`: subsection headings are not shouted.
fn title_case(heading: &str) -> String {
    let heading = heading.trim_matches('"');
    let mut chars = heading.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_string() + &chars.as_str().to_lowercase()
    })
}

/// Text safe in a roff line: a leading `.` or `'` would be read as a request, `\` as an escape.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

/// What pacer is for, longer than the one line of `--help`.
const DESCRIPTION: &str = r".SH DESCRIPTION
pacer paces a talk. You keep the talk as a TOML outline (sections, slides, a total budget, the
budgets you care about, speaker notes); pacer shares the time out so that it adds up exactly,
prints the timetable with a checkpoint for every slide, rehearses it with you in a terminal
timer that flags every section running over, records every rehearsal, reports where the time
went across runs, and tunes the per-slide budgets from what you actually did.
.PP
Without a command, \fBpacer\fR [\fITALK\fR] rehearses, as \fBpacer run\fR does; without
\fITALK\fR, the bundled 80-slide, 20-minute sample talk.
";

/// What clap cannot say: exit codes, environment, files (DESIGN.md's contract).
const EXTRA: &str = r#".SH "EXIT STATUS"
.TP
0
success
.TP
1
a runtime failure, such as a file that cannot be written
.TP
2
bad usage or invalid input, such as a talk file with an error
.SH ENVIRONMENT
Colour: \fB\-\-no\-color\fR beats everything, then \fBNO_COLOR\fR, then
\fBCLICOLOR_FORCE\fR, then \fBTERM\fR; otherwise a stream is coloured when it is a terminal.
.TP
NO_COLOR
set and not empty: no colour
.TP
CLICOLOR_FORCE
set, not empty and not \fI0\fR: colour even into a pipe or a file (for \fBless \-R\fR)
.TP
TERM
\fIdumb\fR: no colour
.TP
XDG_DATA_HOME
where the bundled sample talk records its rehearsals (\fI$XDG_DATA_HOME/pacer/\fR)
.SH FILES
.TP
\fItalk.toml\fR
a talk outline; \fBpacer schema\fR prints its JSON Schema for editors
.TP
\fItalk.history.jsonl\fR
the rehearsals of \fItalk.toml\fR, beside it: one JSON object a line, appended and synced
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_lowers_all_but_the_first_letter() {
        assert_eq!(title_case("OPTIONS"), "Options");
        assert_eq!(title_case("\"EXIT STATUS\""), "Exit status");
        assert_eq!(title_case(""), "");
    }

    #[test]
    fn escape_keeps_a_line_from_reading_as_a_request() {
        assert_eq!(escape(".hidden"), "\\&.hidden");
        assert_eq!(escape("a\\b"), "a\\eb");
        assert_eq!(escape("plain"), "plain");
    }
}
