//! Broken workshops: slide layouts (`columns` and its `<!-- .column -->` breaks, `split`).

use super::*;

/// NEXT's "Pods" slide with `class` and two columns split by a `<!-- .column -->` line.
fn two_columns(w: &Workshop, class: &str) {
    let slide = format!(
        "<!-- .slide: class=\"{class}\" -->\n## Pods\n\nLeft side.\n\n<!-- .column -->\n\nRight side.\n"
    );
    w.replace(NEXT, "## Pods\n", &slide);
}

bad_input! {
    misspelt_layout_class_with_column_breaks: |w| {
        two_columns(w, "colums");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "<!-- .column"), "unknown layout class `colums` used with a `<!-- .column -->` break")
            .hint("did you mean `columns`?")
    };
    made_up_layout_class_with_column_breaks: |w| {
        two_columns(w, "two-col wide");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "<!-- .column"), "unknown layout class `two-col`")
            .hint("class=\"columns\"")
    };
    column_break_inside_a_list: |w| {
        w.replace(NEXT, "## Pods\n", "<!-- .slide: class=\"columns\" -->\n## Pods\n\n- one <!-- .column --> two\n");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "<!-- .column"), "must be on a line of its own")
            .hint("between two paragraphs")
    };
    too_many_columns: |w| {
        let body: String = (1..=5).map(|n| format!("Column {n}.\n\n<!-- .column -->\n\n")).collect();
        w.replace(NEXT, "## Pods\n", &format!("<!-- .slide: class=\"columns\" -->\n## Pods\n\n{body}Six.\n"));
        let text = w.read(NEXT);
        let fourth = text.match_indices("<!-- .column").nth(3).unwrap().0;
        let line = text[..fourth].lines().count() + 1;
        error_at(NEXT, (line, 1), "at most 4 columns").hint("split the slide")
    };
}

#[test]
fn a_column_break_on_a_slide_without_a_layout_is_only_a_warning() {
    let workshop = Workshop::small();
    two_columns(&workshop, "small");
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    let text = workshop.read(NEXT);
    let (line, col) = pos_of(&text, "<!-- .column");
    run.warning(
        NEXT,
        "a `<!-- .column -->` break on a slide that is not `columns`",
    )
    .at(line, col)
    .hint("class=\"columns\"");
    let deck = workshop.read("public/print-deck.html");
    assert!(
        deck.contains("Left side.")
            && deck.contains("Right side.")
            && !deck.contains("columns-row"),
        "the slide is shown in one column"
    );
}

#[test]
fn a_split_slide_without_an_image_is_only_a_warning() {
    let workshop = Workshop::small();
    workshop.replace(
        NEXT,
        "## Pods\n",
        "<!-- .slide: class=\"split\" -->\n## Pods\n",
    );
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    let text = workshop.read(NEXT);
    run.warning(NEXT, "a `split` slide has no image on a line of its own")
        .at(line_of(&text, "<!-- .slide: class=\"split\""), 1)
        .hint("paragraph of its own");
}
