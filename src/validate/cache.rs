//! Results of sample checks by file and content: a sample that did not change is not checked
//! again. The dev server keeps one for its whole run; `build` keeps one in the workshop's
//! `.deckhand/` folder between runs. A cache answers only for the settings it was made with
//! (deckhand's version, the Kubernetes version and the declared schemas).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Found, Note};
use crate::project::Project;

#[derive(Default)]
pub struct SampleCache {
    /// What the results depend on besides each file's content.
    settings: u128,
    entries: Mutex<HashMap<PathBuf, (u128, Found)>>,
    dirty: Mutex<bool>,
    /// What the last check of the samples noted, for `check --verbose`.
    notes: Mutex<Vec<Note>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    settings: u128,
    entries: Vec<(PathBuf, u128, Found)>,
}

impl SampleCache {
    /// An empty cache for `project`'s settings.
    pub fn for_project(project: &Project) -> SampleCache {
        SampleCache {
            settings: settings_key(project),
            ..SampleCache::default()
        }
    }

    /// The cache file of a workshop.
    pub fn path_for(root: &Path) -> PathBuf {
        root.join(".deckhand").join("samples.cache")
    }

    /// The saved cache, if it was made with the same settings; else an empty one.
    pub fn load(project: &Project) -> SampleCache {
        let cache = SampleCache::for_project(project);
        let Ok(bytes) = std::fs::read(Self::path_for(&project.root)) else {
            return cache;
        };
        if let Ok(file) = postcard::from_bytes::<File>(&bytes)
            && file.settings == cache.settings
        {
            let mut entries = cache.entries.lock().unwrap();
            entries.extend(
                file.entries
                    .into_iter()
                    .map(|(path, hash, found)| (path, (hash, found))),
            );
        }
        cache
    }

    /// Write the cache if it learnt something; a failure only costs time later.
    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let mut dirty = self.dirty.lock().unwrap();
        if !*dirty {
            return Ok(());
        }
        let entries = self.entries.lock().unwrap();
        let file = File {
            settings: self.settings,
            entries: entries
                .iter()
                .map(|(path, (hash, found))| (path.clone(), *hash, found.clone()))
                .collect(),
        };
        let path = Self::path_for(root);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let temp = path.with_extension("tmp");
        std::fs::write(
            &temp,
            postcard::to_stdvec(&file).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(temp, path)?;
        *dirty = false;
        Ok(())
    }

    /// What checking `file` finds when its text is `text` and the files it depends on (the
    /// workshop's CRDs and kustomizations) hash to `context`: remembered, or found by `check`.
    pub fn get_or_check(
        &self,
        file: &Path,
        text: &str,
        context: u128,
        check: impl FnOnce() -> Found,
    ) -> Found {
        let hash = xxhash_rust::xxh3::xxh3_128(text.as_bytes()) ^ context.rotate_left(1);
        if let Some((known, found)) = self.entries.lock().unwrap().get(file)
            && *known == hash
        {
            return found.clone();
        }
        let found = check();
        self.entries
            .lock()
            .unwrap()
            .insert(file.to_path_buf(), (hash, found.clone()));
        *self.dirty.lock().unwrap() = true;
        found
    }

    /// Keep what the last check of the samples noted.
    pub fn set_notes(&self, notes: Vec<Note>) {
        *self.notes.lock().unwrap() = notes;
    }

    /// What the last check of the samples noted, sorted by file and position.
    pub fn notes(&self) -> Vec<Note> {
        let mut notes = self.notes.lock().unwrap().clone();
        notes.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
        notes.dedup();
        notes
    }
}

/// deckhand's version, the Kubernetes version, and the declared schemas with their contents.
fn settings_key(project: &Project) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(project.config.kubernetes_version.as_bytes());
    for (kind, file) in &project.config.samples.schemas {
        hasher.update(kind.as_bytes());
        hasher.update(file.as_bytes());
        let limit = project.config.limits.sample_bytes();
        hasher.update(&crate::files::read(&project.root.join(file), limit).unwrap_or_default());
    }
    hasher.digest128()
}
