//! The site: every output file, rendered with tera from typed views and handed to a [`Sink`]
//! (a staging folder for `build`, memory for `serve`).

mod archive;
pub mod views;

use std::path::Path;
use tera::{Context, Value};

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::Diagnostics;
use crate::project::Project;
use crate::theme::Theme;
pub use views::Notes;

pub const ALL_SAMPLES_ARCHIVE: &str = "samples/all-samples.zip";
/// The generated syntax-highlighting stylesheet.
pub const HIGHLIGHT_CSS: &str = "css/highlight.css";

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
    /// Store a copy of the file at `source`.
    fn copy(&mut self, path: &str, source: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(source)?;
        self.put(path, bytes)
    }
}

/// What differs between a published build and the dev server's.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Show speaker notes even when workshop.toml keeps them private (serve, pdf --with-notes).
    pub force_notes: bool,
    /// A script URL the dev server injects into every page; `None` for a published build.
    pub live_reload: Option<String>,
}

/// The pages and files a build produces.
pub struct SiteRenderer<'a> {
    project: &'a Project,
    workshop: &'a Workshop,
    theme: &'a Theme,
    tera: tera::Tera,
    base: Context,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        project: &'a Project,
        workshop: &'a Workshop,
        theme: &'a Theme,
        options: &RenderOptions,
    ) -> Result<Self, Diagnostics> {
        let tera = theme.tera()?;
        let notes = if project.config.notes.private && !options.force_notes {
            Notes::Omit
        } else {
            Notes::Include
        };
        let content_root = project.root.join(CONTENT_DIR);
        let mut base = Context::new();
        base.insert(
            "workshop",
            &views::workshop_view(&project.config, workshop, notes),
        );
        let chapters = views::chapter_views(workshop, &content_root, notes);
        base.insert(
            "toc",
            &chapters
                .iter()
                .map(views::TocEntry::from)
                .collect::<Vec<_>>(),
        );
        base.insert_value("chapters", Value::from_serializable(&chapters));
        base.insert("live_reload", &options.live_reload);
        base.insert("notes_private", &(notes == Notes::Omit));
        Ok(SiteRenderer {
            project,
            workshop,
            theme,
            tera,
            base,
        })
    }

    /// Render everything into `sink`.
    pub fn render_all(&self, sink: &mut dyn Sink) -> Result<(), Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let mut store =
            |path: &str, result: Result<Vec<u8>, Diagnostics>, sink: &mut dyn Sink| match result {
                Ok(bytes) => {
                    if let Err(err) = sink.put(path, bytes) {
                        diagnostics.push(io_error(path, err));
                    }
                }
                Err(found) => diagnostics.extend(found),
            };
        store("index.html", self.page("index.html", "index", None), sink);
        store("deck.html", self.page("deck.html", "deck", None), sink);
        store(
            "speaker.html",
            self.page("speaker.html", "speaker", None),
            sink,
        );
        store(
            "handout.html",
            self.page("handout.html", "handout", None),
            sink,
        );
        for chapter in &self.workshop.chapters {
            store(
                &chapter_handout_path(&chapter.slug),
                self.page("handout.html", "handout", Some(chapter.number)),
                sink,
            );
        }
        store(
            HIGHLIGHT_CSS,
            Ok(crate::highlight::stylesheet().into_bytes()),
            sink,
        );
        for (name, file) in &self.theme.statics {
            store(name, Ok(file.bytes.to_vec()), sink);
        }
        let content_root = self.project.root.join(CONTENT_DIR);
        for (path, result) in archive::archives(self.workshop, &content_root) {
            store(
                &path,
                result.map_err(|err| Diagnostics::from_one(io_error(&path, err))),
                sink,
            );
        }
        for asset in &self.workshop.assets {
            let url = asset.to_string_lossy().replace('\\', "/");
            if let Err(err) = sink.copy(&url, &content_root.join(asset)) {
                diagnostics.push(io_error(&url, err));
            }
        }
        if diagnostics.is_empty() {
            Ok(())
        } else {
            Err(diagnostics)
        }
    }

    /// Render the template `name` as the page `kind`; for a chapter's handout, `chapter` is its number.
    pub fn page(
        &self,
        name: &str,
        kind: &str,
        chapter: Option<usize>,
    ) -> Result<Vec<u8>, Diagnostics> {
        let mut context = self.base.clone();
        context.insert("page", &PageView { kind, chapter });
        if let Some(number) = chapter {
            // The handout template lists `chapters`: give it just this one.
            let all = self
                .base
                .get("chapters")
                .and_then(Value::as_array)
                .unwrap_or(&[]);
            let one: Vec<&Value> = all.get(number - 1).into_iter().collect();
            context.insert("chapters", &one);
        }
        self.tera
            .render(name, &context)
            .map(String::into_bytes)
            .map_err(|err| Diagnostics::from_one(self.theme.template_error(&err)))
    }
}

#[derive(serde::Serialize)]
struct PageView<'a> {
    /// `index`, `deck`, `speaker` or `handout`.
    kind: &'a str,
    /// For a chapter's handout: the chapter's number.
    chapter: Option<usize>,
}

fn io_error(path: &str, err: std::io::Error) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error(
        path,
        crate::diagnostics::Pos::FILE,
        format!("cannot write `{path}`: {err}"),
    )
}
