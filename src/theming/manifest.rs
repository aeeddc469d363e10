//! `.deckhand-theme.toml`: what `deckhand new --with-theme` copied, so a copied theme can be
//! compared with the binary's later on.
//!
//! A copied file overrides the built-in one for good, so a newer deckhand's fixes to it never
//! reach the workshop. The record holds the version that copied the theme and each file's hash
//! at copy time; with it, three hashes tell everything about a file: the recorded one, the copy's
//! now (the author changed it when they differ) and the built-in's now (deckhand changed it when
//! that differs from the record). `deckhand check` warns about files deckhand changed since,
//! and `deckhand new --update-theme` refreshes those the author never touched.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Severity};
use crate::theme::{STATIC_DIR, TEMPLATES_DIR, Theme};

/// The record's file name, in the workshop folder.
pub const MANIFEST: &str = ".deckhand-theme.toml";

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The largest theme file compared (larger is not a theme file deckhand wrote).
const READ_LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The deckhand version that copied (or last refreshed) the theme.
    pub deckhand: String,
    /// Each copied file (`templates/…`, `static/…`) and its hash when copied.
    pub files: BTreeMap<String, String>,
}

/// The hash a manifest records: 128 bits of xxh3 (a fingerprint to notice changes, not a seal).
pub fn hash(bytes: &[u8]) -> String {
    format!("xxh3-128:{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Every built-in theme file with its path in a workshop (`templates/deck.html`).
pub fn built_in() -> BTreeMap<String, &'static [u8]> {
    let theme = Theme::embedded_only();
    let mut files = BTreeMap::new();
    for (dir, map) in [
        (TEMPLATES_DIR, &theme.templates),
        (STATIC_DIR, &theme.statics),
    ] {
        for (name, file) in map {
            if let std::borrow::Cow::Borrowed(bytes) = file.bytes {
                files.insert(format!("{dir}/{name}"), bytes);
            }
        }
    }
    files
}

impl Manifest {
    /// The record of `files` copied by this binary.
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a String, &'a &'static [u8])>) -> Manifest {
        Manifest {
            deckhand: VERSION.into(),
            files: files
                .into_iter()
                .map(|(path, bytes)| (path.clone(), hash(bytes)))
                .collect(),
        }
    }

    /// The record as written to [`MANIFEST`], with a comment saying what it is for.
    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).expect("a manifest always serialises");
        format!(
            "# Written by deckhand: the theme files copied into this workshop and their hashes when copied.\n\
             # `deckhand check` warns when the built-in theme has changed since; `deckhand new --update-theme`\n\
             # refreshes the files you never changed. Keep this file with the workshop (commit it).\n{body}"
        )
    }

    /// The workshop's record, if it has one (`Err` when it cannot be read or parsed).
    pub fn read(root: &Path) -> Result<Option<Manifest>, Diagnostic> {
        let path = root.join(MANIFEST);
        if !path.exists() {
            return Ok(None);
        }
        let text = crate::files::read_text(&path, 1024 * 1024).ok_or_else(|| {
            Diagnostic::error(MANIFEST, Pos::FILE, "cannot read the theme record")
                .with_hint("check that the file is a readable UTF-8 text file")
        })?;
        crate::toml_input::parse(&text, Path::new(MANIFEST), Pos::new(1, 1)).map(Some)
    }
}

/// A copied file the built-in theme has changed since it was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// `templates/deck.html`.
    pub path: String,
    /// Whether the author changed the copy since (its hash is no longer the recorded one).
    pub changed_by_author: bool,
    /// The copy is gone: the built-in file is used, so nothing is stale after all.
    pub missing: bool,
}

/// The copied files whose built-in version changed since the copy (deleted copies left out).
pub fn stale(root: &Path, manifest: &Manifest) -> Vec<Stale> {
    let built_in = built_in();
    manifest
        .files
        .iter()
        .filter_map(|(path, recorded)| {
            let now = built_in.get(path.as_str())?;
            if hash(now) == *recorded {
                return None;
            }
            let copy = crate::files::read(&root.join(path), READ_LIMIT).ok();
            Some(Stale {
                path: path.clone(),
                changed_by_author: copy.as_deref().is_some_and(|c| hash(c) != *recorded),
                missing: copy.is_none(),
            })
        })
        .filter(|s| !s.missing)
        .collect()
}

/// `deckhand check`'s (and build's) warnings about a copied theme older than the binary's.
pub fn warnings(root: &Path, diagnostics: &mut Diagnostics) {
    let manifest = match Manifest::read(root) {
        Ok(Some(manifest)) => manifest,
        Ok(None) => return,
        Err(mut problem) => {
            // A broken record must not stop a build: the theme itself is fine.
            problem.severity = Severity::Warning;
            problem.message = format!("the theme record is unreadable: {}", problem.message);
            diagnostics.push(problem);
            return;
        }
    };
    for file in stale(root, &manifest) {
        let (state, hint) = if file.changed_by_author {
            (
                "and you changed the copy",
                format!(
                    "compare it with the built-in one and merge deckhand's changes by hand (`deckhand new --update-theme` leaves it alone), or delete it to use the built-in {}",
                    file.path
                ),
            )
        } else {
            (
                "but you never changed the copy",
                "run `deckhand new --update-theme` in the workshop folder to refresh it".into(),
            )
        };
        diagnostics.push(
            Diagnostic::warning(
                PathBuf::from(&file.path),
                Pos::FILE,
                format!(
                    "copied from deckhand {}; the built-in file of deckhand {VERSION} has changed since, {state}",
                    manifest.deckhand
                ),
            )
            .with_hint(hint),
        );
    }
}

/// What `deckhand new --update-theme` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Copies the author never changed, replaced by the built-in version.
    pub refreshed: Vec<String>,
    /// Copies the author changed, left as they are.
    pub kept: Vec<String>,
    /// Built-in files new since the copy, copied now.
    pub added: Vec<String>,
}

/// Refresh the copied theme in `root`: every file the author never changed becomes the built-in
/// one, changed files stay, files new in the built-in theme are copied; the record is rewritten.
pub fn update(root: &Path) -> anyhow::Result<Update> {
    use anyhow::Context;
    let mut manifest = Manifest::read(root)
        .map_err(|d| anyhow::anyhow!("{}", d.render(root)))?
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} has no {MANIFEST}: only a theme copied by `deckhand new --with-theme` (deckhand {VERSION} and later) records what it copied; compare your templates/ and static/ with a fresh `deckhand new --with-theme` copy by hand",
                root.display()
            )
        })?;
    let mut done = Update::default();
    for (path, bytes) in built_in() {
        let target = root.join(&path);
        let now = hash(bytes);
        let on_disk = crate::files::read(&target, READ_LIMIT).ok();
        match (manifest.files.get(&path), on_disk) {
            (Some(recorded), _) if *recorded == now => {}
            // Deleted by the author: the built-in file is used already (the record stays, so
            // the file is not copied back next time).
            (Some(_), None) => {}
            (Some(recorded), Some(copy)) if hash(&copy) == *recorded => {
                write(&target, bytes)?;
                manifest.files.insert(path.clone(), now);
                done.refreshed.push(path);
            }
            (Some(_), Some(_)) => done.kept.push(path),
            (None, None) => {
                write(&target, bytes)?;
                manifest.files.insert(path.clone(), now);
                done.added.push(path);
            }
            // The author's own file at a path the built-in theme has since: theirs.
            (None, Some(_)) => {}
        }
    }
    manifest.deckhand = VERSION.into();
    std::fs::write(root.join(MANIFEST), manifest.to_text())
        .with_context(|| format!("cannot write {}", root.join(MANIFEST).display()))?;
    Ok(done)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
