//! Broken workshops: `[theme]` in workshop.toml (unknown keys, colours, stylesheets).

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
