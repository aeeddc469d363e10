//! The sites the browser tests look at, built once per test run, and the ways to reach them: a
//! tiny static HTTP server on 127.0.0.1 that serves a site under a sub-path (as a real host
//! might, `/talks/k8s/`), or a copy on disk opened through `file://`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{Browser, Page};
use crate::support::{DIALECTS, EVERY_FEATURE, Site};

/// The workshop bundled at the repository's root, built once.
pub use crate::support::BUNDLED as WORKSHOP;

/// The sub-path the test server puts every site under.
pub const PREFIX: &str = "/talks/k8s/";

/// The bundled workshop over HTTP: `http://127.0.0.1:<port>/talks/k8s/`.
pub fn workshop_url() -> &'static str {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&WORKSHOP));
    &URL
}

/// The every-feature fixture (vertical slides, fragment indexes) over HTTP.
pub fn every_feature_url() -> &'static str {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&EVERY_FEATURE));
    &URL
}

/// The dialects fixture (both dialects, backgrounds) over HTTP.
pub fn dialects_url() -> &'static str {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&DIALECTS));
    &URL
}

/// Serve `site` under [`PREFIX`] on a free port of 127.0.0.1, until the test binary exits.
/// Returns the site's base URL, ending in `/`.
pub fn serve(site: &'static Site) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = answer(&site.files, stream);
            });
        }
    });
    format!("http://{addr}{PREFIX}")
}

/// One request, one response, then the connection closes.
fn answer(files: &BTreeMap<String, Vec<u8>>, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split(['?', '#']).next().unwrap_or("");
    let file = path.strip_prefix(PREFIX).map(|rel| {
        let rel = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
        if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.into_owned()
        }
    });
    let (status, kind, body): (&str, String, &[u8]) =
        match file.as_deref().and_then(|f| files.get(f).map(|b| (f, b))) {
            Some((name, body)) => (
                "200 OK",
                mime_guess::from_path(name)
                    .first_or_octet_stream()
                    .to_string(),
                body,
            ),
            None => ("404 Not Found", "text/plain".into(), b"not found"),
        };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A copy of a site on disk, for `file://`; removed when it drops.
pub struct OnDisk {
    _temp: tempfile::TempDir,
    pub root: PathBuf,
}

impl OnDisk {
    pub fn new(site: &Site) -> OnDisk {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().canonicalize().unwrap().join("my talk");
        for (path, bytes) in &site.files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        OnDisk { _temp: temp, root }
    }

    /// The `file://` URL of the folder, ending in `/` (with the space in "my talk" encoded).
    pub fn url(&self) -> String {
        format!("file://{}/", self.root.display()).replace(' ', "%20")
    }
}

/// `deckhand.getState()`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[allow(dead_code)]
pub struct DeckState {
    pub id: String,
    pub f: u32,
    pub index: u32,
    pub total: u32,
    pub fragments: u32,
    pub number: String,
    pub title: String,
    pub chapter: String,
    pub overview: bool,
    pub paused: bool,
}

/// The chapters' slugs in order, from the site's table of contents (`js/toc.js`).
pub fn chapter_slugs(site: &Site) -> Vec<String> {
    let text = site.text("js/toc.js").trim();
    let json = text
        .strip_prefix("window.deckhandToc=")
        .and_then(|t| t.strip_suffix(';'))
        .unwrap_or_else(|| panic!("js/toc.js is not the expected script: {text:.80}"));
    let toc: serde_json::Value = serde_json::from_str(json).unwrap();
    toc["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap().to_string())
        .collect()
}

/// The bundled workshop's first chapter's deck page.
pub fn first_chapter_deck() -> String {
    format!("deck-{}.html", chapter_slugs(&WORKSHOP)[0])
}

/// The ids of the slides on a chapter's deck page, in order.
pub fn slide_ids(site: &Site, slug: &str) -> Vec<String> {
    let html = site.text(&format!("deck-{slug}.html"));
    html.match_indices("<section class=\"slide")
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            crate::support::attr(tag, "id").map(str::to_string)
        })
        .collect()
}

/// Open a deck page and wait until its runtime is ready.
pub fn open_deck(browser: &Browser, url: &str) -> Page {
    let page = browser.open(url);
    wait_ready(&page);
    page
}

pub fn wait_ready(page: &Page) {
    page.wait_for("window.deckhand && deckhand.ready");
}

/// Helpers on a page showing a deck.
pub trait Deck {
    fn state(&self) -> DeckState;
    /// Wait until the visible slide is `id` at step `f`, in the runtime, on screen and in the
    /// URL hash.
    fn wait_at(&self, id: &str, f: u32);
}

impl Deck for Page {
    fn state(&self) -> DeckState {
        self.eval("deckhand.getState()")
    }

    #[track_caller]
    fn wait_at(&self, id: &str, f: u32) {
        let hash = if f > 0 {
            format!("#/{id}/{f}")
        } else {
            format!("#/{id}")
        };
        let js = format!(
            "(() => {{ const s = deckhand.getState(), vis = [...document.querySelectorAll('.slide')]
                 .filter(el => getComputedStyle(el).visibility === 'visible');
               return s.id === {id:?} && s.f === {f} && location.hash === {hash:?}
                 && vis.length === 1 && vis[0].id === {id:?}; }})()"
        );
        self.wait_for_or(&js, || {
            format!(
                "wanted {hash}; state {:?}, hash {:?}",
                self.try_eval("deckhand.getState()"),
                self.try_eval("location.hash")
            )
        });
    }
}
