//! File-system helpers of the shell: the atomic file replacement, its temporary files, and
//! making a folder's entries durable.
//!
//! Only the shell (the CLI and the history journal) calls these; the core never touches the
//! file system. Nothing here prints or decides an exit code: errors are returned whole.

pub mod atomic;
pub mod temp;

use std::fs::File;
use std::io;
use std::path::Path;

/// The folder a path's file lives in: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the entries of `folder` durable: a file created or renamed in it survives a crash.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// What a file that is not a regular file is, in a word for an error message.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// The names in a folder, sorted: what a test expects to be left there.
#[cfg(test)]
pub(crate) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_of_a_bare_name_is_the_current_one() {
        assert_eq!(folder_of(Path::new("talk.toml")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/talk.toml")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/talk.toml")), Path::new("/"));
    }

    #[test]
    fn kinds_have_words() {
        let dir = tempfile::tempdir().unwrap();
        let kind = |p: &Path| kind_of(std::fs::metadata(p).unwrap().file_type());
        assert_eq!(kind(dir.path()), "a folder");
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(kind(&file), "a regular file");
        #[cfg(unix)]
        assert_eq!(kind(Path::new("/dev/null")), "a character device");
    }
}
