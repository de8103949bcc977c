//! `pacer run [TALK]`: not built yet (see the issue that builds it).

use std::process::ExitCode;

use super::Error;

#[derive(Debug, Default, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _color: bool) -> Result<ExitCode, Error> {
    Err(Error::Invalid(
        "the rehearsal screen is not built yet; try `pacer plan TALK`".into(),
    ))
}
