//! Problems that are only warnings: the build succeeds (exit 0) and prints them with file:line.

use super::*;

/// Build the small workshop changed by `change` with the binary; it must succeed.
fn build_with_warnings(change: impl FnOnce(&Workshop)) -> (Workshop, crate::support::Run) {
    let workshop = Workshop::small();
    change(&workshop);
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    assert!(workshop.path("public/deck.html").is_file());
    (workshop, run)
}

#[test]
fn an_unknown_code_language_is_only_a_warning() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(NEXT, "## Pods\n", "## Pods\n\n```klingon\nQapla'\n```\n");
    });
    let text = w.read(NEXT);
    run.warning(NEXT, "no syntax highlighting for language `klingon`")
        .at(line_of(&text, "```klingon"), 1)
        .hint("yaml");
    assert!(
        run.stdout.contains(" 1 warning"),
        "counted in the summary: {}",
        run.stdout
    );
    assert!(
        w.read("public/print-deck.html").contains("Qapla&#39;"),
        "the code is still shown, escaped"
    );
}

#[test]
fn an_unknown_code_block_option_is_only_a_warning() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(INTRO, "hl_lines=\"1-2|5\"", "hl_line=\"1-2|5\"");
    });
    let text = w.read(INTRO);
    run.warning(INTRO, "unknown code block option `hl_line`")
        .at(line_of(&text, "hl_line="), 1)
        .hint("did you mean `hl_lines`?");
}

#[test]
fn an_image_without_alt_text_is_only_a_warning() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(
            INTRO,
            "![A pod holding two containers](images/pod.svg)",
            "![](images/pod.svg)",
        );
    });
    let text = w.read(INTRO);
    run.warning(INTRO, "has no alt text")
        .at(line_of(&text, "![](images/pod.svg)"), 1)
        .hint("![");
}

#[test]
fn a_chapter_without_a_duration_is_only_a_warning() {
    let (_, run) = build_with_warnings(|w| {
        w.replace(INTRO, "duration = 10\n", "");
        w.replace(
            "workshop.toml",
            "planned_minutes = 30",
            "planned_minutes = 20",
        );
    });
    run.warning(INTRO, "has no duration").hint("duration = ");
    assert_eq!(
        run.diagnostics().len(),
        1,
        "only that warning:\n{}",
        run.stderr
    );
}

#[test]
fn durations_not_adding_up_to_the_plan_is_a_warning_on_workshop_toml() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(
            "workshop.toml",
            "planned_minutes = 30",
            "planned_minutes = 45",
        );
    });
    let toml = w.read("workshop.toml");
    run.warning(
        "workshop.toml",
        "the chapters add up to 30 minutes, but planned_minutes is 45",
    )
    .at(line_of(&toml, "planned_minutes"), 1)
    .hint("15 minutes");
}
