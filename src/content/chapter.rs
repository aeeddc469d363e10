//! One chapter file → a [`Chapter`] of rendered slides.

use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::attributes::Attributes;
use super::front_matter::{self, FrontMatter};
use super::split::{Direction, split_slides};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::markdown::{AnchorLink, ChapterRenderer, Env, FileLink, Part};

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

/// Load a chapter from its bytes. `default_slug` comes from the file name.
pub fn load(
    env: &Env<'_>,
    path: &Path,
    bytes: &[u8],
    number: usize,
    default_slug: &str,
    default_duration: Option<u32>,
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
    let FrontMatter {
        title,
        duration,
        slug,
        summary,
        objectives,
    } = split.front_matter;
    let slug_pos = if slug.is_some() {
        crate::config::key_position(split.toml, "slug").offset_by(Pos::new(2, 1))
    } else {
        Pos::new(1, 1)
    };
    let slug = slug.unwrap_or_else(|| default_slug.to_string());
    let slug_for_ids = slug.clone();
    let mut renderer = ChapterRenderer::new(env, path, text, &slug_for_ids);
    let mut slides = Vec::new();
    let (mut h, mut v) = (0usize, 0usize);
    for raw in split_slides(split.body) {
        match raw.direction {
            Direction::Horizontal => (h, v) = (h + 1, 0),
            Direction::Vertical => v += 1,
        }
        let start = split.body_offset + raw.content_offset;
        let line = renderer.pos(start).line;
        let auto_id = if v == 0 {
            format!("{slug}-{h}")
        } else {
            format!("{slug}-{h}-{v}")
        };
        let content = renderer.render(raw.content, start, &auto_id, Part::Content);
        let notes = raw.notes.as_ref().map(|notes| {
            renderer.render(
                notes.text,
                split.body_offset + notes.offset,
                &format!("{auto_id}-notes"),
                Part::Notes,
            )
        });
        let mut attributes = content.slide_attributes;
        let id = match attributes.id.take() {
            Some(id) if valid_id(&id) => id,
            Some(id) => {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        Pos::new(line, 1),
                        format!("slide id `{id}` may only hold letters, digits, `-` and `_`"),
                    )
                    .with_hint("ids appear in URLs: use something like id=\"pod-lifecycle\""),
                );
                auto_id
            }
            None => auto_id,
        };
        if raw.content.trim().is_empty() && raw.notes.is_none() {
            diagnostics.push(
                Diagnostic::warning(path, Pos::new(line, 1), "empty slide")
                    .with_hint("remove the extra `---` or give the slide some content"),
            );
        }
        if slides.is_empty() {
            attributes.add_class("chapter-title");
        }
        let number_text = if v == 0 {
            format!("{number}.{h}")
        } else {
            format!("{number}.{h}.{v}")
        };
        slides.push(Slide {
            id,
            h,
            v,
            number: number_text,
            title: content.title,
            html: content.html,
            notes_html: notes
                .map(|n| n.html)
                .filter(|html| !html.trim().is_empty())
                .map(Into::into),
            attributes,
            fragments: content.fragments,
            line,
        });
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
    let chapter = Chapter {
        number,
        slug,
        title,
        duration: duration.or(default_duration),
        summary,
        objectives,
        source: path.to_path_buf(),
        slides,
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

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
