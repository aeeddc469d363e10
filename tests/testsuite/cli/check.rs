//! `deckhand check`: every problem, exit 1, nothing written, quiet on a good workshop.

use super::*;

#[test]
fn check_prints_every_problem_and_exits_1() {
    let workshop = Workshop::small();
    workshop.replace("content/01-intro.md", "duration = 10", "durration = 10");
    workshop.replace(
        "content/02-next.md",
        "samples/intro/pod.yaml:1:2",
        "samples/intro/missing.yaml",
    );
    workshop.replace(
        "content/02-next.md",
        "## Pods",
        "## Pods\n\nSee [the pods](#pod).",
    );
    workshop.write(
        "content/03-empty.md",
        "+++\ntitle = \"Empty\"\nduration = 5\n+++\n",
    );
    let next = workshop.read("content/02-next.md");
    let run = workshop.deckhand(["check"]);
    run.expect_code(1);
    run.error("content/01-intro.md", "unknown key `durration`")
        .at(3, 1)
        .hint("did you mean `duration`?");
    run.error(
        "content/02-next.md",
        "included file `content/samples/intro/missing.yaml` does not exist",
    )
    .on_line(line_of(&next, "missing.yaml"));
    run.error("content/02-next.md", "link `#pod` matches no heading")
        .on_line(line_of(&next, "(#pod)"))
        .hint("did you mean `#pods`?");
    run.error("content/03-empty.md", "the chapter has no slides");
    let errors = run
        .diagnostics()
        .iter()
        .filter(|d| d.severity == crate::support::Severity::Error)
        .count();
    assert!(
        run.stderr.contains(&if errors == 1 {
            "1 error,".to_string()
        } else {
            format!("{errors} errors,")
        }),
        "a count of the errors:\n{}",
        run.stderr
    );
}

/// A template may fail only on a chapter's handout (`page.chapter`); `check` renders every page
/// a build would, and counts a problem once however many pages meet it.
#[test]
fn check_finds_template_errors_on_every_page_a_build_renders() {
    let workshop = Workshop::small();
    let builtin = include_str!("../../../templates/handout.html");
    let broken = "{% if page.chapter %}{{ chapters[0].titel }}{% endif %}";
    let template = builtin.replacen(
        "{% block body %}\n",
        &format!("{{% block body %}}\n{broken}\n"),
        1,
    );
    assert_ne!(template, builtin);
    workshop.write("templates/handout.html", &template);
    for command in ["check", "build"] {
        let run = workshop.deckhand([command]);
        run.expect_code(1);
        run.error("templates/handout.html", "template:")
            .on_line(line_of(&template, broken));
        let printed = run.diagnostics().len();
        assert_eq!(
            printed, 1,
            "`{command}` prints the problem once:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("1 error,") || run.stderr.contains("with 1 error;"),
            "`{command}` counts it once:\n{}",
            run.stderr
        );
    }
}

#[test]
fn check_writes_nothing() {
    for broken in [false, true] {
        let workshop = Workshop::small();
        if broken {
            workshop.replace("content/01-intro.md", "title = \"Intro\"", "title = \"\"");
        }
        let before = tree(workshop.root());
        let run = workshop.deckhand(["check"]);
        run.expect_code(if broken { 1 } else { 0 });
        // Like `build`, `check` keeps its caches in `.deckhand/` (and only there).
        let mut after = tree(workshop.root());
        after.retain(|path, _| !path.starts_with(".deckhand"));
        assert_same_tree(&before, &after, "the workshop folder after `check`");
        assert!(!workshop.path("public").exists());
        assert_eq!(
            listing(&workshop.outside()),
            ["ws"],
            "nothing beside the workshop either"
        );
    }
}

#[test]
fn check_passes_a_good_workshop_quietly() {
    let workshop = Workshop::small();
    let run = workshop.deckhand(["check"]);
    run.expect_code(0);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.contains("No errors, 0 warnings."),
        "{}",
        run.stdout
    );
}
