//! The `pacer` binary: parse arguments, dispatch, turn the outcome into an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A mistyped command would otherwise read as a talk file that is not there.
    let commands = pacer::cli::mistyped::Commands::from_definition();
    if let Some(mistake) = pacer::cli::mistyped::check(&args, &commands, std::path::Path::exists) {
        eprintln!("pacer: {mistake}");
        return ExitCode::from(2);
    }
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
