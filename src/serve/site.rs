//! The site the dev server serves, kept in memory: nothing is written to disk, and a request can
//! only ever reach a file the build produced.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::render::{PageAssembler, PageSpec};

pub use crate::render::MemorySink;

/// Files by their path in the site (`css/deck.css`), plus the pages that differ for presenters
/// (the ones that carry speaker notes).
#[derive(Clone, Default)]
pub struct Site {
    pub files: HashMap<String, Bytes>,
    /// Pages rendered with speaker notes, for browsers holding the presenter token.
    pub presenter_pages: HashMap<String, Bytes>,
    /// Pages put together on first request (they replace `files`/`presenter_pages` entries).
    lazy: HashMap<(String, Audience), Arc<LazyPage>>,
}

/// A page rendered when first asked for, then kept.
struct LazyPage {
    assembler: Arc<PageAssembler>,
    spec: PageSpec,
    rendered: OnceLock<Result<Vec<Bytes>, String>>,
}

/// What a request for a page gets.
pub enum Found {
    /// The file, in chunks (a page shares its chapters' rendered slides with other pages).
    Page(Vec<Bytes>),
    /// The page could not be rendered (a template problem).
    Failed(String),
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
        if let Some(lazy) = self.lazy.get(&(path.to_string(), who)) {
            let (template, kind, chapter) = lazy.spec;
            let rendered = lazy.rendered.get_or_init(|| {
                lazy.assembler
                    .page_chunks(template, kind, chapter)
                    .map_err(|found| {
                        found
                            .iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
            });
            return Some(match rendered {
                Ok(bytes) => Found::Page(bytes.clone()),
                Err(message) => Found::Failed(message.clone()),
            });
        }
        if who == Audience::Presenter
            && let Some(page) = self.presenter_pages.get(path)
        {
            return Some(Found::Page(vec![page.clone()]));
        }
        self.files
            .get(path)
            .map(|file| Found::Page(vec![file.clone()]))
    }

    /// Have `who` get these pages rendered by `assembler` on request.
    pub fn lazy_pages(
        &mut self,
        who: Audience,
        assembler: PageAssembler,
        pages: Vec<(String, PageSpec)>,
    ) {
        let assembler = Arc::new(assembler);
        for (path, spec) in pages {
            match who {
                Audience::Follower => self.files.remove(&path),
                Audience::Presenter => self.presenter_pages.remove(&path),
            };
            let page = LazyPage {
                assembler: assembler.clone(),
                spec,
                rendered: OnceLock::new(),
            };
            self.lazy.insert((path, who), Arc::new(page));
        }
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

    #[test]
    fn presenters_see_their_pages_and_followers_the_public_ones() {
        let mut site = Site::default();
        site.files
            .insert("deck.html".into(), Bytes::from_static(b"public"));
        site.presenter_pages
            .insert("deck.html".into(), Bytes::from_static(b"notes"));
        let text = |who| match site.get("deck.html", who) {
            Some(Found::Page(chunks)) => chunks.concat(),
            _ => panic!("no page"),
        };
        assert_eq!(text(Audience::Follower), b"public");
        assert_eq!(text(Audience::Presenter), b"notes");
    }
}
