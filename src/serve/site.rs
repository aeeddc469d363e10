//! The site the dev server serves, kept in memory: nothing is written to disk, and a request can
//! only ever reach a file the build produced.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::render::PageAssembler;

pub use crate::render::MemorySink;

/// Files by their path in the site (`css/deck.css`), the same for everyone, and the pages, put
/// together for each audience (presenters' carry the speaker notes).
#[derive(Clone, Default)]
pub struct Site {
    pub files: HashMap<String, Bytes>,
    /// Pages, spliced together on first request from their rendered shell and the chapters.
    pages: HashMap<(String, Audience), Arc<LazyPage>>,
}

/// A page: its template rendered (with a placeholder for each chapter), and the chapters' slides
/// spliced in when first asked for, then kept.
pub struct LazyPage {
    shell: Arc<str>,
    assembler: Arc<PageAssembler>,
    spliced: OnceLock<Vec<Bytes>>,
}

/// What a request for a page gets.
pub enum Found {
    /// The file, in chunks (a page shares its chapters' rendered slides with other pages).
    Page(Vec<Bytes>),
}

/// Who is asking for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    Presenter,
    Follower,
}

impl Site {
    /// The file at `path` as `who` may see it.
    pub fn get(&self, path: &str, who: Audience) -> Option<Found> {
        if let Some(page) = self.pages.get(&(path.to_string(), who)) {
            let chunks = page
                .spliced
                .get_or_init(|| page.assembler.splice_into(&page.shell));
            return Some(Found::Page(chunks.clone()));
        }
        self.files
            .get(path)
            .map(|file| Found::Page(vec![file.clone()]))
    }

    /// Serve `shells` (rendered page templates, by path) to `who`, with the chapters of
    /// `assembler` spliced in.
    pub fn add_pages(
        &mut self,
        who: Audience,
        assembler: PageAssembler,
        shells: Vec<(String, Arc<str>)>,
    ) {
        let assembler = Arc::new(assembler);
        for (path, shell) in shells {
            self.files.remove(&path);
            let page = LazyPage {
                shell,
                assembler: assembler.clone(),
                spliced: OnceLock::new(),
            };
            self.pages.insert((path, who), Arc::new(page));
        }
    }
}

impl Site {
    /// Every path the site serves (to presenters and followers alike), sorted.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .files
            .keys()
            .map(String::as_str)
            .chain(self.pages.keys().map(|(path, _)| path.as_str()))
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths
    }

    /// The paths of the pages, sorted.
    pub fn page_paths(&self) -> std::collections::BTreeSet<&str> {
        self.pages.keys().map(|(path, _)| path.as_str()).collect()
    }

    /// Serve `old`'s pages (spliced or not) again: nothing they are made of changed.
    pub fn keep_pages(&mut self, old: &Site) {
        self.pages = old.pages.clone();
    }
}

/// Resolve a request path to a site path: percent-decoded, `/` → `index.html`, folders →
/// their `index.html`. `None` for anything that tries to climb out (`..`, encoded or not).
pub fn resolve(request_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_resolve_inside_the_site_only() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/css/deck.css").as_deref(), Some("css/deck.css"));
        assert_eq!(resolve("/samples/").as_deref(), Some("samples/index.html"));
        assert_eq!(resolve("/a%20b.png").as_deref(), Some("a b.png"));
        assert_eq!(resolve("/../etc/passwd"), None);
        assert_eq!(resolve("/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve("/css/..%2f..%2fsecret"), None);
        assert_eq!(resolve("/x%00y"), None);
    }
}
