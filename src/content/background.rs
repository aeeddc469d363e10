//! Slide backgrounds, as reveal.js defines them (`data-background`, `-color`, `-image`, `-size`,
//! `-position`, `-repeat`, `-opacity`, `-gradient`, `-video` with `-video-loop` and
//! `-video-muted`, `-iframe`) and as remark's `background-image:` and friends set them.
//!
//! The background becomes the slide's first element, a layer behind its content that the deck,
//! the speaker view's previews, the overview and print all show:
//!
//! ```text
//! <div class="slide-bg" style="background-color/gradient"><div class="slide-bg-content"
//!   style="background-image, size, position, repeat, opacity">[video | iframe]</div></div>
//! ```
//!
//! Images and videos are resolved relative to the chapter and checked like its links. A slide
//! whose background colour is dark gets `has-dark-background`, else `has-light-background`
//! (reveal.js's rule: brightness below 128), which switches its text colours.

use std::fmt::Write;

use crate::diagnostics::Pos;
use crate::html::{Attributes, escape};
use crate::markdown::ChapterRenderer;

/// reveal.js's test for a `data-background` that is an image rather than a CSS background.
fn looks_like_image(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    if lower.starts_with("http") || lower.starts_with("file") || lower.starts_with("//") {
        return true;
    }
    [".svg", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"]
        .iter()
        .any(|ext| {
            lower.match_indices(ext).any(|(i, _)| {
                lower[i + ext.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, '?' | '#') || c.is_whitespace())
            })
        })
}

/// Take the background attributes out of `attributes` and return the background's HTML; add
/// the contrast class reveal.js would.
pub fn render(
    attributes: &mut Attributes,
    renderer: &mut ChapterRenderer<'_>,
    pos: Pos,
) -> Option<String> {
    let mut take = |name: &str| {
        let index = attributes.others.iter().position(|(n, _)| n == name)?;
        Some(attributes.others.remove(index).1)
    };
    let mut shorthand = take("data-background");
    let mut image = take("data-background-image");
    if let Some(value) = shorthand.take_if(|v| looks_like_image(v)) {
        image = Some(value);
    }
    let color = take("data-background-color");
    let gradient = take("data-background-gradient");
    let video = take("data-background-video");
    let video_loop = take("data-background-video-loop").is_some();
    let video_muted = take("data-background-video-muted").is_some();
    let iframe = take("data-background-iframe");
    let size = take("data-background-size");
    let position = take("data-background-position");
    let repeat = take("data-background-repeat");
    let opacity = take("data-background-opacity");
    let remark_image = take("data-remark-background-image");
    let remark_color = take("data-remark-background-color");
    let remark_size = take("data-remark-background-size");
    let remark_position = take("data-remark-background-position");
    let reveal = shorthand.is_some()
        || image.is_some()
        || color.is_some()
        || gradient.is_some()
        || video.is_some()
        || iframe.is_some();
    if !reveal && remark_image.is_none() && remark_color.is_none() {
        return None;
    }

    let mut outer = String::new();
    let mut inner = String::new();
    let mut media = String::new();
    if let Some(value) = &shorthand {
        let _ = write!(outer, "background:{value};");
    }
    if let Some(value) = color.as_ref().or(remark_color.as_ref()) {
        let _ = write!(outer, "background-color:{value};");
    }
    if let Some(value) = &gradient {
        let _ = write!(outer, "background-image:{value};");
    }
    if let Some(list) = &image {
        let urls: Vec<String> = list
            .split(',')
            .map(|url| css_url(&resolve(url.trim(), renderer, pos)))
            .collect();
        let _ = write!(inner, "background-image:{};", urls.join(","));
    } else if let Some(css) = &remark_image {
        // remark: a CSS value as written, shown at its own size, centred, not repeated.
        let _ = write!(
            inner,
            "background-image:{};background-size:{};background-position:{};",
            css_with_urls(css, renderer, pos),
            remark_size.as_deref().unwrap_or("auto"),
            remark_position.as_deref().unwrap_or("center"),
        );
    }
    for (property, value) in [
        ("background-size", &size),
        ("background-position", &position),
        ("background-repeat", &repeat),
        ("opacity", &opacity),
    ] {
        if let Some(value) = value {
            let _ = write!(inner, "{property}:{value};");
        }
    }
    if let Some(sources) = &video {
        media.push_str("<video playsinline preload=\"metadata\"");
        if video_loop {
            media.push_str(" loop");
        }
        if video_muted {
            media.push_str(" muted");
        }
        media.push('>');
        for source in sources.split(',') {
            let _ = write!(
                media,
                "<source src=\"{}\">",
                escape(&resolve(source.trim(), renderer, pos))
            );
        }
        media.push_str("</video>");
    } else if let Some(url) = &iframe {
        // Behind the content and not clickable, as reveal.js has it without
        // data-background-interactive.
        let _ = write!(
            media,
            "<iframe src=\"{}\" loading=\"lazy\" tabindex=\"-1\" allow=\"autoplay\"></iframe>",
            escape(&resolve(url.trim(), renderer, pos))
        );
    }

    if let Some(dark) = contrast(color.as_deref().or(shorthand.as_deref())) {
        attributes.add_class(if dark {
            "has-dark-background"
        } else {
            "has-light-background"
        });
    }
    let mut html = String::from("<div class=\"slide-bg\" aria-hidden=\"true\"");
    if !outer.is_empty() {
        let _ = write!(html, " style=\"{}\"", escape(&outer));
    }
    html.push_str("><div class=\"slide-bg-content\"");
    if let Some(size) = &size {
        // reveal.js: a video fills the slide unless its size is `contain`.
        let _ = write!(html, " data-size=\"{}\"", escape(size));
    }
    if !inner.is_empty() {
        let _ = write!(html, " style=\"{}\"", escape(&inner));
    }
    let _ = write!(html, ">{media}</div></div>");
    Some(html)
}

/// A URL as the site publishes it; `data:` URLs as written.
fn resolve(url: &str, renderer: &mut ChapterRenderer<'_>, pos: Pos) -> String {
    if url.starts_with("data:") {
        url.to_string()
    } else {
        renderer.link(url, pos)
    }
}

fn css_url(url: &str) -> String {
    format!("url(\"{}\")", url.replace('\\', "%5C").replace('"', "%22"))
}

/// A CSS value with each `url(…)` in it resolved.
fn css_with_urls(css: &str, renderer: &mut ChapterRenderer<'_>, pos: Pos) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        let Some(len) = rest[start..].find(')') else {
            break;
        };
        out.push_str(&rest[..start]);
        let url = rest[start + 4..start + len]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        out.push_str(&css_url(&resolve(url, renderer, pos)));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a background colour is dark (reveal.js: brightness under 128), if it is a colour.
fn contrast(color: Option<&str>) -> Option<bool> {
    let color = csscolorparser::parse(color?.trim()).ok()?;
    if color.a == 0.0 {
        return None;
    }
    let [r, g, b, _] = color.to_rgba8();
    let brightness = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
    Some(brightness < 128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_from_css_backgrounds() {
        assert!(looks_like_image("images/a.png"));
        assert!(looks_like_image("https://x.org/bg"));
        assert!(looks_like_image("a.JPG?v=1"));
        assert!(!looks_like_image("#ff0000"));
        assert!(!looks_like_image("linear-gradient(red, blue)"));
    }

    #[test]
    fn contrast_follows_reveal_brightness() {
        assert_eq!(contrast(Some("#000")), Some(true));
        assert_eq!(contrast(Some("white")), Some(false));
        assert_eq!(contrast(Some("rgb(40, 40, 120)")), Some(true));
        assert_eq!(contrast(Some("transparent")), None);
        assert_eq!(contrast(Some("linear-gradient(red, blue)")), None);
        assert_eq!(contrast(None), None);
    }
}
