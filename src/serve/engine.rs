//! The dev server's builder: keeps the loaded workshop, its rendered chapters and the last good
//! site in memory, and on a change rebuilds only what the change touches, as Zola's serve
//! classifies changes:
//!
//! - a chapter's Markdown → that chapter, then the pages that list it (index, deck, handouts);
//! - a sample or image under `content/` → the file, its archives, and the chapters including it;
//! - a stylesheet in `static/` → just the file (pages swap it without reloading);
//! - anything else in `static/` → the file;
//! - `workshop.toml`, a template, or a chapter added or removed → everything.
//!
//! A rebuild that finds errors keeps the last good site and reports the errors.

use axum::body::Bytes;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::site::{Audience, MemorySink, Site};
use crate::config::CONFIG_FILE;
use crate::content::{self, CONTENT_DIR, Workshop, chapter};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::highlight::cache::HighlightCache;
use crate::markdown::{Env, FileCache};
use crate::project::Project;
use crate::render::{self, Base, Fragments, PageSpec, RenderOptions, SiteRenderer};
use crate::theme::{STATIC_DIR, TEMPLATES_DIR, Theme};
use crate::validate::SampleCache;

/// The URL of the dev server's client script, relative to every page (all pages are at the root).
pub const CLIENT_SCRIPT: &str = "__deckhand/client.js";

/// What open pages should do after a successful rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// Reload the page (it keeps its slide: the position is in the URL).
    Page,
    /// Only these stylesheets changed: swap them in place.
    Styles(Vec<String>),
    /// Nothing that the site is made of changed (an editor's temporary file came and went).
    Nothing,
}

/// The outcome of one rebuild.
#[derive(Debug)]
pub struct Outcome {
    /// `None` when the rebuild failed (the last good site stays).
    pub reload: Option<Reload>,
    /// Every current problem: errors when it failed, warnings otherwise.
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// What was rebuilt, for the terminal.
    pub scope: String,
}

/// The workshop as loaded, and its rendering.
struct State {
    project: Project,
    theme: Arc<Theme>,
    tera: Arc<tera::Tera>,
    workshop: Workshop,
    /// Problems found while loading, by file; a chapter's are replaced when it is reloaded.
    loading: Diagnostics,
}

pub struct Engine {
    dir: PathBuf,
    highlighter: HighlightCache,
    samples: SampleCache,
    state: Option<State>,
    /// Each chapter rendered for presenters (with notes) and followers (without).
    fragments: Vec<[Fragments; 2]>,
    /// The pages' context for presenters and followers (see [`Base`]).
    bases: Option<[Base; 2]>,
    site: Arc<Site>,
    /// Problems of the current sources (not of the last good site).
    diagnostics: Diagnostics,
}

/// Changed paths, relative to the workshop folder.
pub type Changes = BTreeSet<PathBuf>;

impl Engine {
    pub fn new(dir: &Path) -> Engine {
        Engine {
            dir: dir.to_path_buf(),
            highlighter: HighlightCache::load(&HighlightCache::path_for(dir)),
            samples: SampleCache::default(),
            state: None,
            fragments: Vec::new(),
            bases: None,
            site: Arc::new(Site::default()),
            diagnostics: Diagnostics::new(),
        }
    }

    /// The last good site.
    pub fn site(&self) -> Arc<Site> {
        self.site.clone()
    }

    /// Current problems (errors if the last rebuild failed).
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.state.as_ref().map(|s| &s.workshop)
    }

    pub fn title(&self) -> Option<&str> {
        self.state.as_ref().map(|s| s.project.config.title.as_str())
    }

    /// Save the highlighting cache, so the next `build` or `serve` starts warm.
    pub fn save_cache(&self) {
        let _ = self.highlighter.save(&HighlightCache::path_for(&self.dir));
    }

    /// Build everything.
    pub fn build_all(&mut self) -> Outcome {
        self.rebuild(&Changes::new(), |_| {})
    }

    /// Rebuild after `changes`; `ready` is called as soon as the new content is known to be good
    /// (before the pages are assembled), so the reload message goes out without waiting for them.
    pub fn rebuild(&mut self, changes: &Changes, ready: impl FnOnce(&Reload)) -> Outcome {
        let started = Instant::now();
        let plan = self.plan(changes);
        let scope = plan.describe();
        let result = match plan {
            Plan::Nothing => Ok(Some(Reload::Nothing)),
            Plan::Full => self.full(ready),
            Plan::Partial {
                chapters,
                assets,
                statics,
                styles_only,
            } => self.partial(&chapters, &assets, statics, styles_only, ready),
        };
        let reload = match result {
            Ok(reload) => reload,
            Err(diagnostics) => {
                self.diagnostics = diagnostics;
                None
            }
        };
        Outcome {
            reload,
            diagnostics: self.diagnostics.clone(),
            elapsed: started.elapsed(),
            scope,
        }
    }

    fn plan(&self, changes: &Changes) -> Plan {
        let Some(state) = &self.state else {
            return Plan::Full;
        };
        if changes.is_empty() || self.diagnostics.has_errors() && self.site.files.is_empty() {
            return Plan::Full;
        }
        let mut chapters = BTreeSet::new();
        let mut assets = BTreeSet::new();
        let mut statics = false;
        let mut styles_only = true;
        for path in changes {
            if path == Path::new(CONFIG_FILE) || path.starts_with(TEMPLATES_DIR) {
                return Plan::Full;
            }
            if path.starts_with(STATIC_DIR) {
                statics = true;
                styles_only &= path.extension().is_some_and(|e| e == "css");
                continue;
            }
            let Ok(rel) = path.strip_prefix(CONTENT_DIR) else {
                continue;
            };
            let top_level_md = rel.components().count() == 1
                && rel
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if top_level_md {
                let known = state.workshop.chapters.iter().any(|c| &c.source == path);
                // A chapter appeared or disappeared: numbers and order change everywhere.
                if known != self.dir.join(path).is_file() {
                    return Plan::Full;
                }
                chapters.insert(path.clone());
            } else {
                // A file that came and went before we looked (an editor's temporary file) and
                // that the site never had changes nothing.
                let url = rel.to_string_lossy().replace('\\', "/");
                if self.dir.join(path).exists() || self.site.files.contains_key(&url) {
                    assets.insert(path.clone());
                } else {
                    continue;
                }
            }
            styles_only = false;
        }
        if chapters.is_empty() && assets.is_empty() && !statics {
            return Plan::Nothing;
        }
        for chapter in &state.workshop.chapters {
            if chapter.includes.iter().any(|i| assets.contains(i)) {
                chapters.insert(chapter.source.clone());
            }
        }
        Plan::Partial {
            chapters,
            assets,
            statics,
            styles_only: statics && styles_only,
        }
    }

    /// Load and render everything from scratch.
    fn full(&mut self, ready: impl FnOnce(&Reload)) -> Result<Option<Reload>, Diagnostics> {
        self.state = None;
        let project = Project::open(&self.dir).map_err(Diagnostics::from_one)?;
        self.samples = SampleCache::load(&project);
        let (workshop, mut loading) = content::load(&project, &self.highlighter);
        let theme = Theme::load(&project.root, &mut loading);
        let theme = Arc::new(theme);
        let tera = match theme.tera() {
            Ok(tera) => Arc::new(tera),
            Err(found) => {
                loading.extend(found);
                return Err(loading);
            }
        };
        self.state = Some(State {
            project,
            theme,
            tera,
            workshop,
            loading,
        });
        let diagnostics = self.current_diagnostics();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let state = self.state.as_ref().expect("just set");
        let [presenter, follower] = renderers(state, &self.highlighter, None);
        self.bases = Some([presenter.base(), follower.base()]);
        let mut fragments = Vec::with_capacity(state.workshop.chapters.len());
        for chapter in &state.workshop.chapters {
            fragments.push([presenter.fragments(chapter)?, follower.fragments(chapter)?]);
        }
        ready(&Reload::Page);
        let mut site = Site::default();
        let mut sink = MemorySink::default();
        let follower_fragments: Vec<Fragments> = fragments.iter().map(|f| f[1].clone()).collect();
        follower.render_files(&mut sink, &follower_fragments)?;
        site.files = sink.files;
        let presenter_fragments: Vec<Fragments> = fragments.iter().map(|f| f[0].clone()).collect();
        site.lazy_pages(
            Audience::Presenter,
            presenter.assembler(presenter_fragments),
            pages(&state.workshop, None),
        );
        self.fragments = fragments;
        self.site = Arc::new(site);
        self.diagnostics = diagnostics;
        Ok(Some(Reload::Page))
    }

    fn partial(
        &mut self,
        chapters: &BTreeSet<PathBuf>,
        assets: &BTreeSet<PathBuf>,
        statics: bool,
        styles_only: bool,
        ready: impl FnOnce(&Reload),
    ) -> Result<Option<Reload>, Diagnostics> {
        let state = self
            .state
            .as_mut()
            .expect("partial rebuilds follow a full one");
        let mut site = (*self.site).clone();
        if statics {
            let mut found = Diagnostics::new();
            let theme = Theme::load(&state.project.root, &mut found);
            state.loading.retain(|d| !d.path.starts_with(STATIC_DIR));
            state.loading.extend(found);
            for (name, file) in &theme.statics {
                if state.theme.statics.get(name).map(|f| &f.bytes) != Some(&file.bytes)
                    || !site.files.contains_key(name)
                {
                    site.files
                        .insert(name.clone(), Bytes::from(file.bytes.to_vec()));
                }
            }
            Arc::make_mut(&mut state.theme).statics = theme.statics;
        }
        if !assets.is_empty() {
            let mut found = Diagnostics::new();
            state
                .workshop
                .set_assets(content::discover_assets(&state.project, &mut found));
            let content_root = state.project.root.join(CONTENT_DIR);
            for asset in assets {
                let Ok(rel) = asset.strip_prefix(CONTENT_DIR) else {
                    continue;
                };
                let url = rel.to_string_lossy().replace('\\', "/");
                // Only what discovery published (it refuses links that lead outside).
                let published = state.workshop.assets().iter().any(|a| a == rel);
                match std::fs::read(content_root.join(rel)) {
                    Ok(bytes) if published => {
                        site.files.insert(url, Bytes::from(bytes));
                    }
                    _ => {
                        site.files.remove(&url);
                    }
                }
            }
            if assets
                .iter()
                .any(|a| a.starts_with(Path::new(CONTENT_DIR).join(content::SAMPLES_DIR)))
            {
                for (path, bytes) in render::archives(&state.workshop, &content_root) {
                    if let Ok(bytes) = bytes {
                        site.files.insert(path, Bytes::from(bytes));
                    }
                }
            }
        }
        let mut dirty = Vec::new();
        let mut metadata_changed = false;
        if !chapters.is_empty() {
            let files = FileCache::default();
            let slugs = state
                .workshop
                .chapters
                .iter()
                .map(|c| (c.source.clone(), c.slug.clone()))
                .collect();
            let env = Env {
                root: &state.project.root,
                highlighter: &self.highlighter,
                files: &files,
                chapters: &slugs,
            };
            for path in chapters {
                let Some(index) = state
                    .workshop
                    .chapters
                    .iter()
                    .position(|c| &c.source == path)
                else {
                    continue;
                };
                let old = &state.workshop.chapters[index];
                let default_slug =
                    content::discover_chapters(&state.project, &mut Diagnostics::new())
                        .into_iter()
                        .find(|f| &f.path == path)
                        .map_or_else(|| old.slug.clone(), |f| f.slug);
                state.loading.retain(|d| &d.path != path);
                let bytes = match std::fs::read(state.project.root.join(path)) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        state.loading.push(Diagnostic::error(
                            path,
                            Pos::FILE,
                            format!("cannot read the chapter: {err}"),
                        ));
                        continue;
                    }
                };
                let (loaded, found) = chapter::load(
                    &env,
                    path,
                    &bytes,
                    index + 1,
                    &default_slug,
                    state.project.config.default_duration,
                );
                state.loading.extend(found);
                if let Some(new) = loaded {
                    metadata_changed |= (
                        &new.slug,
                        &new.title,
                        new.duration,
                        &new.summary,
                        &new.objectives,
                        new.slides.len(),
                        new.slides.first().map(|s| &s.id),
                        &new.includes,
                    ) != (
                        &old.slug,
                        &old.title,
                        old.duration,
                        &old.summary,
                        &old.objectives,
                        old.slides.len(),
                        old.slides.first().map(|s| &s.id),
                        &old.includes,
                    );
                    state.workshop.chapters[index] = new;
                    dirty.push(index);
                }
            }
        }
        let diagnostics = self.current_diagnostics();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let state = self.state.as_ref().expect("still there");
        if dirty.is_empty() && assets.is_empty() {
            // Only static files changed: no page depends on them.
            let reload = if styles_only {
                Reload::Styles(changed_styles(&self.site, &site))
            } else {
                Reload::Page
            };
            ready(&reload);
            self.site = Arc::new(site);
            self.diagnostics = diagnostics;
            return Ok(Some(reload));
        }
        // The pages' context lists every chapter; it is only computed again when what it shows
        // of them changed.
        let reuse = if metadata_changed || !assets.is_empty() {
            None
        } else {
            self.bases.as_ref()
        };
        let [presenter, follower] = renderers(state, &self.highlighter, reuse);
        if reuse.is_none() {
            self.bases = Some([presenter.base(), follower.base()]);
        }
        if metadata_changed {
            dirty = (0..state.workshop.chapters.len()).collect();
        }
        for &index in &dirty {
            let chapter = &state.workshop.chapters[index];
            self.fragments[index] = [presenter.fragments(chapter)?, follower.fragments(chapter)?];
        }
        ready(&Reload::Page);
        let handouts = if metadata_changed || !assets.is_empty() {
            None
        } else {
            Some(dirty.as_slice())
        };
        // Pages are put together when first asked for: the reload message is already out, and
        // a page nobody opens (the presenter's handout…) costs nothing.
        let [presenter_fragments, follower_fragments]: [Vec<Fragments>; 2] =
            [0, 1].map(|variant| self.fragments.iter().map(|f| f[variant].clone()).collect());
        let listed = pages(&state.workshop, handouts);
        site.lazy_pages(
            Audience::Follower,
            follower.assembler(follower_fragments),
            listed.clone(),
        );
        site.lazy_pages(
            Audience::Presenter,
            presenter.assembler(presenter_fragments),
            listed,
        );
        self.site = Arc::new(site);
        self.diagnostics = diagnostics;
        Ok(Some(Reload::Page))
    }

    /// Loading problems plus the checks across chapters and of the samples.
    fn current_diagnostics(&self) -> Diagnostics {
        let Some(state) = &self.state else {
            return self.diagnostics.clone();
        };
        let mut diagnostics = state.loading.clone();
        diagnostics.extend(crate::check::lint(&state.project, &state.workshop));
        diagnostics.extend(crate::validate::validate_samples(
            &state.project,
            &state.workshop,
            &self.samples,
        ));
        diagnostics
    }
}

enum Plan {
    Nothing,
    Full,
    Partial {
        chapters: BTreeSet<PathBuf>,
        assets: BTreeSet<PathBuf>,
        statics: bool,
        styles_only: bool,
    },
}

impl Plan {
    fn describe(&self) -> String {
        match self {
            Plan::Nothing => "nothing".into(),
            Plan::Full => "everything".into(),
            Plan::Partial {
                chapters,
                assets,
                statics,
                ..
            } => {
                let mut parts: Vec<String> =
                    chapters.iter().map(|c| c.display().to_string()).collect();
                if !assets.is_empty() {
                    parts.push(format!("{} content file(s)", assets.len()));
                }
                if *statics {
                    parts.push("static files".into());
                }
                parts.join(", ")
            }
        }
    }
}

/// Renderers for presenters (notes included, even private ones) and followers (no notes).
fn renderers<'a>(
    state: &'a State,
    highlighter: &'a HighlightCache,
    bases: Option<&[Base; 2]>,
) -> [SiteRenderer<'a>; 2] {
    let live_reload = Some(CLIENT_SCRIPT.to_string());
    let presenter = RenderOptions {
        force_notes: true,
        omit_notes: false,
        live_reload: live_reload.clone(),
    };
    let follower = RenderOptions {
        force_notes: false,
        omit_notes: true,
        live_reload,
    };
    let bases = match bases {
        Some(bases) => bases.clone(),
        None => [presenter, follower]
            .map(|options| Base::new(&state.project, &state.workshop, &options)),
    };
    bases.map(|base| {
        SiteRenderer::with_base(
            &state.project,
            &state.workshop,
            &state.theme,
            &state.tera,
            base,
        )
        .with_highlighter(highlighter)
    })
}

/// The pages to render, by path. With `handouts`, only those chapters' handouts (by index)
/// besides the pages that list every chapter.
fn pages(workshop: &Workshop, handouts: Option<&[usize]>) -> Vec<(String, PageSpec)> {
    let mut out: Vec<_> = render::PAGES
        .iter()
        .map(|(path, template, kind)| (path.to_string(), (*template, *kind, None)))
        .collect();
    for (index, chapter) in workshop.chapters.iter().enumerate() {
        if handouts.is_none_or(|only| only.contains(&index)) {
            out.push((
                render::chapter_handout_path(&chapter.slug),
                ("handout.html", "handout", Some(chapter.number)),
            ));
        }
    }
    out
}

/// The stylesheets whose bytes differ between two sites.
fn changed_styles(old: &Site, new: &Site) -> Vec<String> {
    let mut changed: Vec<String> = new
        .files
        .iter()
        .filter(|(path, bytes)| path.ends_with(".css") && old.files.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    changed.sort();
    changed
}
