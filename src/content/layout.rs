//! Slide layouts, chosen with `<!-- .slide: class="…" -->`: the markup their CSS
//! (`static/css/layouts.css`) needs, and the mistakes worth a message.
//!
//! - `columns`: the slide's blocks split at each `<!-- .column -->` line into equal columns
//!   (at most [`MAX_COLUMNS`]); a heading that opens the slide stays above them, as its title.
//! - `split` / `split-right`: the first image on a line of its own goes to one half (the left,
//!   or the right), everything else to the other.
//! - `full-bleed`: that image fills the slide; the rest is laid over it.
//! - `section`, `quote` and `center` are CSS alone.
//!
//! The handout and the overview get the same markup: without the deck's layout rules the
//! wrappers are plain blocks, so the handout reads as one column.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::html::Attributes;
use crate::markdown::COLUMN_BREAK;

/// The layout classes, as the README's "Layouts" table lists them.
pub const LAYOUTS: [&str; 7] = [
    "columns",
    "split",
    "split-right",
    "section",
    "center",
    "quote",
    "full-bleed",
];

/// reveal.js's fragment styles, drawn by `static/css/layouts.css`.
pub const FRAGMENT_STYLES: [&str; 18] = [
    "fade-out",
    "fade-up",
    "fade-down",
    "fade-left",
    "fade-right",
    "fade-in-then-out",
    "fade-in-then-semi-out",
    "semi-fade-out",
    "grow",
    "shrink",
    "strike",
    "highlight-red",
    "highlight-green",
    "highlight-blue",
    "highlight-current-red",
    "highlight-current-green",
    "highlight-current-blue",
    "current-visible",
];

/// Whether `slide` needs `css/layouts.css`: a layout other than `center` (deck.css's own) or a
/// styled fragment. Decks that use neither do not load it, as decks without remark chapters do
/// not load remark.css: the deck's runtime has a weight budget.
pub fn needs_layout_css(slide: &super::Slide) -> bool {
    let layout = |c: &String| c != "center" && LAYOUTS.contains(&c.as_str());
    let styled_fragment = |(at, _): (usize, &str)| {
        let rest = &slide.html[at + 7..];
        let mut classes = rest[..rest.find('"').unwrap_or(rest.len())].split_whitespace();
        let (mut fragment, mut styled) = (false, false);
        for class in classes.by_ref() {
            fragment |= class == "fragment";
            styled |= FRAGMENT_STYLES.contains(&class);
        }
        fragment && styled
    };
    slide.attributes.classes.iter().any(layout)
        || slide.html.match_indices("class=\"").any(styled_fragment)
}

/// More columns than this would leave each too narrow to read from the back of a room.
pub const MAX_COLUMNS: usize = 4;

/// One step of a slide: its HTML and where its column breaks are in the chapter file.
pub(super) struct Step<'a> {
    pub html: &'a mut String,
    pub breaks: &'a [Pos],
}

/// Arrange every step of a slide for its layout. `declared`: where its classes are written
/// (its `.slide:` comment, else its start).
pub(super) fn arrange(
    steps: Vec<Step<'_>>,
    attributes: &mut Attributes,
    path: &Path,
    declared: Pos,
    diagnostics: &mut Diagnostics,
) {
    if attributes.has_class("split-right") {
        attributes.add_class("split");
    }
    let columns = attributes.has_class("columns");
    let media = if attributes.has_class("full-bleed") {
        Some("bleed-media")
    } else if attributes.has_class("split") {
        Some("split-media")
    } else {
        None
    };
    let mut reported = false;
    for step in steps {
        if !columns {
            if let Some(&at) = step.breaks.first()
                && !reported
            {
                diagnostics.push(not_columns(attributes, path, at));
                reported = true;
            }
            // Most slides have no break: leave their HTML as it is rather than copy it.
            if step.html.contains(COLUMN_BREAK) {
                *step.html = step.html.replace(COLUMN_BREAK, "");
            }
        } else {
            if let Some(&at) = step.breaks.get(MAX_COLUMNS - 1) {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        at,
                        format!(
                            "a `columns` slide has at most {MAX_COLUMNS} columns; this break starts column {}",
                            MAX_COLUMNS + 1
                        ),
                    )
                    .with_hint("split the slide in two, or use a table"),
                );
            }
            *step.html = into_columns(step.html);
        }
        if let Some(class) = media {
            match take_image_paragraph(step.html) {
                Some((image, rest)) => *step.html = arranged(class, &image, &rest),
                None if !reported => {
                    let layout = if class == "bleed-media" {
                        "full-bleed"
                    } else {
                        "split"
                    };
                    diagnostics.push(
                        Diagnostic::warning(
                            path,
                            declared,
                            format!("a `{layout}` slide has no image on a line of its own"),
                        )
                        .with_hint("write the image as a paragraph of its own: ![what it shows](images/photo.jpg)"),
                    );
                    reported = true;
                }
                None => {}
            }
        }
    }
}

/// The message for column breaks on a slide that is not `columns`: an error when one of its
/// classes looks like a misspelt layout (the author meant columns), else a warning.
fn not_columns(attributes: &Attributes, path: &Path, at: Pos) -> Diagnostic {
    let misspelt = attributes.classes.iter().find(|class| {
        !LAYOUTS.contains(&class.as_str())
            && (class.contains("col") || did_you_mean(class, LAYOUTS).is_some())
    });
    match misspelt {
        Some(class) => {
            let hint = match did_you_mean(class, LAYOUTS) {
                Some(layout) => {
                    format!("did you mean `{layout}`? write <!-- .slide: class=\"columns\" -->")
                }
                None => format!(
                    "the layout for column breaks is `columns`: write <!-- .slide: class=\"columns\" --> (the layouts are {})",
                    LAYOUTS.join(", ")
                ),
            };
            Diagnostic::error(
                path,
                at,
                format!("unknown layout class `{class}` used with a `<!-- .column -->` break"),
            )
            .with_hint(hint)
        }
        None => Diagnostic::warning(
            path,
            at,
            "a `<!-- .column -->` break on a slide that is not `columns`; it is ignored",
        )
        .with_hint("add <!-- .slide: class=\"columns\" --> to the slide, or remove the break"),
    }
}

/// `<h2>Title</h2><div class="columns-row"><div class="column">…</div>…</div>`.
fn into_columns(html: &str) -> String {
    let (title, body) = leading_heading(html);
    let mut out = String::with_capacity(html.len() + 100);
    out.push_str(title);
    out.push_str("<div class=\"columns-row\">\n");
    for part in body.split(COLUMN_BREAK) {
        out.push_str("<div class=\"column\">\n");
        out.push_str(part.trim());
        out.push_str("\n</div>\n");
    }
    out.push_str("</div>\n");
    out
}

/// The heading that opens `html`, if it does, and the rest.
fn leading_heading(html: &str) -> (&str, &str) {
    let trimmed = html.trim_start();
    let skipped = html.len() - trimmed.len();
    let opens = trimmed.starts_with("<h") && trimmed[2..].starts_with(|c: char| c.is_ascii_digit());
    let end = opens
        .then(|| trimmed.find("</h"))
        .flatten()
        .and_then(|close| trimmed[close..].find('>').map(|gt| close + gt + 1));
    match end {
        Some(end) => html.split_at(skipped + end),
        None => ("", html),
    }
}

/// The first paragraph holding nothing but an image, cut out of `html`: (it, the rest).
fn take_image_paragraph(html: &str) -> Option<(String, String)> {
    let mut from = 0;
    while let Some(found) = html[from..].find("<p") {
        let start = from + found;
        from = start + 2;
        let Some(gt) = html[start..].find('>') else {
            break;
        };
        let open_end = start + gt + 1;
        let tag = &html[start..open_end];
        if !(tag == "<p>" || tag.starts_with("<p ")) {
            continue;
        }
        let inner = html[open_end..].trim_start();
        if !inner.starts_with("<img ") {
            continue;
        }
        let img_start = open_end + (html[open_end..].len() - inner.len());
        let Some(img_gt) = html[img_start..].find('>') else {
            break;
        };
        let after = &html[img_start + img_gt + 1..];
        let after_trimmed = after.trim_start();
        if let Some(tail) = after_trimmed.strip_prefix("</p>") {
            let end = html.len() - tail.len();
            let image = html[start..end].to_string();
            let rest = format!("{}{}", &html[..start], tail.trim_start_matches('\n'));
            return Some((image, rest));
        }
    }
    None
}

fn arranged(class: &str, image: &str, rest: &str) -> String {
    let text = if class == "split-media" {
        format!("<div class=\"split-text\">\n{rest}</div>\n")
    } else {
        rest.to_string()
    };
    format!("<div class=\"{class}\">{image}</div>\n{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_the_opening_heading_above_them() {
        let html = format!("<h2 id=\"a\">Title</h2>\n<p>one</p>\n{COLUMN_BREAK}\n<p>two</p>\n");
        let out = into_columns(&html);
        assert_eq!(
            out,
            "<h2 id=\"a\">Title</h2><div class=\"columns-row\">\n<div class=\"column\">\n<p>one</p>\n</div>\n<div class=\"column\">\n<p>two</p>\n</div>\n</div>\n"
        );
    }

    #[test]
    fn columns_without_a_heading_start_at_once() {
        let out = into_columns(&format!("<p>one</p>{COLUMN_BREAK}<p>two</p>"));
        assert!(out.starts_with("<div class=\"columns-row\">"), "{out}");
        assert_eq!(out.matches("class=\"column\"").count(), 2);
    }

    #[test]
    fn the_image_paragraph_is_found_after_text_and_not_inside_a_list() {
        let html = "<h2>T</h2>\n<ul><li><p><img src=\"a.png\" alt=\"x\"> and text</p></li></ul>\n<p class=\"fragment\"><img src=\"b.png\" alt=\"y\"></p>\n<p>after</p>\n";
        let (image, rest) = take_image_paragraph(html).unwrap();
        assert_eq!(
            image,
            "<p class=\"fragment\"><img src=\"b.png\" alt=\"y\"></p>"
        );
        assert!(
            rest.contains("a.png") && rest.contains("<p>after</p>"),
            "{rest}"
        );
        assert!(!rest.contains("b.png"));
        assert!(take_image_paragraph("<p>no image</p><p>x <img src=\"c\" alt=\"\"></p>").is_none());
    }
}
