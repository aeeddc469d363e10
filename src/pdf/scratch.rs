//! The temporary folder a `deckhand pdf` run renders and prints in.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::anyhow;

use crate::highlight::cache::HighlightCache;

/// A temporary folder holding the rendered site (`site/`) and the browser's files (`work/`),
/// removed when dropped (kept when DECKHAND_KEEP_PDF_PAGES is set, to look at the pages).
pub struct Scratch {
    root: PathBuf,
    pub site: PathBuf,
    pub work: PathBuf,
}

impl Scratch {
    /// In the workshop's `.deckhand/` folder when it can be made there, else in the system's
    /// temporary folder: a browser installed as a snap (Ubuntu's Chromium) has a /tmp of its own
    /// and cannot open pages in ours.
    pub fn new(workshop: &Path) -> anyhow::Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("pdf-{}-{nanos:x}", std::process::id());
        let cache = HighlightCache::path_for(workshop)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| workshop.join(".deckhand"));
        let in_workshop = std::fs::create_dir_all(&cache).is_ok() && {
            // Keep it out of version control, as the build's cache is.
            let ignore = cache.join(".gitignore");
            ignore.exists() || std::fs::write(ignore, "*\n").is_ok()
        };
        if in_workshop {
            remove_stale(&cache);
        }
        let candidates = [
            in_workshop.then(|| cache.join(&name)),
            Some(std::env::temp_dir().join(format!("deckhand-{name}"))),
        ];
        let mut last_error = None;
        for root in candidates.into_iter().flatten() {
            let (site, work) = (root.join("site"), root.join("work"));
            match std::fs::create_dir_all(&site).and_then(|()| std::fs::create_dir_all(&work)) {
                Ok(()) => {
                    let root = root.canonicalize().unwrap_or(root);
                    return Ok(Scratch {
                        site: root.join("site"),
                        work: root.join("work"),
                        root,
                    });
                }
                Err(err) => last_error = Some(anyhow!("cannot create {}: {err}", root.display())),
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow!("cannot create a temporary folder")))
    }
}

/// Folders left behind by runs that were interrupted (a day old or more).
fn remove_stale(cache: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(24 * 3600));
        if old && entry.file_name().to_string_lossy().starts_with("pdf-") {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::env::var_os("DECKHAND_KEEP_PDF_PAGES").is_none() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}
