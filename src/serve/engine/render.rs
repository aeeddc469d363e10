//! Rendering the loaded sources into a [`Site`], keeping what is still valid.
//!
//! Each cached result carries a key computed from everything it was made from, so that "still
//! valid" is a comparison of keys, not a guess about what a change touches:
//!
//! - a chapter's fragments: its load (a generation number), what the pages show of it (its
//!   [`chapter_info`](crate::render::views) as serialised), the workshop's totals, and the
//!   generations of the samples its handout lists in full;
//! - the pages' context (one per audience): the workshop's totals and every chapter's info;
//! - a content file's bytes, and an archive's: the generations of the files read.
//!
//! A content file's generation goes up whenever a change event names it (or a folder above it),
//! and for every file that is a link whenever anything under `content/` changes (the event names
//! the file the link leads to).

use axum::body::Bytes;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

use super::state::State;
use super::{Changes, Reload, render_options};
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::render::views::{chapter_info, workshop_view};
use crate::render::{
    Base, Fragments, Notes, PageSpec, SiteRenderer, Source, file_bytes, site_plan,
};
use crate::serve::site::{Audience, Site};

/// What the renderer keeps between rebuilds of one [`State`].
#[derive(Default)]
pub struct Caches {
    /// Each content file's generation (relative to `content/`; 0 if never changed).
    generations: HashMap<PathBuf, u64>,
    next_generation: u64,
    /// Content files that are links (their targets' events bump them).
    links: HashSet<PathBuf>,
    /// Each loaded chapter's key and fragments (presenter, follower), by chapter file.
    fragments: HashMap<PathBuf, (u64, [Fragments; 2])>,
    /// The pages' context for presenters and followers, and its key.
    bases: Option<(u64, [Base; 2])>,
    /// Every page's shell for presenters and followers, made with those contexts.
    shells: Option<[Shells; 2]>,
    /// Files of the site that are not pages: their key and bytes.
    files: HashMap<String, (u64, Bytes)>,
}

impl Caches {
    /// Note what `changes` made stale under `content/`.
    pub fn invalidate(&mut self, changes: &Changes, assets: &[PathBuf], root: &Path) {
        let changed: Vec<&Path> = changes
            .iter()
            .filter_map(|p| p.strip_prefix(CONTENT_DIR).ok())
            .collect();
        if changed.is_empty() {
            return;
        }
        // Which content files are links now (a link's target may be anywhere under content/).
        let content = root.join(CONTENT_DIR);
        self.links = assets
            .iter()
            .filter(|a| {
                std::fs::symlink_metadata(content.join(a)).is_ok_and(|m| m.file_type().is_symlink())
            })
            .cloned()
            .collect();
        let mut bump: Vec<PathBuf> = changed.iter().map(|p| p.to_path_buf()).collect();
        bump.extend(
            assets
                .iter()
                .filter(|a| changed.iter().any(|c| a.starts_with(c)))
                .cloned(),
        );
        bump.extend(self.links.iter().cloned());
        for path in bump {
            self.next_generation += 1;
            self.generations.insert(path, self.next_generation);
        }
    }

    fn generation(&self, path: &Path) -> u64 {
        self.generations.get(path).copied().unwrap_or(0)
    }
}

/// A key from serialised values.
fn key_of(values: &[&[u8]]) -> u64 {
    let mut hasher = Xxh3::new();
    for value in values {
        hasher.update(&(value.len() as u64).to_le_bytes());
        hasher.update(value);
    }
    hasher.digest()
}

fn encoded(value: &impl serde::Serialize) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

/// The shells of every page for one audience, by path.
type Shells = Vec<(String, Arc<str>)>;

impl State {
    /// Render the sources (known to be free of errors) into a new site, reusing what is still
    /// valid of `old`. Returns the site (`None`: the old one is still exact) and what open pages
    /// should do. Every page is rendered (its template, not yet the chapters' slides) whenever
    /// what the pages show changed, so that a template error fails the rebuild as it fails
    /// `build`, instead of surfacing when someone opens that page.
    pub fn render(
        &mut self,
        highlighter: &HighlightCache,
        old: &Arc<Site>,
        ready: impl FnOnce(&Reload),
    ) -> Result<(Option<Site>, Reload), Diagnostics> {
        let tera = self.tera.clone()?;
        let content_root = self.project.root.join(CONTENT_DIR);
        let workshop = &self.workshop;
        let caches = &mut self.caches;
        // What every chapter's rendering and the pages' context depend on.
        let totals = encoded(&workshop_view(
            &self.project.config,
            workshop,
            Notes::Include,
        ));
        let infos: Vec<Vec<u8>> = workshop
            .chapters
            .iter()
            .map(|chapter| encoded(&chapter_info(workshop, chapter, &content_root)))
            .collect();
        let base_key = key_of(
            &std::iter::once(totals.as_slice())
                .chain(infos.iter().map(Vec::as_slice))
                .collect::<Vec<_>>(),
        );
        let reused = caches
            .bases
            .as_ref()
            .filter(|(key, _)| *key == base_key)
            .map(|(_, bases)| bases.clone());
        let pages_changed = reused.is_none();
        let bases = reused.unwrap_or_else(|| {
            [Audience::Presenter, Audience::Follower]
                .map(|who| Base::new(&self.project, workshop, &render_options(who)))
        });
        let [presenter, follower] = bases.clone().map(|base| {
            SiteRenderer::with_base(&self.project, workshop, &self.theme, &tera, base)
                .with_highlighter(highlighter)
        });

        // Chapters whose key changed are rendered again, on every core.
        let loaded = self.entries.iter().filter(|e| e.loaded);
        let keys: Vec<u64> = workshop
            .chapters
            .iter()
            .zip(loaded)
            .zip(&infos)
            .map(|((chapter, entry), info)| {
                let samples: Vec<u8> = workshop
                    .chapter_samples(chapter)
                    .iter()
                    .flat_map(|sample| caches.generation(sample).to_le_bytes())
                    .collect();
                // A `{{#toc}}` shows every chapter's titles and slides: what `base_key` covers.
                let others = if chapter.toc {
                    base_key.to_le_bytes()
                } else {
                    [0; 8]
                };
                key_of(&[
                    &entry.generation.to_le_bytes(),
                    info,
                    &totals,
                    &samples,
                    &others,
                ])
            })
            .collect();
        let stale: Vec<usize> = (0..keys.len())
            .filter(|&i| {
                caches
                    .fragments
                    .get(&workshop.chapters[i].source)
                    .is_none_or(|(key, _)| *key != keys[i])
            })
            .collect();
        let fresh: Vec<Result<[Fragments; 2], Diagnostics>> = stale
            .par_iter()
            .map(|&i| {
                let chapter = &workshop.chapters[i];
                Ok([presenter.fragments(chapter)?, follower.fragments(chapter)?])
            })
            .collect();
        let mut problems = Diagnostics::new();
        let mut fresh_by_index = HashMap::with_capacity(stale.len());
        for (i, result) in stale.iter().zip(fresh) {
            match result {
                Ok(fragments) => {
                    fresh_by_index.insert(*i, fragments);
                }
                Err(found) => problems.extend(found),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let fragments: Vec<[Fragments; 2]> = (0..keys.len())
            .map(|i| match fresh_by_index.remove(&i) {
                Some(fragments) => fragments,
                None => caches.fragments[&workshop.chapters[i].source].1.clone(),
            })
            .collect();

        // Every file of the plan: pages (their shells), then the others' bytes.
        let (plan, clashes) = site_plan(workshop, &self.theme);
        problems.extend(clashes);
        let specs: Vec<(String, PageSpec)> = plan
            .iter()
            .filter_map(|(path, source)| match source {
                Source::Page(spec) => Some((path.clone(), *spec)),
                _ => None,
            })
            .collect();
        let shells: [Shells; 2] = match (&caches.shells, pages_changed) {
            (Some(shells), false) => shells.clone(),
            _ => [&presenter, &follower].map(|renderer| {
                let assembler = renderer.assembler(Vec::new());
                let rendered: Vec<Result<(String, Arc<str>), Diagnostics>> = specs
                    .par_iter()
                    .map(|(path, (template, kind, chapter))| {
                        let shell = assembler.shell(template, kind, *chapter)?;
                        Ok((path.clone(), Arc::from(shell)))
                    })
                    .collect();
                rendered
                    .into_iter()
                    .filter_map(|result| result.map_err(|found| problems.extend(found)).ok())
                    .collect()
            }),
        };
        let mut files = HashMap::with_capacity(plan.len());
        let mut kept = HashMap::with_capacity(caches.files.len());
        let mut changed_files = Vec::new();
        for (path, source) in &plan {
            let key = match source {
                Source::Page(_) => continue,
                Source::Asset(asset) => caches.generation(asset),
                Source::Archive { files } => key_of(&[
                    &encoded(files),
                    &files
                        .iter()
                        .flat_map(|f| caches.generation(f).to_le_bytes())
                        .collect::<Vec<u8>>(),
                ]),
                // The theme is read again on any change under static/: its bytes are at hand,
                // and minifying is done again only when they changed.
                Source::Static(name) => key_of(&[
                    name.as_bytes(),
                    self.theme
                        .statics
                        .get(name)
                        .map_or(&[][..], |f| &f.bytes[..]),
                ]),
                // Slide counts and ids may have changed; this is cheap to make again.
                Source::HighlightCss | Source::TocScript => u64::MAX,
            };
            let bytes = match caches.files.get(path) {
                Some((cached, bytes)) if *cached == key && key != u64::MAX => bytes.clone(),
                _ => match file_bytes(&self.project, workshop, &self.theme, source) {
                    Ok(bytes) => Bytes::from(bytes),
                    Err(found) => {
                        problems.extend(found);
                        continue;
                    }
                },
            };
            if old.files.get(path) != Some(&bytes) {
                changed_files.push(path.clone());
            }
            kept.insert(path.clone(), (key, bytes.clone()));
            files.insert(path.clone(), bytes);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        caches.fragments = workshop
            .chapters
            .iter()
            .zip(keys)
            .zip(&fragments)
            .map(|((chapter, key), fragments)| (chapter.source.clone(), (key, fragments.clone())))
            .collect();
        caches.bases = Some((base_key, bases));
        caches.shells = Some(shells.clone());
        caches.files = kept;

        let same_pages = !pages_changed
            && stale.is_empty()
            && old.page_paths() == specs.iter().map(|(p, _)| p.as_str()).collect();
        let removed = old.files.keys().any(|path| !files.contains_key(path));
        let reload = if same_pages && !removed && changed_files.is_empty() {
            Reload::Nothing
        } else if same_pages && !removed && changed_files.iter().all(|p| p.ends_with(".css")) {
            changed_files.sort();
            Reload::Styles(changed_files)
        } else {
            Reload::Page
        };
        if reload == Reload::Nothing {
            return Ok((None, reload));
        }
        // The reload message goes out now: pages are spliced together when first asked for.
        ready(&reload);
        let mut site = Site::default();
        site.files = files;
        if same_pages {
            site.keep_pages(old);
        } else {
            let [presenter_shells, follower_shells] = shells;
            let variant = |v: usize| fragments.iter().map(|f| f[v].clone()).collect::<Vec<_>>();
            site.add_pages(
                Audience::Presenter,
                presenter.assembler(variant(0)),
                presenter_shells,
            );
            site.add_pages(
                Audience::Follower,
                follower.assembler(variant(1)),
                follower_shells,
            );
        }
        Ok((Some(site), reload))
    }
}
