//! A deck manifest, as container.training's `markmaker.py` reads it: YAML with a `title` and a
//! `content` list whose entries are file names (relative to the manifest), Markdown written in
//! place (an entry of several lines), or lists of those (a part of the course). `exclude` lists
//! the classes whose slides are left out; `chat`, `gitrepo`, `slides`, `zip` and `html` fill the
//! `@@…@@` placeholders of the files.

use saphyr::{LoadableYamlNode, Yaml};
use std::path::{Path, PathBuf};

use super::placeholders::{self, Outcome, Values};
use super::{Deck, SourceChapter};
use crate::diagnostics::{Diagnostic, Pos};
use crate::dialect::Syntax;

/// Whether `text` is a deck manifest (a mapping with a `content` list).
pub fn is_manifest(text: &str) -> bool {
    Yaml::load_from_str(text)
        .ok()
        .and_then(|docs| docs.into_iter().next())
        .is_some_and(|doc| {
            doc.as_mapping_get("content")
                .and_then(|c| c.as_sequence())
                .is_some()
        })
}

/// Read the manifest at `path`: one chapter per top-level entry, or per file.
pub fn read(path: &Path, text: &str, chapter_per_file: bool) -> Result<Deck, Diagnostic> {
    let docs = Yaml::load_from_str(text).map_err(|err| {
        let marker = err.marker();
        Diagnostic::error(
            path,
            Pos::new(marker.line(), marker.col() + 1),
            format!("not valid YAML: {}", err.info()),
        )
        .with_hint("a deck manifest is YAML with `title:` and a `content:` list of Markdown files")
    })?;
    let doc = docs.into_iter().next().unwrap_or(Yaml::BadValue);
    let Some(content) = doc.as_mapping_get("content").and_then(|c| c.as_sequence()) else {
        return Err(not_a_manifest(path));
    };
    let text_of = |key: &str| {
        doc.as_mapping_get(key)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let title = text_of("title")
        .unwrap_or_default()
        .replace('\n', " ")
        .trim()
        .to_string();
    let mut values = Values {
        gitrepo: text_of("gitrepo"),
        ..Values::default()
    };
    let slides = text_of("slides").unwrap_or_default();
    let zip = text_of("zip").unwrap_or_else(|| {
        if slides.ends_with('/') {
            format!("{slides}slides.zip")
        } else {
            format!("{slides}/slides.zip")
        }
    });
    let html = text_of("html").unwrap_or_else(|| {
        format!(
            "{}.html",
            path.file_name().unwrap_or_default().to_string_lossy()
        )
    });
    for (name, value) in [
        ("CHAT", text_of("chat").unwrap_or_default()),
        ("GITREPO", text_of("gitrepo").unwrap_or_default()),
        ("SLIDES", slides.clone()),
        ("ZIP", zip),
        ("HTML", html),
        (
            "TITLE",
            text_of("title").unwrap_or_default().replace('\n', "<br/>"),
        ),
    ] {
        values.values.insert(name, value);
    }
    let exclude: Vec<String> = doc
        .as_mapping_get("exclude")
        .and_then(|e| e.as_sequence())
        .map(|list| {
            list.iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    // markmaker runs in the manifest's folder and reads `@@INCLUDE[…]` from the one above.
    let includes_from = base.join("..");
    let mut reader = Reader {
        base: &base,
        includes_from: &includes_from,
        values: &values,
        outcome: Outcome::default(),
        missing: Vec::new(),
    };
    let mut chapters = Vec::new();
    for entry in content {
        if chapter_per_file {
            for leaf in leaves(entry) {
                chapters.extend(reader.chapter(&[leaf]));
            }
        } else {
            chapters.extend(reader.chapter(&leaves(entry)));
        }
    }
    let mut not_carried: Vec<String> = reader
        .outcome
        .unresolved
        .iter()
        .map(|p| format!("placeholder {p} (taken out)"))
        .collect();
    not_carried.extend(
        reader
            .missing
            .iter()
            .map(|f| format!("content entry `{f}`: no such file")),
    );
    Ok(Deck {
        title,
        chapters,
        exclude_classes: exclude,
        not_carried,
        included: reader.outcome.included,
        toc: true,
    })
}

fn not_a_manifest(path: &Path) -> Diagnostic {
    Diagnostic::error(path, Pos::new(1, 1), "this YAML file is not a deck manifest: it has no `content:` list")
        .with_hint("import a deck's Markdown, its HTML page, or a manifest with `title:` and `content:` (a list of Markdown files)")
}

/// The entries of a content item, lists flattened.
fn leaves(entry: &Yaml<'_>) -> Vec<String> {
    match entry.as_sequence() {
        Some(list) => list.iter().flat_map(leaves).collect(),
        None => entry
            .as_str()
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
    }
}

struct Reader<'r> {
    base: &'r Path,
    includes_from: &'r Path,
    values: &'r Values,
    outcome: Outcome,
    missing: Vec<String>,
}

impl Reader<'_> {
    /// One chapter of the entries, joined as markmaker joins them (`\n---\n`).
    fn chapter(&mut self, entries: &[String]) -> Option<SourceChapter> {
        let mut parts = Vec::new();
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in entries {
            if entry.contains('\n') {
                parts.push(entry.clone());
                continue;
            }
            let file = self.base.join(entry.trim());
            match std::fs::read_to_string(&file) {
                Ok(text) => {
                    parts.push(placeholders::expand(
                        &text,
                        self.values,
                        self.includes_from,
                        &mut self.outcome,
                    ));
                    files.push(file);
                }
                Err(_) => self.missing.push(entry.trim().to_string()),
            }
        }
        if parts.is_empty() {
            return None;
        }
        let markdown = parts.join("\n---\n");
        let title = markdown
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string());
        Some(SourceChapter {
            title,
            syntax: Syntax::Remark,
            markdown,
            base: self.base.to_path_buf(),
            files,
            separators: None,
        })
    }
}
