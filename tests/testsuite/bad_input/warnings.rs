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

/// `deckhand check` on the same workshop: exit 0 and the same warnings as the build.
fn check_prints_the_same(w: &Workshop, build: &crate::support::Run) -> crate::support::Run {
    let check = w.deckhand(["check"]);
    check.expect_code(0);
    assert_eq!(
        check.diagnostics(),
        build.diagnostics(),
        "check prints what build prints:\n{}",
        check.stderr
    );
    check
}

#[test]
fn an_unclosed_code_fence_is_a_warning_at_the_fence() {
    let (w, run) = build_with_warnings(|w| {
        let text = w.read(NEXT);
        w.write(
            NEXT,
            text + "\n---\n\n## Broken\n\n~~~~yaml\nkind: Pod\n\n## Swallowed\n\n- shown as code\n",
        );
    });
    let text = w.read(NEXT);
    let warning = run.warning(NEXT, "this code fence (~~~~) is never closed");
    warning
        .at(line_of(&text, "~~~~yaml"), 1)
        .hint("end the code with a line ~~~~ of its own");
    assert!(
        warning.message.contains("lines after it") && warning.message.contains("show as code"),
        "says what it swallowed: {}",
        warning.message
    );
    // Up to the slide's end: the next `---` line, or the chapter's end; blank lines before
    // it are the separator's, not the code's.
    let mut after: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("~~~~yaml"))
        .skip(1)
        .take_while(|l| *l != "---")
        .collect();
    while after.last().is_some_and(|l| l.trim().is_empty()) {
        after.pop();
    }
    let swallowed = after.len();
    assert!(swallowed >= 4, "the rest of the slide: {after:?}");
    assert!(
        warning
            .message
            .contains(&format!("the {swallowed} lines after it")),
        "{swallowed} lines: {}",
        warning.message
    );
    assert_eq!(
        run.diagnostics().len(),
        1,
        "only that warning:\n{}",
        run.stderr
    );
    check_prints_the_same(&w, &run);
}

#[test]
fn an_unclosed_code_fence_under_remark_is_reported_once_for_all_its_steps() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(
            NEXT,
            "duration = 20\n",
            "duration = 20\nsyntax = \"remark\"\n",
        );
        let text = w.read(NEXT);
        w.write(
            NEXT,
            text + "\n---\n\n## Broken\n\n- one\n--\n- two\n\n```yaml\nkind: Pod\n--\n- three\n",
        );
    });
    let text = w.read(NEXT);
    run.warning(NEXT, "this code fence (```) is never closed")
        .at(line_of(&text, "kind: Pod") - 1, 1)
        .hint("```");
    let warning = run.warning(NEXT, "never closed");
    assert!(
        warning.message.contains("the 2 lines after it"),
        "the last step's count (`kind: Pod` and `- three`; the `--` is no line of the slide): {}",
        warning.message
    );
    assert_eq!(run.diagnostics().len(), 1, "once:\n{}", run.stderr);
    check_prints_the_same(&w, &run);
}

#[test]
fn a_fence_closed_by_a_longer_one_or_inside_an_included_file_is_not_reported() {
    let w = Workshop::small();
    // An included file with a fence of its own (a README's example) is code, not the chapter's.
    w.write(
        "content/samples/intro/README.md",
        "Run it:\n\n```bash\nkubectl apply -f pod.yaml\n",
    );
    w.replace(
        NEXT,
        "## Pods\n",
        "## Pods\n\n```text\n{{#include samples/intro/README.md}}\n```\n\n~~~\nx\n~~~~~\n",
    );
    let run = w.deckhand(["build"]);
    run.expect_code(0);
    assert!(
        !run.stderr.contains("never closed"),
        "no fence warning:\n{}",
        run.stderr
    );
    assert!(
        w.read("public/print-deck.html").contains("kubectl apply"),
        "the included file is shown"
    );
}
