//! Code taller than a slide: `check` names the slide (the fence's file:line:col), and on paper
//! it continues over the pages instead of being cut where the slide ends.

use super::*;

/// A 60-line sample whose first, middle and last lines say where they are.
fn sixty_lines() -> String {
    (1..=60)
        .map(|n| match n {
            1 => "# tallsample-first-line\n".to_string(),
            30 => "# tallsample-middle-line\n".to_string(),
            60 => "# tallsample-last-line\n".to_string(),
            n => format!("echo step-{n}\n"),
        })
        .collect()
}

#[test]
fn a_sixty_line_sample_on_one_slide_is_whole_in_the_handout_pdf() {
    if !tools_or_skip("a_sixty_line_sample_on_one_slide_is_whole_in_the_handout_pdf") {
        return;
    }
    let workshop = Workshop::small();
    workshop.write("content/samples/next/long.sh", sixty_lines());
    let chapter = "content/02-next.md";
    workshop.replace(
        chapter,
        "## Pods\n",
        "## Pods\n\n```bash\n{{#include samples/next/long.sh}}\n```\n\n---\n\n## After\n",
    );
    let text = workshop.read(chapter);
    let fence = text.lines().position(|l| l == "```bash").unwrap() + 1;

    let check = workshop.deckhand(["check"]);
    check.expect_code(0);
    check
        .warning(
            chapter,
            "this code block has 60 lines, more than a slide holds",
        )
        .at(fence, 1);

    let run = run_pdf(workshop.root(), &[], &[]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains(&format!("{chapter}:{fence}:1: warning")),
        "pdf warns as check does:\n{}",
        run.stderr
    );
    let pdf = workshop.path("public/small-workshop-handout.pdf");
    let printed = pdftotext(&pdf, &[]);
    // The slide's block and the chapter's "Samples in full" each hold the whole file.
    for line in [
        "tallsample-first-line",
        "tallsample-middle-line",
        "tallsample-last-line",
    ] {
        assert_eq!(
            printed.matches(line).count(),
            2,
            "{line} twice in:\n{printed}"
        );
    }
    for n in [2, 29, 31, 59] {
        assert!(
            printed.contains(&format!("echo step-{n}\n")),
            "step-{n} in:\n{printed}"
        );
    }
    // The printed deck runs the block on over extra pages rather than cutting it.
    let slides = pdftotext(&workshop.path("public/small-workshop-slides.pdf"), &[]);
    for line in [
        "tallsample-first-line",
        "tallsample-middle-line",
        "tallsample-last-line",
    ] {
        assert!(slides.contains(line), "{line} in the slides:\n{slides}");
    }
}
