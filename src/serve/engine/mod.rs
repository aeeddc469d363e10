//! The dev server's builder. The model: **what is served is what `deckhand build` makes from the
//! files on disk**, for two audiences (followers: no notes; presenters: every note), with the
//! live-reload script. A rebuild reads the sources again, checks them with the same checks as
//! `build`, renders them with the same renderer into the same [site plan](crate::render::plan),
//! and swaps the new site in whole (`Arc<Site>`): a request sees the old site or the new one,
//! never a mix. A rebuild that finds errors keeps the last good site and reports the errors.
//!
//! What makes a rebuild fast is memoisation, never a shortcut in what is computed: every stage
//! keeps its last result with what it was computed from, and recomputes it when that changed.
//!
//! - a chapter is loaded again when its file or a file it includes changed (or the chapter list,
//!   its number or the slugs changed) ([`state`]);
//! - the checks across chapters and of the samples run on every rebuild, as in `build`;
//! - a chapter is rendered again when its key changed: its load, what the pages show of it, the
//!   workshop's totals, or a sample its handout lists in full ([`render`]);
//! - the pages' shared context is computed again when what it shows of any chapter changed;
//! - content files and archives are read again when a path under them changed;
//! - `workshop.toml` or a template: everything from scratch.
//!
//! The property test `serve::model` checks the claim: after random sequences of edits, breaks,
//! fixes, renames, deletions, atomic saves and backup files, page by page against a fresh build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod render;
mod state;

use super::site::{Audience, Site};
use crate::content::Workshop;
use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::render::RenderOptions;
use crate::validate::SampleCache;
use state::State;

/// The URL of the dev server's client script, relative to every page (all pages are at the root).
pub const CLIENT_SCRIPT: &str = "__deckhand/client.js";

/// How the dev server renders for `who`: presenters see every note, even private ones;
/// followers none, even public ones. Both pages load the live-reload script.
pub fn render_options(who: Audience) -> RenderOptions {
    RenderOptions {
        force_notes: who == Audience::Presenter,
        omit_notes: who == Audience::Follower,
        live_reload: Some(CLIENT_SCRIPT.to_string()),
        ..Default::default()
    }
}

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

/// Changed paths, relative to the workshop folder.
pub type Changes = BTreeSet<PathBuf>;

pub struct Engine {
    dir: PathBuf,
    highlighter: HighlightCache,
    samples: SampleCache,
    /// The sources as last read; `None` until workshop.toml could be read.
    state: Option<State>,
    site: Arc<Site>,
    /// Problems of the current sources (not of the last good site).
    diagnostics: Diagnostics,
}

impl Engine {
    pub fn new(dir: &Path) -> Engine {
        Engine {
            dir: dir.to_path_buf(),
            highlighter: HighlightCache::load(&HighlightCache::path_for(dir)),
            samples: SampleCache::default(),
            state: None,
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

    /// The workshop as last loaded (its chapters may be newer than the last good site's).
    pub fn workshop(&self) -> Option<&Workshop> {
        self.state.as_ref().map(|s| &s.workshop)
    }

    pub fn title(&self) -> Option<&str> {
        self.state.as_ref().map(|s| s.project.config.title.as_str())
    }

    /// Files outside the watched folders that chapters include: the watcher watches them too.
    pub fn outside_inputs(&self) -> BTreeSet<PathBuf> {
        self.state
            .as_ref()
            .map(State::outside_inputs)
            .unwrap_or_default()
    }

    /// Save the highlighting cache, so the next `build` or `serve` starts warm.
    pub fn save_cache(&self) {
        let _ = self.highlighter.save(&HighlightCache::path_for(&self.dir));
    }

    /// Build everything.
    pub fn build_all(&mut self) -> Outcome {
        self.rebuild(&Changes::new(), |_| {})
    }

    /// Rebuild after `changes` (every changed path since the last rebuild; none: from scratch).
    /// `ready` is called as soon as the new content is known to be good and rendered (before
    /// the site is put together), so the reload message goes out without waiting for it.
    pub fn rebuild(&mut self, changes: &Changes, ready: impl FnOnce(&Reload)) -> Outcome {
        let started = Instant::now();
        let from_scratch = self.state.is_none()
            || changes.is_empty()
            || changes.iter().any(|path| state::changes_everything(path));
        let mut unopened = None;
        let scope = if from_scratch {
            match State::load(&self.dir, &self.highlighter) {
                Ok(state) => {
                    self.samples = SampleCache::load(&state.project);
                    self.state = Some(state);
                }
                Err(problems) => {
                    self.state = None;
                    unopened = Some(problems);
                }
            }
            "everything".to_string()
        } else {
            let state = self.state.as_mut().expect("checked above");
            state.reload(changes, &self.highlighter)
        };
        let result = match (&mut self.state, unopened) {
            (_, Some(problems)) => Err(problems),
            (None, None) => Err(Diagnostics::new()),
            (Some(state), None) => {
                let problems = state.problems(&self.samples);
                if problems.has_errors() {
                    Err(problems)
                } else {
                    state
                        .render(&self.highlighter, &self.site, ready)
                        .map(|(site, reload)| {
                            if let Some(site) = site {
                                self.site = Arc::new(site);
                            }
                            (reload, problems)
                        })
                }
            }
        };
        let reload = match result {
            Ok((reload, problems)) => {
                self.diagnostics = problems;
                Some(reload)
            }
            Err(problems) => {
                self.diagnostics = problems;
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
}
