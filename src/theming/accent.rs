//! An accent colour and the shades derived from it, each readable on the theme's backgrounds:
//! WCAG 2 contrast of at least 4.5:1 (AA for text) in the light scheme and in the dark one.
//!
//! The accent is used for links, focus rings and highlights, so it must read as text on every
//! background it sits on. An author's brand colour rarely does in both schemes: the light shade
//! is the colour darkened (towards black, in OKLab, which keeps its hue) just enough to pass on
//! the light backgrounds, the dark shade the colour lightened just enough to pass on the dark
//! ones. A colour that already passes is kept as it is.

use csscolorparser::Color;

/// WCAG 2 AA for normal text.
pub const AA: f32 = 4.5;

/// Parse a CSS colour (`#0a56c2`, `rgb(10 86 194)`, `hsl(…)`, `oklch(…)`, `teal`…), opaque.
pub fn parse(text: &str) -> Result<Color, String> {
    let color = csscolorparser::parse(text.trim()).map_err(|err| err.to_string())?;
    if color.a < 1.0 {
        return Err("the accent must be opaque (no transparency)".into());
    }
    Ok(color)
}

/// WCAG 2 relative luminance.
pub fn luminance(color: &Color) -> f32 {
    let channel = |c: f32| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
}

/// WCAG 2 contrast ratio, 1 to 21.
pub fn contrast(a: &Color, b: &Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The least change of `color` towards `towards` (black or white) that reads at [`AA`] on every
/// one of `backgrounds`. The colour is first rounded to what CSS will show (8 bits a channel),
/// so the published hex value is the one that passes.
pub fn readable_on(color: &Color, towards: &Color, backgrounds: &[Color]) -> Color {
    let passes = |c: &Color| backgrounds.iter().all(|bg| contrast(c, bg) >= AA);
    for step in 0..=100 {
        let candidate = rounded(&color.interpolate_oklab(towards, step as f32 / 100.0));
        if passes(&candidate) {
            return candidate;
        }
    }
    rounded(towards)
}

/// Black or white, whichever reads better on `fill` (text on an accent-coloured button).
pub fn text_on(fill: &Color) -> Color {
    let (black, white) = (
        Color::new(0.0, 0.0, 0.0, 1.0),
        Color::new(1.0, 1.0, 1.0, 1.0),
    );
    if contrast(&black, fill) >= contrast(&white, fill) {
        black
    } else {
        white
    }
}

/// `fill` mixed into `background`: a tint for surfaces (`amount` of the fill).
pub fn tint(background: &Color, fill: &Color, amount: f32) -> Color {
    rounded(&background.interpolate_oklab(fill, amount))
}

fn rounded(color: &Color) -> Color {
    let [r, g, b, _] = color.to_rgba8();
    Color::from_rgba8(r, g, b, 255)
}

/// `#rrggbb`.
pub fn hex(color: &Color) -> String {
    let [r, g, b, _] = color.to_rgba8();
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> Color {
        parse(text).unwrap()
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(&c("#000"), &c("#fff")) - 21.0).abs() < 0.01);
        assert!((contrast(&c("#777"), &c("#fff")) - 4.48).abs() < 0.01);
        assert!((contrast(&c("#fff"), &c("#fff")) - 1.0).abs() < 0.001);
    }

    #[test]
    fn derived_shades_read_on_every_background_and_keep_a_passing_colour() {
        let light = [c("#fff"), c("#f4f6f9")];
        let dark = [c("#16181d"), c("#1d2128")];
        let (black, white) = (c("#000"), c("#fff"));
        for accent in [
            "#ff69b4",
            "#ffd700",
            "#0a56c2",
            "teal",
            "#000080",
            "rgb(220 20 60)",
            "#777",
        ] {
            let accent = c(accent);
            let on_light = readable_on(&accent, &black, &light);
            let on_dark = readable_on(&accent, &white, &dark);
            for bg in &light {
                assert!(
                    contrast(&on_light, bg) >= AA,
                    "{} on {}",
                    hex(&on_light),
                    hex(bg)
                );
            }
            for bg in &dark {
                assert!(
                    contrast(&on_dark, bg) >= AA,
                    "{} on {}",
                    hex(&on_dark),
                    hex(bg)
                );
            }
        }
        // Navy already reads on white: kept as written.
        assert_eq!(hex(&readable_on(&c("navy"), &black, &light)), "#000080");
        // A pale yellow is darkened, not replaced by black.
        let gold = readable_on(&c("#ffd700"), &black, &light);
        assert_ne!(hex(&gold), "#000000");
        assert!(gold.r > gold.b, "keeps its hue: {}", hex(&gold));
    }

    #[test]
    fn text_on_a_fill_picks_the_readable_one() {
        assert_eq!(hex(&text_on(&c("#0a56c2"))), "#ffffff");
        assert_eq!(hex(&text_on(&c("#ffd700"))), "#000000");
    }

    #[test]
    fn bad_colours_are_refused() {
        assert!(parse("#12345").is_err());
        assert!(parse("blurple").is_err());
        assert!(parse("rgb(1 2 3 / 50%)").is_err());
        assert!(parse("  #abc ").is_ok());
    }
}
