//! `{{#toc}}` and `{{#toc chapter}}`: a paragraph holding only one of them becomes a table of
//! contents, the workshop's chapters or the current chapter's slides. The chapters are not all
//! known while one chapter is read (and under `serve` they change one by one), so the paragraph
//! becomes an empty `<nav class="toc-slide" data-toc="…">` here, filled when the pages are
//! rendered (`render::contents`).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::elements::Out;
use super::{ChapterRenderer, Part};
use crate::diagnostics::{Diagnostic, Pos, did_you_mean};
use crate::html::Attributes;

/// What a `{{#toc …}}` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toc {
    /// The workshop's chapters, with their durations.
    Workshop,
    /// The current chapter's slides.
    Chapter,
}

/// What a `{{#toc …}}` asks for, or why it cannot be run (message, hint).
pub type Asked = Result<Toc, (String, String)>;

impl ChapterRenderer<'_> {
    /// The placeholder for a `{{#toc …}}` paragraph at `pos`, or the error it is.
    pub(super) fn toc(&mut self, asked: Asked, pos: Pos, part: Part) -> Option<Out<'static>> {
        let kind = match asked {
            Ok(_) if part == Part::Notes => {
                self.push(
                    Diagnostic::error(self.path, pos, "a table of contents works on a slide, not in its notes")
                        .with_hint("move `{{#toc}}` above the notes line, or write `\\{{#toc}}` to show it as text"),
                );
                return None;
            }
            Ok(kind) => kind,
            Err((message, hint)) => {
                self.push(Diagnostic::error(self.path, pos, message).with_hint(hint));
                return None;
            }
        };
        self.has_toc = true;
        let mut attrs = Attributes::default();
        attrs.add_class("toc-slide");
        let scope = match kind {
            Toc::Workshop => "workshop",
            Toc::Chapter => "chapter",
        };
        attrs.set("data-toc", scope.into());
        Some(Out::Atom {
            tag: "nav",
            attrs,
            inner: "</nav>".into(),
        })
    }
}

/// What a `{{#toc …}}` may say after `toc`.
const SCOPES: &[&str] = &["chapter"];

/// If the paragraph starting at `events[0]` holds only a `{{#toc …}}`, what it asks for (or why
/// it cannot be run: message and hint) and the index of the paragraph's end.
pub(super) fn paragraph(events: &[(Event<'_>, std::ops::Range<usize>)]) -> Option<(Asked, usize)> {
    if !matches!(events.first(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let mut text = String::new();
    let mut end = None;
    for (index, (event, _)) in events.iter().enumerate().skip(1) {
        match event {
            Event::Text(t) => text.push_str(t),
            Event::End(TagEnd::Paragraph) => {
                end = Some(index);
                break;
            }
            _ => return None,
        }
    }
    Some((parse(text.trim())?, end?))
}

/// `{{#toc}}` or `{{#toc chapter}}` exactly (else `None`: not ours, the directive checker
/// reports misspellings of the name).
fn parse(text: &str) -> Option<Asked> {
    let inner = text.strip_prefix("{{#toc")?.strip_suffix("}}")?;
    if !inner.is_empty() && !inner.starts_with(char::is_whitespace) {
        return None;
    }
    match inner.trim() {
        "" => Some(Ok(Toc::Workshop)),
        "chapter" => Some(Ok(Toc::Chapter)),
        other => {
            let hint = match did_you_mean(other, SCOPES.iter().copied()) {
                Some(best) => format!("did you mean `{{{{#toc {best}}}}}`?"),
                None => "write `{{#toc}}` (the workshop's chapters) or `{{#toc chapter}}` (this chapter's slides)".into(),
            };
            Some(Err((
                format!("`{{{{#toc {other}}}}}` is not a table of contents deckhand knows"),
                hint,
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_a_misspelt_scope_gets_a_suggestion() {
        assert_eq!(parse("{{#toc}}"), Some(Ok(Toc::Workshop)));
        assert_eq!(parse("{{#toc chapter}}"), Some(Ok(Toc::Chapter)));
        let (message, hint) = parse("{{#toc chpater}}").unwrap().unwrap_err();
        assert!(message.contains("chpater"));
        assert!(hint.contains("{{#toc chapter}}"), "{hint}");
        assert_eq!(parse("{{#tocs}}"), None);
        assert_eq!(parse("see {{#toc}}"), None);
    }
}
