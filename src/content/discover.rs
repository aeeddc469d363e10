//! Finding what a workshop is made of: the chapter files at the top of `content/`, and every
//! other file a source folder publishes, under the rules of [`super::publish`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::publish::{follow_link, is_chapter_path, is_ignored_name};
use super::{CONTENT_DIR, SAMPLES_DIR};
use crate::config::Limits;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::files::{Kind, ReadError, size_text};
use crate::project::Project;

/// A chapter file found in `content/`, before it is read.
#[derive(Debug, Clone)]
pub struct ChapterFile {
    /// Relative to the workshop folder, e.g. `content/01-intro.md`.
    pub path: PathBuf,
    pub slug: String,
    pub prefix: Option<u64>,
}

/// The slug a chapter file's name gives it (`content/03-topic.md` → `topic`), unless the name
/// has no letters or digits besides its number.
pub fn name_slug(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy();
    let slug = crate::slug::slugify(order_and_slug(&stem).1);
    (!slug.is_empty()).then_some(slug)
}

/// Find the chapter files, in order.
pub fn discover_chapters(project: &Project, diagnostics: &mut Diagnostics) -> Vec<ChapterFile> {
    let dir = project.root.join(CONTENT_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(
                Diagnostic::error(
                    CONTENT_DIR,
                    Pos::new(1, 1),
                    format!("cannot read the content folder: {err}"),
                )
                .with_hint(
                    "a workshop keeps its chapters in content/; `deckhand new NAME` creates one",
                ),
            );
            return Vec::new();
        }
    };
    let mut files: Vec<ChapterFile> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let path = Path::new(CONTENT_DIR).join(&name);
        if is_ignored_name(&name) || !is_chapter_path(&path) {
            continue;
        }
        match entry.file_type().map(|_| Kind::at(&entry.path())) {
            Ok(Ok(Kind::File)) => {}
            Ok(Ok(Kind::Folder)) => continue,
            Ok(Ok(Kind::Link)) => {
                if let Err(refused) = follow_link(&project.root, &path, CONTENT_DIR, true) {
                    diagnostics.push(refused);
                    continue;
                }
            }
            Ok(Ok(kind)) => {
                diagnostics.push(special_file(&path, kind));
                continue;
            }
            Ok(Err(err)) | Err(err) => {
                diagnostics.push(Diagnostic::error(
                    &path,
                    Pos::new(1, 1),
                    format!("cannot read the chapter: {err}"),
                ));
                continue;
            }
        }
        let stem = &name[..name.len() - 3];
        let prefix = order_and_slug(stem).0;
        if prefix.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    &path,
                    Pos::new(1, 1),
                    "this chapter has no number in its name; it comes after the numbered ones",
                )
                .with_hint("name chapters like 03-topic.md to set their order"),
            );
        }
        let slug = name_slug(&path).unwrap_or_else(|| format!("chapter-{}", files.len() + 1));
        files.push(ChapterFile { path, slug, prefix });
    }
    files.sort_by(|a, b| {
        (a.prefix.unwrap_or(u64::MAX), &a.path).cmp(&(b.prefix.unwrap_or(u64::MAX), &b.path))
    });
    duplicate_numbers(&files, diagnostics);
    files
}

/// Two chapters with the same number have no order but their names' (`02-a.md`, `02-b.md`).
fn duplicate_numbers(files: &[ChapterFile], diagnostics: &mut Diagnostics) {
    for pair in files.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        if let (Some(a), Some(b)) = (first.prefix, second.prefix)
            && a == b
        {
            diagnostics.push(
                Diagnostic::error(
                    &second.path,
                    Pos::new(1, 1),
                    format!(
                        "chapter number {a} is already taken by {}",
                        first.path.display()
                    ),
                )
                .with_hint(
                    "give each chapter its own number in its file name; the numbers set the order",
                ),
            );
        }
    }
}

/// A chapter file's place in the order (the first number in its name) and the part of its name
/// that makes its slug: `03-topic` → (3, `topic`), `ch003` → (3, `ch003`), `intro` → (none, `intro`).
pub(super) fn order_and_slug(stem: &str) -> (Option<u64>, &str) {
    let start = stem.find(|c: char| c.is_ascii_digit());
    let Some(start) = start else {
        return (None, stem);
    };
    let digits: String = stem[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number = digits.parse::<u64>().ok();
    if start == 0 {
        let rest = stem[digits.len()..].trim_start_matches(['-', '_', '.', ' ']);
        (number, if rest.is_empty() { stem } else { rest })
    } else {
        (number, stem)
    }
}

/// Every file under `content/` that is not a chapter, relative to `content/`, sorted, with its
/// size.
pub fn discover_assets(project: &Project, diagnostics: &mut Diagnostics) -> Vec<(PathBuf, u64)> {
    published_files(project, CONTENT_DIR, diagnostics)
}

/// Every file the source folder `folder` (`content`, `static`, `templates`) publishes, relative
/// to it, sorted, with its size: regular files and links that may be followed, minus ignored
/// names and (in `content/`) the chapters. Pipes, devices, refused links and files over their
/// size limit are errors.
pub fn published_files(
    project: &Project,
    folder: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, u64)> {
    let base = project.root.join(folder);
    let mut files = Vec::new();
    if folder != CONTENT_DIR && !base.is_dir() {
        return files;
    }
    let walk = walkdir::WalkDir::new(&base)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !is_ignored_name(&entry.file_name().to_string_lossy()));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err
                    .path()
                    .and_then(|p| p.strip_prefix(&project.root).ok())
                    .map_or_else(|| PathBuf::from(folder), Path::to_path_buf);
                let reason = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                diagnostics.push(
                    Diagnostic::error(&at, Pos::new(1, 1), format!("cannot read this: {reason}"))
                        .with_hint("check its permissions"),
                );
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(&base)
            .unwrap_or(entry.path())
            .to_path_buf();
        let shown = Path::new(folder).join(&rel);
        if folder == CONTENT_DIR && is_chapter_path(&shown) {
            continue;
        }
        let size = match Kind::of_type(entry.file_type()) {
            Kind::Folder => continue,
            Kind::File => entry.metadata().map_or(0, |m| m.len()),
            Kind::Link => match follow_link(&project.root, &shown, folder, false) {
                Ok(target) => std::fs::metadata(project.root.join(target)).map_or(0, |m| m.len()),
                Err(refused) => {
                    diagnostics.push(refused);
                    continue;
                }
            },
            kind => {
                diagnostics.push(special_file(&shown, kind));
                continue;
            }
        };
        if let Some(too_large) = over_limit(&project.config.limits, &shown, size) {
            diagnostics.push(too_large);
            continue;
        }
        files.push((rel, size));
    }
    files
}

/// An error for a pipe, socket or device in a source folder.
pub fn special_file(path: &Path, kind: Kind) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::new(1, 1),
        format!("this is {}, not a regular file", kind.described()),
    )
    .with_hint(
        "deckhand reads only regular files: remove it, or move it out of the workshop's folders",
    )
}

/// Which limit a published file (relative to the workshop) falls under: samples and every YAML
/// file are read, checked and zipped; other files are copied.
pub fn limit_for(limits: &Limits, path: &Path) -> (u64, &'static str, &'static str) {
    let is_yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if path.starts_with(Path::new(CONTENT_DIR).join(SAMPLES_DIR)) || is_yaml {
        (limits.sample_bytes(), "samples", "sample_mb")
    } else {
        (limits.file_bytes(), "published files", "file_mb")
    }
}

/// The error for a file of `size` bytes at `path`, if that is over its limit.
pub fn over_limit(limits: &Limits, path: &Path, size: u64) -> Option<Diagnostic> {
    let (limit, what, key) = limit_for(limits, path);
    (size > limit).then(|| too_large(path, size, limit, what, key))
}

/// "`x` is 12 MB; samples are limited to 8 MB".
pub fn too_large(path: &Path, size: u64, limit: u64, what: &str, key: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::new(1, 1),
        format!(
            "the file is {}; {what} are limited to {}",
            size_text(size),
            size_text(limit)
        ),
    )
    .with_hint(format!(
        "make it smaller, or raise the limit: add `{key} = {}` under `[limits]` in workshop.toml",
        size.div_ceil(1024 * 1024)
    ))
}

/// Open the file `asset` (relative to `content/`) to publish it: a regular file within its limit.
/// Discovery checked that already; this catches a file swapped for a pipe, or grown, since.
pub fn open_asset(project: &Project, asset: &Path) -> Result<(std::fs::File, u64), Diagnostic> {
    let shown = Path::new(CONTENT_DIR).join(asset);
    let (limit, what, key) = limit_for(&project.config.limits, &shown);
    crate::files::open(&project.root.join(&shown), limit)
        .map_err(|err| read_error(&shown, err, what, key))
}

/// A file that could not be read, as a diagnostic on it.
pub fn read_error(path: &Path, err: ReadError, what: &str, key: &str) -> Diagnostic {
    match err {
        ReadError::TooLarge { size, limit } => too_large(path, size, limit, what, key),
        ReadError::NotRegular(kind) => special_file(path, kind),
        ReadError::Io(err) => {
            Diagnostic::error(path, Pos::new(1, 1), format!("cannot read the file: {err}"))
                .with_hint("check that the file exists and that you may read it")
        }
    }
}

/// Each chapter's slug by its file, for links between chapters.
pub fn slugs(files: &[ChapterFile]) -> HashMap<PathBuf, String> {
    files
        .iter()
        .map(|f| (f.path.clone(), f.slug.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_names_give_order_and_slug() {
        assert_eq!(order_and_slug("03-topic"), (Some(3), "topic"));
        assert_eq!(order_and_slug("ch003"), (Some(3), "ch003"));
        assert_eq!(order_and_slug("10_data room"), (Some(10), "data room"));
        assert_eq!(order_and_slug("intro"), (None, "intro"));
        assert_eq!(order_and_slug("42"), (Some(42), "42"));
    }
}
