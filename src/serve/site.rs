//! The site the dev server serves, kept in memory: nothing is written to disk, and a request can
//! only ever reach a file the build produced.

use axum::body::Bytes;
use std::collections::HashMap;

use crate::render::Sink;

/// Files by their path in the site (`css/deck.css`), plus the pages that differ for presenters
/// (the ones that carry speaker notes).
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub files: HashMap<String, Bytes>,
    /// Pages rendered with speaker notes, for browsers holding the presenter token.
    pub presenter_pages: HashMap<String, Bytes>,
}

/// Who is asking for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Presenter,
    Follower,
}

impl Site {
    /// The file at `path` as `who` may see it.
    pub fn get(&self, path: &str, who: Audience) -> Option<Bytes> {
        if who == Audience::Presenter
            && let Some(page) = self.presenter_pages.get(path)
        {
            return Some(page.clone());
        }
        self.files.get(path).cloned()
    }
}

/// A [`Sink`] filling a map.
#[derive(Default)]
pub struct MemorySink {
    pub files: HashMap<String, Bytes>,
}

impl Sink for MemorySink {
    fn put(&mut self, path: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.files.insert(path.to_string(), Bytes::from(bytes));
        Ok(())
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
        assert_eq!(
            &*site.get("deck.html", Audience::Follower).unwrap(),
            b"public"
        );
        assert_eq!(
            &*site.get("deck.html", Audience::Presenter).unwrap(),
            b"notes"
        );
    }
}
