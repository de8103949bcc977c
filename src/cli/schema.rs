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
    // Serialising a `Value` into memory cannot fail.
    let mut text = serde_json::to_vec_pretty(&schema).unwrap_or_default();
    text.push(b'\n');
    super::print_all(out, &text)
}
