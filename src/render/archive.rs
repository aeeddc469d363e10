//! Zip archives of the samples: one per chapter (`samples/<slug>.zip`) and one of all of them.
//! Entries carry a fixed date, so the same samples always give byte-identical archives. They are
//! stored, not deflated: samples are a few kilobytes of text, and a deflate stream per file costs
//! more build time (its set-up dominates) than the bytes it would save are worth.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::content::SAMPLES_DIR;

/// A zip of `files` (relative to `content_root`), each under the folder `top`; a file larger
/// than `limit` bytes (or not a regular file) fails it.
pub fn zip(
    content_root: &Path,
    files: &[PathBuf],
    top: &str,
    limit: u64,
) -> std::io::Result<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    for file in files {
        let inner = file.strip_prefix(SAMPLES_DIR).unwrap_or(file);
        let inner = inner.strip_prefix(top).unwrap_or(inner);
        let name = Path::new(top)
            .join(inner)
            .to_string_lossy()
            .replace('\\', "/");
        writer
            .start_file(name, options)
            .map_err(std::io::Error::other)?;
        let bytes = crate::files::read(&content_root.join(file), limit)?;
        let published = crate::markdown::include::without_markers(&bytes);
        writer.write_all(published.as_deref().unwrap_or(&bytes))?;
    }
    Ok(writer.finish().map_err(std::io::Error::other)?.into_inner())
}
