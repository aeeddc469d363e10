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

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod partial;
mod plan;

use super::site::{Audience, MemorySink, Site};
use crate::content::{self, Workshop};
use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::project::Project;
use crate::render::{self, Base, Fragments, PageSpec, RenderOptions, SiteRenderer};
use crate::theme::Theme;
use crate::validate::SampleCache;
use plan::Plan;

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
    /// Each chapter's slug by its file, for links between chapters (see `reload_chapters`).
    chapter_slugs: Option<HashMap<PathBuf, String>>,
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
            chapter_slugs: None,
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

    /// Load and render everything from scratch.
    fn full(&mut self, ready: impl FnOnce(&Reload)) -> Result<Option<Reload>, Diagnostics> {
        self.state = None;
        self.chapter_slugs = None;
        let project = Project::open(&self.dir).map_err(Diagnostics::from_one)?;
        self.samples = SampleCache::load(&project);
        let (workshop, mut loading) = content::load(&project, &self.highlighter);
        let theme = Theme::load(&project, &mut loading);
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

/// The pages to render, by path. With `chapters`, only those chapters' own pages (by index)
/// besides the pages of the whole workshop.
fn pages(workshop: &Workshop, chapters: Option<&[usize]>) -> Vec<(String, PageSpec)> {
    let mut out = render::whole_pages();
    for (index, chapter) in workshop.chapters.iter().enumerate() {
        if chapters.is_none_or(|only| only.contains(&index)) {
            out.extend(render::chapter_pages(chapter));
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
