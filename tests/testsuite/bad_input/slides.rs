//! Broken workshops: inside the slides: code block options, slide ids and attributes, nesting, links and images.

use super::*;

bad_input! {
    hl_lines_past_the_end_of_the_block: |w| {
        w.replace(INTRO, "hl_lines=\"1-2|5\"", "hl_lines=\"1-2|40\"");
        error_at(INTRO, (18, 1), "line 40 is past the end")
    };
    malformed_code_block_options: |w| {
        w.replace(INTRO, "hl_lines=\"1-2|5\"", "hl_lines=\"1-2|4");
        error_at(INTRO, (18, 1), "no closing")
    };
    duplicate_explicit_slide_id: |w| {
        let with_id = "---\n<!-- .slide: id=\"pods\" -->\n\n## Its metadata";
        w.replace(INTRO, "---\n\n## Its metadata", with_id);
        w.replace(NEXT, "+++\n\n# Next", "+++\n<!-- .slide: id=\"pods\" -->\n# Next");
        error_at(NEXT, (5, 1), "slide id `pods` is already used")
    };
    invalid_explicit_slide_id: |w| {
        let with_id = "---\n<!-- .slide: id=\"its metadata\" -->\n\n## Its metadata";
        w.replace(INTRO, "---\n\n## Its metadata", with_id);
        let text = w.read(INTRO);
        error_at(INTRO, (line_of(&text, "<!-- .slide"), 1), "slide id `its metadata`")
    };
    malformed_slide_attributes: |w| {
        let broken = "---\n\n<!-- .slide: class=\"wide -->\n## Its metadata";
        w.replace(INTRO, "---\n\n## Its metadata", broken);
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "<!-- .slide"), "no closing")
    };
    malformed_element_attributes: |w| {
        w.replace(NEXT, "every manifest:", "every manifest: <!-- .element: 1class=fragment -->");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "<!-- .element"), "not a valid attribute name")
    };
    lists_nested_100_levels_deep: |w| {
        let list: String =
            (0..100).map(|depth| format!("{}- level {depth}\n", "  ".repeat(depth))).collect();
        w.replace(NEXT, "## Pods\n", &format!("## Pods\n\n{list}"));
        let text = w.read(NEXT);
        // The error is where the nesting passes the limit, inside the list.
        let (first, last) = (line_of(&text, "- level 0"), line_of(&text, "- level 99"));
        let run = w.deckhand(["check"]);
        let found = run.error(NEXT, "nested more than");
        let line = found.line.unwrap();
        assert!((first..=last).contains(&line), "line {line} is not in the list ({first}–{last})");
        error_at(NEXT, (line, found.col.unwrap()), "nested more than")
    };
    link_to_a_missing_file: |w| {
        w.replace(NEXT, "every manifest:", "every [manifest](samples/intro/service.yaml):");
        let text = w.read(NEXT);
        let message = "`samples/intro/service.yaml`, which does not exist";
        error_at(NEXT, pos_of(&text, "[manifest]"), message)
    };
    link_outside_the_workshop: |w| {
        secret(w);
        w.replace(NEXT, "every manifest:", "every [manifest](../../secret.yaml):");
        let text = w.read(NEXT);
        error_at(NEXT, pos_of(&text, "[manifest]"), "outside the workshop folder")
    };
    link_to_a_missing_heading_in_the_same_chapter: |w| {
        let slide = "Say hello.\n\n---\n\nBack to [the metadata](#its-metadat).";
        w.replace(INTRO, "Say hello.", slide);
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "[the metadata]"), "`#its-metadat` matches no heading")
            .hint("did you mean `#its-metadata`?")
    };
    link_to_a_missing_heading_in_another_chapter: |w| {
        w.replace(INTRO, "02-next.md#pods", "02-next.md#pod");
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "[pods]"), "`02-next.md#pod` matches no heading")
            .hint("did you mean `02-next.md#pods`?")
    };
    image_that_does_not_exist: |w| {
        w.replace(INTRO, "(images/pod.svg)", "(images/pods.svg)");
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "![A pod"), "`images/pods.svg`, which does not exist")
    };
}
