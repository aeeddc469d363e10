//! Small helpers on pulldown-cmark's event stream.

use pulldown_cmark::{CowStr, Event, HeadingLevel};

use super::elements::Out;
use crate::html::escape;

pub(super) fn html_event<'e>(html: String, inline: bool) -> Event<'e> {
    if inline {
        Event::InlineHtml(CowStr::from(html))
    } else {
        Event::Html(CowStr::from(html))
    }
}

/// One level down, so the page's own title stays the only `h1`.
pub(super) fn demoted(level: HeadingLevel) -> (HeadingLevel, &'static str) {
    match level {
        HeadingLevel::H1 => (HeadingLevel::H2, "h2"),
        HeadingLevel::H2 => (HeadingLevel::H3, "h3"),
        HeadingLevel::H3 => (HeadingLevel::H4, "h4"),
        HeadingLevel::H4 => (HeadingLevel::H5, "h5"),
        HeadingLevel::H5 | HeadingLevel::H6 => (HeadingLevel::H6, "h6"),
    }
}

/// The index of the `End` matching the `Start` at `start`.
pub(super) fn find_end(events: &[(Event<'_>, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

pub(super) fn plain_text(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Turn bare URLs in text into links, as GitHub does.
pub(super) fn linkify<'e>(text: &str, outs: &mut Vec<Out<'e>>) {
    if !text.contains("://") && !text.contains("www.") {
        outs.push(Out::Event(Event::Text(CowStr::from(text.to_string()))));
        return;
    }
    let mut finder = linkify::LinkFinder::new();
    finder
        .kinds(&[linkify::LinkKind::Url])
        .url_must_have_scheme(false);
    for span in finder.spans(text) {
        match span.kind() {
            Some(_) => {
                let url = span.as_str();
                let href = if url.contains("://") {
                    url.to_string()
                } else {
                    format!("https://{url}")
                };
                outs.push(Out::Event(Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&href),
                    escape(url)
                )))));
            }
            None => outs.push(Out::Event(Event::Text(CowStr::from(
                span.as_str().to_string(),
            )))),
        }
    }
}

/// Elements whose class list holds `fragment`.
pub fn count_fragments(html: &str) -> usize {
    html.match_indices("class=\"")
        .filter(|(i, _)| {
            let rest = &html[i + 7..];
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            value.split_whitespace().any(|c| c == "fragment")
        })
        .count()
}
