//! Cutting a document into parts that one browser run prints comfortably.
//!
//! Chromium prints a long page in time that grows faster than its length (5,000 slides in one
//! page: 9 minutes here; in parts of 200: a fraction of that), and it shows no progress on the
//! way. So a large workshop is printed a few chapters at a time, each part a copy of the page
//! holding only its chapters, and the parts are joined afterwards.

use std::collections::HashSet;
use std::ops::Range;

use super::merge::DEST_SCHEME;

/// Chapters printed by one browser run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Indices into the workshop's chapters.
    pub chapters: Range<usize>,
    pub slides: usize,
}

/// Consecutive chapters grouped into parts of at most `limit` slides (a larger chapter is a part
/// of its own).
pub fn plan(slides_per_chapter: &[usize], limit: usize) -> Vec<Part> {
    let limit = limit.max(1);
    let mut parts: Vec<Part> = Vec::new();
    for (index, &slides) in slides_per_chapter.iter().enumerate() {
        match parts.last_mut() {
            Some(last) if last.slides + slides <= limit => {
                last.chapters.end = index + 1;
                last.slides += slides;
            }
            _ => parts.push(Part {
                chapters: index..index + 1,
                slides,
            }),
        }
    }
    if parts.is_empty() {
        parts.push(Part {
            chapters: 0..0,
            slides: 0,
        });
    }
    parts
}

/// Links to an anchor that is not in this part (`href="#x"` with no `id="x"` here) point at
/// `deckhand-dest:x` instead: Chromium drops a link to an anchor it cannot find, and keeps this
/// one, which the join turns into a link to the destination `x` another part printed.
pub fn retarget_anchors(html: &str) -> String {
    let ids: HashSet<&str> = attribute_values(html, " id=\"").collect();
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    const HREF: &str = "href=\"#";
    while let Some(at) = rest.find(HREF) {
        let value_start = at + HREF.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let name = &rest[value_start..value_start + len];
        out.push_str(&rest[..at]);
        if name.is_empty() || name.starts_with('/') || ids.contains(name) {
            out.push_str(&rest[at..value_start + len]);
        } else {
            out.push_str("href=\"");
            out.push_str(DEST_SCHEME);
            out.push_str(name);
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

fn attribute_values<'a>(html: &'a str, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    html.match_indices(prefix).filter_map(move |(at, _)| {
        let start = at + prefix.len();
        html[start..].find('"').map(|len| &html[start..start + len])
    })
}

/// `html` with a `<style>` added at the end of its head.
pub fn with_style(html: &str, css: &str) -> String {
    let style = format!("<style>{css}</style>\n");
    match html.find("</head>") {
        Some(at) => format!("{}{style}{}", &html[..at], &html[at..]),
        None => format!("{style}{html}"),
    }
}

/// The style of a handout part after the first: no cover or contents again, and page numbers
/// that go on from the previous part's (`counter-increment` on the first page sets its number).
pub fn continuation_style(first_page: usize) -> String {
    format!(
        ".handout-cover, .toc {{ display: none !important; }} \
         @page :first {{ counter-increment: page {first_page}; }}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_are_grouped_up_to_the_limit() {
        let parts = plan(&[10, 10, 25, 5, 5, 30, 1], 25);
        let ranges: Vec<_> = parts.iter().map(|p| p.chapters.clone()).collect();
        assert_eq!(ranges, vec![0..2, 2..3, 3..5, 5..6, 6..7]);
        assert_eq!(parts.iter().map(|p| p.slides).sum::<usize>(), 86);
        assert_eq!(plan(&[3, 4], 200).len(), 1);
        assert_eq!(
            plan(&[], 200),
            vec![Part {
                chapters: 0..0,
                slides: 0
            }]
        );
    }

    #[test]
    fn links_to_anchors_elsewhere_are_retargeted() {
        let html = r##"<a href="#here">a</a><h2 id="here"></h2><a href="#gone">b</a><a href="#/x">c</a><a href="page.html#gone">d</a>"##;
        assert_eq!(
            retarget_anchors(html),
            r##"<a href="#here">a</a><h2 id="here"></h2><a href="deckhand-dest:gone">b</a><a href="#/x">c</a><a href="page.html#gone">d</a>"##
        );
    }

    #[test]
    fn styles_go_into_the_head() {
        assert_eq!(
            with_style("<head><title>t</title></head><body>", "b{}"),
            "<head><title>t</title><style>b{}</style>\n</head><body>"
        );
    }
}
