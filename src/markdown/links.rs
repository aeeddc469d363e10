//! Links and image sources in chapters: rewritten for the flat output (every page sits at the
//! site's root, where `content/` is mirrored) and recorded so that `check` can find dead ones.
//!
//! - `https://…`, `mailto:…`, `#/slide-id`: left alone.
//! - `#anchor`: a heading of the same chapter; heading ids carry the chapter's slug, so it
//!   becomes `#<slug>-<anchor>`.
//! - `02-concepts.md` or `02-concepts.md#pods`: another chapter, on its deck page
//!   (`deck-concepts.html#chapter-concepts`, `deck-concepts.html#concepts-pods`).
//! - anything else: a file under `content/`, which the site must publish (checked once every
//!   file is known, by `check::lint`, so that a chapter does not depend on which files exist).

use std::path::{Component, Path, PathBuf};

use super::ChapterRenderer;
use crate::diagnostics::{Diagnostic, Pos};
use crate::dialect::Syntax;

/// A link to a file under `content/`, checked against the published files once they are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    pub pos: Pos,
    /// Relative to the workshop folder, e.g. `content/images/pod.svg`.
    pub target: PathBuf,
    /// The path as the author wrote it, `%20` decoded.
    pub written: String,
}

/// A link to something inside the workshop, checked once every chapter is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub pos: Pos,
    /// The element id the link needs, e.g. `concepts-pods`.
    pub id: String,
    /// As the author wrote it.
    pub written: String,
}

impl ChapterRenderer<'_> {
    /// The URL to write for `dest`, found at `pos`.
    pub(super) fn rewrite_link(&mut self, dest: &str, pos: Pos) -> String {
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") || dest.starts_with("#/") {
            return dest.to_string();
        }
        if let Some(anchor) = dest.strip_prefix('#')
            && self.syntax == Syntax::Remark
        {
            // remark: `#name` is the slide named so, anywhere in the deck.
            self.anchor_links.push(AnchorLink {
                pos,
                id: anchor.to_string(),
                written: dest.to_string(),
            });
            return format!("#/{anchor}");
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            let id = format!("{}-{anchor}", self.slug);
            self.anchor_links.push(AnchorLink {
                pos,
                id: id.clone(),
                written: dest.to_string(),
            });
            return format!("#{id}");
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let decoded = path_part.replace("%20", " ");
        let from_dir = self.path.parent().unwrap_or(Path::new(""));
        let Some(target) = normalize(&from_dir.join(&decoded)) else {
            if self.env.imported {
                self.unresolved.push((pos, dest.to_string()));
                return dest.to_string();
            }
            self.push(
                Diagnostic::error(
                    self.path,
                    pos,
                    format!("link `{dest}` points outside the workshop folder"),
                )
                .with_hint("link to files under content/, which is what the site publishes"),
            );
            return dest.to_string();
        };
        if let Some(slug) = self.env.chapter_slug(&target) {
            let id = match fragment {
                Some(anchor) if !anchor.is_empty() => format!("{slug}-{anchor}"),
                _ => format!("chapter-{slug}"),
            };
            self.anchor_links.push(AnchorLink {
                pos,
                id: id.clone(),
                written: dest.to_string(),
            });
            return format!("{}#{id}", crate::render::chapter_deck_path(slug));
        }
        let missing = !target.starts_with("content") || !self.env.root.join(&target).exists();
        if missing && self.env.imported {
            self.unresolved.push((pos, dest.to_string()));
        } else if !target.starts_with("content") {
            self.push(
                Diagnostic::error(
                    self.path,
                    pos,
                    format!("link `{dest}` points outside content/, which is not published"),
                )
                .with_hint("move the file under content/ (for example content/images/)"),
            );
        } else {
            self.file_links.push(FileLink {
                pos,
                target,
                written: decoded,
            });
        }
        dest.to_string()
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        // `C:\…` is a Windows path, not a URL.
        && scheme.len() > 1
}

/// Resolve `.` and `..` without touching the disk; `None` when the path climbs above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://kubernetes.io"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("images/a.png"));
        assert!(!has_scheme("C:/x"));
    }

    #[test]
    fn normalize_refuses_to_climb_out() {
        assert_eq!(
            normalize(Path::new("content/./a/../b.png")),
            Some(PathBuf::from("content/b.png"))
        );
        assert_eq!(normalize(Path::new("content/../../x")), None);
    }
}
