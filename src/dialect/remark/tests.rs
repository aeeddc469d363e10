use super::*;
use crate::diagnostics::{Pos, Severity};
use std::path::Path;

fn cut<'a>(body: &'a str, excluded: &[&str]) -> Split<'a> {
    let pos = |offset: usize| Pos::at(body, offset);
    let context = Context {
        path: Path::new("c.md"),
        pos: &pos,
    };
    let excluded = excluded.iter().map(|s| s.to_string()).collect();
    Remark::new(excluded).split(body, 0, &context)
}

fn errors(split: &Split<'_>) -> Vec<String> {
    split
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {}", d.line, d.col, d.message))
        .collect()
}

#[test]
fn continuations_are_steps_of_one_slide() {
    let split = cut(
        "# Steps\n\n- one\n--\n- two\n???\nsay two\n---\n# Next",
        &[],
    );
    assert_eq!(split.slides.len(), 2);
    let steps: Vec<&str> = split.slides[0]
        .steps
        .iter()
        .map(|s| s.text.as_ref())
        .collect();
    // Separators take the line ending before them.
    assert_eq!(steps, ["# Steps\n\n- one", "# Steps\n\n- one\n- two"]);
    assert_eq!(split.slides[0].notes.as_ref().unwrap().text, "say two");
    // The second step's own line maps back to the file.
    let second = &split.slides[0].steps[1];
    let at = second.text.find("- two").unwrap();
    assert_eq!(second.file_offset(at), "# Steps\n\n- one\n--\n".len());
}

#[test]
fn content_classes_become_html() {
    let split = cut(
        "class: center, middle\n\n.lab[\n- run\n]\n\nSee .red[**this**].",
        &[],
    );
    let slide = &split.slides[0];
    assert_eq!(slide.properties.classes, ["center", "middle"]);
    assert_eq!(
        slide.steps[0].text,
        "<div class=\"lab\">\n\n- run\n\n\n</div>\n\n\n\nSee <span class=\"red\">**this**</span>."
    );
    let text = &slide.steps[0].text;
    let at = text.find("</div>").unwrap();
    assert_eq!(
        slide.steps[0].file_offset(at),
        "class: center, middle\n\n.lab[\n- run\n".len()
    );
}

#[test]
fn block_classes_keep_the_indentation_of_their_line() {
    let split = cut("- item\n  .footnote[a\n  b]\n", &[]);
    assert!(
        split.slides[0].steps[0]
            .text
            .contains("\n\n  <div class=\"footnote\">\n\na\n  b\n\n  </div>"),
        "{}",
        split.slides[0].steps[0].text
    );
}

#[test]
fn properties_give_id_background_and_count() {
    let split = cut(
        "name: intro\ncount: false\nbackground-image: url(images/a.png)\n\n# Hi",
        &[],
    );
    let p = &split.slides[0].properties;
    assert_eq!(p.id.as_ref().unwrap().0, "intro");
    assert!(p.uncounted);
    assert!(p.attributes.contains(&(
        "data-remark-background-image".into(),
        "url(images/a.png)".into()
    )));
}

#[test]
fn bad_input_is_an_error_with_a_line() {
    let split = cut("# A\n\n.lab[ open\n---\n# B\n", &[]);
    assert_eq!(
        errors(&split),
        ["3:1 content class `.lab[` is never closed"]
    );
    let split = cut("# A\n---\nlayout: true\n\nfooter", &[]);
    assert_eq!(errors(&split).len(), 1);
    assert!(errors(&split)[0].starts_with("3:"), "{:?}", errors(&split));
}

#[test]
fn reveal_notes_and_hidden_properties_warn() {
    let split = cut(
        "# A\n\nNote: shown in remark\n---\nWarning: hidden\n\ntext",
        &[],
    );
    assert_eq!(split.slides[0].notes, None);
    assert!(split.slides[0].steps[0].text.contains("Note: shown"));
    let warnings: Vec<String> = split
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("`Note:`")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("`Warning: hidden`")),
        "{warnings:?}"
    );
}

#[test]
fn excluded_classes_and_indented_sources() {
    let split = cut(
        "  # A\n  ---\n  class: in-person\n  # B\n  ---\n  # C\n",
        &["in-person"],
    );
    assert_eq!(split.slides.len(), 2);
    assert_eq!(split.slides[1].steps[0].text, "# C\n");
    assert_eq!(
        split.slides[1].steps[0].file_offset(0),
        "  # A\n  ---\n  class: in-person\n  # B\n  ---\n  ".len()
    );
}

#[test]
fn link_definitions_reach_every_slide() {
    let split = cut("[site][s]\n---\nmore\n\n[s]: https://example.org\n", &[]);
    assert!(
        split.slides[0].steps[0]
            .text
            .contains("[s]: <https://example.org>")
    );
}
