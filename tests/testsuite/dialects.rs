//! Both dialects on the dialects fixture (tests/fixtures/dialects): every rule of reveal.js's
//! markdown plugin as reveal-md runs it, and of remark, seen in the built deck; slide
//! backgrounds; the warnings for the other dialect's constructs.

use crate::support::{DIALECTS, slide_region};

fn slide(id: &str) -> &'static str {
    DIALECTS.slide(id)
}

/// The ids of every slide of a chapter, in order.
fn slide_ids(chapter: &str) -> Vec<String> {
    let deck = DIALECTS.text("print-deck.html");
    let start = deck.find(&format!("id=\"chapter-{chapter}\"")).unwrap();
    let end = deck[start..].find("</section>\n\n</section>").unwrap() + start;
    deck[start..end]
        .match_indices("<section class=\"slide")
        .map(|(i, _)| {
            let tag = &deck[start + i..];
            let id = &tag[tag.find(" id=\"").unwrap() + 5..];
            id[..id.find('"').unwrap()].to_string()
        })
        .collect()
}

fn warnings_containing(text: &str) -> Vec<String> {
    DIALECTS
        .warnings
        .iter()
        .filter(|w| w.message.contains(text))
        .map(|w| format!("{}:{} {}", w.path.display(), w.line, w.message))
        .collect()
}

#[test]
fn reveal_md_separators_make_slides_and_stacks() {
    assert_eq!(
        slide_ids("reveal"),
        [
            "reveal-1",
            "reveal-2",
            "reveal-2-1",
            "reveal-2-2",
            "reveal-3",
            "reveal-4",
            "reveal-5",
            "reveal-6",
            "reveal-7",
            "reveal-8",
            "reveal-9",
            "reveal-10"
        ]
    );
}

#[test]
fn reveal_notes_follow_one_note_line() {
    let first = slide("reveal-1");
    assert!(first.contains("<aside class=\"notes\"") && first.contains("Said on the first slide."));
    let lower = slide("reveal-2-1");
    let (content, notes) = lower.split_once("<aside class=\"notes\"").expect("notes");
    assert!(notes.contains("lower case works too") && !content.contains("lower case"));
    // Two note lines: reveal.js keeps both on the slide and shows no notes.
    let two = slide("reveal-2-2");
    assert!(!two.contains("<aside") && two.contains("Note: one") && two.contains("Note: two"));
    assert_eq!(
        warnings_containing("starts notes 2 times"),
        [
            "content/01-reveal.md:30 this slide starts notes 2 times; reveal.js then shows no notes and keeps every line on the slide"
        ]
    );
}

#[test]
fn custom_separators_from_the_front_matter() {
    assert_eq!(
        slide_ids("custom-separators"),
        [
            "custom-separators-1",
            "custom-separators-2",
            "custom-separators-2-1",
            // After a hidden stack top (reveal.js removes it), its sub-slide leads the stack.
            "custom-separators-3"
        ]
    );
    assert!(
        !DIALECTS
            .text("print-deck.html")
            .contains("reveal.js removes this slide.")
    );
    assert!(slide("custom-separators-3").contains("Below the hidden one"));
    let first = slide("custom-separators-1");
    assert!(first.contains("<hr"), "a `---` is a rule here: {first}");
    let second = slide("custom-separators-2");
    let (content, notes) = second.split_once("<aside class=\"notes\"").expect("notes");
    assert!(
        content.contains("Note: this line stays on the slide."),
        "{second}"
    );
    assert!(notes.contains("and this is the note."), "{second}");
}

#[test]
fn reveal_code_forms_become_steps_and_line_numbers() {
    let code = slide("reveal-3");
    assert!(code.contains("data-steps=\"1|3-4\""), "{code}");
    assert!(
        code.contains("<span class=\"ln hl-on\" data-n=\"712\">"),
        "{code}"
    );
    assert!(
        code.contains("class=\"code line-numbers\" data-lang=\"python\">"),
        "{code}"
    );
    assert!(
        !code.contains("[1|3-4]") && !code.contains("712:"),
        "{code}"
    );
    let attributes = slide("reveal-4");
    assert!(
        attributes.contains("<span class=\"ln\" data-n=\"10\"><mark>marked</mark> line</span>"),
        "{attributes}"
    );
}

#[test]
fn backgrounds_become_a_layer_behind_the_slide() {
    let dark = slide("reveal-5");
    assert!(
        dark.contains("class=\"slide has-dark-background\""),
        "{dark}"
    );
    assert!(
        dark.contains(
            "<div class=\"slide-bg\" aria-hidden=\"true\" style=\"background-color:#1a237e;\">"
        ),
        "{dark}"
    );
    let image = slide("reveal-6");
    assert!(image.contains("has-light-background"), "{image}");
    assert!(image.contains("background-image:url(&quot;images/stripes.svg&quot;);background-size:contain;opacity:0.5;"), "{image}");
    assert!(
        slide("reveal-7")
            .contains("background-image:linear-gradient(to bottom, #283b95, #17b2c3);")
    );
    let shorthand = slide("reveal-8");
    assert!(
        shorthand.contains("background:#ffeb3b;") && shorthand.contains("has-light-background"),
        "{shorthand}"
    );
    assert!(slide("reveal-9").contains("<iframe src=\"images/stripes.svg\""));
    // The section keeps no data-background attribute of its own.
    assert!(
        !DIALECTS
            .text("print-deck.html")
            .contains("data-background-")
    );
}

#[test]
fn remark_constructs_in_a_reveal_chapter_are_warned_about() {
    for construct in ["a line `--` is", "a line `???` is", "`.note[` is"] {
        let found = warnings_containing(construct);
        assert_eq!(found.len(), 1, "{construct}: {:?}", DIALECTS.warnings);
        assert!(found[0].starts_with("content/01-reveal.md:"), "{found:?}");
    }
    let other = slide("reveal-10");
    assert!(
        other.contains(".note[remark content class]"),
        "shown as text, as reveal.js does: {other}"
    );
}

#[test]
fn remark_slides_properties_layouts_and_exclusions() {
    // The layout slide, `exclude: true` and the excluded class are not shown.
    assert_eq!(
        slide_ids("remark"),
        [
            "remark-title",
            "remark-2",
            "remark-3",
            "remark-4",
            "remark-5",
            "remark-6",
            "remark-7"
        ]
    );
    let deck = DIALECTS.text("print-deck.html");
    assert!(!deck.contains("Never shown") && !deck.contains("Only in the room"));
    let title = slide("remark-title");
    assert!(
        title.contains("class=\"slide center middle chapter-title\""),
        "{title}"
    );
    assert!(title.contains("data-syntax=\"remark\""), "{title}");
    // The layout's content comes first on every slide until `layout: false`.
    for id in [
        "remark-title",
        "remark-2",
        "remark-3",
        "remark-4",
        "remark-5",
    ] {
        assert!(
            slide(id).contains("<span class=\"corner\">Remark rules</span>"),
            "{id}"
        );
    }
    assert!(!slide("remark-6").contains("corner"));
    // `count: false` leaves the number as it was.
    assert!(slide("remark-3").contains("data-number=\"3.2\""));
    assert!(slide("remark-4").contains("data-number=\"3.3\""));
    // A template's variables.
    assert!(slide("remark-4").contains("Two columns by Ada"));
}

#[test]
fn remark_continuations_are_steps_of_one_slide() {
    let steps = slide("remark-2");
    let parts: Vec<&str> = steps.split("<div class=\"slide-step").skip(1).collect();
    assert_eq!(parts.len(), 3, "{steps}");
    assert!(parts[0].starts_with("\">") && parts[1].starts_with(" fragment\">"));
    assert!(
        parts[2].contains("first point")
            && parts[2].contains("second point")
            && parts[2].contains("third point")
    );
    assert!(!parts[0].contains("second point"));
    // One slide, two fragment steps; the notes of the step that has them.
    let section = &steps[..steps.find('>').unwrap()];
    assert!(section.contains("data-number=\"3.2\""), "{section}");
    assert!(steps.contains("Said at the third point."));
}

#[test]
fn remark_content_classes_become_spans_and_divs() {
    let classes = slide("remark-3");
    assert!(classes.contains("<div class=\"lab\">\n<ul>"), "{classes}");
    assert!(
        classes.contains("<span class=\"red\">an inline one</span>"),
        "{classes}"
    );
    assert!(classes.contains("<span class=\"footnote\">"), "{classes}");
    let columns = slide("remark-4");
    assert!(
        columns.contains("<div class=\"pull-left\">")
            && columns.contains("<div class=\"pull-right\">")
    );
    // No property line, class opener or closing bracket is left as text in the remark chapter.
    let deck = DIALECTS.text("print-deck.html");
    let start = deck.find("id=\"chapter-remark\"").unwrap();
    let remark = &deck[start..];
    for leftover in [
        "class:", "name:", "layout:", "count:", ".lab[", ".red[", "]</p>", "\n]",
    ] {
        assert!(
            !remark.contains(leftover),
            "`{leftover}` shows in the remark chapter"
        );
    }
}

#[test]
fn remark_backgrounds_links_and_reveal_notes() {
    let background = slide("remark-5");
    assert!(background.contains("background-image:url(&quot;images/stripes.svg&quot;);background-size:auto;background-position:center;"), "{background}");
    assert!(
        background.contains("<a href=\"#/remark-title\">title</a>"),
        "{background}"
    );
    let without = slide("remark-6");
    assert!(
        without.contains("Note: in remark this line stays on the slide.")
            && !without.contains("<aside")
    );
    assert_eq!(warnings_containing("a line starting `Note:`").len(), 1);
}

#[test]
fn only_pages_showing_a_remark_chapter_load_its_stylesheet() {
    let link = "<link rel=\"stylesheet\" href=\"css/remark.css\">";
    // The remark chapter's own page and the whole deck, which holds it.
    assert!(DIALECTS.text("deck-remark.html").contains(link));
    assert!(DIALECTS.text("print-deck.html").contains(link));
    assert!(DIALECTS.files.contains_key("css/remark.css"));
    // A reveal chapter's page in the same workshop does not.
    for page in ["deck-reveal.html", "deck-custom-separators.html"] {
        assert!(!DIALECTS.text(page).contains("remark.css"), "{page}");
    }
    assert!(
        !crate::support::EVERY_FEATURE
            .text("print-deck.html")
            .contains("remark.css")
    );
}

#[test]
fn the_handout_shows_the_last_step_of_a_remark_slide() {
    let handout = DIALECTS.text("handout.html");
    let slide = slide_region(handout, "handout-remark-2");
    assert!(slide.contains("third point"), "{slide}");
}
