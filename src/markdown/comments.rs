//! The comments a slide's Markdown may hold for deckhand: `<!-- .slide: … -->` (the slide's
//! attributes), `<!-- .element: … -->` (an element's) and `<!-- .column -->` (a column break).

use super::elements::Out;
use super::events::html_event;
use super::{COLUMN_BREAK, ChapterRenderer, Rendered};
use crate::diagnostics::Diagnostic;
use crate::html::Attributes;

impl ChapterRenderer<'_> {
    /// Pull `.slide:`, `.element:` and `.column` comments out of raw HTML; keep the rest.
    /// `top_level`: the HTML is a block of its own, outside lists and quotes.
    pub(super) fn html_comments<'e>(
        &mut self,
        html: &str,
        inline: bool,
        top_level: bool,
        at: usize,
        rendered: &mut Rendered,
        outs: &mut Vec<Out<'e>>,
    ) {
        let mut rest = html;
        let mut kept = String::new();
        let mut consumed = 0;
        while let Some(start) = rest.find("<!--") {
            let Some(len) = rest[start..].find("-->") else {
                break;
            };
            let comment = &rest[start + 4..start + len];
            let body = comment.trim();
            let pos = self.pos(at + consumed + start);
            let directive = body
                .strip_prefix(".slide:")
                .map(|a| (true, a))
                .or_else(|| body.strip_prefix(".element:").map(|a| (false, a)));
            kept.push_str(&rest[..start]);
            if body == ".column" {
                // Columns are split on the slide's top-level blocks: a break inside a list or
                // a paragraph would cut an element in two.
                if top_level {
                    kept.push_str(COLUMN_BREAK);
                    rendered.column_breaks.push(pos);
                } else {
                    self.push(Diagnostic::error(self.path, pos, "a `<!-- .column -->` break must be on a line of its own, outside lists and quotes")
                        .with_hint("put it between two paragraphs, with a blank line before and after"));
                }
                consumed += start + len + 3;
                rest = &rest[start + len + 3..];
                continue;
            }
            match directive {
                Some((is_slide, attrs)) => match Attributes::parse(attrs) {
                    Ok(attrs) if is_slide => {
                        rendered.slide_attributes_at.get_or_insert(pos);
                        rendered.slide_attributes.merge(attrs)
                    }
                    Ok(attrs) => {
                        if !kept.trim().is_empty() {
                            outs.push(Out::Event(html_event(std::mem::take(&mut kept), inline)));
                        }
                        outs.push(Out::ElementAttributes { attrs, pos });
                    }
                    Err(message) => self.push(Diagnostic::error(self.path, pos, format!("attributes: {message}"))
                        .with_hint("write attributes as name=\"value\", e.g. <!-- .element: class=\"fragment\" -->")),
                },
                None => kept.push_str(&rest[start..start + len + 3]),
            }
            consumed += start + len + 3;
            rest = &rest[start + len + 3..];
        }
        kept.push_str(rest);
        if !kept.is_empty() {
            outs.push(Out::Event(html_event(kept, inline)));
        }
    }
}
