//! Tables of contents on slides: the placeholders `{{#toc}}` and `{{#toc chapter}}` left in a
//! slide's HTML (see `markdown::toc`), filled with the workshop's chapters (title, duration, a
//! link to the chapter's deck page) or the chapter's slides (title, number, a link to the
//! slide). The same HTML serves the deck, the handouts and print.

use std::borrow::Cow;
use std::fmt::Write;

use crate::content::{Chapter, Workshop};
use crate::html::escape;

/// `html` with every table-of-contents placeholder filled, for a slide of `chapter`.
pub fn fill<'h>(html: &'h str, workshop: &Workshop, chapter: &Chapter) -> Cow<'h, str> {
    if !chapter.toc || !html.contains("data-toc=\"") {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for (marker, list) in [
        ("data-toc=\"workshop\"", chapters(workshop, chapter)),
        ("data-toc=\"chapter\"", slides(chapter)),
    ] {
        let mut from = 0;
        while let Some(rel) = out[from..].find(marker) {
            let at = from + rel;
            // The placeholder is empty: its start tag's end is followed by its end tag.
            let Some(close) = out[at..].find("></nav>").map(|c| at + c + 1) else {
                break;
            };
            out.insert_str(close, &list);
            from = close + list.len();
        }
    }
    Cow::Owned(out)
}

/// The chapters, the current one marked.
fn chapters(workshop: &Workshop, current: &Chapter) -> String {
    let mut out = String::from("<ol class=\"toc-chapters\">");
    for chapter in &workshop.chapters {
        let here = chapter.slug == current.slug;
        let _ = write!(
            out,
            "<li{}><a href=\"{}\"{}>{}</a>",
            if here { " class=\"current\"" } else { "" },
            escape(&super::chapter_deck_path(&chapter.slug)),
            if here { " aria-current=\"page\"" } else { "" },
            escape(&chapter.title)
        );
        if let Some(minutes) = chapter.duration {
            let _ = write!(out, " <span class=\"toc-duration\">{minutes} min</span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// The chapter's slides that have a title, each linked to its place in the deck.
fn slides(chapter: &Chapter) -> String {
    let deck = super::chapter_deck_path(&chapter.slug);
    let mut out = String::from("<ol class=\"toc-slides-of-chapter\">");
    for slide in chapter.slides.iter().filter(|s| !s.title.trim().is_empty()) {
        let _ = write!(
            out,
            "<li{}><a href=\"{}#/{}\">{}</a></li>",
            if slide.v > 0 { " class=\"sub\"" } else { "" },
            escape(&deck),
            escape(&slide.id),
            escape(&slide.title)
        );
    }
    out.push_str("</ol>");
    out
}
