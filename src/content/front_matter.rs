//! A chapter's TOML front matter between `+++` lines.

use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Pos};
use crate::dialect::{DialectSettings, Syntax};
use crate::slug::{is_slug, slugify};

/// The keys a chapter may set.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The chapter's title (required).
    pub title: String,
    /// Minutes planned for the chapter. Default: `default_duration` from workshop.toml.
    pub duration: Option<u32>,
    /// The chapter's name in URLs and slide ids. Default: the file name without its number.
    pub slug: Option<String>,
    /// One sentence for the agenda.
    pub summary: Option<String>,
    /// What attendees will be able to do afterwards.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// `reveal` or `remark`. Default: `syntax` from workshop.toml.
    pub syntax: Option<Syntax>,
    /// reveal only: separators as in workshop.toml. Default: workshop.toml's.
    pub separator: Option<String>,
    pub separator_vertical: Option<String>,
    pub separator_notes: Option<String>,
    /// remark only: classes whose slides are left out. Default: workshop.toml's.
    pub exclude_classes: Option<Vec<String>>,
    /// A chapter being written: `build`, `check` and `pdf` leave it out (with a warning),
    /// `serve` shows it with a "draft" badge. Default: false.
    #[serde(default)]
    pub draft: bool,
}

impl FrontMatter {
    /// The chapter's own dialect settings (unset ones come from workshop.toml).
    pub fn dialect_settings(&self) -> DialectSettings {
        DialectSettings {
            syntax: self.syntax,
            separator: self.separator.clone(),
            separator_vertical: self.separator_vertical.clone(),
            separator_notes: self.separator_notes.clone(),
            exclude_classes: self.exclude_classes.clone(),
        }
    }
}

/// A chapter file cut into its front matter and its body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front_matter: FrontMatter,
    /// The raw TOML, for positions of keys in messages.
    pub toml: &'a str,
    /// The Markdown after the closing `+++`.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

const FENCE: &str = "+++";

/// Cut `text` into front matter and body, and parse the front matter.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err(Diagnostic::error(
            path,
            Pos::new(1, 1),
            "the chapter does not start with `+++` front matter",
        )
        .with_hint("start the file with `+++`, a line `title = \"…\"`, and a closing `+++`"));
    }
    let toml_start = first.len();
    let mut offset = toml_start;
    for line in lines {
        if line.trim_end() == FENCE {
            let toml = &text[toml_start..offset];
            let body_offset = offset + line.len();
            let front_matter: FrontMatter = crate::toml_input::parse(toml, path, Pos::new(2, 1))?;
            validate(&front_matter, toml, path)?;
            return Ok(Split {
                front_matter,
                toml,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        path,
        Pos::new(1, 1),
        "the front matter opened here is never closed",
    )
    .with_hint("add a line holding only `+++` after the chapter's settings"))
}

fn validate(front_matter: &FrontMatter, toml: &str, path: &Path) -> Result<(), Diagnostic> {
    let at = |key| crate::config::key_position(toml, key).offset_by(Pos::new(2, 1));
    if front_matter.title.trim().is_empty() {
        return Err(
            Diagnostic::error(path, at("title"), "the chapter's title is empty")
                .with_hint("set `title = \"…\"` in the front matter"),
        );
    }
    if front_matter.duration == Some(0) {
        return Err(
            Diagnostic::error(path, at("duration"), "a chapter cannot last 0 minutes")
                .with_hint("set `duration` to the planned minutes, e.g. `duration = 20`"),
        );
    }
    if let Some(slug) = &front_matter.slug
        && !is_slug(slug)
    {
        // The slug the author meant, or (when nothing of it is usable) one from the title.
        let suggested = [slugify(slug), slugify(&front_matter.title)]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "intro".to_string());
        if slug.is_empty() {
            return Err(
                Diagnostic::error(path, at("slug"), "the chapter's slug is empty").with_hint(
                    format!("remove the `slug` line to use the file's name, or give one such as `slug = \"{suggested}\"`"),
                ),
            );
        }
        return Err(Diagnostic::error(
            path,
            at("slug"),
            format!("slug `{slug}` may only hold a-z, 0-9 and `-`"),
        )
        .with_hint(format!("for example `slug = \"{suggested}\"`")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_the_body() {
        let s = split(
            "+++\ntitle = \"Intro\"\nduration = 20\n+++\n# Hi\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(s.front_matter.title, "Intro");
        assert_eq!(s.front_matter.duration, Some(20));
        assert_eq!(s.body, "# Hi\n");
    }

    #[test]
    fn unterminated_front_matter_points_at_its_start() {
        let e = split("+++\ntitle = \"x\"\n# Hi\n", Path::new("a.md")).unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn toml_errors_are_placed_in_the_file() {
        let e = split(
            "+++\ntitle = \"x\"\nduration = \"twenty\"\n+++\n",
            Path::new("a.md"),
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
    }
}
