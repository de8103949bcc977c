//! `pacer schema`: prints the talk file's JSON Schema, for editors.
//!
//! The shell around [`crate::talk::schema`]: it only serialises and writes; what the schema
//! says is decided there.

use std::io::Write;
use std::process::ExitCode;

use super::Error;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, out: &mut impl Write) -> Result<ExitCode, Error> {
    let schema = crate::talk::schema::schema();
    let io = |e: std::io::Error| Error::Runtime(format!("cannot write the schema: {e}"));
    serde_json::to_writer_pretty(&mut *out, &schema)
        .map_err(|e| Error::Runtime(format!("cannot write the schema: {e}")))?;
    writeln!(out).map_err(io)?;
    Ok(ExitCode::SUCCESS)
}
