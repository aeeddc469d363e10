//! What the rendering of every chapter shares: the workshop folder, the highlighting cache, the
//! files read so far and the chapters' slugs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::highlight::cache::HighlightCache;

/// Files read during a build, read once however often they are included.
#[derive(Default)]
pub struct FileCache {
    files: Mutex<HashMap<PathBuf, Result<Arc<str>, String>>>,
}

impl FileCache {
    /// The text of `rel` (relative to `root`).
    pub fn read(&self, root: &Path, rel: &Path) -> Result<Arc<str>, String> {
        let mut files = self.files.lock().unwrap();
        files
            .entry(rel.to_path_buf())
            .or_insert_with(|| match std::fs::read(root.join(rel)) {
                Ok(bytes) => String::from_utf8(bytes)
                    .map(Arc::from)
                    .map_err(|_| format!("`{}` is not UTF-8 text", rel.display())),
                Err(err) => Err(format!("cannot read `{}`: {err}", rel.display())),
            })
            .clone()
    }
}

/// What every chapter's rendering shares.
pub struct Env<'a> {
    /// The workshop folder, canonical.
    pub root: &'a Path,
    pub highlighter: &'a HighlightCache,
    pub files: &'a FileCache,
    /// Chapter files (relative to root) and their slugs, for links between chapters.
    pub chapters: &'a HashMap<PathBuf, String>,
    /// The workshop came from `deckhand import`: a link to a file the deck did not have (a page
    /// of the source site) is a warning, not an error.
    pub imported: bool,
}

impl Env<'_> {
    pub(super) fn chapter_slug(&self, path: &Path) -> Option<&str> {
        self.chapters.get(path).map(String::as_str)
    }
}
