//! A slide a dialect read ([`SlideSource`]) rendered into a [`Slide`]: its steps, notes, id,
//! attributes, background and number.

use super::chapter::Slide;
use super::{background, layout};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::dialect::{Direction, SlideSource};
use crate::markdown::{ChapterRenderer, Part};

/// Where a slide goes: its position in the chapter and the number it shows.
pub(super) struct Place {
    pub chapter_number: usize,
    pub h: usize,
    pub v: usize,
    /// The horizontal number shown, which slides that do not count leave as it was.
    pub shown_h: usize,
}

impl Place {
    /// The place of the slide after `self` (or of the first, from `None`).
    pub fn next(
        previous: Option<&Place>,
        chapter_number: usize,
        source: &SlideSource<'_>,
    ) -> Place {
        let (h, v, shown_h) = previous.map_or((0, 0, 0), |p| (p.h, p.v, p.shown_h));
        let counted = !source.properties.uncounted;
        match source.direction {
            Direction::Vertical if previous.is_some() => Place {
                chapter_number,
                h,
                v: v + 1,
                shown_h,
            },
            _ => Place {
                chapter_number,
                h: h + 1,
                v: 0,
                shown_h: if counted || shown_h == 0 {
                    shown_h + 1
                } else {
                    shown_h
                },
            },
        }
    }

    fn auto_id(&self, slug: &str) -> String {
        if self.v == 0 {
            format!("{slug}-{}", self.h)
        } else {
            format!("{slug}-{}-{}", self.h, self.v)
        }
    }

    fn number(&self) -> String {
        if self.v == 0 {
            format!("{}.{}", self.chapter_number, self.shown_h)
        } else {
            format!("{}.{}.{}", self.chapter_number, self.shown_h, self.v)
        }
    }
}

/// Render one slide of the chapter whose slug is `slug`.
pub(super) fn render(
    renderer: &mut ChapterRenderer<'_>,
    source: SlideSource<'_>,
    place: &Place,
    slug: &str,
    diagnostics: &mut Diagnostics,
) -> Slide {
    let path = renderer.path();
    let line = renderer.pos(source.start).line;
    let auto_id = place.auto_id(slug);
    // Each step is the whole slide again, rendered in full; the deck shows the last step
    // reached (`slide-step` elements, each after the first a fragment).
    let mut steps = Vec::with_capacity(source.steps.len());
    for (index, step) in source.steps.iter().enumerate() {
        let part = if index == 0 {
            Part::Content
        } else {
            Part::LaterStep
        };
        steps.push(renderer.render(step, &auto_id, part));
    }
    let notes = source
        .notes
        .as_ref()
        .map(|notes| renderer.render(notes, &format!("{auto_id}-notes"), Part::Notes));
    let mut attributes = std::mem::take(&mut steps[0].slide_attributes);
    let first_step_at = steps[0].slide_attributes_at;
    let properties = source.properties;
    for class in &properties.classes {
        attributes.add_class(class);
    }
    let arranged = steps
        .iter_mut()
        .map(|step| layout::Step {
            html: &mut step.html,
            breaks: &step.column_breaks,
        })
        .collect();
    let declared = first_step_at.unwrap_or(Pos::new(line, 1));
    layout::arrange(arranged, &mut attributes, path, declared, diagnostics);
    let first = steps.remove(0);
    let mut html = first.html;
    if !steps.is_empty() {
        html = format!("<div class=\"slide-step\">{html}</div>");
        for step in steps {
            html.push_str("<div class=\"slide-step fragment\">");
            html.push_str(&step.html);
            html.push_str("</div>");
        }
    }
    for (name, value) in properties.attributes {
        attributes.set(&name, value);
    }
    let id = slide_id(
        &mut attributes,
        properties.id,
        auto_id,
        path,
        line,
        renderer,
        diagnostics,
    );
    if let Some(background) = background::render(&mut attributes, renderer, Pos::new(line, 1)) {
        html.insert_str(0, &background);
    }
    let empty = source.steps.iter().all(|s| s.text.trim().is_empty());
    if empty
        && source.notes.is_none()
        && !attributes
            .others
            .iter()
            .any(|(n, _)| n.starts_with("data-background"))
    {
        diagnostics.push(
            Diagnostic::warning(path, Pos::new(line, 1), "empty slide")
                .with_hint("remove the extra separator or give the slide some content"),
        );
    }
    let fragments = crate::markdown::count_fragments(&html);
    Slide {
        id,
        h: place.h,
        v: place.v,
        number: place.number(),
        title: first.title,
        html,
        notes_html: notes
            .map(|n| n.html)
            .filter(|html| !html.trim().is_empty())
            .map(Into::into),
        attributes,
        fragments,
        line,
    }
}

/// Whether the slide is hidden from the deck (`<!-- .slide: hidden -->`, `hidden="handout"` or
/// reveal.js's `data-visibility="hidden"`), and if so whether the handouts show it in any case
/// (`hidden="handout"`). A hidden slide's marker attributes are taken off (the handout shows it
/// as a slide like any other), its id gets `-hidden` unless the author set one (its automatic
/// id is the next slide's), and it has no number.
pub(super) fn take_hidden(
    slide: &mut Slide,
    place: &Place,
    slug: &str,
    diagnostics: &mut Diagnostics,
    path: &std::path::Path,
) -> Option<bool> {
    let attributes = &mut slide.attributes;
    let value = attributes.get("hidden").map(str::to_string);
    let in_handout = match value.as_deref() {
        None if attributes.get("data-visibility") == Some("hidden") => false,
        None => return None,
        Some("" | "hidden" | "true") => false,
        Some("handout") => true,
        Some(other) => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    Pos::new(slide.line, 1),
                    format!("`hidden=\"{other}\"` is not a way to hide a slide"),
                )
                .with_hint("write `hidden` (left out of the deck; in the handouts when `[handouts] hidden_slides = true`) or `hidden=\"handout\"` (left out of the deck, always in the handouts)"),
            );
            false
        }
    };
    attributes.others.retain(|(name, value)| {
        name != "hidden" && !(name == "data-visibility" && value == "hidden")
    });
    attributes.add_class("hidden-slide");
    if slide.id == place.auto_id(slug) {
        slide.id.push_str("-hidden");
    }
    // What the handouts show in the number's place: it was never on screen.
    slide.number = "hidden".into();
    Some(in_handout)
}

/// The slide's id: `<!-- .slide: id="…" -->` (an error if unusable), else the dialect's (remark's
/// `name:`, a warning if unusable), else its place.
fn slide_id(
    attributes: &mut crate::html::Attributes,
    named: Option<(String, usize)>,
    auto_id: String,
    path: &std::path::Path,
    line: usize,
    renderer: &ChapterRenderer<'_>,
    diagnostics: &mut Diagnostics,
) -> String {
    match attributes.id.take() {
        Some(id) if valid_id(&id) => return id,
        Some(id) => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    Pos::new(line, 1),
                    format!("slide id `{id}` may only hold letters, digits, `-` and `_`"),
                )
                .with_hint("ids appear in URLs: use something like id=\"pod-lifecycle\""),
            );
            return auto_id;
        }
        None => {}
    }
    match named {
        Some((name, _)) if valid_id(&name) => name,
        Some((name, at)) => {
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    renderer.pos(at),
                    format!("slide name `{name}` cannot be a slide id (letters, digits, `-` and `_` only); the slide is `{auto_id}`"),
                )
                .with_hint("rename it, e.g. `name: pod-lifecycle`, so that links to it work"),
            );
            auto_id
        }
        None => auto_id,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
