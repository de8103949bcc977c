//! Build script: lays out the release binary for memory, and does nothing else.
//!
//! A rehearsal runs about 700 KB of pacer's 3 MB of code. Left where the compiler puts it,
//! that code is spread over nearly every 64 KB window of the file, and the kernel maps each
//! window whole on its first touch (fault-around): the peak memory of a rehearsal is mostly
//! code it never runs. `link/hot-functions.txt` names the functions a rehearsal runs, hottest
//! first (`scripts/hot-functions.sh` records them); a linker that takes
//! `--symbol-ordering-file` (lld, which Rust uses on x86-64 Linux since 1.90, or mold) puts
//! them together at the start of `.text`.
//!
//! The flags are tried on a tiny program first and only passed when that program links: a
//! linker without them (GNU ld) builds the same pacer, only laid out in the default order.
//! Debug builds and tests are never touched. The script must not change what the program
//! does: only where its code lies.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The functions a rehearsal runs, one symbol a line, hottest first.
const HOT_FUNCTIONS: &str = "link/hot-functions.txt";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={HOT_FUNCTIONS}");
    println!("cargo:rerun-if-env-changed=PACER_LINK_MAP");
    // The probe links with this linker: another one must be probed again.
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let release = env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if !(release && linux) {
        return;
    }
    let (Some(manifest), Some(out)) = (env::var_os("CARGO_MANIFEST_DIR"), env::var_os("OUT_DIR"))
    else {
        return;
    };
    let out = PathBuf::from(out);
    let hot = Path::new(&manifest).join(HOT_FUNCTIONS);
    let ordered = [
        linker_flag(format!("--symbol-ordering-file={}", hot.display())),
        // A file recorded with an older toolchain names symbols that are gone: not worth a word.
        linker_flag("--no-warn-symbol-ordering".into()),
    ]
    .concat();
    if hot.is_file() && links(&out, &ordered) {
        pass(&ordered);
    }
    // `scripts/hot-functions.sh` reads where each function landed from the linker's map.
    if let Some(map) = env::var_os("PACER_LINK_MAP") {
        let map = linker_flag(format!("-Map={}", Path::new(&map).display()));
        if links(&out, &map) {
            pass(&map);
        }
    }
}

/// One flag for the linker behind the compiler driver; `-Xlinker` keeps a path with a comma
/// in one piece, where `-Wl,` would split it.
fn linker_flag(flag: String) -> Vec<String> {
    vec!["-Xlinker".into(), flag]
}

fn pass(args: &[String]) {
    for arg in args {
        println!("cargo:rustc-link-arg-bin=pacer={arg}");
    }
}

/// Whether a hello world links with these extra linker arguments, built the way pacer will
/// be (same compiler, target, linker and flags): what the linker accepts is learnt before it
/// is asked of the real link.
fn links(dir: &Path, link_args: &[String]) -> bool {
    let source = dir.join("probe.rs");
    if fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let mut command = Command::new(rustc);
    command
        .arg("--edition=2021")
        .arg("-o")
        .arg(dir.join("probe"))
        .arg(&source);
    if let Some(target) = env::var_os("TARGET") {
        command.arg("--target").arg(target);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        command
            .arg("-C")
            .arg(format!("linker={}", Path::new(&linker).display()));
    }
    if let Ok(flags) = env::var("CARGO_ENCODED_RUSTFLAGS") {
        command.args(flags.split('\x1f').filter(|flag| !flag.is_empty()));
    }
    for arg in link_args {
        command.arg(format!("-Clink-arg={arg}"));
    }
    command.output().is_ok_and(|output| output.status.success())
}
