//! The workshop's content: chapters (Markdown files at the top of `content/`, ordered by their
//! number prefix) and assets (every other file under `content/`, samples included).

mod background;
pub mod chapter;
pub mod discover;
pub mod front_matter;
mod layout;
pub mod publish;
mod slides;

use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use chapter::{Chapter, Slide};
pub use discover::{ChapterFile, discover_assets, discover_chapters, name_slug};
pub use layout::needs_layout_css;

use crate::config::Limits;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::files::ReadError;
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
    /// Chapter files that could not be loaded (their errors say why).
    #[serde(skip)]
    pub failed: Vec<PathBuf>,
    /// `draft = true` chapter files that `build` left out (the dev server keeps them).
    #[serde(skip)]
    pub drafts: Vec<PathBuf>,
    /// Files under `content/` other than chapters, relative to `content/`, sorted.
    assets: Vec<PathBuf>,
    /// Their sizes in bytes, as discovery found them.
    #[serde(skip)]
    sizes: HashMap<PathBuf, u64>,
    /// The assets under `samples/<folder>/`, by folder name, built when first needed: pages ask
    /// for each chapter's samples many times.
    #[serde(skip)]
    sample_folders: std::sync::OnceLock<std::collections::HashMap<String, Vec<PathBuf>>>,
}

impl Workshop {
    /// `assets`: the files under `content/` other than chapters, with their sizes.
    pub fn new(chapters: Vec<Chapter>, assets: Vec<(PathBuf, u64)>) -> Workshop {
        let mut workshop = Workshop {
            chapters,
            failed: Vec::new(),
            drafts: Vec::new(),
            assets: Vec::new(),
            sizes: HashMap::new(),
            sample_folders: Default::default(),
        };
        workshop.set_assets(assets);
        workshop
    }

    /// Files under `content/` other than chapters, relative to `content/`, sorted.
    pub fn assets(&self) -> &[PathBuf] {
        &self.assets
    }

    /// The size of an asset (relative to `content/`), as discovery found it.
    pub fn asset_size(&self, asset: &Path) -> Option<u64> {
        self.sizes.get(asset).copied()
    }

    pub fn set_assets(&mut self, assets: Vec<(PathBuf, u64)>) {
        self.sizes = assets.iter().cloned().collect();
        self.assets = assets.into_iter().map(|(path, _)| path).collect();
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

/// Read and render every chapter.
pub fn load(project: &Project, highlighter: &HighlightCache) -> (Workshop, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let files = discover_chapters(project, &mut diagnostics);
    let assets = discover_assets(project, &mut diagnostics);
    let mut chapters = Vec::with_capacity(files.len());
    let mut failed = Vec::new();
    let mut drafts = Vec::new();
    for (file, (chapter, found)) in
        files
            .iter()
            .zip(load_chapters(project, &files, highlighter, Drafts::Leave))
    {
        match chapter {
            Some(chapter) if chapter.draft => drafts.push(chapter),
            Some(chapter) => chapters.push(chapter),
            // A chapter that did not load always says why.
            None if found.has_errors() => failed.push(file.path.clone()),
            None => {}
        }
        diagnostics.extend(found);
    }
    if files.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::error(CONTENT_DIR, Pos::new(1, 1), "the workshop has no chapters").with_hint(
                "add a file such as content/01-intro.md with `+++ title = \"…\" +++` front matter",
            ),
        );
    }
    let assets = without_draft_samples(assets, &drafts, &chapters);
    let mut workshop = Workshop::new(chapters, assets);
    workshop.failed = failed;
    workshop.drafts = drafts.iter().map(|d| d.source.clone()).collect();
    (workshop, diagnostics)
}

/// What loading does with `draft = true` chapters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// Keep them, numbered like the others (the dev server, which badges them).
    Keep,
    /// Number the chapters as if they were not there, and return each draft (still loaded, so
    /// that its own samples can be left out too) with a warning naming it (build, check, pdf).
    Leave,
}

/// The samples under `samples/<slug>/` of draft chapters leave with them, unless a published
/// chapter includes them; anything else they include stays (another chapter may link to it).
fn without_draft_samples(
    assets: Vec<(PathBuf, u64)>,
    drafts: &[Chapter],
    published: &[Chapter],
) -> Vec<(PathBuf, u64)> {
    if drafts.is_empty() {
        return assets;
    }
    let folders: Vec<PathBuf> = drafts
        .iter()
        .map(|d| Path::new(SAMPLES_DIR).join(&d.slug))
        .collect();
    let used = |asset: &Path| {
        let full = Path::new(CONTENT_DIR).join(asset);
        published.iter().any(|c| c.includes.contains(&full))
    };
    assets
        .into_iter()
        .filter(|(asset, _)| !folders.iter().any(|f| asset.starts_with(f)) || used(asset))
        .collect()
}

/// Each chapter file's chapter (numbered by its place among the chapters that load, drafts
/// left out unless `drafts` keeps them) and its problems, in order.
pub fn load_chapters(
    project: &Project,
    files: &[ChapterFile],
    highlighter: &HighlightCache,
    drafts: Drafts,
) -> Vec<(Option<Chapter>, Diagnostics)> {
    let slugs = discover::slugs(files);
    let file_cache = FileCache::with_limit(project.config.limits.sample_bytes());
    let env = Env {
        root: &project.root,
        highlighter,
        files: &file_cache,
        chapters: &slugs,
        imported: project.config.import.is_some(),
        code_lines: crate::markdown::code_lines(project.config.theme.aspect),
    };
    let defaults = match chapter::Defaults::new(&project.config) {
        Ok(defaults) => defaults,
        // workshop.toml's chapter settings (e.g. a separator) are wrong: no chapter loads, and
        // the problem is said once.
        Err(diagnostic) => {
            let mut problem = Some(diagnostic);
            return files
                .iter()
                .map(|_| {
                    (
                        None,
                        problem
                            .take()
                            .map(Diagnostics::from_one)
                            .unwrap_or_default(),
                    )
                })
                .collect();
        }
    };
    let limits = project.config.limits;
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
            let bytes = read_chapter(project, &file.path, &limits)?;
            let (chapter, found) = load_one(file, &bytes, index + 1);
            Ok((bytes, chapter, found))
        })
        .collect();
    let mut out = Vec::with_capacity(files.len());
    let mut number = 0;
    for (index, (file, result)) in files.iter().zip(loaded).enumerate() {
        let (bytes, mut chapter, mut found) = match result {
            Ok(done) => done,
            Err(diagnostic) => {
                out.push((None, Diagnostics::from_one(diagnostic)));
                continue;
            }
        };
        if let Some(draft) = chapter
            .as_ref()
            .filter(|c| c.draft && drafts == Drafts::Leave)
        {
            found.push(draft_warning(draft));
            out.push((chapter, found));
            continue;
        }
        if chapter.is_some() {
            number += 1;
            if number != index + 1 {
                (chapter, found) = load_one(file, &bytes, number);
            }
        }
        out.push((chapter, found));
    }
    out
}

/// The warning that says a draft chapter was left out.
fn draft_warning(draft: &Chapter) -> Diagnostic {
    Diagnostic::warning(
        &draft.source,
        draft.draft_pos,
        format!(
            "chapter “{}” is a draft: left out of the build (its pages, the agenda, its samples, the PDFs)",
            draft.title
        ),
    )
    .with_hint("`deckhand serve` shows it with a draft badge; remove `draft = true` to publish it")
}

/// A chapter file's bytes: a regular file (or a link to one), within `[limits] chapter_mb`.
pub fn read_chapter(
    project: &Project,
    path: &Path,
    limits: &Limits,
) -> Result<Vec<u8>, Diagnostic> {
    match crate::files::read(&project.root.join(path), limits.chapter_bytes()) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::TooLarge { size, limit }) => Err(Diagnostic::error(
            path,
            Pos::new(1, 1),
            format!(
                "the chapter is {}; chapters are limited to {}",
                crate::files::size_text(size),
                crate::files::size_text(limit)
            ),
        )
        .with_hint(format!(
            "split it into several chapters or move long listings into samples; or raise the limit: add `chapter_mb = {}` under `[limits]` in workshop.toml",
            size.div_ceil(1024 * 1024)
        ))),
        Err(ReadError::NotRegular(kind)) => Err(discover::special_file(path, kind)),
        Err(ReadError::Io(err)) => Err(Diagnostic::error(
            path,
            Pos::new(1, 1),
            format!("cannot read the chapter: {err}"),
        )
        .with_hint("check that the file exists and that you may read it")),
    }
}
