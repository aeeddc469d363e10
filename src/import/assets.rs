//! The files a deck refers to — images, videos, downloads, other chapters — found in its
//! Markdown and HTML (`](path)`, `[id]: path`, `src=`, `href=`, `data-background…=`, CSS
//! `url(…)`), copied into the workshop's `content/`, and the references rewritten to where the
//! copies are. A reference to another file of the deck becomes a link to its chapter.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::dialect::lines::prose_lines;

/// Where the files of the deck go.
pub struct Assets<'a> {
    /// The folder relative references start from (the deck's page, or its Markdown file's).
    pub base: &'a Path,
    /// The source files of chapters, canonical, and the chapter files they became.
    pub chapters: &'a BTreeMap<PathBuf, String>,
    /// Files to copy: source (canonical) → path under `content/`.
    pub copies: BTreeMap<PathBuf, PathBuf>,
    /// Sources that could not be carried: references to nothing, to a page of the site.
    pub missing: Vec<String>,
}

impl<'a> Assets<'a> {
    pub fn new(base: &'a Path, chapters: &'a BTreeMap<PathBuf, String>) -> Assets<'a> {
        Assets {
            base,
            chapters,
            copies: BTreeMap::new(),
            missing: Vec::new(),
        }
    }

    /// `markdown` with its references to local files rewritten (code blocks left alone).
    pub fn rewrite(&mut self, markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len());
        let mut last = 0;
        for (offset, line) in prose_lines(markdown) {
            for (start, end) in references(line) {
                let written = &line[start..end];
                if let Some(new) = self.place(written) {
                    out.push_str(&markdown[last..offset + start]);
                    out.push_str(&new);
                    last = offset + end;
                }
            }
        }
        out.push_str(&markdown[last..]);
        out
    }

    /// Where a reference written `written` should point now, if it moves.
    fn place(&mut self, written: &str) -> Option<String> {
        if is_external(written) {
            return None;
        }
        let (path, fragment) = match written.find(['#', '?']) {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let source = self.base.join(decoded.as_ref());
        let Ok(canonical) = source.canonicalize() else {
            self.missing.push(written.to_string());
            return None;
        };
        if let Some(chapter) = self.chapters.get(&canonical) {
            return Some(format!("{chapter}{fragment}"));
        }
        if !canonical.is_file() {
            self.missing.push(written.to_string());
            return None;
        }
        let target = match normalized(Path::new(decoded.as_ref())) {
            Some(inside) => inside,
            None => Path::new("files").join(canonical.file_name()?),
        };
        let target = self.copies.entry(canonical).or_insert(target).clone();
        let url = target
            .to_string_lossy()
            .replace('\\', "/")
            .replace(' ', "%20");
        Some(format!("{url}{fragment}"))
    }
}

/// A URL that leaves the deck's folder alone: with a scheme, from the site's root, an anchor.
fn is_external(url: &str) -> bool {
    url.is_empty()
        || url.starts_with('#')
        || url.starts_with('/')
        || url.contains("{{")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// `path` without `.` and `..`, if it stays inside its start.
fn normalized(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// The byte ranges of the references in `line`.
fn references(line: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // Markdown: `](dest)` and `](<dest>)`.
    for (i, _) in line.match_indices("](") {
        let start = i + 2;
        let rest = &line[start..];
        if let Some(inner) = rest.strip_prefix('<') {
            if let Some(end) = inner.find('>') {
                found.push((start + 1, start + 1 + end));
            }
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(rest.len());
        if end > 0 {
            found.push((start, start + end));
        }
    }
    // A reference definition: `[id]: dest`.
    let trimmed = line.trim_start();
    if trimmed.starts_with('[')
        && let Some(close) = trimmed.find("]:")
    {
        let after = &trimmed[close + 2..];
        let dest = after.trim_start();
        let start = line.len() - trimmed.len() + close + 2 + (after.len() - dest.len());
        let dest = dest.trim_start_matches('<');
        let offset = line[start..].len() - dest.len();
        let end = dest
            .find(|c: char| c.is_whitespace() || c == '>')
            .unwrap_or(dest.len());
        if end > 0 {
            found.push((start + offset, start + offset + end));
        }
    }
    // HTML attributes, with either quote.
    for attribute in [
        "src=",
        "href=",
        "poster=",
        "data-background=",
        "data-background-image=",
        "data-background-video=",
        "data-background-iframe=",
    ] {
        for (i, _) in line.match_indices(attribute) {
            let before = line[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-') {
                continue;
            }
            let start = i + attribute.len();
            let Some(quote) = line[start..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            if let Some(end) = line[start + 1..].find(quote) {
                found.push((start + 1, start + 1 + end));
            }
        }
    }
    // CSS `url(…)`, as remark's `background-image:` writes it.
    for (i, _) in line.match_indices("url(") {
        let mut start = i + 4;
        let rest = &line[start..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        if quote.is_some() {
            start += 1;
        }
        let rest = &line[start..];
        let end = rest
            .find(|c: char| Some(c) == quote || c == ')')
            .unwrap_or(rest.len());
        if end > 0 {
            found.push((start, start + end));
        }
    }
    found.sort();
    found.dedup_by(|b, a| b.0 < a.1);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_markdown_html_and_css() {
        let line = r#"![a](images/a.png "t") [b](<my file.pdf>) <img src="c.svg"> url('d.jpg') [x](https://e.org)"#;
        let found: Vec<&str> = references(line).iter().map(|&(a, b)| &line[a..b]).collect();
        assert_eq!(
            found,
            [
                "images/a.png",
                "my file.pdf",
                "c.svg",
                "d.jpg",
                "https://e.org"
            ]
        );
        let def = "[logo]: ../images/logo.png \"Logo\"";
        let found: Vec<&str> = references(def).iter().map(|&(a, b)| &def[a..b]).collect();
        assert_eq!(found, ["../images/logo.png"]);
    }

    #[test]
    fn files_are_placed_under_content_and_chapters_linked() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("slides");
        std::fs::create_dir_all(base.join("images")).unwrap();
        std::fs::create_dir_all(base.join("k8s")).unwrap();
        std::fs::write(base.join("images/a.png"), b"png").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), b"a: 1").unwrap();
        std::fs::write(base.join("k8s/pods.md"), b"# Pods").unwrap();
        let mut chapters = BTreeMap::new();
        chapters.insert(
            base.join("k8s/pods.md").canonicalize().unwrap(),
            "003-pods.md".to_string(),
        );
        let mut assets = Assets::new(&base, &chapters);
        let text = "![a](images/a.png) [y](../outside.yaml) [p](k8s/pods.md#x) [gone](nothing.png)\n```\n![a](images/a.png)\n```\n";
        let out = assets.rewrite(text);
        assert_eq!(
            out,
            "![a](images/a.png) [y](files/outside.yaml) [p](003-pods.md#x) [gone](nothing.png)\n```\n![a](images/a.png)\n```\n"
        );
        assert_eq!(assets.copies.len(), 2);
        assert_eq!(assets.missing, ["nothing.png"]);
    }
}
