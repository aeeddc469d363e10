//! Rebuilding after a change that does not touch everything: reload the static files, the
//! content files or the chapters that changed, then render only those chapters again.

use axum::body::Bytes;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Engine, Reload, changed_styles, pages, renderers};
use crate::content::{self, CONTENT_DIR, chapter};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::markdown::{Env, FileCache};
use crate::render::{self, Fragments};
use crate::serve::site::{Audience, Site};
use crate::theme::{STATIC_DIR, Theme};

impl Engine {
    pub(super) fn partial(
        &mut self,
        chapters: &BTreeSet<PathBuf>,
        assets: &BTreeSet<PathBuf>,
        statics: bool,
        styles_only: bool,
        ready: impl FnOnce(&Reload),
    ) -> Result<Option<Reload>, Diagnostics> {
        // The site (a map of shared files) is copied before the reload message only when static
        // or content files change; for a chapter edit, after it.
        let mut early_site = (statics || !assets.is_empty()).then(|| (*self.site).clone());
        if let Some(site) = early_site.as_mut() {
            if statics {
                self.update_statics(site);
            }
            if !assets.is_empty() {
                self.update_assets(assets, site);
            }
        }
        let (mut dirty, metadata_changed) = self.reload_chapters(chapters);
        let diagnostics = self.current_diagnostics();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let state = self
            .state
            .as_ref()
            .expect("partial rebuilds follow a full one");
        if dirty.is_empty() && assets.is_empty() {
            // Only static files changed: no page depends on them.
            let site = early_site.unwrap_or_else(|| (*self.site).clone());
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
        let everything = metadata_changed || !assets.is_empty();
        let reuse = if everything {
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
        let mut site = early_site.unwrap_or_else(|| (*self.site).clone());
        // Slide counts and ids may have changed: the runtime's table of contents follows.
        site.files.insert(
            render::TOC_SCRIPT.to_string(),
            render::toc_script(&state.workshop).into(),
        );
        // Pages are put together when first asked for: the reload message is already out, and
        // a page nobody opens (the presenter's handout…) costs nothing.
        let [presenter_fragments, follower_fragments]: [Vec<Fragments>; 2] =
            [0, 1].map(|variant| self.fragments.iter().map(|f| f[variant].clone()).collect());
        let listed = pages(
            &state.workshop,
            if everything {
                None
            } else {
                Some(dirty.as_slice())
            },
        );
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

    /// Read `static/` again and put the files whose bytes changed into `site`.
    fn update_statics(&mut self, site: &mut Site) {
        let state = self
            .state
            .as_mut()
            .expect("partial rebuilds follow a full one");
        let mut found = Diagnostics::new();
        let theme = Theme::load(&state.project, &mut found);
        state.loading.retain(|d| !d.path.starts_with(STATIC_DIR));
        state.loading.extend(found);
        for (name, file) in &theme.statics {
            if state.theme.statics.get(name).map(|f| &f.bytes) != Some(&file.bytes)
                || !site.files.contains_key(name)
            {
                let published = render::static_file(name, &file.bytes).into_owned();
                site.files.insert(name.clone(), Bytes::from(published));
            }
        }
        Arc::make_mut(&mut state.theme).statics = theme.statics;
    }

    /// Find the content files again, copy the changed ones into `site`, and make the archives
    /// again when a sample changed.
    fn update_assets(&mut self, assets: &BTreeSet<PathBuf>, site: &mut Site) {
        let state = self
            .state
            .as_mut()
            .expect("partial rebuilds follow a full one");
        let mut found = Diagnostics::new();
        state
            .workshop
            .set_assets(content::discover_assets(&state.project, &mut found));
        // Discovery's warnings are about content files, never about chapters: replace them.
        let chapters: BTreeSet<&Path> = state
            .workshop
            .chapters
            .iter()
            .map(|c| c.source.as_path())
            .collect();
        state
            .loading
            .retain(|d| !d.path.starts_with(CONTENT_DIR) || chapters.contains(d.path.as_path()));
        state.loading.extend(found);
        let content_root = state.project.root.join(CONTENT_DIR);
        for asset in assets {
            let Ok(rel) = asset.strip_prefix(CONTENT_DIR) else {
                continue;
            };
            let url = rel.to_string_lossy().replace('\\', "/");
            // Only what discovery published (it refuses links that lead outside).
            let published = state.workshop.assets().iter().any(|a| a == rel);
            let limit = content::discover::limit_for(&state.project.config.limits, asset).0;
            match crate::files::read(&content_root.join(rel), limit) {
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
            for (path, bytes) in render::archives(
                &state.workshop,
                &content_root,
                state.project.config.limits.sample_bytes(),
            ) {
                if let Ok(bytes) = bytes {
                    site.files.insert(path, Bytes::from(bytes));
                }
            }
        }
    }

    /// Load the changed chapters again. Returns their indexes, and whether anything other pages
    /// show of them (title, duration, slide count, samples…) changed.
    fn reload_chapters(&mut self, chapters: &BTreeSet<PathBuf>) -> (Vec<usize>, bool) {
        let mut dirty = Vec::new();
        let mut metadata_changed = false;
        if chapters.is_empty() {
            return (dirty, metadata_changed);
        }
        let state = self
            .state
            .as_mut()
            .expect("partial rebuilds follow a full one");
        let files = FileCache::default();
        // Kept between edits: only a change in what other pages show of a chapter (its slug
        // among it) or a full rebuild makes it stale.
        let slugs = self.chapter_slugs.get_or_insert_with(|| {
            state
                .workshop
                .chapters
                .iter()
                .map(|c| (c.source.clone(), c.slug.clone()))
                .collect()
        });
        let env = Env {
            root: &state.project.root,
            highlighter: &self.highlighter,
            files: &files,
            chapters: slugs,
            imported: state.project.config.import.is_some(),
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
            // From the file's name, as the full build does; listing the folder (a stat per
            // chapter) only for a name that gives none.
            let default_slug = content::name_slug(path).unwrap_or_else(|| {
                content::discover_chapters(&state.project, &mut Diagnostics::new())
                    .into_iter()
                    .find(|f| &f.path == path)
                    .map_or_else(|| old.slug.clone(), |f| f.slug)
            });
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
                // workshop.toml was checked by the full build this one follows.
                &chapter::Defaults::new(&state.project.config).unwrap_or_default(),
            );
            state.loading.extend(found);
            if let Some(new) = loaded {
                metadata_changed |= summary(&new) != summary(old);
                state.workshop.chapters[index] = new;
                dirty.push(index);
            }
        }
        if metadata_changed {
            self.chapter_slugs = None;
        }
        (dirty, metadata_changed)
    }
}

/// What pages other than a chapter's own show of it.
fn summary(chapter: &crate::content::Chapter) -> impl PartialEq + '_ {
    (
        &chapter.slug,
        &chapter.title,
        chapter.duration,
        &chapter.summary,
        &chapter.objectives,
        chapter.slides.len(),
        chapter.slides.first().map(|s| &s.id),
        &chapter.includes,
    )
}
