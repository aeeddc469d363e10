//! How many slides an imported chapter has, for its duration and the report: what the build will
//! show, so that `import`'s summary and the build's agree.

use std::path::Path;

use super::SourceChapter;
use crate::diagnostics::Pos;
use crate::dialect::{Context, DialectSettings};
use crate::html::Attributes;

/// The slides the chapter's dialect cuts it into, less those reveal.js hides.
pub(super) fn slides(chapter: &SourceChapter, markdown: &str, exclude: &[String]) -> usize {
    let settings = DialectSettings {
        syntax: Some(chapter.syntax),
        separator: chapter.separators.as_ref().and_then(|s| s[0].clone()),
        separator_vertical: chapter.separators.as_ref().and_then(|s| s[1].clone()),
        separator_notes: chapter.separators.as_ref().and_then(|s| s[2].clone()),
        exclude_classes: Some(exclude.to_vec()),
    };
    let Ok(dialect) = settings.dialect() else {
        return 0;
    };
    let pos = |_| Pos::FILE;
    let context = Context {
        path: Path::new(""),
        pos: &pos,
    };
    dialect
        .split(markdown, 0, &context)
        .slides
        .iter()
        .filter(|slide| !slide.steps.first().is_some_and(|s| hidden(&s.text)))
        .count()
}

/// Whether a slide's `<!-- .slide: -->` comments make it `data-visibility="hidden"`: the build
/// leaves such a slide out, as reveal.js does.
fn hidden(markdown: &str) -> bool {
    let mut rest = markdown;
    while let Some(start) = rest.find("<!--") {
        let Some(len) = rest[start..].find("-->") else {
            return false;
        };
        let body = rest[start + 4..start + len].trim();
        if let Some(Ok(attrs)) = body.strip_prefix(".slide:").map(Attributes::parse)
            && attrs.get("data-visibility") == Some("hidden")
        {
            return true;
        }
        rest = &rest[start + len + 3..];
    }
    false
}
