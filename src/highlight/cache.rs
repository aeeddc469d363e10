//! A content-addressed cache of highlighted blocks: the same code in the same language is
//! highlighted once per build (the deck and the handouts share it) and, through a file in the
//! workshop's `.deckhand/` folder, once across builds.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Bump when the HTML produced for a block changes, so old cache files are ignored.
const FORMAT: &str = "deckhand-highlight-5";

#[derive(Default)]
pub struct HighlightCache {
    /// Each block's highlighted lines, joined by newlines (one allocation per block to load).
    entries: Mutex<HashMap<u128, Arc<str>>>,
    /// Keys looked up since the last save: only those are written back, so the file tracks the
    /// workshop instead of growing forever.
    used: Mutex<HashSet<u128>>,
    /// Whether anything was highlighted that the file does not hold yet.
    dirty: Mutex<bool>,
    /// Whether each language name asked about has a grammar, so that a warm build never loads
    /// the grammars at all.
    languages: Mutex<HashMap<String, bool>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    format: String,
    entries: Vec<(u128, String)>,
    languages: Vec<(String, bool)>,
}

impl HighlightCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The cache file of a workshop.
    pub fn path_for(root: &Path) -> PathBuf {
        root.join(".deckhand").join("highlight.cache")
    }

    /// Load the cache file if it is there and readable; any problem just means a cold cache.
    pub fn load(path: &Path) -> Self {
        let cache = Self::new();
        if let Ok(bytes) = std::fs::read(path)
            && let Ok(file) = postcard::from_bytes::<File>(&bytes)
            && file.format == FORMAT
        {
            let mut entries = cache.entries.lock().unwrap();
            entries.extend(file.entries.into_iter().map(|(k, v)| (k, Arc::from(v))));
            cache.languages.lock().unwrap().extend(file.languages);
        }
        cache
    }

    /// Write the entries used since the last save, if anything new was highlighted. Failing to
    /// write a cache is not worth failing a build for, so errors are returned for logging only.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut dirty = self.dirty.lock().unwrap();
        let mut used = self.used.lock().unwrap();
        let entries = self.entries.lock().unwrap();
        let stale = entries.len() != used.len();
        if !*dirty && !stale {
            used.clear();
            return Ok(());
        }
        let file = File {
            format: FORMAT.to_string(),
            languages: self
                .languages
                .lock()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            entries: used
                .iter()
                .filter_map(|k| entries.get(k).map(|v| (*k, v.to_string())))
                .collect(),
        };
        let bytes = postcard::to_stdvec(&file).map_err(std::io::Error::other)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
            // Keep the cache out of version control without asking the author to.
            let ignore = parent.join(".gitignore");
            if !ignore.exists() {
                std::fs::write(ignore, "*\n")?;
            }
        }
        let temp = path.with_extension("tmp");
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, path)?;
        *dirty = false;
        used.clear();
        Ok(())
    }

    /// The highlighted lines of `code` in `lang`, joined by newlines, computed at most once.
    pub fn highlight(&self, lang: &str, code: &str) -> Arc<str> {
        let key = key(lang, code);
        self.used.lock().unwrap().insert(key);
        if let Some(hit) = self.entries.lock().unwrap().get(&key) {
            return hit.clone();
        }
        let lines: Arc<str> = Arc::from(super::highlight_uncached(lang, code).join("\n"));
        self.entries.lock().unwrap().insert(key, lines.clone());
        *self.dirty.lock().unwrap() = true;
        lines
    }

    /// Whether `lang` gets highlighted (known grammar, or plain on purpose) rather than shown
    /// plain for want of a grammar.
    pub fn is_known(&self, lang: &str) -> bool {
        if let Some(known) = self.languages.lock().unwrap().get(lang) {
            return *known;
        }
        let known = !matches!(super::language(lang), super::Language::Unknown);
        self.languages
            .lock()
            .unwrap()
            .insert(lang.to_string(), known);
        *self.dirty.lock().unwrap() = true;
        known
    }

    pub fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn key(lang: &str, code: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(&[0]);
    hasher.update(lang.as_bytes());
    hasher.update(&[0]);
    hasher.update(code.as_bytes());
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_cache_answers_without_highlighting_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = HighlightCache::path_for(dir.path());
        let cache = HighlightCache::new();
        let first = cache.highlight("yaml", "a: 1\n");
        cache.save(&path).unwrap();
        let reloaded = HighlightCache::load(&path);
        assert_eq!(reloaded.len(), 1);
        assert_eq!(reloaded.highlight("yaml", "a: 1\n"), first);
        assert!(dir.path().join(".deckhand/.gitignore").exists());
    }

    #[test]
    fn language_knowledge_survives_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = HighlightCache::path_for(dir.path());
        let cache = HighlightCache::new();
        assert!(cache.is_known("yaml"));
        assert!(!cache.is_known("klingon"));
        cache.highlight("yaml", "a: 1\n");
        cache.save(&path).unwrap();
        let reloaded = HighlightCache::load(&path);
        assert_eq!(
            reloaded.languages.lock().unwrap().get("klingon"),
            Some(&false)
        );
        assert_eq!(reloaded.languages.lock().unwrap().get("yaml"), Some(&true));
    }

    #[test]
    fn entries_not_used_since_the_last_save_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = HighlightCache::path_for(dir.path());
        let cache = HighlightCache::new();
        cache.highlight("yaml", "old: 1\n");
        cache.save(&path).unwrap();
        let cache = HighlightCache::load(&path);
        cache.highlight("yaml", "new: 1\n");
        cache.save(&path).unwrap();
        assert_eq!(HighlightCache::load(&path).len(), 1);
    }
}
