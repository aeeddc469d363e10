//! `[theme]` beyond colours: the logo, the fonts and the slides' aspect ratio.
//!
//! The logo and font files are the workshop's own files, published with the site (a file under
//! `static/` where the theme publishes it already, any other under [`ASSETS_DIR`]) and linked by
//! relative URLs, so the site works offline, from `file://` and under a sub-path. A font is
//! either one of the stacks of [`FONT_CHOICES`] (fonts the reader's system has; nothing to
//! download) or a font file, declared by an `@font-face` in the generated `css/theme.css`.

use serde::{Deserialize, Serialize};

/// Where a logo or font file that lives outside `static/` is published.
pub const ASSETS_DIR: &str = "theme-files";

/// The image types a logo may be (by file extension).
pub const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "webp"];

/// The font file types, with the `format()` an `@font-face` gives for each.
pub const FONT_TYPES: &[(&str, &str)] = &[
    ("woff2", "woff2"),
    ("woff", "woff"),
    ("ttf", "truetype"),
    ("otf", "opentype"),
];

/// The bundled font choices: a name and the font stack it stands for. The stacks name fonts
/// that ship with common systems (macOS, Windows, Linux desktops) and end on a generic family,
/// so every reader gets the style asked for without a download.
pub const FONT_CHOICES: &[(&str, &str)] = &[
    (
        "system",
        r#"system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif"#,
    ),
    (
        "humanist",
        r#"Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", sans-serif"#,
    ),
    (
        "geometric",
        r#"Avenir, Montserrat, Corbel, "URW Gothic", "DejaVu Sans", sans-serif"#,
    ),
    (
        "serif",
        r#"Charter, "Bitstream Charter", "Sitka Text", Cambria, "DejaVu Serif", serif"#,
    ),
    (
        "mono",
        r#"ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace"#,
    ),
];

/// What `font` or `code_font` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font<'a> {
    /// One of [`FONT_CHOICES`]: its stack.
    Stack(&'static str),
    /// A font file in the workshop, with its `@font-face` format.
    File(&'a str, &'static str),
}

impl<'a> Font<'a> {
    /// `value` as a choice's name or a font file's path; `Err` when it is neither.
    pub fn parse(value: &'a str) -> Result<Font<'a>, String> {
        if let Some((_, stack)) = FONT_CHOICES.iter().find(|(name, _)| *name == value.trim()) {
            return Ok(Font::Stack(stack));
        }
        match extension(value) {
            Some(ext) => match FONT_TYPES.iter().find(|(e, _)| *e == ext) {
                Some((_, format)) => Ok(Font::File(value, format)),
                None => Err(format!(
                    "`.{ext}` is not a font file type deckhand publishes"
                )),
            },
            None => Err("it is neither a bundled choice nor a font file".into()),
        }
    }
}

/// The hint for a bad `font` or `code_font`.
pub fn font_hint(key: &str) -> String {
    let names: Vec<_> = FONT_CHOICES.iter().map(|(n, _)| *n).collect();
    let types: Vec<_> = FONT_TYPES.iter().map(|(e, _)| format!(".{e}")).collect();
    format!(
        "use one of {} (fonts the reader's system has), or a font file in the workshop ({}), e.g. {key} = \"fonts/brand.woff2\"",
        names.join(", "),
        types.join(", ")
    )
}

/// The lower-case extension of a path, if it has one.
pub fn extension(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next()?;
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// `aspect`: the slides' proportions. Every slide is 1280 CSS pixels wide (so text sizes stay
/// what the theme was designed for); the height follows the ratio.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Aspect {
    #[default]
    #[serde(rename = "16:9")]
    Wide,
    #[serde(rename = "16:10")]
    Wider,
    #[serde(rename = "4:3")]
    Classic,
}

impl Aspect {
    pub const WIDTH: u32 = 1280;

    /// The slide's height in CSS pixels.
    pub fn height(self) -> u32 {
        match self {
            Aspect::Wide => 720,
            Aspect::Wider => 800,
            Aspect::Classic => 960,
        }
    }

    /// The ratio as CSS `aspect-ratio` writes it.
    pub fn ratio(self) -> &'static str {
        match self {
            Aspect::Wide => "16 / 9",
            Aspect::Wider => "16 / 10",
            Aspect::Classic => "4 / 3",
        }
    }
}

/// The family name the generated `@font-face` gives a font file.
pub fn family(key: &str) -> &'static str {
    if key == "code_font" {
        "deckhand-code-font"
    } else {
        "deckhand-font"
    }
}

/// The stack a font file falls back on while it loads (and if it cannot be read).
pub fn fallback(key: &str) -> &'static str {
    let name = if key == "code_font" { "mono" } else { "system" };
    FONT_CHOICES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or("sans-serif")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_a_choice_or_a_font_file() {
        assert!(matches!(Font::parse("serif"), Ok(Font::Stack(s)) if s.ends_with("serif")));
        assert_eq!(
            Font::parse("fonts/Brand.WOFF2"),
            Ok(Font::File("fonts/Brand.WOFF2", "woff2"))
        );
        assert_eq!(Font::parse("x.ttf"), Ok(Font::File("x.ttf", "truetype")));
        assert!(Font::parse("Comic Sans").is_err());
        assert!(Font::parse("brand.png").unwrap_err().contains("`.png`"));
        assert!(font_hint("font").contains("humanist"));
    }

    #[test]
    fn extensions_ignore_folders_and_dot_files() {
        assert_eq!(extension("a.b/logo.SVG").as_deref(), Some("svg"));
        assert_eq!(extension("a.b/logo"), None);
        assert_eq!(extension(".svg"), None);
    }

    #[test]
    fn every_aspect_is_1280_wide() {
        for (aspect, ratio) in [
            (Aspect::Wide, 16.0 / 9.0),
            (Aspect::Wider, 1.6),
            (Aspect::Classic, 4.0 / 3.0),
        ] {
            let got = f64::from(Aspect::WIDTH) / f64::from(aspect.height());
            assert!((got - ratio).abs() < 1e-9, "{aspect:?}");
        }
    }
}
