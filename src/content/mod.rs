//! The workshop's content: chapters (Markdown files at the top of `content/`, ordered by their
//! number prefix) and assets (every other file under `content/`, samples included).

mod background;
pub mod chapter;
pub mod front_matter;
mod slides;

use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use chapter::{Chapter, Slide};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::highlight::cache::HighlightCache;
use crate::markdown::{Env, FileCache};
use crate::project::Project;

/// The folder of chapters and assets, inside the workshop folder.
pub const CONTENT_DIR: &str = "content";
/// The folder of samples, inside `content/`.
pub const SAMPLES_DIR: &str = "samples";

/// Everything the site is made from.
#[derive(Debug, Clone, Serialize)]
pub struct Workshop {
    pub chapters: Vec<Chapter>,
    /// Files under `content/` other than chapters, relative to `content/`, sorted.
    assets: Vec<PathBuf>,
    /// The assets under `samples/<folder>/`, by folder name, built when first needed: pages ask
    /// for each chapter's samples many times.
    #[serde(skip)]
    sample_folders: std::sync::OnceLock<std::collections::HashMap<String, Vec<PathBuf>>>,
}

impl Workshop {
    pub fn new(chapters: Vec<Chapter>, assets: Vec<PathBuf>) -> Workshop {
        Workshop {
            chapters,
            assets,
            sample_folders: Default::default(),
        }
    }

    /// Files under `content/` other than chapters, relative to `content/`, sorted.
    pub fn assets(&self) -> &[PathBuf] {
        &self.assets
    }

    pub fn set_assets(&mut self, assets: Vec<PathBuf>) {
        self.assets = assets;
        self.sample_folders = Default::default();
    }

    /// Free the slides' HTML (and notes) once every chapter is rendered: a large workshop's
    /// slides weigh megabytes that the pages, put together from rendered chapters, do not need.
    pub fn release_slide_html(&mut self) {
        for slide in self.chapters.iter_mut().flat_map(|c| c.slides.iter_mut()) {
            slide.html = String::new();
            slide.notes_html = None;
        }
    }

    /// The sum of the chapters' durations, in minutes.
    pub fn total_minutes(&self) -> u32 {
        self.chapters.iter().filter_map(|c| c.duration).sum()
    }

    pub fn slide_count(&self) -> usize {
        self.chapters.iter().map(|c| c.slides.len()).sum()
    }

    /// Assets under `content/samples/`, relative to `content/`.
    pub fn samples(&self) -> impl Iterator<Item = &PathBuf> {
        self.assets.iter().filter(|a| a.starts_with(SAMPLES_DIR))
    }

    /// The samples of one chapter: its folder `samples/<slug>/` and whatever else it includes
    /// from under `content/`, relative to `content/`.
    pub fn chapter_samples(&self, chapter: &Chapter) -> Vec<PathBuf> {
        let folders = self.sample_folders.get_or_init(|| {
            let mut folders: std::collections::HashMap<String, Vec<PathBuf>> = Default::default();
            for asset in self.samples() {
                let mut parts = asset.components().skip(1);
                if let (Some(folder), Some(_)) = (parts.next(), parts.next()) {
                    let name = folder.as_os_str().to_string_lossy().to_string();
                    folders.entry(name).or_default().push(asset.clone());
                }
            }
            folders
        });
        let mut files = folders.get(&chapter.slug).cloned().unwrap_or_default();
        for included in &chapter.includes {
            if let Ok(rel) = included.strip_prefix(CONTENT_DIR)
                && !files.iter().any(|f| f == rel)
            {
                files.push(rel.to_path_buf());
            }
        }
        files.sort();
        files
    }
}

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
                    Pos::FILE,
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
        let is_md = Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !is_md || name.starts_with('.') || !entry.path().is_file() {
            continue;
        }
        let stem = &name[..name.len() - 3];
        let prefix = order_and_slug(stem).0;
        let path = Path::new(CONTENT_DIR).join(&name);
        if prefix.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    &path,
                    Pos::FILE,
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
    files
}

/// A chapter file's place in the order (the first number in its name) and the part of its name
/// that makes its slug: `03-topic` → (3, `topic`), `ch003` → (3, `ch003`), `intro` → (none, `intro`).
fn order_and_slug(stem: &str) -> (Option<u64>, &str) {
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

/// Every file under `content/` that is not a chapter, relative to `content/`.
pub fn discover_assets(project: &Project, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = project.root.join(CONTENT_DIR);
    let mut assets = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let is_chapter = entry.depth() == 1
            && rel
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if hidden || is_chapter || entry.file_type().is_dir() {
            continue;
        }
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&project.root) && target.is_file());
            if !inside {
                diagnostics.push(
                    Diagnostic::warning(
                        Path::new(CONTENT_DIR).join(&rel),
                        Pos::FILE,
                        "this link points outside the workshop folder; it is not published",
                    )
                    .with_hint("copy the file into content/ instead of linking to it"),
                );
                continue;
            }
        }
        assets.push(rel);
    }
    assets
}

/// Read and render every chapter.
pub fn load(project: &Project, highlighter: &HighlightCache) -> (Workshop, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let files = discover_chapters(project, &mut diagnostics);
    let assets = discover_assets(project, &mut diagnostics);
    let slugs: HashMap<PathBuf, String> = files
        .iter()
        .map(|f| (f.path.clone(), f.slug.clone()))
        .collect();
    let file_cache = FileCache::default();
    let env = Env {
        root: &project.root,
        highlighter,
        files: &file_cache,
        chapters: &slugs,
        imported: project.config.import.is_some(),
    };
    let defaults = match chapter::Defaults::new(&project.config) {
        Ok(defaults) => defaults,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return (Workshop::new(Vec::new(), assets), diagnostics);
        }
    };
    let read = |file: &ChapterFile| {
        std::fs::read(project.root.join(&file.path)).map_err(|err| {
            Diagnostic::error(
                &file.path,
                Pos::FILE,
                format!("cannot read the chapter: {err}"),
            )
        })
    };
    let load_one = |file: &ChapterFile, bytes: &[u8], number: usize| {
        chapter::load(&env, &file.path, bytes, number, &file.slug, &defaults)
    };
    // Chapters are independent: load them on every core, each numbered by its place, which is
    // right as long as every chapter before it loads. The rare chapter after one that did not
    // is loaded again below with its real number.
    let loaded: Vec<Result<_, Diagnostic>> = files
        .par_iter()
        .enumerate()
        .map(|(index, file)| {
            let bytes = read(file)?;
            let (chapter, found) = load_one(file, &bytes, index + 1);
            Ok((bytes, chapter, found))
        })
        .collect();
    let mut chapters: Vec<Chapter> = Vec::with_capacity(files.len());
    for (index, (file, result)) in files.iter().zip(loaded).enumerate() {
        let (bytes, mut chapter, mut found) = match result {
            Ok(done) => done,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let number = chapters.len() + 1;
        if number != index + 1 {
            (chapter, found) = load_one(file, &bytes, number);
        }
        diagnostics.extend(found);
        chapters.extend(chapter);
    }
    if files.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(CONTENT_DIR, Pos::FILE, "the workshop has no chapters").with_hint(
                "add a file such as content/01-intro.md with `+++ title = \"…\" +++` front matter",
            ),
        );
    }
    (Workshop::new(chapters, assets), diagnostics)
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
