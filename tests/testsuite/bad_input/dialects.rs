//! Broken workshops: dialect settings and remark constructs that cannot be read.

use super::*;

const REMARK: &str = "content/03-remark.md";

/// A remark chapter added to the small workshop, with `body` after its front matter.
fn remark_chapter(w: &Workshop, body: &str) {
    w.write(
        REMARK,
        format!("+++\ntitle = \"Remark\"\nduration = 5\nsyntax = \"remark\"\n+++\n{body}"),
    );
}

bad_input! {
    an_unterminated_content_class: |w| {
        remark_chapter(w, "# Remark\n\n.lab[\n- a step\n---\n# Next\n");
        error_at(REMARK, (8, 1), "content class `.lab[` is never closed").hint("end it with `]`")
    };
    a_layout_slide_at_the_end: |w| {
        remark_chapter(w, "# Remark\n---\nlayout: true\n\n.footer[x]\n");
        error_at(REMARK, (8, 1), "`layout: true` slide is the chapter's last")
    };
    an_undefined_remark_macro: |w| {
        remark_chapter(w, "# Remark\n\n![:scale 50%](images/pod.svg)\n");
        error_at(REMARK, (8, 1), "macro `scale` is not defined")
    };
    an_invalid_separator_in_workshop_toml: |w| {
        w.write("workshop.toml", format!("{}separator = \"(---\"\n", w.read("workshop.toml")));
        let text = w.read("workshop.toml");
        error_at("workshop.toml", (line_of(&text, "separator ="), 1), "is not a valid regular expression")
            .hint("JavaScript regular expressions")
    };
    an_invalid_separator_in_front_matter: |w| {
        w.replace(INTRO, "duration = 10\n", "duration = 10\nseparator_notes = \"[notes\"\n");
        error_at(INTRO, (4, 1), "`[notes` is not a valid regular expression")
    };
    a_separator_matching_nothing: |w| {
        w.replace(INTRO, "duration = 10\n", "duration = 10\nseparator_vertical = \"x*\"\n");
        error_at(INTRO, (4, 1), "matches empty text")
    };
    an_unknown_syntax: |w| {
        w.replace(INTRO, "duration = 10\n", "duration = 10\nsyntax = \"marp\"\n");
        error_at(INTRO, (4, 10), "marp")
    };
}
