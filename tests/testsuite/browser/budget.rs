//! The weight budget (no browser needed): all the JavaScript and CSS that the deck page loads,
//! apart from the slides themselves, within 30 KB uncompressed (the budget) and 10.5 KB gzipped (our own, raised from 10 KB
//! when layouts, tall-code printing and the attendee fixes landed together). For scale,
//! reveal.js alone is 108 KB of JavaScript and 52 KB of CSS.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::site::{WORKSHOP, first_chapter_deck};
use crate::support::{attr, tags};

const RAW_BUDGET: usize = 30 * 1024;
const GZIP_BUDGET: usize = 10 * 1024 + 512;

fn gzip(bytes: &[u8]) -> usize {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

/// The text of every `<tag …>…</tag>` element without a `src` attribute.
fn inline<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let head_end = start + html[start..].find('>').unwrap() + 1;
        let end = head_end + html[head_end..].find(&close).unwrap();
        if !html[start..head_end].contains(" src=") {
            found.push(&html[head_end..end]);
        }
        from = end;
    }
    found
}

#[test]
fn the_deck_runtime_stays_within_its_weight_budget() {
    // A chapter's deck page (they all load the same files).
    let html = WORKSHOP.text(&first_chapter_deck());
    // What the deck loads: stylesheets, scripts, and what is inline in the page outside the
    // slides (the chrome template is HTML, not code, and is not counted).
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for tag in tags(html, "link") {
        if attr(tag, "rel") == Some("stylesheet") {
            let href = attr(tag, "href").unwrap();
            parts.push((href.to_string(), WORKSHOP.files[href].clone()));
        }
    }
    for tag in tags(html, "script") {
        // js/toc.js is data, the table of the chapters, and grows with the workshop as the
        // slides do: not part of the runtime.
        if let Some(src) = attr(tag, "src").filter(|src| *src != "js/toc.js") {
            let file = WORKSHOP
                .files
                .get(src)
                .unwrap_or_else(|| panic!("deck.html loads {src}, which the site does not have"));
            parts.push((src.to_string(), file.clone()));
        }
    }
    for (n, code) in inline(html, "script")
        .into_iter()
        .chain(inline(html, "style"))
        .enumerate()
    {
        parts.push((format!("inline #{n}"), code.as_bytes().to_vec()));
    }
    let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
    for wanted in [
        "css/deck.css",
        "css/highlight.css",
        "js/deck.js",
        "inline #0",
    ] {
        assert!(
            names.contains(&wanted),
            "{wanted} not found among {names:?}"
        );
    }

    // Each file travels on its own, so each is compressed on its own.
    let raw: usize = parts.iter().map(|(_, bytes)| bytes.len()).sum();
    let gzipped: usize = parts.iter().map(|(_, bytes)| gzip(bytes)).sum();
    let table: String = parts
        .iter()
        .map(|(name, bytes)| format!("  {name}: {} B, {} B gzipped\n", bytes.len(), gzip(bytes)))
        .collect();
    assert!(
        raw <= RAW_BUDGET && gzipped <= GZIP_BUDGET,
        "the deck loads {raw} B ({gzipped} B gzipped); the budget is {RAW_BUDGET} B ({GZIP_BUDGET} B gzipped):\n{table}"
    );
}
