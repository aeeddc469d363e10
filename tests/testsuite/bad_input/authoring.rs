//! Broken workshops, issue 14's authoring features: tables of contents, hidden slides,
//! `linenos` and `hl_lines` in the gutter's numbers. Warnings (drafts, the `hl_lines`
//! migration, code taller than a slide) at the end.

use super::*;

/// INTRO's slide showing the whole pod.yaml (19 lines numbered 1–19, line 3 and 8 ANCHOR
/// markers that are never shown).
const WHOLE_POD: &str = "```yaml hl_lines=\"1-2|5\" linenos=true";

bad_input! {
    misspelt_toc_scope: |w| {
        w.replace(NEXT, "## Pods\n", "## Pods\n\n{{#toc chpater}}\n");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "{{#toc"), "`{{#toc chpater}}` is not a table of contents")
            .hint("did you mean `{{#toc chapter}}`?")
    };
    misspelt_toc_name: |w| {
        w.replace(NEXT, "## Pods\n", "## Pods\n\n{{#tocs}}\n");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "{{#tocs"), "`{{#tocs` is not a directive deckhand knows")
            .hint("did you mean `{{#toc`?")
    };
    toc_with_spaces_inside: |w| {
        w.replace(NEXT, "## Pods\n", "## Pods\n\n{{ #toc }}\n");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "{{ #toc"), "is not a directive deckhand knows")
            .hint("{{#toc}}")
    };
    toc_inside_a_sentence: |w| {
        w.replace(NEXT, "The first two lines", "See {{#toc}}. The first two lines");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "{{#toc}}"), "works only alone in a paragraph")
    };
    toc_in_the_notes: |w| {
        w.replace(INTRO, "Say hello.", "Say hello.\n\n{{#toc}}");
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "{{#toc}}"), "not in its notes")
    };
    unknown_way_to_hide_a_slide: |w| {
        w.replace(INTRO, "---\n\n## Its metadata", "---\n<!-- .slide: hidden=\"handuot\" -->\n\n## Its metadata");
        let text = w.read(INTRO);
        error_at(INTRO, (line_of(&text, "<!-- .slide"), 1), "`hidden=\"handuot\"` is not a way to hide a slide")
            .hint("hidden=\"handout\"")
    };
    linenos_that_is_not_a_number: |w| {
        w.replace(INTRO, WHOLE_POD, "```yaml linenos=\"yes\"");
        let text = w.read(INTRO);
        error_at(INTRO, (line_of(&text, "linenos="), 1), "linenos: `yes` is not `true`, `false` or a line number")
            .hint("linenos=false")
    };
    hl_lines_outside_the_gutter_of_a_slice: |w| {
        // Lines 9–15 of the file: 30 is past them under either rule.
        w.replace(NEXT, "{{#include samples/intro/pod.yaml:1:2}}", "{{#include samples/intro/pod.yaml:9:15}}");
        w.replace(NEXT, "```yaml\n{{#include samples/intro/pod.yaml:9", "```yaml hl_lines=\"30\"\n{{#include samples/intro/pod.yaml:9");
        let text = w.read(NEXT);
        error_at(NEXT, (line_of(&text, "hl_lines=\"30\""), 1), "hl_lines: line 30 is past the end")
            .hint("counts the numbers in the gutter")
    };
    hl_lines_on_an_anchor_line: |w| {
        // Line 8 of pod.yaml is `# ANCHOR_END: meta`, which no slide shows.
        w.replace(INTRO, WHOLE_POD, "```yaml hl_lines=\"8\" linenos=true");
        let text = w.read(INTRO);
        error_at(INTRO, (line_of(&text, "hl_lines=\"8\""), 1), "line 8 is not shown")
    };
}

/// Build the small workshop changed by `change` with the binary; it must succeed, and `check`
/// must print the same warnings.
fn warns(change: impl FnOnce(&Workshop)) -> (Workshop, crate::support::Run) {
    let workshop = Workshop::small();
    change(&workshop);
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    let checked = workshop.deckhand(["check"]);
    checked.expect_code(0);
    assert_eq!(
        checked.diagnostics(),
        run.diagnostics(),
        "check warns as build does"
    );
    (workshop, run)
}

#[test]
fn a_draft_chapter_is_left_out_with_a_warning_naming_it() {
    let (w, run) = warns(|w| {
        w.replace(NEXT, "duration = 20\n", "duration = 20\ndraft = true\n");
    });
    let text = w.read(NEXT);
    run.warning(NEXT, "chapter “Next” is a draft: left out of the build")
        .at(line_of(&text, "draft = true"), 1)
        .hint("deckhand serve");
    assert!(!w.path("public/deck-next.html").exists());
}

#[test]
fn an_hl_lines_that_meant_other_lines_is_a_migration_warning() {
    let (w, run) = warns(|w| {
        // A slice from line 4: the old rule's "1-2" (its first two lines) are lines 4–5.
        w.replace(
            NEXT,
            "```yaml\n{{#include samples/intro/pod.yaml:1:2}}",
            "```yaml hl_lines=\"1-2\"\n{{#include samples/intro/pod.yaml:4:7}}",
        );
    });
    let text = w.read(NEXT);
    run.warning(
        NEXT,
        "hl_lines=\"1-2\" now counts the numbers in the gutter (4–7)",
    )
    .at(line_of(&text, "hl_lines=\"1-2\""), 1)
    .hint("hl_lines=\"4-5\"");
    // Nothing is lit until the author says which lines: the old lines are not silently kept.
    let deck = w.read("public/deck-next.html");
    assert!(!deck.contains("hl-on"), "{deck}");
}

#[test]
fn code_taller_than_a_slide_is_a_warning_at_its_fence() {
    let (w, run) = warns(|w| {
        let long: String = (1..=30).map(|n| format!("echo line {n}\n")).collect();
        w.replace(
            NEXT,
            "## Pods\n",
            &format!("## Pods\n\n```bash\n{long}```\n"),
        );
    });
    let text = w.read(NEXT);
    run.warning(
        NEXT,
        "this code block has 30 lines, more than a slide holds",
    )
    .at(line_of(&text, "```bash"), 1)
    .hint("handouts and print show it whole");
}
