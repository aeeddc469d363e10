//! What the rendering of every chapter shares: the workshop folder, the highlighting cache, the
//! files read so far and the chapters' slugs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::files::ReadError;
use crate::highlight::cache::HighlightCache;
use crate::markdown::include::IncludeError;

/// Files read during a build, read once however often they are included.
pub struct FileCache {
    files: Mutex<HashMap<PathBuf, Result<Arc<str>, IncludeError>>>,
    /// The largest file to read (`[limits] sample_mb`).
    limit: u64,
}

impl Default for FileCache {
    fn default() -> Self {
        FileCache::with_limit(crate::config::Limits::default().sample_bytes())
    }
}

impl FileCache {
    /// A cache refusing files over `limit` bytes.
    pub fn with_limit(limit: u64) -> Self {
        FileCache {
            files: Mutex::default(),
            limit,
        }
    }

    /// The text of `rel` (relative to `root`): a regular file, within the limit, UTF-8.
    pub fn read(&self, root: &Path, rel: &Path) -> Result<Arc<str>, IncludeError> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files
            .entry(rel.to_path_buf())
            .or_insert_with(|| {
                let fail = |message: String, hint: &str| IncludeError {
                    message,
                    hint: hint.to_string(),
                };
                match crate::files::read(&root.join(rel), self.limit) {
                    Ok(bytes) => String::from_utf8(bytes).map(Arc::from).map_err(|_| {
                        fail(
                            format!("`{}` is not UTF-8 text", rel.display()),
                            "included files must be UTF-8 text: save it as UTF-8",
                        )
                    }),
                    Err(ReadError::TooLarge { size, limit }) => Err(fail(
                        format!(
                            "`{}` is {}; included files are limited to {}",
                            rel.display(),
                            crate::files::size_text(size),
                            crate::files::size_text(limit)
                        ),
                        &format!(
                            "include a smaller file, or raise the limit: add `sample_mb = {}` under `[limits]` in workshop.toml",
                            size.div_ceil(1024 * 1024)
                        ),
                    )),
                    Err(ReadError::NotRegular(kind)) => Err(fail(
                        format!("`{}` is {}, not a regular file", rel.display(), kind.described()),
                        "include a regular file",
                    )),
                    Err(ReadError::Io(err)) => Err(fail(
                        format!("cannot read `{}`: {err}", rel.display()),
                        "check that the file exists and that you may read it",
                    )),
                }
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
    /// The most lines of code a slide holds at `[theme] aspect` (see `markdown::code_lines`).
    pub code_lines: usize,
}

impl Env<'_> {
    pub(super) fn chapter_slug(&self, path: &Path) -> Option<&str> {
        self.chapters.get(path).map(String::as_str)
    }
}
