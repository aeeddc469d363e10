//! Watching the workshop's sources: `content/`, `templates/`, `static/` and `workshop.toml`.
//!
//! Only finished writes, creations, removals and renames count. On Linux, reading a file reports
//! an access event, and reacting to it would rebuild forever (the build reads every file); and a
//! save is several events (truncate, write, close), so there a file counts as changed when it is
//! closed after writing, not at its first write, which would show a half-written file. Editors'
//! backup and swap files (whatever the publishing rules never read) are ignored. Events are not debounced by a delay: the first one starts a
//! rebuild at once, and whatever arrives meanwhile is coalesced into the next one.

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::engine::Changes;
use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::theme::{STATIC_DIR, TEMPLATES_DIR};

/// How long a file that vanished has to come back before the rebuild goes ahead without it.
pub const RETURN_GRACE: std::time::Duration = std::time::Duration::from_millis(100);

/// A running watcher and the changes it reports.
pub struct Sources {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// Files outside the watched folders that chapters include, and the folders watched for them.
    outside: std::collections::BTreeSet<PathBuf>,
    outside_folders: std::collections::BTreeSet<PathBuf>,
}

impl Sources {
    /// Watch the workshop in `root` (canonical).
    pub fn watch(root: &Path) -> notify::Result<Sources> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut sources = Sources {
            root: root.to_path_buf(),
            watcher,
            events,
            outside: Default::default(),
            outside_folders: Default::default(),
        };
        for dir in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
            sources.watch_dir(dir);
        }
        Ok(sources)
    }

    fn watch_dir(&mut self, dir: &str) {
        let path = self.root.join(dir);
        if path.is_dir() {
            let _ = self.watcher.watch(&path, RecursiveMode::Recursive);
        }
    }

    /// Also watch these files (relative to the workshop), outside the watched folders: chapters
    /// include them. Their folders are watched, not recursively.
    pub fn watch_outside(&mut self, files: &std::collections::BTreeSet<PathBuf>) {
        for file in files {
            let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
            if self.outside_folders.insert(folder.clone()) {
                let _ = self
                    .watcher
                    .watch(&self.root.join(&folder), RecursiveMode::NonRecursive);
            }
        }
        self.outside = files.clone();
    }

    /// Wait for the next change, then take every change already queued behind it. `None` when
    /// the watcher stopped.
    pub fn wait(&mut self) -> Option<Changes> {
        loop {
            let first = self.events.recv().ok()?;
            let mut changes = Changes::new();
            self.collect(first, &mut changes);
            while let Ok(event) = self.events.try_recv() {
                self.collect(event, &mut changes);
            }
            self.await_return(&mut changes);
            if !changes.is_empty() {
                return Some(changes);
            }
        }
    }

    /// Editors save by moving the old file away and writing a new one (Vim), or by writing a
    /// new file and renaming it over the old one: for a moment the file is gone. When a change
    /// names a file that is not there, wait a little ([`RETURN_GRACE`]) for it to come back, so
    /// that a save does not flash a "does not exist" error. Anything else rebuilds at once.
    fn await_return(&mut self, changes: &mut Changes) {
        let deadline = std::time::Instant::now() + RETURN_GRACE;
        while changes
            .iter()
            .any(|rel| std::fs::symlink_metadata(self.root.join(rel)).is_err())
        {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => self.collect(event, changes),
                Err(_) => break,
            }
        }
    }

    /// Take the changes queued now, without waiting.
    pub fn drain(&mut self) -> Changes {
        let mut changes = Changes::new();
        while let Ok(event) = self.events.try_recv() {
            self.collect(event, &mut changes);
        }
        changes
    }

    fn collect(&mut self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let Ok(event) = event else { return };
        let created = matches!(event.kind, EventKind::Create(_));
        let counted = counts(&event.kind);
        for path in event.paths {
            // A pipe, a device, a link or a hard link is created whole: no write will follow.
            if !(counted || created && created_whole(&path)) {
                continue;
            }
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            let rel = rel.to_path_buf();
            // A theme folder created while serving: watch it from now on.
            if matches!(event.kind, EventKind::Create(_)) {
                for dir in [TEMPLATES_DIR, STATIC_DIR, CONTENT_DIR] {
                    if rel == Path::new(dir) {
                        self.watch_dir(dir);
                    }
                }
            }
            if is_source(&rel) || self.outside.contains(&rel) {
                changes.insert(rel);
            }
        }
    }
}

/// Whether an event is a finished change (see the module's documentation).
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_)) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        // Linux reports the end of a write; wait for it rather than read a file being written.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => cfg!(target_os = "linux"),
        EventKind::Create(CreateKind::Folder) => true,
        EventKind::Create(_) | EventKind::Modify(_) => !cfg!(target_os = "linux"),
        EventKind::Access(_) | EventKind::Other | EventKind::Any => false,
    }
}

/// Whether what was just created at `path` will never be written to: anything but a new,
/// plain regular file (whose close after writing is the event that counts).
fn created_whole(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path)
        .is_ok_and(|meta| !meta.file_type().is_file() || meta.nlink() > 1)
}

/// Whether a changed path (relative to the workshop) can change the site.
pub fn is_source(rel: &Path) -> bool {
    // Exactly what the publishing rules never read: such a file cannot change the site.
    if crate::content::publish::is_ignored_path(rel) {
        return false;
    }
    rel == Path::new(CONFIG_FILE)
        || [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR]
            .iter()
            .any(|dir| rel.starts_with(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_a_file_counts_once_written_and_closed() {
        use notify::event::{DataChange, RenameMode};
        assert!(counts(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!counts(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!counts(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!counts(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(!counts(&EventKind::Create(CreateKind::File)));
        assert!(counts(&EventKind::Modify(ModifyKind::Name(RenameMode::To))));
        assert!(counts(&EventKind::Remove(notify::event::RemoveKind::File)));
    }

    #[test]
    fn only_sources_count_and_editor_files_do_not() {
        assert!(is_source(Path::new("content/01-intro.md")));
        assert!(is_source(Path::new("workshop.toml")));
        assert!(is_source(Path::new("static/css/deck.css")));
        assert!(!is_source(Path::new("content/.01-intro.md.swp")));
        assert!(!is_source(Path::new("content/01-intro.md~")));
        assert!(!is_source(Path::new("content/4913")));
        assert!(!is_source(Path::new("public/index.html")));
        assert!(!is_source(Path::new("README.md")));
    }
}
