//! Whether to colour a stream: the one rule every command and the rehearsal screen follow.
//!
//! `--no-color` beats everything; then `NO_COLOR` (set and not empty) turns colour off;
//! `CLICOLOR_FORCE` (set, not empty, not `0`) turns it on even into a pipe or a file, for
//! paging reports through `less -R`; `TERM=dumb` turns it off; otherwise a stream is coloured
//! when it is a terminal. The decision is a pure function of those facts ([`decide`]); only
//! [`color`] reads the environment and asks the stream.

use std::ffi::OsString;
use std::io::IsTerminal;

/// An output stream of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Whether what goes to `stream` is coloured, by the rule above.
pub fn color(stream: Stream, no_color_flag: bool) -> bool {
    let is_terminal = match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    };
    decide(no_color_flag, |name| std::env::var_os(name), is_terminal)
}

/// The rule, over the flag, an environment lookup and whether the stream is a terminal.
pub fn decide(
    no_color_flag: bool,
    env: impl Fn(&str) -> Option<OsString>,
    is_terminal: bool,
) -> bool {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    if no_color_flag || set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    if set("TERM").is_some_and(|v| v == "dumb") {
        return false;
    }
    is_terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)], flag: bool, tty: bool) -> bool {
        let env = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        };
        decide(flag, env, tty)
    }

    /// Environment, `--no-color`, a terminal, and the colour wanted.
    type Case = (&'static [(&'static str, &'static str)], bool, bool, bool);

    #[test]
    fn the_rule_in_order() {
        let cases: &[Case] = &[
            (&[], false, true, true),
            (&[], false, false, false),
            (&[], true, true, false),
            (&[("NO_COLOR", "1")], false, true, false),
            (&[("NO_COLOR", "")], false, true, true),
            (&[("TERM", "dumb")], false, true, false),
            (&[("TERM", "xterm-256color")], false, true, true),
            (&[("CLICOLOR_FORCE", "1")], false, false, true),
            (&[("CLICOLOR_FORCE", "yes")], false, false, true),
            (&[("CLICOLOR_FORCE", "0")], false, false, false),
            (&[("CLICOLOR_FORCE", "")], false, false, false),
            (
                &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")],
                false,
                false,
                true,
            ),
            (
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
                false,
                true,
                false,
            ),
            (&[("CLICOLOR_FORCE", "1")], true, true, false),
        ];
        for (vars, flag, tty, want) in cases {
            assert_eq!(
                with(vars, *flag, *tty),
                *want,
                "{vars:?} flag={flag} tty={tty}"
            );
        }
    }
}
