//! The sources as last read: the project, the theme, the chapter files and what each one loaded
//! to, the content files. [`State::reload`] reads again exactly what a change can have touched;
//! [`State::problems`] runs the checks `build` runs, on all of it.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Changes;
use crate::config::CONFIG_FILE;
use crate::content::publish::is_chapter_path;
use crate::content::{self, CONTENT_DIR, ChapterFile, Workshop, chapter};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::highlight::cache::HighlightCache;
use crate::markdown::{Env, FileCache};
use crate::project::Project;
use crate::theme::{STATIC_DIR, TEMPLATES_DIR, Theme};
use crate::validate::SampleCache;

/// Whether a change to `path` (relative to the workshop) makes everything stale: the settings,
/// or a template (every page, and chapters' fragments, use them).
pub fn changes_everything(path: &Path) -> bool {
    path == Path::new(CONFIG_FILE) || path.starts_with(TEMPLATES_DIR)
}

/// Whether `path` is `under` or below it, or holds it (a changed folder covers its files).
fn touches(changed: &Path, path: &Path) -> bool {
    path.starts_with(changed) || changed.starts_with(path)
}

/// A chapter file and what loading it gave.
pub(super) struct Entry {
    pub file: ChapterFile,
    /// Whether it loaded (its chapter is in the workshop).
    pub loaded: bool,
    /// Its problems.
    pub diagnostics: Diagnostics,
    /// Files it read besides itself (includes, found or not).
    pub inputs: BTreeSet<PathBuf>,
    /// Incremented each time it is loaded again: part of its rendering's key.
    pub generation: u64,
}

/// Problems found while listing the sources, by what was listed (a new listing replaces them).
#[derive(Default)]
pub(super) struct Found {
    pub chapters: Diagnostics,
    pub assets: Diagnostics,
    pub theme: Diagnostics,
}

pub struct State {
    pub project: Project,
    pub(super) theme: Arc<Theme>,
    pub(super) tera: Result<Arc<tera::Tera>, Diagnostics>,
    pub(super) found: Found,
    pub(super) entries: Vec<Entry>,
    pub workshop: Workshop,
    /// What the renderer keeps between rebuilds (see [`super::render`]).
    pub(super) caches: super::render::Caches,
    generations: u64,
}

impl State {
    /// Everything, from scratch: what `build` reads.
    pub fn load(dir: &Path, highlighter: &HighlightCache) -> Result<State, Diagnostics> {
        let project = Project::open(dir).map_err(Diagnostics::from_one)?;
        let mut theme_found = Diagnostics::new();
        let theme = Arc::new(Theme::load(&project, &mut theme_found));
        let tera = theme.tera().map(Arc::new);
        let mut state = State {
            project,
            theme,
            tera,
            found: Found {
                theme: theme_found,
                ..Found::default()
            },
            entries: Vec::new(),
            workshop: Workshop::new(Vec::new(), Vec::new()),
            caches: Default::default(),
            generations: 0,
        };
        let mut found = Diagnostics::new();
        let files = content::discover_chapters(&state.project, &mut found);
        state.found.chapters = found;
        state.list_assets();
        let loads =
            content::load_chapters(&state.project, &files, highlighter, content::Drafts::Keep);
        state.set_entries(files);
        for (entry, (chapter, diagnostics)) in state.entries.iter_mut().zip(loads) {
            state.generations += 1;
            entry.generation = state.generations;
            entry.diagnostics = diagnostics;
            if let Some(chapter) = chapter {
                entry.inputs = chapter.inputs.clone();
                entry.loaded = true;
                state.workshop.chapters.push(chapter);
            }
        }
        state.workshop.failed = state.failed();
        Ok(state)
    }

    /// Read again what `changes` touched; returns what was read, for the terminal.
    pub fn reload(&mut self, changes: &Changes, highlighter: &HighlightCache) -> String {
        let mut scope = Vec::new();
        let theme_files: BTreeSet<PathBuf> = self.theme_inputs().collect();
        if changes
            .iter()
            .any(|p| p.starts_with(STATIC_DIR) || theme_files.contains(p))
        {
            let mut found = Diagnostics::new();
            self.theme = Arc::new(Theme::load(&self.project, &mut found));
            self.found.theme = found;
            scope.push("static files".to_string());
        }
        let content: Vec<&PathBuf> = changes
            .iter()
            .filter(|p| p.starts_with(CONTENT_DIR))
            .collect();
        // The chapter list changes when a chapter file appears, goes, or is no longer a plain
        // file (a link, a pipe…): listing `content/` again says what it is now.
        let relist = content.iter().any(|path| {
            *path == Path::new(CONTENT_DIR)
                || is_chapter_path(path)
                    && (!self.is_chapter(path)
                        || !crate::files::Kind::at(&self.project.root.join(path))
                            .is_ok_and(|kind| kind == crate::files::Kind::File))
        });
        let mut everything = false;
        if relist {
            let mut found = Diagnostics::new();
            let files = content::discover_chapters(&self.project, &mut found);
            self.found.chapters = found;
            let listing = |files: &mut dyn Iterator<Item = &ChapterFile>| -> Vec<(PathBuf, String, Option<u64>)> {
                files.map(|f| (f.path.clone(), f.slug.clone(), f.prefix)).collect()
            };
            if listing(&mut files.iter()) != listing(&mut self.entries.iter().map(|e| &e.file)) {
                self.set_entries(files);
                everything = true;
            }
        }
        if content.iter().any(|path| !is_chapter_path(path)) {
            self.list_assets();
            self.caches
                .invalidate(changes, self.workshop.assets(), &self.project.root);
            let changed_assets = content.iter().filter(|path| !is_chapter_path(path)).count();
            scope.push(crate::diagnostics::counted(changed_assets, "content file"));
        }
        let dirty: Option<Vec<usize>> = if everything {
            None
        } else {
            let dirty: Vec<usize> = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| {
                    changes.iter().any(|changed| {
                        touches(changed, &entry.file.path)
                            || entry.inputs.iter().any(|input| touches(changed, input))
                    })
                })
                .map(|(index, _)| index)
                .collect();
            Some(dirty)
        };
        match &dirty {
            None => scope.push("every chapter".into()),
            Some(dirty) => scope.extend(
                dirty
                    .iter()
                    .map(|&i| self.entries[i].file.path.display().to_string()),
            ),
        }
        self.load_chapters(dirty, highlighter);
        if scope.is_empty() {
            "nothing".into()
        } else {
            scope.join(", ")
        }
    }

    /// Every problem of the sources: what `build` would report before rendering.
    pub fn problems(&self, samples: &SampleCache) -> Diagnostics {
        let mut problems = Diagnostics::new();
        problems.extend(self.found.chapters.clone());
        problems.extend(self.found.assets.clone());
        // As `content::load` says it: only when listing found nothing else wrong.
        if self.entries.is_empty() && !problems.has_errors() {
            problems.push(
                Diagnostic::error(CONTENT_DIR, Pos::new(1, 1), "the workshop has no chapters")
                    .with_hint(
                        "add a file such as content/01-intro.md with `+++ title = \"…\" +++` front matter",
                    ),
            );
        }
        for entry in &self.entries {
            problems.extend(entry.diagnostics.clone());
        }
        problems.extend(crate::check::lint(&self.project, &self.workshop));
        problems.extend(crate::validate::validate_samples(
            &self.project,
            &self.workshop,
            samples,
        ));
        problems.extend(self.found.theme.clone());
        if let Err(found) = &self.tera {
            problems.extend(found.clone());
        }
        problems
    }

    /// Included files, and `[theme]`'s stylesheets, logo and font files, outside `content/`,
    /// `templates/` and `static/`.
    pub fn outside_inputs(&self) -> BTreeSet<PathBuf> {
        self.entries
            .iter()
            .flat_map(|entry| entry.inputs.iter())
            .cloned()
            .chain(self.theme_inputs())
            .filter(|input| {
                ![CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR]
                    .iter()
                    .any(|dir| input.starts_with(dir))
            })
            .collect()
    }

    /// The files `[theme]` publishes from outside `static/`: a change to one reloads the theme.
    fn theme_inputs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.project
            .config
            .theme
            .extra_files()
            .map(|(_, entry)| PathBuf::from(entry.trim_start_matches("./")))
    }

    fn is_chapter(&self, path: &Path) -> bool {
        self.entries.iter().any(|entry| entry.file.path == path)
    }

    /// A fresh entry for each chapter file (none loaded yet).
    fn set_entries(&mut self, files: Vec<ChapterFile>) {
        self.entries = files
            .into_iter()
            .map(|file| Entry {
                file,
                loaded: false,
                diagnostics: Diagnostics::new(),
                inputs: BTreeSet::new(),
                generation: 0,
            })
            .collect();
        self.workshop.chapters.clear();
    }

    /// The chapter files that did not load.
    fn failed(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .filter(|e| !e.loaded)
            .map(|e| e.file.path.clone())
            .collect()
    }

    /// List the content files again.
    fn list_assets(&mut self) {
        let mut found = Diagnostics::new();
        let assets = content::discover_assets(&self.project, &mut found);
        self.found.assets = found;
        self.workshop.set_assets(assets);
    }

    /// Load the chapters at `dirty` (every chapter: `None`), then every chapter whose number
    /// changed because one before it stopped or started loading, as `content::load` numbers
    /// them: by their place among the chapters that load.
    fn load_chapters(&mut self, dirty: Option<Vec<usize>>, highlighter: &HighlightCache) {
        let mut todo: BTreeSet<usize> = match dirty {
            None => (0..self.entries.len()).collect(),
            Some(dirty) => dirty.into_iter().collect(),
        };
        let files = FileCache::with_limit(self.project.config.limits.sample_bytes());
        let slugs: HashMap<PathBuf, String> = self
            .entries
            .iter()
            .map(|e| (e.file.path.clone(), e.file.slug.clone()))
            .collect();
        while let Some(&index) = todo.iter().next() {
            todo.remove(&index);
            let number = 1 + self.entries[..index].iter().filter(|e| e.loaded).count();
            let was_loaded = self.entries[index].loaded;
            self.load_one(index, number, highlighter, &files, &slugs);
            if was_loaded != self.entries[index].loaded {
                // Every chapter after it moves by one.
                todo.extend(
                    (index + 1..self.entries.len()).filter(|&later| self.entries[later].loaded),
                );
            }
        }
        self.workshop.failed = self.failed();
    }

    fn load_one(
        &mut self,
        index: usize,
        number: usize,
        highlighter: &HighlightCache,
        files: &FileCache,
        slugs: &HashMap<PathBuf, String>,
    ) {
        let slot = self.entries[..index].iter().filter(|e| e.loaded).count();
        let entry = &self.entries[index];
        let path = entry.file.path.clone();
        let env = Env {
            root: &self.project.root,
            highlighter,
            files,
            chapters: slugs,
            imported: self.project.config.import.is_some(),
            code_lines: crate::markdown::code_lines(self.project.config.theme.aspect),
        };
        let limits = self.project.config.limits;
        let (loaded, diagnostics) = match content::read_chapter(&self.project, &path, &limits) {
            Ok(bytes) => chapter::load(
                &env,
                &path,
                &bytes,
                number,
                &entry.file.slug,
                // A workshop.toml whose chapter settings are wrong loads no chapter at all
                // (`content::load_chapters`), and every change to it loads them all again.
                &chapter::Defaults::new(&self.project.config).unwrap_or_default(),
            ),
            Err(problem) => (None, Diagnostics::from_one(problem)),
        };
        self.generations += 1;
        let entry = &mut self.entries[index];
        entry.generation = self.generations;
        entry.diagnostics = diagnostics;
        entry.inputs = loaded
            .as_ref()
            .map(|chapter| chapter.inputs.clone())
            .unwrap_or_default();
        let chapters = &mut self.workshop.chapters;
        match (entry.loaded, loaded) {
            (true, Some(chapter)) => chapters[slot] = chapter,
            (false, Some(chapter)) => chapters.insert(slot, chapter),
            (true, None) => {
                chapters.remove(slot);
            }
            (false, None) => {}
        }
        entry.loaded = self.workshop.chapters.len() > slot
            && self.workshop.chapters[slot].source == entry.file.path;
    }
}
