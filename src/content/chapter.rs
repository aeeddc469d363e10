//! One chapter file → a [`Chapter`] of rendered slides.

use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::front_matter::{self, FrontMatter};
use super::slides::{self, Place};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::dialect::{Context, Dialects, Direction, Syntax};
use crate::html::Attributes;
use crate::markdown::{AnchorLink, ChapterRenderer, Env, FileLink};

/// A chapter, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// 1-based position in the workshop.
    pub number: usize,
    pub slug: String,
    pub title: String,
    /// Minutes; `None` when neither the front matter nor workshop.toml sets one.
    pub duration: Option<u32>,
    pub summary: Option<String>,
    pub objectives: Vec<String>,
    /// The chapter file, relative to the workshop folder.
    pub source: PathBuf,
    pub slides: Vec<Slide>,
    /// The dialect the chapter is written in.
    pub syntax: Syntax,
    /// `draft = true` in the front matter: only `serve` shows it.
    pub draft: bool,
    /// Slides left out of the deck (`<!-- .slide: hidden -->`), each with the index in
    /// `slides` it comes before: the handouts show them when `[handouts] hidden_slides` says so.
    #[serde(skip)]
    pub hidden_slides: Vec<HiddenSlide>,
    /// A slide holds `{{#toc}}`: the chapter's pages show the other chapters' titles too.
    #[serde(skip)]
    pub toc: bool,
    /// Where `draft` is set, for the warning that leaves the chapter out.
    #[serde(skip)]
    pub draft_pos: Pos,
    /// Files this chapter includes, relative to the workshop folder.
    pub includes: BTreeSet<PathBuf>,
    /// Heading ids, for link checks.
    #[serde(skip)]
    pub heading_ids: BTreeSet<String>,
    #[serde(skip)]
    pub anchor_links: Vec<AnchorLink>,
    #[serde(skip)]
    pub file_links: Vec<FileLink>,
    /// Every file loading it read or tried to read besides itself (includes), relative to the
    /// workshop folder: the dev server loads it again when one of them changes.
    #[serde(skip)]
    pub inputs: BTreeSet<PathBuf>,
    /// Where `slug` is set (or line 1), for duplicate-slug messages.
    #[serde(skip)]
    pub slug_pos: Pos,
}

/// One slide.
#[derive(Debug, Clone, Serialize)]
pub struct Slide {
    /// Stable id: an explicit `id` attribute, else `<slug>-<h>` or `<slug>-<h>-<v>`.
    pub id: String,
    /// 1-based horizontal position in the chapter.
    pub h: usize,
    /// 0 for a horizontal slide, 1… for its vertical sub-slides.
    pub v: usize,
    /// `chapter.h` or `chapter.h.v`.
    pub number: String,
    pub title: String,
    pub html: String,
    /// `None` when the slide has no notes.
    /// Shared, not copied, with what the dev server tells the phone remote.
    pub notes_html: Option<std::sync::Arc<str>>,
    /// From `<!-- .slide: … -->`, plus `chapter-title` on a chapter's first slide.
    pub attributes: Attributes,
    pub fragments: usize,
    /// Where the slide starts in the chapter file.
    pub line: usize,
}

/// A slide hidden from the deck.
#[derive(Debug, Clone)]
pub struct HiddenSlide {
    /// The index in the chapter's `slides` it comes before.
    pub before: usize,
    pub slide: Slide,
    /// `hidden="handout"`: the handouts show it whatever `[handouts] hidden_slides` says.
    pub in_handout: bool,
}

/// What a chapter takes from workshop.toml when its front matter does not say.
#[derive(Default)]
pub struct Defaults {
    /// Minutes (`default_duration`).
    pub duration: Option<u32>,
    pub dialects: Dialects,
}

impl Defaults {
    pub fn new(config: &crate::config::Config) -> Result<Defaults, Diagnostic> {
        let dialects = Dialects::new(config.dialect_settings()).map_err(|err| {
            Diagnostic::error(crate::config::CONFIG_FILE, Pos::new(1, 1), err.message)
                .with_hint(err.hint)
        })?;
        Ok(Defaults {
            duration: config.default_duration,
            dialects,
        })
    }
}

/// Load a chapter from its bytes. `default_slug` comes from the file name.
pub fn load(
    env: &Env<'_>,
    path: &Path,
    bytes: &[u8],
    number: usize,
    default_slug: &str,
    defaults: &Defaults,
) -> (Option<Chapter>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let text = match decode(path, bytes) {
        Ok(text) => text,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return (None, diagnostics);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = match front_matter::split(text, path) {
        Ok(split) => split,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return (None, diagnostics);
        }
    };
    let own_dialect = split.front_matter.dialect_settings();
    let FrontMatter {
        title,
        duration,
        slug,
        summary,
        objectives,
        draft,
        ..
    } = split.front_matter;
    let draft_pos = crate::config::key_position(split.toml, "draft").offset_by(Pos::new(2, 1));
    let slug_pos = if slug.is_some() {
        crate::config::key_position(split.toml, "slug").offset_by(Pos::new(2, 1))
    } else {
        Pos::new(1, 1)
    };
    let slug = slug.unwrap_or_else(|| default_slug.to_string());
    let slug_for_ids = slug.clone();
    let (dialect, syntax) = match defaults.dialects.for_chapter(&own_dialect) {
        Ok(found) => found,
        Err(err) => {
            let at = crate::config::key_position(split.toml, err.key).offset_by(Pos::new(2, 1));
            diagnostics.push(Diagnostic::error(path, at, err.message).with_hint(err.hint));
            return (None, diagnostics);
        }
    };
    let mut renderer = ChapterRenderer::new(env, path, text, &slug_for_ids, syntax);
    let cut = {
        let pos = |offset: usize| renderer.pos(offset);
        let context = Context { path, pos: &pos };
        dialect.split(split.body, split.body_offset, &context)
    };
    diagnostics.extend(cut.diagnostics);
    let mut slides: Vec<Slide> = Vec::with_capacity(cut.slides.len());
    let mut hidden_slides = Vec::new();
    let mut place: Option<Place> = None;
    // The top of a stack was hidden: its first shown sub-slide takes its place.
    let mut top_hidden = false;
    for mut source in cut.slides {
        if top_hidden && source.direction == Direction::Vertical {
            source.direction = Direction::Horizontal;
        }
        let direction = source.direction;
        let here = Place::next(place.as_ref(), number, &source);
        let mut slide = slides::render(&mut renderer, source, &here, &slug, &mut diagnostics);
        // reveal.js removes `data-visibility="hidden"` slides before numbering the rest; our
        // `hidden` does the same, and both stay at hand for the handouts.
        if let Some(in_handout) =
            slides::take_hidden(&mut slide, &here, &slug, &mut diagnostics, path)
        {
            top_hidden = direction == Direction::Horizontal || top_hidden;
            // Hidden slides in a row share a place: number them apart.
            let base = slide.id.clone();
            let mut n = 2;
            while hidden_slides
                .iter()
                .any(|h: &HiddenSlide| h.slide.id == slide.id)
            {
                slide.id = format!("{base}-{n}");
                n += 1;
            }
            hidden_slides.push(HiddenSlide {
                before: slides.len(),
                slide,
                in_handout,
            });
            continue;
        }
        top_hidden = false;
        if slides.is_empty() {
            slide.attributes.add_class("chapter-title");
        }
        slides.push(slide);
        place = Some(here);
    }
    if slides.iter().all(|s| s.html.trim().is_empty()) {
        diagnostics.push(
            Diagnostic::error(
                path,
                Pos::new(renderer.pos(split.body_offset).line, 1),
                "the chapter has no slides",
            )
            .with_hint(
                "write some Markdown after the front matter, slides separated by `---` lines",
            ),
        );
    }
    diagnostics.extend(std::mem::take(&mut renderer.diagnostics));
    if let Some(warning) = unresolved_links(path, &renderer.unresolved) {
        diagnostics.push(warning);
    }
    let chapter = Chapter {
        number,
        slug,
        title,
        duration: duration.or(defaults.duration),
        summary,
        objectives,
        source: path.to_path_buf(),
        slides,
        draft,
        hidden_slides,
        draft_pos,
        toc: renderer.has_toc,
        syntax,
        includes: std::mem::take(&mut renderer.includes),
        heading_ids: renderer.heading_ids.drain().collect(),
        anchor_links: std::mem::take(&mut renderer.anchor_links),
        file_links: std::mem::take(&mut renderer.file_links),
        inputs: std::mem::take(&mut renderer.inputs),
        slug_pos,
    };
    (Some(chapter), diagnostics)
}

/// The file as UTF-8 text, refusing binary files (the size was checked when it was read).
fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&bytes[..nul]);
        return Err(Diagnostic::error(
            path,
            Pos::at(&prefix, prefix.len()),
            "this looks like a binary file, not Markdown",
        )
        .with_hint("chapters are Markdown text; rename the file if it is not a chapter"));
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
        Diagnostic::error(
            path,
            Pos::at(valid, valid.len()),
            "the file is not valid UTF-8 text",
        )
        .with_hint("save the file as UTF-8 in your editor")
    })
}

/// One warning for the links of an imported chapter that lead to files it does not have.
fn unresolved_links(path: &Path, links: &[(Pos, String)]) -> Option<Diagnostic> {
    let (first, _) = links.first()?;
    Some(
        Diagnostic::warning(
            path,
            *first,
            unresolved_message(links.iter().map(|(_, l)| l.as_str())),
        )
        .with_hint(
            "they were pages of the deck's own site: link to their full URL, or remove them",
        ),
    )
}

/// "3 links go to what the imported deck did not have: `a`, `b`, `c`".
pub fn unresolved_message<'a>(links: impl Iterator<Item = &'a str>) -> String {
    let mut targets: Vec<&str> = links.collect();
    let count = targets.len();
    targets.sort_unstable();
    targets.dedup();
    let list: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
    format!(
        "{count} link{} go{} to what the imported deck did not have: {}",
        if count == 1 { "" } else { "s" },
        if count == 1 { "es" } else { "" },
        list.join(", ")
    )
}
