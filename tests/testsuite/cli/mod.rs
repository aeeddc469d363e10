//! The real binary: exit codes (0 ok, 1 problems, 2 usage), the one-line summary, messages on
//! stderr, `--out`, `--base-url`, `check` and `new`.

mod check;
mod new;
mod theme_copy;

use std::path::Path;

use crate::support::{Run, Workshop, assert_same_tree, deckhand_in, line_of, listing, tree};

/// The numbers of `Built 2 chapters, 4 slides, 1 samples, 0 warnings in 12 ms into public`.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    chapters: usize,
    slides: usize,
    samples: usize,
    warnings: usize,
    out: String,
}

#[track_caller]
fn summary(run: &Run) -> Summary {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap_or_else(|| panic!("no summary in stdout:\n{}", run.stdout));
    let words: Vec<&str> = line.split_whitespace().collect();
    // Built N chapters, N slides, N samples, N warnings in N ms into OUT (singular or plural)
    let expect = |i: usize, word: &str| {
        assert!(
            words.get(i).is_some_and(|w| w.starts_with(word)),
            "`{word}` in `{line}`"
        )
    };
    let number = |i: usize| -> usize {
        words[i]
            .parse()
            .unwrap_or_else(|_| panic!("a number at word {i} of `{line}`"))
    };
    expect(2, "chapter");
    expect(4, "slide");
    expect(6, "sample");
    expect(8, "warning");
    expect(9, "in");
    number(10); // the time
    expect(11, "ms");
    expect(12, "into");
    let out = line.split(" into ").nth(1).unwrap().to_string();
    Summary {
        chapters: number(1),
        slides: number(3),
        samples: number(5),
        warnings: number(7),
        out,
    }
}

#[test]
fn a_good_build_exits_0_and_prints_a_one_line_summary() {
    let workshop = Workshop::small();
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    assert_eq!(
        summary(&run),
        Summary {
            chapters: 2,
            slides: 4,
            samples: 1,
            warnings: 0,
            out: "public".into()
        }
    );
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("Built "))
            .count(),
        1,
        "one summary line:\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("public/index.html") || run.stdout.contains("public\\index.html"),
        "says where to open it:\n{}",
        run.stdout
    );
    assert_eq!(run.stderr, "", "a clean build prints nothing on stderr");
    assert!(workshop.path("public/index.html").is_file());
}

#[test]
fn warnings_are_printed_with_their_location_and_counted_in_the_summary() {
    let workshop = Workshop::small();
    workshop.replace(
        "content/01-intro.md",
        "![A pod holding two containers](images/pod.svg)",
        "![](images/pod.svg)",
    );
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    let text = workshop.read("content/01-intro.md");
    run.warning(
        "content/01-intro.md",
        "image `images/pod.svg` has no alt text",
    )
    .on_line(line_of(&text, "![](images/pod.svg)"))
    .hint("describe the image");
    assert_eq!(summary(&run).warnings, 1);
}

#[test]
fn errors_exit_1_with_path_line_col_and_a_hint_and_write_nothing() {
    let workshop = Workshop::small();
    workshop.replace("content/02-next.md", "duration = 20", "durration = 20");
    let run = workshop.deckhand(["build"]);
    run.expect_code(1);
    run.error("content/02-next.md", "unknown key `durration`")
        .at(3, 1)
        .hint("did you mean `duration`?");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("content/02-next.md:3:1: error: unknown key `durration`")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\n  = hint: "),
        "the hint is on its own line:\n{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("Built "),
        "no summary after a failed build:\n{}",
        run.stdout
    );
    assert!(
        !workshop.path("public").exists(),
        "a failed build writes no output"
    );
}

#[test]
fn usage_errors_exit_2() {
    let workshop = Workshop::small();
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"],
        &[],
        &["new"],
        &["build", "a", "b"],
    ] {
        let run = workshop.deckhand(args);
        run.expect_code(2);
        assert!(
            run.stderr.to_lowercase().contains("usage"),
            "deckhand {args:?} explains its usage:\n{}",
            run.stderr
        );
    }
    assert!(!workshop.path("public").exists());
}

#[test]
fn help_and_version_exit_0() {
    let workshop = Workshop::small();
    let help = workshop.deckhand(["--help"]);
    help.expect_code(0);
    for command in ["build", "check", "new"] {
        assert!(
            help.stdout.contains(command),
            "--help lists `{command}`:\n{}",
            help.stdout
        );
    }
    let version = workshop.deckhand(["--version"]);
    version.expect_code(0);
    assert!(
        version.stdout.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        version.stdout
    );
}

#[test]
fn out_writes_the_site_where_asked_and_nowhere_else() {
    let workshop = Workshop::small();
    let run = workshop.deckhand(["build", "--out", "../site"]);
    run.expect_code(0);
    assert_eq!(
        summary(&run).out,
        Path::new("../site").display().to_string()
    );
    let site = workshop.outside().join("site");
    for page in [
        "index.html",
        "deck.html",
        "handout.html",
        "handout-intro.html",
        "handout-next.html",
        "samples/intro/pod.yaml",
    ] {
        assert!(site.join(page).is_file(), "{page} in --out");
    }
    assert!(
        !workshop.path("public").exists(),
        "nothing in the default output"
    );
    assert_eq!(
        listing(&workshop.outside()),
        ["site", "ws"],
        "no staging folder left beside the output"
    );
}

#[test]
fn the_folder_argument_is_the_workshop_and_messages_name_files_under_it() {
    let workshop = Workshop::small();
    workshop.replace("content/01-intro.md", "duration = 10", "duration = 0");
    let run = deckhand_in(&workshop.outside(), ["build", "ws"]);
    run.expect_code(1);
    run.error(
        &Path::new("ws")
            .join("content/01-intro.md")
            .display()
            .to_string(),
        "0 minutes",
    )
    .at(3, 1);
    workshop.replace("content/01-intro.md", "duration = 0", "duration = 10");
    let run = deckhand_in(&workshop.outside(), ["build", "ws"]);
    run.expect_code(0);
    assert!(
        workshop.path("public/deck.html").is_file(),
        "the default output is inside the workshop folder"
    );
}

#[test]
fn base_url_is_accepted_and_links_stay_relative() {
    let workshop = Workshop::small();
    let run = workshop.deckhand(["build", "--base-url", "https://example.org/k8s/"]);
    run.expect_code(0);
    for page in ["index.html", "deck.html", "print-deck.html", "handout.html"] {
        let html = workshop.read(Path::new("public").join(page));
        for attribute in [
            "href=\"https://example.org",
            "src=\"https://example.org",
            "href=\"/",
            "src=\"/",
        ] {
            let offending: Vec<&str> = html
                .lines()
                .filter(|l| l.contains(attribute) && !l.contains("rel=\"canonical\""))
                .collect();
            assert!(
                offending.is_empty(),
                "{page} has an absolute link ({attribute}): {offending:?}"
            );
        }
    }
}

/// One broken chapter is one error: links into it from other chapters are not reported as dead.
#[test]
fn a_chapter_that_fails_to_load_causes_no_errors_elsewhere() {
    let workshop = Workshop::small();
    workshop.replace(
        "content/02-next.md",
        "duration = 20",
        "duration = 20 minutes",
    );
    let run = workshop.deckhand(["check"]);
    run.expect_code(1);
    run.error("content/02-next.md", "").on_line(3);
    let errors: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == crate::support::Severity::Error)
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "only the broken chapter's error:\n{}",
        run.stderr
    );
}
