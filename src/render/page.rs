//! Pages: the context every page template gets ([`Base`]), rendering a page template with
//! placeholders for the chapters, and [`PageAssembler`], which renders pages later on its own.

use std::sync::Arc;
use tera::{Context, Tera};

use super::splice::{placeholder, splice, splice_chunks};
use super::{CONTENT_DIR, Fragments, Notes, RenderOptions, views};
use crate::content::Workshop;
use crate::diagnostics::Diagnostics;
use crate::project::Project;
use crate::theme::Theme;

/// The page templates' context (the workshop and every chapter's summary) and the placeholders'
/// nonce: the part of rendering that depends on all chapters at once.
#[derive(Clone)]
pub struct Base {
    pub(super) context: Context,
    pub(super) nonce: String,
    pub(super) notes: Notes,
}

impl Base {
    pub fn new(project: &Project, workshop: &Workshop, options: &RenderOptions) -> Base {
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
        let mut context = Context::new();
        context.insert(
            "workshop",
            &views::workshop_view(&project.config, workshop, notes),
        );
        context.insert(
            "toc",
            &chapters
                .iter()
                .map(views::TocEntry::from)
                .collect::<Vec<_>>(),
        );
        context.insert("chapters", &chapters);
        context.insert("live_reload", &options.live_reload);
        context.insert("notes_private", &(notes == Notes::Omit));
        Base {
            context,
            nonce,
            notes,
        }
    }
}

/// Renders pages without borrowing the workshop: everything it needs is shared or owned.
pub struct PageAssembler {
    pub(super) tera: Arc<Tera>,
    pub(super) theme: Arc<Theme>,
    pub(super) base: Context,
    pub(super) nonce: String,
    pub(super) fragments: Vec<Fragments>,
}

impl PageAssembler {
    /// The page `template` as the page `kind` (`chapter`: the chapter's handout).
    pub fn page(
        &self,
        template: &str,
        kind: &str,
        chapter: Option<usize>,
    ) -> Result<Vec<u8>, Diagnostics> {
        render_page(
            &self.tera,
            &self.theme,
            &self.base,
            &self.nonce,
            (template, kind, chapter),
            &self.fragments,
        )
    }

    /// The page template `template` as the page `kind`, with a placeholder for each chapter.
    pub fn shell(
        &self,
        template: &str,
        kind: &str,
        chapter: Option<usize>,
    ) -> Result<String, Diagnostics> {
        render_shell(
            &self.tera,
            &self.theme,
            &self.base,
            (template, kind, chapter),
        )
    }

    /// A rendered `shell` with the chapters spliced in, as chunks sharing their fragments.
    pub fn splice_into(&self, shell: &str) -> Vec<bytes::Bytes> {
        splice_chunks(shell, &self.nonce, &self.fragments)
    }

    /// The same page as chunks sharing the chapters' fragments (see [`splice_chunks`]).
    pub fn page_chunks(
        &self,
        template: &str,
        kind: &str,
        chapter: Option<usize>,
    ) -> Result<Vec<bytes::Bytes>, Diagnostics> {
        let shell = render_shell(
            &self.tera,
            &self.theme,
            &self.base,
            (template, kind, chapter),
        )?;
        Ok(splice_chunks(&shell, &self.nonce, &self.fragments))
    }
}

pub(super) fn render_page(
    tera: &Tera,
    theme: &Theme,
    base: &Context,
    nonce: &str,
    page: (&str, &str, Option<usize>),
    fragments: &[Fragments],
) -> Result<Vec<u8>, Diagnostics> {
    Ok(splice(
        &render_shell(tera, theme, base, page)?,
        nonce,
        fragments,
    ))
}

/// The page template rendered with placeholders where the chapters' fragments go.
pub(super) fn render_shell(
    tera: &Tera,
    theme: &Theme,
    base: &Context,
    (name, kind, chapter): (&str, &str, Option<usize>),
) -> Result<String, Diagnostics> {
    let mut context = base.clone();
    let all = base
        .get("chapters")
        .and_then(tera::Value::as_array)
        .unwrap_or(&[]);
    let toc = base
        .get("toc")
        .and_then(tera::Value::as_array)
        .unwrap_or(&[]);
    let one = chapter.and_then(|number| all.get(number.checked_sub(1)?));
    let slug = one
        .and_then(|c| c.get_from_path("slug"))
        .and_then(tera::Value::as_str);
    let neighbour = |at: Option<usize>| at.and_then(|index| toc.get(index)).cloned();
    let is_remark =
        |c: &tera::Value| c.get_from_path("remark").and_then(tera::Value::as_bool) == Some(true);
    // A chapter's page shows that chapter only; the others show them all.
    let remark = match chapter {
        Some(_) => one.is_some_and(is_remark),
        None => all.iter().any(is_remark),
    };
    context.insert(
        "page",
        &PageView {
            kind,
            chapter,
            path: super::page_path(name, kind, chapter, slug.unwrap_or_default()),
            prev: neighbour(chapter.and_then(|number| number.checked_sub(2))),
            next: neighbour(chapter),
            remark,
        },
    );
    if chapter.is_some() {
        // The page templates list `chapters`: give them just this one.
        let one: Vec<&tera::Value> = one.into_iter().collect();
        context.insert("chapters", &one);
    }
    tera.render(name, &context)
        .map_err(|err| Diagnostics::from_one(theme.template_error(&err)))
}

#[derive(serde::Serialize)]
struct PageView<'a> {
    /// `index`, `deck`, `speaker` or `handout`.
    kind: &'a str,
    /// For a chapter's handout: the chapter's number.
    chapter: Option<usize>,
    /// The page's path in the site (`deck-intro.html`), for links that must be absolute
    /// (canonical).
    path: String,
    /// On a chapter's pages: the previous and the next chapter's `toc` entries, if any.
    prev: Option<tera::Value>,
    next: Option<tera::Value>,
    /// A chapter the page shows is written for remark: the page links `css/remark.css`.
    remark: bool,
}
