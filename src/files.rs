//! Reading the workshop's files safely: only regular files are read, never more than a limit.
//!
//! A named pipe (FIFO) blocks whoever opens it until something writes to it, and a character
//! device such as `/dev/zero` never ends: reading either would hang a build, or fill its memory.
//! So every file deckhand reads goes through [`read`] or [`open`]: the file is opened without
//! waiting (`O_NONBLOCK`, which a regular file ignores), its kind is checked on the open file
//! itself (so a file swapped for a pipe after it was listed is still caught), and no more than the
//! limit is read, even from a file that grows meanwhile.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// What a directory entry is, for messages and the publishing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    Link,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Kind {
    /// The kind of `meta` (from `symlink_metadata`, so a link is a [`Kind::Link`]).
    pub fn of(meta: &fs::Metadata) -> Kind {
        Kind::of_type(meta.file_type())
    }

    /// The kind of a file type (a directory listing's, which does not follow links).
    pub fn of_type(kind: fs::FileType) -> Kind {
        if kind.is_symlink() {
            return Kind::Link;
        }
        if kind.is_file() {
            return Kind::File;
        }
        if kind.is_dir() {
            return Kind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Kind::Fifo;
            }
            if kind.is_socket() {
                return Kind::Socket;
            }
            if kind.is_char_device() {
                return Kind::CharDevice;
            }
            if kind.is_block_device() {
                return Kind::BlockDevice;
            }
        }
        Kind::Other
    }

    /// The kind of whatever is at `path`, not following a link.
    pub fn at(path: &Path) -> io::Result<Kind> {
        fs::symlink_metadata(path).map(|meta| Kind::of(&meta))
    }

    /// "a named pipe (FIFO)", for "`x` is … , not a regular file".
    pub fn described(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Folder => "a folder",
            Kind::Link => "a symbolic link",
            Kind::Fifo => "a named pipe (FIFO)",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Other => "a special file",
        }
    }

    /// Pipes, sockets and devices: nothing deckhand may open.
    pub fn is_special(self) -> bool {
        !matches!(self, Kind::File | Kind::Folder | Kind::Link)
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: a folder, a pipe, a device…
    NotRegular(Kind),
    /// Larger than the limit (`size` is what was seen, at least `limit + 1`).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(kind) => {
                write!(f, "it is {}, not a regular file", kind.described())
            }
            ReadError::TooLarge { size, limit } => {
                write!(
                    f,
                    "it is {}, over the limit of {}",
                    size_text(*size),
                    size_text(*limit)
                )
            }
            ReadError::Io(err) => write!(f, "{err}"),
        }
    }
}

impl From<ReadError> for io::Error {
    fn from(err: ReadError) -> Self {
        match err {
            ReadError::Io(err) => err,
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> Self {
        ReadError::Io(err)
    }
}

/// Open `path` (following links) for reading, if it is a regular file of at most `limit` bytes.
pub fn open(path: &Path, limit: u64) -> Result<(fs::File, u64), ReadError> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO for reading waits for a writer, unless asked not to; a terminal device
        // must not become the controlling terminal.
        options.custom_flags(
            (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32,
        );
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    let kind = Kind::of(&meta);
    if kind != Kind::File {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, length) = open(path, limit)?;
    let mut bytes = Vec::with_capacity(length as usize);
    // One byte more than allowed tells a file that grew since it was opened.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// The text of the regular file at `path` (at most `limit` bytes), `None` when it cannot be read
/// or is not UTF-8: for checks that skip what they cannot read, the reading of the build itself
/// having reported it already.
pub fn read_text(path: &Path, limit: u64) -> Option<String> {
    read(path, limit)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
}

/// `1.5 MB`, `512 KB`, `20 bytes`.
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else if bytes == 1 {
        "1 byte".into()
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"hello").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"hello");
        assert!(matches!(
            read(&path, 4),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
        assert!(matches!(
            read(dir.path(), 100),
            Err(ReadError::NotRegular(Kind::Folder))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &path,
            rustix::fs::Mode::from_raw_mode(0o644),
        )
        .unwrap();
        assert_eq!(Kind::at(&path).unwrap(), Kind::Fifo);
        assert!(matches!(
            read(&path, 100),
            Err(ReadError::NotRegular(Kind::Fifo))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_character_device_is_refused() {
        assert!(matches!(
            read(Path::new("/dev/zero"), 100),
            Err(ReadError::NotRegular(Kind::CharDevice))
        ));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(20), "20 bytes");
        assert_eq!(size_text(1), "1 byte");
        assert_eq!(size_text(2048), "2 KB");
        assert_eq!(size_text(8 * 1024 * 1024), "8 MB");
        assert_eq!(size_text(50 * 1024 * 1024 + 300_000), "50.3 MB");
    }
}
