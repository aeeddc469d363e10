//! The site: every output file, rendered with tera from typed views and handed to a [`Sink`]
//! (a staging folder for `build`, memory for `serve`).
//!
//! The heavy part of the pages is each chapter's slides. A chapter is rendered once into
//! [`Fragments`] (its deck section and its handout article, from `deck-chapter.html` and
//! `handout-chapter.html`); page templates print `chapter.deck_html` / `chapter.handout_html`,
//! which are placeholders at that point, and the fragments are spliced in afterwards. So the deck,
//! the whole handout and each chapter's handout share one rendering per chapter, and the dev
//! server re-renders only the chapter that changed.

mod archive;
mod contents;
pub mod listings;
mod minify;
mod page;
pub mod plan;
mod splice;
mod toc;
pub mod views;

use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};

use crate::content::{CONTENT_DIR, Chapter, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::highlight::cache::HighlightCache;
use crate::project::Project;
use crate::theme::Theme;
pub use page::{Base, PageAssembler};
use page::{render_page, render_shell};
use plan::is_sample;
pub use plan::{Source, site_plan};
use splice::splice_chunks;
pub use views::Notes;

pub const ALL_SAMPLES_ARCHIVE: &str = "samples/all-samples.zip";
/// The generated syntax-highlighting stylesheet.
pub const HIGHLIGHT_CSS: &str = "css/highlight.css";

/// The deck's front door: forwards a slide link to the chapter page holding the slide.
pub const DECK_INDEX: &str = "deck.html";
/// Every slide of every chapter in one page, for printing.
pub const PRINT_DECK: &str = "print-deck.html";
/// The chapters' table of contents as a script (`window.deckhandToc`), for the runtime.
pub const TOC_SCRIPT: &str = "js/toc.js";

/// One chapter's slides.
pub fn chapter_deck_path(slug: &str) -> String {
    format!("deck-{slug}.html")
}

pub fn chapter_handout_path(slug: &str) -> String {
    format!("handout-{slug}.html")
}

pub fn chapter_archive_path(slug: &str) -> String {
    format!("samples/{slug}.zip")
}

/// Where rendered files go.
pub trait Sink {
    /// Store `bytes` at `path` (relative, `/`-separated).
    fn put(&mut self, path: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// Store the concatenation of `chunks` (a page and the chapters spliced into it) at `path`.
    fn put_chunks(&mut self, path: &str, chunks: &[bytes::Bytes]) -> std::io::Result<()> {
        self.put(path, chunks.concat())
    }
    /// Store a copy of `source`, an open regular file of `length` bytes.
    fn copy(&mut self, path: &str, source: std::fs::File, length: u64) -> std::io::Result<()> {
        let mut bytes = Vec::with_capacity(length as usize);
        std::io::Read::read_to_end(&mut std::io::Read::take(source, length), &mut bytes)?;
        self.put(path, bytes)
    }
}

/// A [`Sink`] filling a map: `check` and the dev server render the site into memory.
#[derive(Default)]
pub struct MemorySink {
    pub files: std::collections::HashMap<String, bytes::Bytes>,
}

impl Sink for MemorySink {
    fn put(&mut self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files
            .insert(path.to_string(), bytes::Bytes::from(bytes));
        Ok(())
    }
}

/// What differs between a published build and the dev server's.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Show speaker notes even when workshop.toml keeps them private (serve, pdf --with-notes).
    pub force_notes: bool,
    /// Leave notes out even when they are public (what the dev server shows its audience).
    pub omit_notes: bool,
    /// A script URL the dev server injects into every page; `None` for a published build.
    pub live_reload: Option<String>,
    /// The PDFs in the output folder, which the landing page links (`build` keeps them).
    pub pdfs: Vec<crate::output::pdfs::PdfFile>,
}

impl RenderOptions {
    pub fn notes(&self, project: &Project) -> Notes {
        if self.omit_notes || (project.config.notes.private && !self.force_notes) {
            Notes::Omit
        } else {
            Notes::Include
        }
    }
}

/// One chapter, rendered: its deck section and its handout article.
#[derive(Debug, Clone, Default)]
pub struct Fragments {
    pub deck: Arc<str>,
    pub handout: Arc<str>,
}

/// A page to render: its template, its kind, and for a chapter's handout the chapter's number.
pub type PageSpec = (&'static str, &'static str, Option<usize>);

/// The pages of the whole workshop: path, template and kind.
const WHOLE_PAGES: &[(&str, &str, &str)] = &[
    ("index.html", "index.html", "index"),
    (DECK_INDEX, "deck-index.html", "deck-index"),
    (PRINT_DECK, "deck.html", "deck"),
    ("speaker.html", "speaker.html", "speaker"),
    ("handout.html", "handout.html", "handout"),
];

/// Every page a build writes, by path: the workshop's pages, then each chapter's deck and
/// handout (the same templates as the whole deck and handout, given that one chapter).
/// `build`, `check`, `pdf` and `serve` all take their pages from here.
pub fn site_pages(workshop: &Workshop) -> Vec<(String, PageSpec)> {
    let mut pages = whole_pages();
    for chapter in &workshop.chapters {
        pages.extend(chapter_pages(chapter));
    }
    pages
}

/// The pages that show the whole workshop (the landing page, the deck's front door, the
/// printable deck, the speaker view, the whole handout).
pub fn whole_pages() -> Vec<(String, PageSpec)> {
    WHOLE_PAGES
        .iter()
        .map(|(path, template, kind)| (path.to_string(), (*template, *kind, None)))
        .collect()
}

/// A chapter's own pages: its deck and its handout.
pub fn chapter_pages(chapter: &Chapter) -> [(String, PageSpec); 2] {
    [
        (
            chapter_deck_path(&chapter.slug),
            ("deck.html", "deck", Some(chapter.number)),
        ),
        (
            chapter_handout_path(&chapter.slug),
            ("handout.html", "handout", Some(chapter.number)),
        ),
    ]
}

/// The path of the page `spec` renders, `slug` being its chapter's.
pub(crate) fn page_path(template: &str, kind: &str, chapter: Option<usize>, slug: &str) -> String {
    match (kind, chapter) {
        ("deck", Some(_)) => chapter_deck_path(slug),
        (_, Some(_)) => chapter_handout_path(slug),
        _ => WHOLE_PAGES
            .iter()
            .find(|(_, t, k)| *t == template && *k == kind)
            .map_or(template, |(path, _, _)| path)
            .to_string(),
    }
}

/// Renders a workshop's pages and files.
pub struct SiteRenderer<'a> {
    project: &'a Project,
    workshop: &'a Workshop,
    theme: &'a Arc<Theme>,
    tera: &'a Arc<Tera>,
    notes: Notes,
    base: Context,
    /// Makes placeholders unguessable, so no content can fake one.
    nonce: String,
    /// Highlights the handouts' full listings of samples (see [`SiteRenderer::with_highlighter`]).
    highlighter: Option<&'a HighlightCache>,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        project: &'a Project,
        workshop: &'a Workshop,
        theme: &'a Arc<Theme>,
        tera: &'a Arc<Tera>,
        options: &RenderOptions,
    ) -> Self {
        let base = Base::new(project, workshop, options);
        Self::with_base(project, workshop, theme, tera, base)
    }

    /// A renderer reusing what an earlier one computed for the pages (see [`Base`]).
    pub fn with_base(
        project: &'a Project,
        workshop: &'a Workshop,
        theme: &'a Arc<Theme>,
        tera: &'a Arc<Tera>,
        base: Base,
    ) -> Self {
        SiteRenderer {
            project,
            workshop,
            theme,
            tera,
            highlighter: None,
            notes: base.notes,
            base: base.context,
            nonce: base.nonce,
        }
    }

    /// Highlight the handouts' full listings of included samples with `highlighter` (without
    /// one, the listings are left out).
    pub fn with_highlighter(mut self, highlighter: &'a HighlightCache) -> Self {
        self.highlighter = Some(highlighter);
        self
    }

    /// What this renderer computed for the pages, to reuse while the chapters' titles, durations,
    /// slide counts and samples stay the same.
    pub fn base(&self) -> Base {
        Base {
            context: self.base.clone(),
            nonce: self.nonce.clone(),
            notes: self.notes,
        }
    }

    /// Render one chapter's fragments.
    pub fn fragments(&self, chapter: &Chapter) -> Result<Fragments, Diagnostics> {
        let content_root = self.project.root.join(CONTENT_DIR);
        let view = views::chapter_view(
            self.workshop,
            chapter,
            &content_root,
            self.notes,
            self.highlighter,
            self.project.config.handouts.hidden_slides,
        );
        let mut context = Context::new();
        if let Some(workshop) = self.base.get("workshop") {
            context.insert_value("workshop", workshop.clone());
        }
        context.insert("chapter", &view);
        let render = |name: &str| {
            self.tera
                .render(name, &context)
                .map(Arc::from)
                .map_err(|err| Diagnostics::from_one(self.theme.template_error(&err)))
        };
        Ok(Fragments {
            deck: render("deck-chapter.html")?,
            handout: render("handout-chapter.html")?,
        })
    }

    /// Every chapter's fragments, in order.
    pub fn all_fragments(&self) -> Result<Vec<Fragments>, Diagnostics> {
        // Chapters render independently: on every core.
        let rendered: Vec<_> = self
            .workshop
            .chapters
            .par_iter()
            .map(|chapter| self.fragments(chapter))
            .collect();
        let mut diagnostics = Diagnostics::new();
        let mut all = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok(fragments) => all.push(fragments),
                Err(found) => diagnostics.extend(found),
            }
        }
        if diagnostics.is_empty() {
            Ok(all)
        } else {
            Err(diagnostics)
        }
    }

    /// Render the page template `name` as the page `kind` (for a chapter's handout, `chapter` is
    /// its number) and splice the chapters' `fragments` into it.
    pub fn page(
        &self,
        name: &str,
        kind: &str,
        chapter: Option<usize>,
        fragments: &[Fragments],
    ) -> Result<Vec<u8>, Diagnostics> {
        render_page(
            self.tera,
            self.theme,
            &self.base,
            &self.nonce,
            (name, kind, chapter),
            fragments,
        )
    }

    /// What it takes to render any page later, on its own (the dev server renders a page when
    /// it is first asked for).
    pub fn assembler(&self, fragments: Vec<Fragments>) -> PageAssembler {
        PageAssembler {
            tera: self.tera.clone(),
            theme: self.theme.clone(),
            base: self.base.clone(),
            nonce: self.nonce.clone(),
            fragments,
        }
    }

    /// Render every page from the chapters' `fragments`, and write every other file, into
    /// `sink`: each entry of the [`site_plan`], in order.
    pub fn render_files(
        &self,
        sink: &mut dyn Sink,
        fragments: &[Fragments],
    ) -> Result<(), Diagnostics> {
        let (plan, mut diagnostics) = site_plan(self.workshop, self.theme);
        for (path, source) in &plan {
            let written = match source {
                // Pages go out in chunks that share the chapters' fragments: a large workshop's
                // deck and handout are never copied into one buffer.
                Source::Page(spec) => {
                    match render_shell(self.tera, self.theme, &self.base, *spec) {
                        Ok(shell) => {
                            sink.put_chunks(path, &splice_chunks(&shell, &self.nonce, fragments))
                        }
                        Err(found) => {
                            diagnostics.extend(found);
                            continue;
                        }
                    }
                }
                // Copied as they are read, never whole in memory; samples go through
                // `file_bytes` below, which takes their ANCHOR lines out (samples are small).
                Source::Asset(asset) if !is_sample(self.workshop, asset) => {
                    match crate::content::discover::open_asset(self.project, asset) {
                        Ok((file, length)) => sink.copy(path, file, length),
                        Err(unreadable) => {
                            diagnostics.push(unreadable);
                            continue;
                        }
                    }
                }
                other => match file_bytes(self.project, self.workshop, self.theme, other) {
                    Ok(bytes) => sink.put(path, bytes),
                    Err(found) => {
                        diagnostics.extend(found);
                        continue;
                    }
                },
            };
            if let Err(err) = written {
                diagnostics.push(io_error(path, err));
            }
        }
        if diagnostics.has_errors() {
            Err(diagnostics)
        } else {
            Ok(())
        }
    }
}

/// The bytes of a file of the site that is not a page (pages need the chapters' fragments).
pub fn file_bytes(
    project: &Project,
    workshop: &Workshop,
    theme: &Theme,
    source: &Source,
) -> Result<Vec<u8>, Diagnostics> {
    let content_root = project.root.join(CONTENT_DIR);
    match source {
        Source::Page(_) => Err(Diagnostics::new()),
        Source::HighlightCss => Ok(crate::highlight::stylesheet().as_bytes().to_vec()),
        Source::TocScript => Ok(toc::script(workshop).into_bytes()),
        // Published minified, as the deck's size budget counts it.
        Source::Static(name) => Ok(theme
            .statics
            .get(name)
            .map(|file| static_file(name, &file.bytes).into_owned())
            .unwrap_or_default()),
        Source::Archive { files } => {
            archive::zip(&content_root, files, project.config.limits.sample_bytes())
                .map_err(|err| Diagnostics::from_one(archive_error(files, err)))
        }
        Source::Asset(asset) => {
            let (file, length) = crate::content::discover::open_asset(project, asset)
                .map_err(Diagnostics::from_one)?;
            let mut bytes = Vec::with_capacity(length as usize);
            std::io::Read::read_to_end(&mut std::io::Read::take(file, length), &mut bytes)
                .map_err(|err| {
                    Diagnostics::from_one(crate::content::discover::read_error(
                        &Path::new(CONTENT_DIR).join(asset),
                        err.into(),
                        "published files",
                        "file_mb",
                    ))
                })?;
            if is_sample(workshop, asset)
                && let Some(published) = crate::markdown::include::without_markers(&bytes)
            {
                return Ok(published);
            }
            Ok(bytes)
        }
    }
}

/// An archive that could not be made: a sample that cannot be read.
fn archive_error(files: &[std::path::PathBuf], err: std::io::Error) -> Diagnostic {
    let first = files
        .first()
        .map(|f| Path::new(CONTENT_DIR).join(f))
        .unwrap_or_default();
    Diagnostic::error(first, Pos::FILE, format!("cannot zip the samples: {err}")).with_hint(
        "check that every sample is a regular file you may read, within `[limits] sample_mb`",
    )
}

pub use minify::static_file;

fn io_error(path: &str, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        Pos::new(1, 1),
        format!("cannot write `{path}`: {err}"),
    )
    .with_hint("check that the output folder's disk has room and that you may write there")
}
