//! `[theme]` in workshop.toml: an author's own look without copying the theme.
//!
//! The theme's colours and fonts are CSS custom properties defined once, in `static/css/theme.css`
//! (`--dh-accent`, `--dh-bg`, … listed in the README). `[theme]` works on top of that file:
//! `accent` appends overrides of the accent properties (shades derived for AA contrast, see
//! [`accent`]) to the published `css/theme.css`; `css` links the author's stylesheets after the
//! theme's on every page; `footer` and `slide_numbers` are printed on every slide by
//! `deck-chapter.html`.

pub mod accent;
pub mod assets;
mod assets_config;
pub mod manifest;

pub use assets::Aspect;

use serde::{Deserialize, Serialize};
use std::path::{Component, Path};

use crate::config::table_key_position;
use crate::diagnostics::{Diagnostic, Pos};

/// The theme's stylesheet of custom properties, inside `static/`.
pub const THEME_CSS: &str = "css/theme.css";
/// Where stylesheets listed in `[theme] css` that live outside `static/` are published.
pub const EXTRA_CSS_DIR: &str = "css/extra";

/// `[theme]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThemeConfig {
    /// The accent colour, any CSS colour. Default: the theme's blue.
    pub accent: Option<String>,
    /// Stylesheets linked after the theme's on every page and in print, relative to the workshop
    /// folder. Default: none.
    pub css: Vec<String>,
    /// Text at the foot of every slide, e.g. the event and a URL. Default: none.
    pub footer: Option<String>,
    /// Each slide's number in its corner, on screen and in print. Default: false.
    pub slide_numbers: bool,
    /// An image (SVG, PNG, JPEG or WebP) in the workshop, shown on the landing page and the
    /// handout cover. Default: none.
    pub logo: Option<String>,
    /// The logo in a corner of every slide too, on screen and in print. Default: false.
    pub logo_on_slides: bool,
    /// The text font: a bundled choice ([`assets::FONT_CHOICES`]) or a font file in the
    /// workshop. Default: `system`.
    pub font: Option<String>,
    /// The code font, the same way. Default: `mono`.
    pub code_font: Option<String>,
    /// The slides' proportions: `16:9`, `16:10` or `4:3`. Default: `16:9`.
    pub aspect: Aspect,
}

impl ThemeConfig {
    /// Check the values (not the files: see [`ThemeConfig::check_files`]).
    pub fn validate(&self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        if let Some(value) = &self.accent
            && let Err(why) = accent::parse(value)
        {
            return Err(Diagnostic::error(
                path,
                table_key_position(text, "theme", "accent"),
                format!("`theme.accent` `{value}` is not a colour: {why}"),
            )
            .with_hint("write a CSS colour, e.g. accent = \"#0a56c2\", \"rgb(10 86 194)\", \"oklch(48% 0.17 258)\" or \"teal\""));
        }
        for entry in &self.css {
            let at = entry_position(text, "css", entry);
            if !inside_workshop(entry) {
                return Err(Diagnostic::error(
                    path,
                    at,
                    format!("`theme.css` entry `{entry}` must be a path inside the workshop folder"),
                )
                .with_hint("give the stylesheet's path relative to workshop.toml, e.g. css = [\"theme/brand.css\"]"));
            }
            if !entry.to_ascii_lowercase().ends_with(".css") {
                return Err(Diagnostic::error(
                    path,
                    at,
                    format!("`theme.css` entry `{entry}` is not a stylesheet"),
                )
                .with_hint(
                    "list `.css` files only; images and fonts a stylesheet uses go under static/",
                ));
            }
        }
        self.validate_assets(text, path)
    }

    /// Every stylesheet `css` lists must exist, as a file, inside the workshop folder `root`
    /// (canonical), even through symbolic links.
    pub fn check_files(&self, root: &Path, text: &str, path: &Path) -> Result<(), Diagnostic> {
        for entry in &self.css {
            let at = entry_position(text, "css", entry);
            if let Some(message) = file_problem(root, entry, "the stylesheet", "theme.css") {
                return Err(Diagnostic::error(path, at, message).with_hint(FILE_HINT));
            }
        }
        self.check_asset_files(root, text, path)
    }

    /// The URL each `css` entry is linked at: a file under `static/` where the theme publishes
    /// it already, any other under [`EXTRA_CSS_DIR`].
    pub fn css_urls(&self) -> Vec<String> {
        self.css.iter().map(|entry| published_path(entry)).collect()
    }

    /// The stylesheets, logo and font files to publish besides the theme's: (published path,
    /// path in the workshop).
    pub fn extra_files(&self) -> impl Iterator<Item = (String, &str)> {
        let css = self
            .css
            .iter()
            .filter(|entry| !under_static(entry))
            .map(|entry| (published_path(entry), entry.as_str()));
        css.chain(
            self.asset_files()
                .filter(|entry| !under_static(entry))
                .map(|entry| (asset_path(entry), entry)),
        )
    }

    /// What `accent` appends to `theme.css` (whose text gives the backgrounds the shades must
    /// read on), or nothing when it is not set.
    pub fn theme_css_overrides(&self, theme_css: &str) -> Option<String> {
        let parts = [self.accent_overrides(theme_css), self.asset_overrides()];
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.concat())
    }

    fn accent_overrides(&self, theme_css: &str) -> Option<String> {
        let color = accent::parse(self.accent.as_deref()?).ok()?;
        let backgrounds = Backgrounds::from_css(theme_css)
            .or_else(|| Backgrounds::from_css(DEFAULT_THEME_CSS))
            .expect("the embedded theme.css defines --dh-bg and --dh-panel");
        let black = csscolorparser::Color::new(0.0, 0.0, 0.0, 1.0);
        let white = csscolorparser::Color::new(1.0, 1.0, 1.0, 1.0);
        let light = accent::readable_on(&color, &black, &backgrounds.light);
        let dark = accent::readable_on(&color, &white, &backgrounds.dark);
        let pair = |a: &csscolorparser::Color, b: &csscolorparser::Color| {
            format!("light-dark({}, {})", accent::hex(a), accent::hex(b))
        };
        Some(format!(
            "\n/* [theme] accent = \"{written}\" in workshop.toml: shades with at least {aa}:1 contrast on --dh-bg and --dh-panel */\n\
             :root {{\n  --dh-accent: {accent};\n  --dh-accent-contrast: {contrast};\n  --dh-accent-soft: {soft};\n}}\n",
            written = self.accent.as_deref().unwrap_or_default().replace("*/", ""),
            aa = accent::AA,
            accent = pair(&light, &dark),
            contrast = pair(&accent::text_on(&light), &accent::text_on(&dark)),
            soft = pair(
                &accent::tint(&backgrounds.light[0], &light, 0.07),
                &accent::tint(&backgrounds.dark[0], &dark, 0.12)
            ),
        ))
    }
}

/// The embedded `theme.css`, for the backgrounds when a copied one does not define them.
const DEFAULT_THEME_CSS: &str = include_str!("../../static/css/theme.css");

/// The theme's backgrounds in each scheme: `--dh-bg` then `--dh-panel`.
struct Backgrounds {
    light: Vec<csscolorparser::Color>,
    dark: Vec<csscolorparser::Color>,
}

impl Backgrounds {
    fn from_css(css: &str) -> Option<Backgrounds> {
        let mut light = Vec::new();
        let mut dark = Vec::new();
        for property in ["--dh-bg", "--dh-panel"] {
            let (l, d) = light_dark(css, property)?;
            light.push(l);
            dark.push(d);
        }
        Some(Backgrounds { light, dark })
    }
}

/// The two colours of `property: light-dark(a, b)` in a stylesheet (its first definition).
fn light_dark(css: &str, property: &str) -> Option<(csscolorparser::Color, csscolorparser::Color)> {
    let start = css.find(&format!("{property}:"))? + property.len() + 1;
    let value = css[start..].split(';').next()?.trim();
    let inner = value.strip_prefix("light-dark(")?.strip_suffix(')')?;
    let (a, b) = inner.split_once(',')?;
    Some((accent::parse(a).ok()?, accent::parse(b).ok()?))
}

/// Whether `entry` is a relative path that stays inside the workshop folder, as written (the
/// files themselves are checked by [`file_problem`], links included).
fn inside_workshop(entry: &str) -> bool {
    let relative = Path::new(entry);
    !(entry.trim().is_empty()
        || relative.is_absolute()
        || entry.starts_with(['/', '\\'])
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)))
}

const FILE_HINT: &str = "paths are relative to the workshop folder (where workshop.toml is); create the file or fix the path";

/// What is wrong with `entry` as a file inside the workshop folder `root` (canonical), even
/// through symbolic links: "`what` `entry` (in `theme.key`) does not exist", …
fn file_problem(root: &Path, entry: &str, what: &str, key: &str) -> Option<String> {
    match root.join(entry).canonicalize() {
        Err(_) => Some(format!("{what} `{entry}` (in `{key}`) does not exist")),
        Ok(real) if !real.starts_with(root) => Some(format!(
            "{what} `{entry}` (in `{key}`) is outside the workshop folder"
        )),
        Ok(real) if !real.is_file() => Some(format!("{what} `{entry}` (in `{key}`) is not a file")),
        Ok(_) => None,
    }
}

fn under_static(entry: &str) -> bool {
    entry.trim_start_matches("./").starts_with("static/")
}

fn published_path(entry: &str) -> String {
    published_in(entry, EXTRA_CSS_DIR)
}

/// Where a logo or font file is published.
fn asset_path(entry: &str) -> String {
    published_in(entry, assets::ASSETS_DIR)
}

fn published_in(entry: &str, dir: &str) -> String {
    let entry = entry.trim_start_matches("./").replace('\\', "/");
    match entry.strip_prefix("static/") {
        Some(inside) => inside.to_string(),
        None => format!("{dir}/{entry}"),
    }
}

/// Where `"entry"` is written after `key =` in `[theme]` (the key's position if not found).
fn entry_position(text: &str, key: &str, entry: &str) -> Pos {
    let key_pos = table_key_position(text, "theme", key);
    let offset: usize = text
        .split_inclusive('\n')
        .take(key_pos.line - 1)
        .map(str::len)
        .sum();
    text[offset..]
        .find(&format!("\"{entry}\""))
        .or_else(|| text[offset..].find(&format!("'{entry}'")))
        .map_or(key_pos, |rel| Pos::at(text, offset + rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(text, Path::new("workshop.toml"))
    }

    #[test]
    fn the_theme_table_takes_accent_css_footer_and_slide_numbers() {
        let config = parse("title = \"T\"\n[theme]\naccent = \"#c2185b\"\ncss = [\"brand.css\", \"static/css/custom.css\"]\nfooter = \"KubeCon · example.org\"\nslide_numbers = true\n").unwrap();
        let theme = &config.theme;
        assert_eq!(theme.accent.as_deref(), Some("#c2185b"));
        assert_eq!(theme.css_urls(), ["css/extra/brand.css", "css/custom.css"]);
        assert_eq!(
            theme.extra_files().collect::<Vec<_>>(),
            [("css/extra/brand.css".to_string(), "brand.css")]
        );
        assert!(theme.slide_numbers);
        assert!(parse("title = \"T\"\n").unwrap().theme.accent.is_none());
    }

    #[test]
    fn unknown_keys_and_bad_colours_are_refused_where_they_are_written() {
        let unknown =
            parse("title = \"T\"\n[theme]\naccent = \"teal\"\naccnet = \"red\"\n").unwrap_err();
        assert_eq!((unknown.line, unknown.col), (4, 1), "{unknown:?}");
        assert!(unknown.hint.unwrap().contains("did you mean `accent`?"));
        let colour = parse("title = \"T\"\n\n[theme]\n  accent = \"blurple\"\n").unwrap_err();
        assert_eq!((colour.line, colour.col), (4, 3), "{colour:?}");
        assert!(
            colour.message.contains("`blurple` is not a colour"),
            "{colour:?}"
        );
        let outside =
            parse("title = \"T\"\n[theme]\ncss = [\"a.css\", \"../b.css\"]\n").unwrap_err();
        assert_eq!((outside.line, outside.col), (3, 17), "{outside:?}");
        let not_css = parse("title = \"T\"\n[theme]\ncss = [\"logo.png\"]\n").unwrap_err();
        assert!(not_css.message.contains("not a stylesheet"), "{not_css:?}");
    }

    #[test]
    fn the_accent_overrides_read_the_backgrounds_from_theme_css() {
        let config = parse("title = \"T\"\n[theme]\naccent = \"#ffd700\"\n").unwrap();
        let css = config.theme.theme_css_overrides(DEFAULT_THEME_CSS).unwrap();
        let (light, dark) = light_dark(&css, "--dh-accent").unwrap();
        let backgrounds = Backgrounds::from_css(DEFAULT_THEME_CSS).unwrap();
        for bg in &backgrounds.light {
            assert!(accent::contrast(&light, bg) >= accent::AA, "{css}");
        }
        for bg in &backgrounds.dark {
            assert!(accent::contrast(&dark, bg) >= accent::AA, "{css}");
        }
        // A copied theme.css with other backgrounds gets shades for those.
        let grey_page =
            DEFAULT_THEME_CSS.replace("--dh-bg: light-dark(#fff,", "--dh-bg: light-dark(#ccc,");
        assert_eq!(
            accent::hex(&Backgrounds::from_css(&grey_page).unwrap().light[0]),
            "#cccccc"
        );
        assert!(
            parse("title = \"T\"\n")
                .unwrap()
                .theme
                .theme_css_overrides(DEFAULT_THEME_CSS)
                .is_none()
        );
    }
}
