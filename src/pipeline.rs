//! The build as a list of steps, each timed: open the project, load the content, lint it,
//! validate the samples, load the theme, render, write.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, Workshop};
use crate::diagnostics::Diagnostics;
use crate::highlight::cache::HighlightCache;
use crate::output::Staging;
use crate::output::leaks::NoteProbes;
use crate::output::location::Output;
use crate::project::Project;
use crate::render::{MemorySink, RenderOptions, Sink, SiteRenderer};
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
    /// The number of slides (kept when [`render`] releases the slides).
    pub slides: usize,
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
    let theme = Arc::new(Theme::load(&project, &mut diagnostics));
    lap("theme", &mut timings);
    Ok(Loaded {
        project,
        slides: workshop.slide_count(),
        workshop,
        theme,
        samples,
        diagnostics,
        timings,
    })
}

/// Render every file of the site into `sink`: the rendering `build`, `check` and the dev server
/// share. `highlighter` is handed to `done_highlighting` as soon as the chapters are rendered (a
/// large build then frees it, and the slides' HTML, before the pages are put together: that is
/// its peak). Returns what the last check of private notes looks for, when notes are private.
pub fn render(
    loaded: &mut Loaded,
    options: &RenderOptions,
    highlighter: HighlightCache,
    done_highlighting: impl FnOnce(HighlightCache),
    sink: &mut dyn Sink,
) -> Result<Option<NoteProbes>, Diagnostics> {
    let tera = Arc::new(loaded.theme.tera()?);
    let (fragments, base) = {
        let renderer = loaded.renderer(&tera, options, &highlighter);
        (renderer.all_fragments()?, renderer.base())
    };
    done_highlighting(highlighter);
    // What the last check looks for, while the notes are still at hand.
    let probes = (options.notes(&loaded.project) == crate::render::Notes::Omit
        && loaded.project.config.notes.private)
        .then(|| NoteProbes::new(&loaded.project, &loaded.workshop));
    loaded.slides = loaded.workshop.slide_count();
    loaded.workshop.release_slide_html();
    let renderer = SiteRenderer::with_base(
        &loaded.project,
        &loaded.workshop,
        &loaded.theme,
        &tera,
        base,
    );
    renderer.render_files(sink, &fragments)?;
    Ok(probes)
}

/// What `deckhand check` reports: every problem `build` would meet, writing nothing but caches.
/// It renders the whole site in memory, as `build` does on disk: that catches template errors
/// (e.g. a variable a custom template uses that does not exist, in branches only a chapter's
/// handout takes), files that cannot be read, and notes that would be published.
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
    let _ = loaded.samples.save(&loaded.project.root);
    let notes = loaded.samples.notes();
    // Where `build` would write, and whether it may.
    let output = Output::of(&loaded.project, None);
    loaded.diagnostics.extend(output.check(&loaded.project));
    let mut site = MemorySink::default();
    // A cache that cannot be written only makes the next run slower.
    let save = |highlighter: HighlightCache| {
        let _ = highlighter.save(&cache_path);
    };
    match render(
        &mut loaded,
        &RenderOptions::default(),
        highlighter,
        save,
        &mut site,
    ) {
        Ok(Some(probes)) => loaded.diagnostics.extend(
            probes.scan(
                site.files
                    .iter()
                    .map(|(path, bytes)| (path.clone(), Cow::Borrowed(&bytes[..]))),
            ),
        ),
        Ok(None) => {}
        Err(found) => loaded.diagnostics.extend(found),
    }
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
    let output = Output::of(&loaded.project, options.out.as_deref());
    loaded.diagnostics.extend(output.check(&loaded.project));
    if loaded.diagnostics.has_errors() {
        return Err(loaded.diagnostics);
    }
    let out = output.path.clone();
    // `deckhand pdf`'s files in the output this build replaces: kept, and linked.
    let pdfs = crate::output::pdfs::present(&out, &loaded.project.config);
    let render_options = RenderOptions {
        pdfs: pdfs.clone(),
        ..options.render.clone()
    };
    let mut clock = Instant::now();
    let spare = HighlightCache::path_for(dir).with_file_name("output-spare");
    let mut staging = Staging::new(&out, Some(&spare)).map_err(|err| output_error(&output, err))?;
    let save = |highlighter: HighlightCache| {
        let _ = highlighter.save(&cache_path);
    };
    let probes = render(
        &mut loaded,
        &render_options,
        highlighter,
        save,
        &mut staging,
    )?;
    for pdf in &pdfs {
        let kept = std::fs::File::open(out.join(&pdf.url))
            .and_then(|file| staging.copy(&pdf.url, file, pdf.bytes));
        kept.map_err(|err| output_error(&output, err))?;
    }
    loaded.timings.push(("render", clock.elapsed()));
    clock = Instant::now();
    if let Some(probes) = probes {
        let (folder, files) = staging.written();
        let leaks = probes.scan(files.filter_map(|rel| {
            let bytes = std::fs::read(folder.join(rel)).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), Cow::Owned(bytes)))
        }));
        if leaks.has_errors() {
            return Err(leaks);
        }
        loaded.timings.push(("leaks", clock.elapsed()));
        clock = Instant::now();
    }
    staging.commit().map_err(|err| output_error(&output, err))?;
    loaded.timings.push(("write", clock.elapsed()));
    // A cache that cannot be written only makes the next build slower.
    let _ = loaded.samples.save(&loaded.project.root);
    Ok(Report {
        out,
        chapters: loaded.workshop.chapters.len(),
        slides: loaded.slides,
        samples: loaded.workshop.samples().count(),
        warnings: loaded.diagnostics,
        elapsed: started.elapsed(),
        timings: loaded.timings,
    })
}

fn output_error(output: &Output, err: std::io::Error) -> Diagnostics {
    Diagnostics::from_one(output.error(
        &format!("cannot be written: {err}"),
        "check that you may write there and that its disk has room, or choose another folder",
    ))
}
