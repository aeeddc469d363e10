//! The build as a list of steps, each timed: open the project, load the content, lint it,
//! validate the samples, load the theme, render, write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::highlight::cache::HighlightCache;
use crate::output::Staging;
use crate::project::Project;
use crate::render::{RenderOptions, SiteRenderer};
use crate::theme::Theme;
use crate::validate::SampleCache;

/// A workshop read from disk and checked, ready to render.
pub struct Loaded {
    pub project: Project,
    pub workshop: Workshop,
    pub theme: Arc<Theme>,
    /// Sample checks, to save for the next build.
    pub samples: SampleCache,
    /// Warnings (and errors, if any) found while loading.
    pub diagnostics: Diagnostics,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Loaded {
    /// A renderer of this workshop's pages that highlights code through `highlighter`.
    pub fn renderer<'a>(
        &'a self,
        tera: &'a Arc<tera::Tera>,
        options: &RenderOptions,
        highlighter: &'a HighlightCache,
    ) -> SiteRenderer<'a> {
        SiteRenderer::new(&self.project, &self.workshop, &self.theme, tera, options)
            .with_highlighter(highlighter)
    }
}

/// Read, render-to-memory and check everything; `Err` holds the problems when the workshop
/// cannot even be opened.
pub fn load(dir: &Path, highlighter: &HighlightCache) -> Result<Loaded, Diagnostics> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let project = Project::open(dir).map_err(Diagnostics::from_one)?;
    lap("open", &mut timings);
    let (workshop, mut diagnostics) = content::load(&project, highlighter);
    lap("content", &mut timings);
    diagnostics.extend(crate::check::lint(&project, &workshop));
    lap("lint", &mut timings);
    let samples = SampleCache::load(&project);
    diagnostics.extend(crate::validate::validate_samples(
        &project, &workshop, &samples,
    ));
    lap("samples", &mut timings);
    let theme = Arc::new(Theme::load(&project.root, &mut diagnostics));
    lap("theme", &mut timings);
    Ok(Loaded {
        project,
        workshop,
        theme,
        samples,
        diagnostics,
        timings,
    })
}

/// What `deckhand check` reports: every problem `build` would meet, including template errors,
/// without writing anything.
pub fn check(dir: &Path) -> Diagnostics {
    check_with_notes(dir).0
}

/// [`check`], and what the sample checks noted (for `check --verbose`). Like `build`, it keeps
/// the highlighting and sample-check caches in `.deckhand/`, so that a second `check` of an
/// unchanged workshop is as fast as a warm build.
pub fn check_with_notes(dir: &Path) -> (Diagnostics, Vec<crate::validate::Note>) {
    let cache_path = HighlightCache::path_for(dir);
    let highlighter = HighlightCache::load(&cache_path);
    let mut loaded = match load(dir, &highlighter) {
        Ok(loaded) => loaded,
        Err(diagnostics) => return (diagnostics, Vec::new()),
    };
    // A cache that cannot be written only makes the next run slower.
    let _ = highlighter.save(&cache_path);
    let _ = loaded.samples.save(&loaded.project.root);
    let notes = loaded.samples.notes();
    let tera = match loaded.theme.tera() {
        Ok(tera) => Arc::new(tera),
        Err(found) => {
            loaded.diagnostics.extend(found);
            return (loaded.diagnostics, notes);
        }
    };
    // Rendering every page in memory catches template errors, e.g. a variable a custom template
    // uses that does not exist, including the branches only a chapter's handout takes.
    let options = RenderOptions::default();
    let renderer = loaded.renderer(&tera, &options, &highlighter);
    let mut found_in_pages = Diagnostics::new();
    match renderer.all_fragments() {
        Ok(fragments) => {
            let chapters = loaded
                .workshop
                .chapters
                .iter()
                .map(|c| ("handout.html", "handout", Some(c.number)));
            let pages = crate::render::PAGES
                .iter()
                .map(|(_, template, kind)| (*template, *kind, None));
            for (template, kind, chapter) in pages.chain(chapters) {
                if let Err(found) = renderer.page(template, kind, chapter, &fragments) {
                    found_in_pages.extend(found);
                }
            }
        }
        Err(found) => found_in_pages.extend(found),
    }
    loaded.diagnostics.extend(found_in_pages);
    (loaded.diagnostics, notes)
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Where to write; default: workshop.toml's `output` inside the workshop folder.
    pub out: Option<PathBuf>,
    /// Overrides workshop.toml's `base_url`.
    pub base_url: Option<String>,
    pub render: RenderOptions,
}

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    pub out: PathBuf,
    pub chapters: usize,
    pub slides: usize,
    pub samples: usize,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Build the workshop in `dir`. On any error nothing is written and the previous output stays.
pub fn build(dir: &Path, options: &BuildOptions) -> Result<Report, Diagnostics> {
    let started = Instant::now();
    let cache_path = HighlightCache::path_for(dir);
    let highlighter = HighlightCache::load(&cache_path);
    let mut loaded = load(dir, &highlighter)?;
    if let Some(base_url) = &options.base_url {
        loaded.project.config.base_url = Some(base_url.clone());
    }
    if loaded.diagnostics.has_errors() {
        return Err(loaded.diagnostics);
    }
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| loaded.project.default_output());
    check_output_location(&loaded.project, &out)?;
    let mut clock = Instant::now();
    let tera = Arc::new(loaded.theme.tera()?);
    // First every chapter's fragments; then the slides' HTML and the highlighting cache are no
    // longer needed, and go before the pages are put together (the peak of a large build).
    let (fragments, base) = {
        let renderer = loaded.renderer(&tera, &options.render, &highlighter);
        (renderer.all_fragments()?, renderer.base())
    };
    let _ = highlighter.save(&cache_path);
    drop(highlighter);
    let slides = loaded.workshop.slide_count();
    loaded.workshop.release_slide_html();
    let renderer = SiteRenderer::with_base(
        &loaded.project,
        &loaded.workshop,
        &loaded.theme,
        &tera,
        base,
    );
    let spare = HighlightCache::path_for(dir).with_file_name("output-spare");
    let mut staging = Staging::new(&out, Some(&spare))
        .map_err(|err| Diagnostics::from_one(output_error(&out, err)))?;
    renderer.render_files(&mut staging, &fragments)?;
    drop(fragments);
    loaded.timings.push(("render", clock.elapsed()));
    clock = Instant::now();
    staging
        .commit()
        .map_err(|err| Diagnostics::from_one(output_error(&out, err)))?;
    loaded.timings.push(("write", clock.elapsed()));
    // A cache that cannot be written only makes the next build slower.
    let _ = loaded.samples.save(&loaded.project.root);
    Ok(Report {
        out,
        chapters: loaded.workshop.chapters.len(),
        slides,
        samples: loaded.workshop.samples().count(),
        warnings: loaded.diagnostics,
        elapsed: started.elapsed(),
        timings: loaded.timings,
    })
}

fn output_error(out: &Path, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(out, Pos::FILE, err.to_string())
        .with_hint("check the output folder's permissions, or pass another --out")
}

/// The output must not be, contain, or sit inside the workshop's sources.
fn check_output_location(project: &Project, out: &Path) -> Result<(), Diagnostics> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(out)
    };
    // Resolve what exists of the path, so `..` and links are judged by where they lead.
    let resolved = resolve_existing(&absolute);
    let sources = ["content", "templates", "static"].map(|d| project.root.join(d));
    let clash = project.root.starts_with(&resolved)
        || sources.iter().any(|s| resolved.starts_with(s))
        || resolved == project.root.join("workshop.toml");
    if clash {
        return Err(Diagnostics::from_one(
            Diagnostic::error(
                out,
                Pos::FILE,
                "the output folder would overwrite the workshop's sources",
            )
            .with_hint("write the site to a folder of its own, e.g. --out public"),
        ));
    }
    Ok(())
}

fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}
