//! Folders compared and listed: what a build left on disk.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every entry under `dir` (relative paths), with file contents; empty when `dir` is missing.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut entries = BTreeMap::new();
    walk(dir, Path::new(""), &mut entries);
    entries
}

fn walk(base: &Path, rel: &Path, into: &mut BTreeMap<PathBuf, Entry>) {
    let Ok(read) = fs::read_dir(base.join(rel)) else {
        return;
    };
    for entry in read {
        let entry = entry.unwrap();
        let rel = rel.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            into.insert(rel, Entry::Link(fs::read_link(entry.path()).unwrap()));
        } else if kind.is_dir() {
            into.insert(rel.clone(), Entry::Dir);
            walk(base, &rel, into);
        } else {
            into.insert(rel, Entry::File(fs::read(entry.path()).unwrap()));
        }
    }
}

/// The names in a folder (not recursive), sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Assert two trees are equal, naming the first difference rather than dumping megabytes.
#[track_caller]
pub fn assert_same_tree(
    before: &BTreeMap<PathBuf, Entry>,
    after: &BTreeMap<PathBuf, Entry>,
    what: &str,
) {
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k).is_some_and(|a| a != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        added.is_empty() && removed.is_empty() && changed.is_empty(),
        "{what} changed: added {added:?}, removed {removed:?}, changed {changed:?}"
    );
}

pub(super) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap_or_else(|err| panic!("read {}: {err}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// One entry of a folder tree, for byte-for-byte comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}
