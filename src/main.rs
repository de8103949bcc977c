//! The `pacer` binary: parse arguments, dispatch, turn the outcome into an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pacer::cli::parse();
    match pacer::cli::dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            // Display, never Debug: RUST_BACKTRACE must not leak a backtrace into what users see.
            eprintln!("pacer: {err:#}");
            err.exit_code()
        }
    }
}
