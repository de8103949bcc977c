//! `pacer import DECK`: a talk outline from a deck; `--update TALK` re-syncs one with it.
//!
//! The shell around [`crate::import`]: reads the deck (a regular file, bounded) and a PDF's
//! `.pdfpc` sidecar, picks the reader, prints the outline (or writes it to a new file, never over
//! one), prints what a speaker should check on stderr. With `--update`, shows the diff of the
//! talk file, and with `--write` replaces it atomically after validating and planning the new
//! text. Exit 0 ok, 2 a deck that cannot be read as asked or a bad talk file, 1 for I/O.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::{Colors, Error};
use crate::import::{self, Format, Options};
use crate::talk::Source;

/// The biggest deck file pacer reads (a 141-slide deck full of pictures is about 4 MB).
pub const MAX_DECK_BYTES: u64 = 256 * 1024 * 1024;
/// The biggest `.pdfpc` sidecar pacer reads.
pub const MAX_PDFPC_BYTES: u64 = 16 * 1024 * 1024;
/// The longest talk budget the talk format accepts.
const MAX_BUDGET: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The deck: .pptx, .odp, .pdf (with its .pdfpc beside it) or a Markdown deck.
    #[arg(value_name = "DECK")]
    pub deck: PathBuf,
    /// Write the outline to this new file (never over an existing one); default: stdout.
    #[arg(short, long, value_name = "TALK.toml", conflicts_with = "update")]
    pub output: Option<PathBuf>,
    /// The talk's total budget ("20m", "1h 15m"); default: the deck's own, else 20 minutes.
    #[arg(long, value_name = "DURATION", value_parser = parse_budget, conflicts_with = "update")]
    pub budget: Option<Duration>,
    /// The deck's format, when its content and name do not tell.
    #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
    pub from: Option<Format>,
    /// Keep the slides the deck hides (marked `optional`).
    #[arg(long)]
    pub include_hidden: bool,
    /// Bring this talk file up to date with the deck, keeping everything set by hand.
    #[arg(long, value_name = "TALK.toml")]
    pub update: Option<PathBuf>,
    /// With --update: write the file (otherwise only show the diff).
    #[arg(long, requires = "update")]
    pub write: bool,
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(Format::name)).map(|name| {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .unwrap_or(Format::Pptx)
    })
}

fn parse_budget(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d.is_zero() => Err("a budget must be more than zero".into()),
        Ok(d) if d > MAX_BUDGET => Err("a budget must be at most 24 hours".into()),
        // The talk format counts milliseconds.
        Ok(d) => Ok(Duration::from_millis(crate::timefmt::ms(d))),
        Err(err) => Err(format!("{err} (try \"20m\" or \"1h 15m\")")),
    }
}

pub fn run(args: &Args, colors: Colors, out: &mut impl Write) -> Result<ExitCode, Error> {
    // What the command shows besides the outline or the diff (diagnostics) goes to stderr.
    let color = colors.err;
    let name = args.deck.display().to_string();
    if let Some(path) = &args.output
        && fs::symlink_metadata(path).is_ok()
    {
        return Err(exists(path, &args.deck));
    }
    let read = read(args)?;
    let fingerprint = import::fingerprint(&read.bytes);
    let deck_name = args
        .deck
        .file_name()
        .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let talk_name = args.output.as_ref().or(args.update.as_ref()).map(|p| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let options = Options {
        deck_name: &deck_name,
        format: read.format,
        fingerprint: &fingerprint,
        date: today()?,
        budget: args.budget,
        include_hidden: args.include_hidden,
        talk_name: talk_name.as_deref(),
    };
    if let Some(talk) = &args.update {
        return update(args, talk, &read.deck, &options, color, out);
    }
    let outline = import::outline(&read.deck, &options)
        .map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
    // The outline passes `check` and plans as it is (the property tests hold `outline` to it);
    // checked once more here, so that a slip is a clear error and never a file.
    let shown = args
        .output
        .as_ref()
        .map_or_else(|| "the outline".to_owned(), |p| p.display().to_string());
    let made = Source::new(shown, outline.text.clone());
    if let Err(diagnostics) = crate::load(&made) {
        super::check::print_diagnostics(&diagnostics, &made, color);
        return Err(Error::Invalid(format!(
            "the outline made from {name} would not plan (a pacer bug, please report it); \
             nothing written"
        )));
    }

    eprint_summary(&name, read.pdfpc.as_deref(), &outline.summary.lines());
    match &args.output {
        Some(path) => {
            write_new(path, &args.deck, outline.text.as_bytes())?;
            eprintln!(
                "wrote {p}; next: `pacer plan {p}`, then rehearse with `pacer run {p}`",
                p = path.display()
            );
        }
        None => out
            .write_all(outline.text.as_bytes())
            .map_err(Error::output)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A deck as read: its bytes, its format, what its reader made of it, the sidecar read with it.
struct DeckRead {
    bytes: Vec<u8>,
    format: Format,
    deck: import::Deck,
    pdfpc: Option<PathBuf>,
}

/// Reads the deck (and a PDF's sidecar) and runs the reader its content or `--from` asks for.
fn read(args: &Args) -> Result<DeckRead, Error> {
    let name = args.deck.display();
    let bytes = read_bounded(&args.deck, MAX_DECK_BYTES, "deck")?;
    let extension = args.deck.extension().and_then(|e| e.to_str());
    let format = import::detect(&bytes, extension, args.from)
        .map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
    let pdfpc = if format == Format::Pdf {
        read_pdfpc(&args.deck)?
    } else {
        None
    };
    let deck = import::read_deck(format, &bytes, pdfpc.as_ref().map(|(_, t)| t.as_str()))
        .map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
    Ok(DeckRead {
        bytes,
        format,
        deck,
        pdfpc: pdfpc.map(|(path, _)| path),
    })
}

/// `--update TALK [--write]`.
fn update(
    args: &Args,
    talk: &Path,
    deck: &import::Deck,
    options: &Options<'_>,
    color: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let talk_name = talk.display().to_string();
    let original = super::read_talk_bytes(talk)?;
    let (source, loaded) = super::load_bytes(talk_name.clone(), original.clone(), color)?;
    let shaped = import::shape(deck, options)
        .map_err(|e| Error::Invalid(format!("{}: {e}", args.deck.display())))?;
    let updated = import::update(source.text(), &loaded.talk, &shaped, options)
        .map_err(|e| Error::Invalid(format!("{talk_name}: {e}")))?;
    // Validated and planned before anything is shown or written.
    let new = Source::new(format!("{talk_name} (updated)"), updated.text.clone());
    if let Err(diagnostics) = crate::load(&new) {
        super::check::print_diagnostics(&diagnostics, &new, color);
        return Err(Error::Invalid(format!(
            "{talk_name} would not plan once updated (above); nothing written: make room in \
             its budgets for the deck's new slides, then update again"
        )));
    }

    for line in updated.changes.lines() {
        eprintln!("{line}");
    }
    if updated.text == source.text() {
        eprintln!("{talk_name} is up to date with {}", args.deck.display());
        return Ok(ExitCode::SUCCESS);
    }
    if args.write {
        let written = super::replace_talk(
            talk,
            &original,
            &updated.text,
            "updating",
            "run the update again",
        )?;
        eprintln!("wrote {}", written.display());
    } else {
        let diff = similar::TextDiff::from_lines(source.text(), updated.text.as_str())
            .unified_diff()
            .context_radius(2)
            .header(&talk_name, &format!("{talk_name} (updated)"))
            .to_string();
        out.write_all(diff.as_bytes()).map_err(Error::output)?;
        eprintln!("nothing written: add --write to apply this");
    }
    Ok(ExitCode::SUCCESS)
}

/// The day of the import: `SOURCE_DATE_EPOCH` when set (reproducible output for scripts),
/// else today in the local time zone.
fn today() -> Result<jiff::civil::Date, Error> {
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let seconds = epoch
            .to_str()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| {
                Error::Invalid(
                    "SOURCE_DATE_EPOCH must be a count of seconds since 1970 (or unset)".into(),
                )
            })?;
        return Ok(seconds.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
}

/// A PDF's `.pdfpc` sidecar (same name, `.pdfpc`), when one sits beside it.
fn read_pdfpc(deck: &Path) -> Result<Option<(PathBuf, String)>, Error> {
    let path = deck.with_extension("pdfpc");
    match fs::metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        _ => return Ok(None),
    }
    let bytes = read_bounded(&path, MAX_PDFPC_BYTES, "pdfpc sidecar")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].split(|&b| b == b'\n').count();
        Error::Invalid(format!(
            "{}: line {line}: not valid UTF-8; save it as UTF-8, or move it away to import \
             the PDF without it",
            path.display()
        ))
    })?;
    Ok(Some((path, text)))
}

/// A regular file's bytes, at most `max`: an error naming the file otherwise.
fn read_bounded(path: &Path, max: u64, what: &str) -> Result<Vec<u8>, Error> {
    let shown = path.display();
    // The shell's one rule: a file not there is the user's to fix (2), a failing system is 1.
    let io_error = |e: io::Error| Error::file(&e, format!("cannot read {shown}: {e}"));
    let meta = fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(Error::Invalid(format!(
            "{shown} is a folder, not a {what} file (a Keynote package? export it to .pptx)"
        )));
    }
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{shown} is {}, not a {what} file",
            crate::fsutil::kind_of(meta.file_type())
        )));
    }
    if meta.len() > max {
        return Err(too_big(path, max, what));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > max {
        return Err(too_big(path, max, what));
    }
    Ok(bytes)
}

fn too_big(path: &Path, max: u64, what: &str) -> Error {
    Error::Invalid(format!(
        "{}: larger than {} MB, more than any {what} pacer reads",
        path.display(),
        max / (1024 * 1024)
    ))
}

/// Writes a new file, never over an existing one, and never leaves half of it: the text goes
/// to a temporary file beside it, synced, then linked in under its name (which fails when the
/// name is taken).
fn write_new(path: &Path, deck: &Path, contents: &[u8]) -> Result<(), Error> {
    let shown = path.display();
    if fs::symlink_metadata(path).is_ok() {
        return Err(exists(path, deck));
    }
    let folder = crate::fsutil::folder_of(path);
    let io_error = |e: io::Error| Error::file(&e, format!("cannot write {shown}: {e}"));
    let name = path
        .file_name()
        .map_or_else(|| "talk".into(), |n| n.to_string_lossy().into_owned());
    crate::fsutil::temp::remove_stale(folder, &name);
    let (temp, mut file) = crate::fsutil::temp::create(folder, &name).map_err(io_error)?;
    let result = (|| {
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::hard_link(&temp, path)
    })();
    // Best effort: the link (or the error) is what counts.
    let _ = fs::remove_file(&temp);
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(exists(path, deck)),
        Err(e) => return Err(io_error(e)),
    }
    crate::fsutil::sync_folder(folder).map_err(io_error)
}

fn exists(path: &Path, deck: &Path) -> Error {
    Error::Invalid(format!(
        "{p} already exists: pacer import never overwrites a talk; to bring it up to date with \
         the deck, run `pacer import {d} --update {p}`",
        p = path.display(),
        d = deck.display()
    ))
}

fn eprint_summary(deck: &str, pdfpc: Option<&Path>, lines: &[String]) {
    let mut lines = lines.iter();
    if let Some(first) = lines.next() {
        eprintln!("{deck}: {first}");
    }
    if let Some(pdfpc) = pdfpc {
        eprintln!(
            "  notes, hidden pages and duration read from {}",
            pdfpc.display()
        );
    }
    for line in lines {
        eprintln!("  {line}");
    }
}
