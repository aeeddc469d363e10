//! Zip archives of the samples: one per chapter (`samples/<slug>.zip`) and one of all of them.
//! Entries carry a fixed date, so the same samples always give byte-identical archives. They are
//! stored, not deflated: samples are a few kilobytes of text, and a deflate stream per file costs
//! more build time (its set-up dominates) than the bytes it would save are worth.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A zip of `files` (relative to `content_root`), each at its path there, as the site publishes
/// it: a chapter's zip and the all-samples zip both unzip to `samples/<chapter>/…`, the path the
/// chapters' notes type (`kubectl apply -f samples/concepts/pod.yaml`). A file larger than
/// `limit` bytes (or not a regular file) fails it.
pub fn zip(content_root: &Path, files: &[PathBuf], limit: u64) -> std::io::Result<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    for file in files {
        let name = file.to_string_lossy().replace('\\', "/");
        writer
            .start_file(name, options)
            .map_err(std::io::Error::other)?;
        let bytes = crate::files::read(&content_root.join(file), limit)?;
        let published = crate::markdown::include::without_markers(&bytes);
        writer.write_all(published.as_deref().unwrap_or(&bytes))?;
    }
    Ok(writer.finish().map_err(std::io::Error::other)?.into_inner())
}
