//! Checking and using `[theme]`'s `logo`, `font`, `code_font` and `aspect` (see [`super::assets`]).

use std::path::Path;

use super::assets::{self, Aspect, Font};
use super::{FILE_HINT, ThemeConfig, asset_path, file_problem, inside_workshop};
use crate::config::table_key_position;
use crate::diagnostics::Diagnostic;

impl ThemeConfig {
    /// The values of `logo`, `font` and `code_font` (their files: [`Self::check_asset_files`]).
    pub(super) fn validate_assets(&self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        let at = |key: &str| table_key_position(text, "theme", key);
        if let Some(logo) = &self.logo {
            if !inside_workshop(logo) {
                return Err(Diagnostic::error(
                    path,
                    at("logo"),
                    format!("`theme.logo` `{logo}` must be a path inside the workshop folder"),
                )
                .with_hint("give the image's path relative to workshop.toml, e.g. logo = \"static/logo.svg\""));
            }
            let ext = assets::extension(logo).unwrap_or_default();
            if !assets::LOGO_TYPES.contains(&ext.as_str()) {
                return Err(Diagnostic::error(
                    path,
                    at("logo"),
                    format!("`theme.logo` `{logo}` is not an image type browsers and PDFs show"),
                )
                .with_hint("use an .svg, .png, .jpg or .webp file"));
            }
        }
        for (key, value) in self.fonts() {
            let problem = match Font::parse(value) {
                Err(why) => Some(why),
                Ok(Font::File(file, _)) if !inside_workshop(file) => {
                    Some("a font file must be a path inside the workshop folder".into())
                }
                Ok(_) => None,
            };
            if let Some(why) = problem {
                return Err(Diagnostic::error(
                    path,
                    at(key),
                    format!("`theme.{key}` `{value}` is not a font deckhand knows: {why}"),
                )
                .with_hint(assets::font_hint(key)));
            }
        }
        if self.logo_on_slides && self.logo.is_none() {
            return Err(Diagnostic::error(
                path,
                at("logo_on_slides"),
                "`theme.logo_on_slides` is set but there is no `theme.logo`",
            )
            .with_hint("add logo = \"static/logo.svg\" (your image's path) under [theme]"));
        }
        Ok(())
    }

    /// The logo and font files must exist, as files, inside the workshop folder `root`.
    pub(super) fn check_asset_files(
        &self,
        root: &Path,
        text: &str,
        path: &Path,
    ) -> Result<(), Diagnostic> {
        let at = |key: &str| table_key_position(text, "theme", key);
        if let Some(logo) = &self.logo
            && let Some(message) = file_problem(root, logo, "the logo", "theme.logo")
        {
            return Err(Diagnostic::error(path, at("logo"), message).with_hint(FILE_HINT));
        }
        for (key, value) in self.fonts() {
            if let Ok(Font::File(file, _)) = Font::parse(value)
                && let Some(message) =
                    file_problem(root, file, "the font file", &format!("theme.{key}"))
            {
                return Err(Diagnostic::error(path, at(key), message)
                    .with_hint(format!("{FILE_HINT}; or {}", assets::font_hint(key))));
            }
        }
        Ok(())
    }

    /// `font` and `code_font` when set, with their keys.
    fn fonts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [("font", &self.font), ("code_font", &self.code_font)]
            .into_iter()
            .filter_map(|(key, value)| Some((key, value.as_deref()?)))
    }

    /// The logo and font files, as written in workshop.toml.
    pub(super) fn asset_files(&self) -> impl Iterator<Item = &str> {
        let fonts = self
            .fonts()
            .filter_map(|(_, value)| match Font::parse(value) {
                Ok(Font::File(file, _)) => Some(file),
                _ => None,
            });
        self.logo.as_deref().into_iter().chain(fonts)
    }

    /// The logo's URL, relative to a page at the site's top.
    pub fn logo_url(&self) -> Option<String> {
        self.logo.as_deref().map(asset_path)
    }

    /// What `font`, `code_font` and `aspect` append to `css/theme.css`, if anything.
    pub(super) fn asset_overrides(&self) -> Option<String> {
        let mut faces = String::new();
        let mut properties = String::new();
        for (key, value) in self.fonts() {
            let property = if key == "code_font" {
                "--dh-code-font"
            } else {
                "--dh-font"
            };
            match Font::parse(value) {
                Ok(Font::Stack(stack)) => properties.push_str(&format!("  {property}: {stack};\n")),
                Ok(Font::File(file, format)) => {
                    let family = assets::family(key);
                    // theme.css is published in css/: the font's URL is relative to it, so the
                    // site works from file:// and under any sub-path.
                    faces.push_str(&format!(
                        "@font-face {{ font-family: \"{family}\"; src: url(\"../{url}\") format(\"{format}\"); font-display: swap; }}\n",
                        url = css_string(&asset_path(file)),
                    ));
                    properties.push_str(&format!(
                        "  {property}: \"{family}\", {};\n",
                        assets::fallback(key)
                    ));
                }
                Err(_) => {}
            }
        }
        if self.aspect != Aspect::default() {
            properties.push_str(&format!(
                "  --dh-slide-width: {}px;\n  --dh-slide-height: {}px;\n  --dh-slide-ratio: {};\n",
                Aspect::WIDTH,
                self.aspect.height(),
                self.aspect.ratio()
            ));
        }
        if faces.is_empty() && properties.is_empty() {
            return None;
        }
        Some(format!(
            "\n/* [theme] font, code_font and aspect in workshop.toml */\n{faces}:root {{\n{properties}}}\n"
        ))
    }
}

/// `text` safe inside a CSS double-quoted string.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "")
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    fn parse(text: &str) -> Result<Config, crate::diagnostics::Diagnostic> {
        Config::parse(text, Path::new("workshop.toml"))
    }

    #[test]
    fn fonts_and_aspect_become_custom_properties() {
        let config = parse("title = \"T\"\n[theme]\nfont = \"serif\"\ncode_font = \"fonts/Code.woff2\"\naspect = \"4:3\"\n").unwrap();
        let css = config.theme.theme_css_overrides("").unwrap();
        assert!(css.contains("--dh-font: Charter"), "{css}");
        assert!(
            css.contains("src: url(\"../theme-files/fonts/Code.woff2\") format(\"woff2\")"),
            "{css}"
        );
        assert!(
            css.contains("--dh-code-font: \"deckhand-code-font\", ui-monospace"),
            "{css}"
        );
        assert!(css.contains("--dh-slide-height: 960px"), "{css}");
        let files: Vec<_> = config.theme.extra_files().collect();
        assert_eq!(
            files,
            [(
                "theme-files/fonts/Code.woff2".to_string(),
                "fonts/Code.woff2"
            )]
        );
        assert!(
            parse("title = \"T\"\n[theme]\naspect = \"16:9\"\n")
                .unwrap()
                .theme
                .theme_css_overrides("")
                .is_none()
        );
    }

    #[test]
    fn a_logo_under_static_is_linked_where_the_theme_publishes_it() {
        let config = parse("title = \"T\"\n[theme]\nlogo = \"static/img/logo.svg\"\n").unwrap();
        assert_eq!(config.theme.logo_url().as_deref(), Some("img/logo.svg"));
        assert_eq!(config.theme.extra_files().count(), 0);
        let other = parse("title = \"T\"\n[theme]\nlogo = \"brand/logo.png\"\n").unwrap();
        assert_eq!(
            other.theme.logo_url().as_deref(),
            Some("theme-files/brand/logo.png")
        );
    }

    #[test]
    fn bad_values_are_refused_at_their_key() {
        let font = parse("title = \"T\"\n[theme]\n\nfont = \"Comic Sans\"\n").unwrap_err();
        assert_eq!((font.line, font.col), (4, 1), "{font:?}");
        assert!(font.hint.unwrap().contains("system, humanist"));
        let logo = parse("title = \"T\"\n[theme]\nlogo = \"logo.gif\"\n").unwrap_err();
        assert_eq!(logo.line, 3, "{logo:?}");
        let outside = parse("title = \"T\"\n[theme]\ncode_font = \"../f.ttf\"\n").unwrap_err();
        assert!(
            outside.message.contains("inside the workshop"),
            "{outside:?}"
        );
        let aspect = parse("title = \"T\"\n[theme]\naspect = \"3:2\"\n").unwrap_err();
        assert_eq!(aspect.line, 3, "{aspect:?}");
        assert!(aspect.message.contains("`16:10`"), "{aspect:?}");
    }
}
