//! Broken workshops: `[theme]` in workshop.toml (unknown keys, colours, stylesheets, the logo,
//! fonts and aspect).

use super::*;

/// The small workshop's workshop.toml with a `[theme]` table holding `lines` (from line 8).
fn with_theme(w: &Workshop, lines: &str) {
    w.write(
        "workshop.toml",
        w.read("workshop.toml") + "\n[theme]\n" + lines,
    );
}

bad_input! {
    unknown_key_in_theme: |w| {
        with_theme(w, "accent = \"teal\"\naccnet = \"red\"\n");
        error_at("workshop.toml", (9, 1), "unknown key `accnet`").hint("did you mean `accent`?")
    };
    invalid_accent_colour: |w| {
        with_theme(w, "accent = \"#12345\"\n");
        error_at("workshop.toml", (8, 1), "`theme.accent` `#12345` is not a colour").hint("write a CSS colour")
    };
    accent_colour_by_an_unknown_name: |w| {
        with_theme(w, "footer = \"Event\"\naccent = \"blurple\"\n");
        error_at("workshop.toml", (9, 1), "`blurple` is not a colour").hint("\"teal\"")
    };
    missing_theme_stylesheet: |w| {
        with_theme(w, "css = [\"theme/brand.css\"]\n");
        error_at("workshop.toml", (8, 8), "the stylesheet `theme/brand.css` (in `theme.css`) does not exist").hint("relative to the workshop folder")
    };
    theme_stylesheet_outside_the_workshop: |w| {
        w.write("../outside.css", "body { color: red }\n");
        with_theme(w, "css = [\"../outside.css\"]\n");
        error_at("workshop.toml", (8, 8), "must be a path inside the workshop folder").hint("relative to workshop.toml")
    };
    missing_logo: |w| {
        with_theme(w, "footer = \"Event\"\nlogo = \"brand/logo.svg\"\n");
        error_at("workshop.toml", (9, 1), "the logo `brand/logo.svg` (in `theme.logo`) does not exist").hint("relative to the workshop folder")
    };
    logo_of_an_unsupported_type: |w| {
        w.write("brand/logo.gif", "GIF89a");
        with_theme(w, "logo = \"brand/logo.gif\"\n");
        error_at("workshop.toml", (8, 1), "`theme.logo` `brand/logo.gif` is not an image type").hint(".svg, .png, .jpg or .webp")
    };
    logo_outside_the_workshop: |w| {
        w.write("../logo.png", "png");
        with_theme(w, "logo = \"../logo.png\"\n");
        error_at("workshop.toml", (8, 1), "must be a path inside the workshop folder").hint("relative to workshop.toml")
    };
    logo_on_slides_without_a_logo: |w| {
        with_theme(w, "logo_on_slides = true\n");
        error_at("workshop.toml", (8, 1), "there is no `theme.logo`").hint("logo = ")
    };
    missing_font_file: |w| {
        with_theme(w, "accent = \"teal\"\n  font = \"fonts/Brand.woff2\"\n");
        error_at("workshop.toml", (9, 3), "the font file `fonts/Brand.woff2` (in `theme.font`) does not exist").hint("system, humanist, geometric, serif, mono")
    };
    unknown_font_choice: |w| {
        with_theme(w, "code_font = \"Comic Sans\"\n");
        error_at("workshop.toml", (8, 1), "`theme.code_font` `Comic Sans` is not a font deckhand knows").hint("system, humanist, geometric, serif, mono")
    };
    font_file_of_an_unsupported_type: |w| {
        w.write("fonts/brand.eot", "eot");
        with_theme(w, "font = \"fonts/brand.eot\"\n");
        error_at("workshop.toml", (8, 1), "`.eot` is not a font file type").hint(".woff2, .woff, .ttf, .otf")
    };
    unknown_aspect: |w| {
        with_theme(w, "aspect = \"3:2\"\n");
        error_at("workshop.toml", (8, 10), "must be one of `16:9`, `16:10`, `4:3`, not `3:2`").hint("aspect = ")
    };
    theme_stylesheet_that_is_not_css: |w| {
        w.write("content/images/brand.png", "not really a png");
        with_theme(w, "css = [\"content/images/brand.png\"]\n");
        error_at("workshop.toml", (8, 8), "is not a stylesheet").hint(".css")
    };
}

#[cfg(unix)]
bad_input! {
    theme_stylesheet_through_a_symlink_pointing_outside: |w| {
        w.write("../outside.css", "body { color: red }\n");
        std::os::unix::fs::symlink(w.outside().join("outside.css"), w.path("brand.css")).unwrap();
        with_theme(w, "css = [\"brand.css\"]\n");
        error_at("workshop.toml", (8, 8), "is outside the workshop folder").hint("relative to the workshop folder")
    };
}

#[cfg(unix)]
bad_input! {
    logo_through_a_symlink_pointing_outside: |w| {
        w.write("../logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        std::os::unix::fs::symlink(w.outside().join("logo.svg"), w.path("logo.svg")).unwrap();
        with_theme(w, "logo = \"logo.svg\"\n");
        error_at("workshop.toml", (8, 1), "is outside the workshop folder").hint("relative to the workshop folder")
    };
}
