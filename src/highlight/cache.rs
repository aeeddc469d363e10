//! A content-addressed cache of highlighted blocks: the same code in the same language is
//! highlighted once per build (the deck and the handouts share it) and, through a file in the
//! workshop's `.deckhand/` folder, once across builds.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Bump when the HTML produced for a block changes, so old cache files are ignored.
const FORMAT: &str = "deckhand-highlight-6";

/// A block's highlighted lines, joined by newlines: filled once, by the first thread to ask
/// (the others wait for it rather than highlight the same block again).
type Slot = Arc<OnceLock<Arc<str>>>;

#[derive(Default)]
pub struct HighlightCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    entries: HashMap<u128, Slot>,
    /// Keys looked up since the last save: only those are written back, so the file tracks the
    /// workshop instead of growing forever.
    used: HashSet<u128>,
    /// Whether anything was highlighted that the file does not hold yet.
    dirty: bool,
    /// Whether each language name asked about has a grammar, so that a warm build never loads
    /// the grammars at all.
    languages: HashMap<String, bool>,
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
            let mut state = cache.state.lock().unwrap();
            state.entries.extend(
                file.entries
                    .into_iter()
                    .map(|(k, v)| (k, Arc::new(OnceLock::from(Arc::from(v))))),
            );
            state.languages.extend(file.languages);
        }
        cache
    }

    /// Write the entries used since the last save, if anything new was highlighted. Failing to
    /// write a cache is not worth failing a build for, so errors are returned for logging only.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut state = self.state.lock().unwrap();
        let stale = state.entries.len() != state.used.len();
        if !state.dirty && !stale {
            state.used.clear();
            return Ok(());
        }
        let file = File {
            format: FORMAT.to_string(),
            languages: state
                .languages
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
            entries: state
                .used
                .iter()
                .filter_map(|k| {
                    let lines = state.entries.get(k)?.get()?;
                    Some((*k, lines.to_string()))
                })
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
        state.dirty = false;
        state.used.clear();
        Ok(())
    }

    /// The highlighted lines of `code` in `lang`, joined by newlines, computed at most once.
    pub fn highlight(&self, lang: &str, code: &str) -> Arc<str> {
        let key = key(lang, code);
        let slot = {
            let mut state = self.state.lock().unwrap();
            state.used.insert(key);
            state.entries.entry(key).or_default().clone()
        };
        let mut fresh = false;
        let lines = slot
            .get_or_init(|| {
                fresh = true;
                #[cfg(test)]
                tests::count_computed(key);
                Arc::from(super::highlight_uncached(lang, code).join("\n"))
            })
            .clone();
        if fresh {
            self.state.lock().unwrap().dirty = true;
        }
        lines
    }

    /// Whether `lang` gets highlighted (known grammar, or plain on purpose) rather than shown
    /// plain for want of a grammar.
    pub fn is_known(&self, lang: &str) -> bool {
        if let Some(known) = self.state.lock().unwrap().languages.get(lang) {
            return *known;
        }
        let known = !matches!(super::language(lang), super::Language::Unknown);
        let mut state = self.state.lock().unwrap();
        state.languages.insert(lang.to_string(), known);
        state.dirty = true;
        known
    }

    pub fn len(&self) -> usize {
        self.state.lock().unwrap().entries.len()
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

    static COMPUTED: Mutex<Option<HashMap<u128, usize>>> = Mutex::new(None);

    pub(super) fn count_computed(key: u128) {
        *COMPUTED
            .lock()
            .unwrap()
            .get_or_insert_default()
            .entry(key)
            .or_default() += 1;
    }

    #[test]
    fn a_block_asked_for_by_many_threads_at_once_is_highlighted_once() {
        let cache = HighlightCache::new();
        let code = "kind: Pod # asked for by eight threads\nmetadata:\n  name: web\n";
        let results: Vec<Arc<str>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| cache.highlight("yaml", code)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(results.windows(2).all(|w| w[0] == w[1]));
        let computed = COMPUTED.lock().unwrap().as_ref().unwrap()[&key("yaml", code)];
        assert_eq!(computed, 1);
    }

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
            reloaded.state.lock().unwrap().languages.get("klingon"),
            Some(&false)
        );
        assert_eq!(
            reloaded.state.lock().unwrap().languages.get("yaml"),
            Some(&true)
        );
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
