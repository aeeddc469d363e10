//! The site plan: every file of the site and where its bytes come from, in the order a build
//! writes them. `build` writes each entry to disk; the dev server serves the same list from
//! memory; so the two always publish the same set of paths, and a new kind of page is added here
//! once, for both.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{
    ALL_SAMPLES_ARCHIVE, HIGHLIGHT_CSS, PageSpec, TOC_SCRIPT, chapter_archive_path, site_pages,
};
use crate::content::{CONTENT_DIR, SAMPLES_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::theme::{Origin, STATIC_DIR, Theme};

/// Where a file of the site comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A page rendered from a template.
    Page(PageSpec),
    /// The generated syntax-highlighting stylesheet.
    HighlightCss,
    /// The generated table of contents for the runtime (`js/toc.js`).
    TocScript,
    /// A static file of the theme (by its name in the theme).
    Static(String),
    /// A zip of samples: these files (relative to `content/`), each at its own path.
    Archive { files: Vec<PathBuf> },
    /// A file under `content/` (relative to it), published as it is.
    Asset(PathBuf),
}

/// Every file of the site, by path, in the order a build writes them. Two sources of one path
/// (a file under `content/` named like a page, or like a theme file) are errors: one would
/// silently replace the other.
pub fn site_plan(workshop: &Workshop, theme: &Theme) -> (Vec<(String, Source)>, Diagnostics) {
    let mut plan: Vec<(String, Source)> = site_pages(workshop)
        .into_iter()
        .map(|(path, spec)| (path, Source::Page(spec)))
        .collect();
    plan.push((HIGHLIGHT_CSS.to_string(), Source::HighlightCss));
    plan.push((TOC_SCRIPT.to_string(), Source::TocScript));
    for name in theme.statics.keys() {
        plan.push((name.clone(), Source::Static(name.clone())));
    }
    for chapter in &workshop.chapters {
        let files = workshop.chapter_samples(chapter);
        if !files.is_empty() {
            plan.push((
                chapter_archive_path(&chapter.slug),
                Source::Archive { files },
            ));
        }
    }
    let all: Vec<PathBuf> = workshop.samples().cloned().collect();
    if !all.is_empty() {
        plan.push((
            ALL_SAMPLES_ARCHIVE.to_string(),
            Source::Archive { files: all },
        ));
    }
    for asset in workshop.assets() {
        let url = asset.to_string_lossy().replace('\\', "/");
        plan.push((url, Source::Asset(asset.clone())));
    }
    let clashes = clashes(&plan, theme);
    (plan, clashes)
}

/// An error for every path two entries of `plan` want.
fn clashes(plan: &[(String, Source)], theme: &Theme) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut first: HashMap<&str, &Source> = HashMap::with_capacity(plan.len());
    for (path, source) in plan {
        let Some(earlier) = first.insert(path, source) else {
            continue;
        };
        let (file, replaced) = match (source, earlier) {
            (Source::Asset(asset), other) | (other, Source::Asset(asset)) => {
                (Path::new(CONTENT_DIR).join(asset), other)
            }
            (Source::Static(name), other) | (other, Source::Static(name)) => {
                match theme.statics.get(name).map(|f| &f.origin) {
                    Some(Origin::Workshop(shown)) => (shown.clone(), other),
                    _ => (Path::new(STATIC_DIR).join(name), other),
                }
            }
            _ => continue,
        };
        let what = match replaced {
            Source::Page(_) => "a page the build writes",
            Source::HighlightCss => "the highlighting stylesheet the build writes",
            Source::TocScript => "the table of contents the build writes",
            Source::Static(_) => "a file of the theme",
            Source::Archive { .. } => "the samples' archive the build writes",
            Source::Asset(_) => "another file",
        };
        found.push(
            Diagnostic::error(
                file,
                Pos::FILE,
                format!("this would be published as `{path}`, which is also {what}"),
            )
            .with_hint(
                "rename the file, or move it into a folder of its own (e.g. content/files/)",
            ),
        );
    }
    found
}

/// A file under `content/` (relative to it) that is a sample: under `samples/` or included by
/// a chapter. Its ANCHOR lines are not published.
pub(super) fn is_sample(workshop: &Workshop, asset: &Path) -> bool {
    asset.starts_with(SAMPLES_DIR)
        || workshop.chapters.iter().any(|c| {
            c.includes
                .iter()
                .any(|inc| inc.strip_prefix(CONTENT_DIR).is_ok_and(|rel| rel == asset))
        })
}
