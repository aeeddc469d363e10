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
pub mod views;

use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};

use crate::content::{CONTENT_DIR, Chapter, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
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
    /// Leave notes out even when they are public (what the dev server shows its audience).
    pub omit_notes: bool,
    /// A script URL the dev server injects into every page; `None` for a published build.
    pub live_reload: Option<String>,
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

/// The pages every build writes, with the template that renders them and their kind.
pub const PAGES: &[(&str, &str, &str)] = &[
    ("index.html", "index.html", "index"),
    ("deck.html", "deck.html", "deck"),
    ("speaker.html", "speaker.html", "speaker"),
    ("handout.html", "handout.html", "handout"),
];

/// Renders a workshop's pages and files.
pub struct SiteRenderer<'a> {
    project: &'a Project,
    workshop: &'a Workshop,
    theme: &'a Theme,
    tera: &'a Tera,
    notes: Notes,
    base: Context,
    /// Makes placeholders unguessable, so no content can fake one.
    nonce: String,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        project: &'a Project,
        workshop: &'a Workshop,
        theme: &'a Theme,
        tera: &'a Tera,
        options: &RenderOptions,
    ) -> Self {
        let notes = options.notes(project);
        let nonce = format!(
            "{:x}",
            xxhash_rust::xxh3::xxh3_64(
                format!("{:?}{}", std::time::SystemTime::now(), std::process::id()).as_bytes()
            )
        );
        let content_root = project.root.join(CONTENT_DIR);
        let chapters = views::chapter_summaries(workshop, &content_root, |number, kind| {
            placeholder(&nonce, number, kind)
        });
        let mut base = Context::new();
        base.insert(
            "workshop",
            &views::workshop_view(&project.config, workshop, notes),
        );
        base.insert(
            "toc",
            &chapters
                .iter()
                .map(views::TocEntry::from)
                .collect::<Vec<_>>(),
        );
        base.insert("chapters", &chapters);
        base.insert("live_reload", &options.live_reload);
        base.insert("notes_private", &(notes == Notes::Omit));
        SiteRenderer {
            project,
            workshop,
            theme,
            tera,
            notes,
            base,
            nonce,
        }
    }

    /// Render one chapter's fragments.
    pub fn fragments(&self, chapter: &Chapter) -> Result<Fragments, Diagnostics> {
        let content_root = self.project.root.join(CONTENT_DIR);
        let view = views::chapter_view(self.workshop, chapter, &content_root, self.notes);
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
        let mut diagnostics = Diagnostics::new();
        let mut all = Vec::with_capacity(self.workshop.chapters.len());
        for chapter in &self.workshop.chapters {
            match self.fragments(chapter) {
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
        let mut context = self.base.clone();
        context.insert("page", &PageView { kind, chapter });
        if let Some(number) = chapter {
            // The handout template lists `chapters`: give it just this one.
            let all = self
                .base
                .get("chapters")
                .and_then(tera::Value::as_array)
                .unwrap_or(&[]);
            let one: Vec<&tera::Value> = all.get(number - 1).into_iter().collect();
            context.insert("chapters", &one);
        }
        let shell = self
            .tera
            .render(name, &context)
            .map_err(|err| Diagnostics::from_one(self.theme.template_error(&err)))?;
        Ok(splice(&shell, &self.nonce, fragments))
    }

    /// Render everything into `sink`.
    pub fn render_all(&self, sink: &mut dyn Sink) -> Result<(), Diagnostics> {
        self.render_files(sink, &self.all_fragments()?)
    }

    /// Render every page from the chapters' `fragments`, and write every other file, into `sink`.
    pub fn render_files(
        &self,
        sink: &mut dyn Sink,
        fragments: &[Fragments],
    ) -> Result<(), Diagnostics> {
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
        for (path, template, kind) in PAGES {
            store(path, self.page(template, kind, None, fragments), sink);
        }
        for chapter in &self.workshop.chapters {
            let page = self.page("handout.html", "handout", Some(chapter.number), fragments);
            store(&chapter_handout_path(&chapter.slug), page, sink);
        }
        store(
            HIGHLIGHT_CSS,
            Ok(crate::highlight::stylesheet().as_bytes().to_vec()),
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
}

pub use archive::archives;

#[derive(serde::Serialize)]
struct PageView<'a> {
    /// `index`, `deck`, `speaker` or `handout`.
    kind: &'a str,
    /// For a chapter's handout: the chapter's number.
    chapter: Option<usize>,
}

/// The text a page template prints for chapter `number`'s fragment `kind` (`d` deck, `h` handout).
fn placeholder(nonce: &str, number: usize, kind: char) -> String {
    format!("\u{1}dh{nonce}:{number}:{kind}\u{1}")
}

/// Replace every placeholder in `shell` with its fragment.
fn splice(shell: &str, nonce: &str, fragments: &[Fragments]) -> Vec<u8> {
    let prefix = format!("\u{1}dh{nonce}:");
    let extra: usize = fragments.iter().map(|f| f.deck.len()).sum();
    let mut out = String::with_capacity(shell.len() + extra);
    let mut rest = shell;
    while let Some(at) = rest.find(&prefix) {
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let Some(end) = after.find('\u{1}') else {
            break;
        };
        let (number, kind) = after[..end].split_once(':').unwrap_or(("", ""));
        match (
            number
                .parse::<usize>()
                .ok()
                .and_then(|n| fragments.get(n.wrapping_sub(1))),
            kind,
        ) {
            (Some(f), "d") => out.push_str(&f.deck),
            (Some(f), "h") => out.push_str(&f.handout),
            _ => {}
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn io_error(path: &str, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, Pos::FILE, format!("cannot write `{path}`: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_by_their_fragments() {
        let fragments = vec![
            Fragments {
                deck: "<d1>".into(),
                handout: "<h1>".into(),
            },
            Fragments {
                deck: "<d2>".into(),
                handout: "<h2>".into(),
            },
        ];
        let shell = format!(
            "a{}b{}c{}",
            placeholder("n", 1, 'd'),
            placeholder("n", 2, 'd'),
            placeholder("n", 2, 'h')
        );
        assert_eq!(
            String::from_utf8(splice(&shell, "n", &fragments)).unwrap(),
            "a<d1>b<d2>c<h2>"
        );
        // Another nonce is not ours: left alone.
        let foreign = placeholder("x", 1, 'd');
        assert_eq!(
            String::from_utf8(splice(&foreign, "n", &fragments)).unwrap(),
            foreign
        );
    }
}
