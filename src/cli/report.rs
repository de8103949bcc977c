//! `pacer report`: not built yet (see the issue that builds it).

use std::io::Write;
use std::process::ExitCode;

use super::Error;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _color: bool, _out: &mut impl Write) -> Result<ExitCode, Error> {
    Err(Error::Invalid("`pacer report` is not built yet".into()))
}
