//! Broken workshops. Each case copies the small good workshop (tests/fixtures/small), builds it,
//! breaks one thing, and runs `deckhand build` again: the build must fail with exit code 1 and a
//! message naming the right file and line (and column where it matters) with a hint, without
//! panicking, and leave the previous output byte-for-byte as it was, with no staging folder
//! beside it. Non-errors (warnings) are at the end.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Workshop, assert_same_tree, line_of, listing, pos_of, tree};

/// What the broken build must print.
struct Expect {
    path: String,
    line: Option<usize>,
    col: Option<usize>,
    message: String,
    hint: Option<String>,
    /// Arguments after `build`.
    args: Vec<String>,
    /// Folders, besides the previous output, that must not change (e.g. a refused `--out`).
    untouched: Vec<PathBuf>,
}

/// An error about a whole file (no line).
fn error_in(path: &str, message: &str) -> Expect {
    Expect {
        path: path.into(),
        line: None,
        col: None,
        message: message.into(),
        hint: None,
        args: Vec::new(),
        untouched: Vec::new(),
    }
}

fn error_on_line(path: &str, line: usize, message: &str) -> Expect {
    Expect {
        line: Some(line),
        ..error_in(path, message)
    }
}

fn error_at(path: &str, (line, col): (usize, usize), message: &str) -> Expect {
    Expect {
        line: Some(line),
        col: Some(col),
        ..error_in(path, message)
    }
}

impl Expect {
    fn hint(mut self, hint: &str) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    fn untouched(mut self, folder: PathBuf) -> Self {
        self.untouched.push(folder);
        self
    }
}

/// Build the small workshop, break it with `case`, build again with the binary, and check.
fn run(case: impl FnOnce(&Workshop) -> Expect) {
    let workshop = Workshop::small();
    let report = workshop.build_ok();
    assert_eq!(
        report.warnings.warning_count(),
        0,
        "the small workshop builds cleanly"
    );
    let output = workshop.path("public");
    let before = tree(&output);
    assert!(
        before.contains_key(Path::new("index.html")),
        "the good build wrote public/"
    );

    let expect = case(&workshop);
    let beside = listing(workshop.root());
    let outside = listing(&workshop.outside());
    let untouched: Vec<_> = expect.untouched.iter().map(|folder| tree(folder)).collect();

    let mut args = vec!["build".to_string()];
    args.extend(expect.args.iter().cloned());
    let run = workshop.deckhand(&args);
    run.expect_code(1);

    let errors = run.diagnostics();
    let found = errors.iter().find(|d| {
        d.severity == crate::support::Severity::Error
            && d.path == expect.path
            && d.message.contains(&expect.message)
    });
    let Some(found) = found else {
        panic!(
            "no error at {} containing `{}`; stderr:\n{}",
            expect.path, expect.message, run.stderr
        );
    };
    assert_eq!(found.line, expect.line, "the line of {found:?}");
    if expect.col.is_some() {
        assert_eq!(found.col, expect.col, "the column of {found:?}");
    }
    match (&found.hint, &expect.hint) {
        (None, _) => panic!("the error has no hint: {found:?}"),
        (Some(hint), Some(wanted)) => assert!(
            hint.contains(wanted.as_str()),
            "the hint of {found:?} should contain `{wanted}`"
        ),
        (Some(_), None) => {}
    }
    assert!(
        run.stderr.contains("nothing was written"),
        "the build says it wrote nothing:\n{}",
        run.stderr
    );

    assert_same_tree(&before, &tree(&output), "the previous output");
    assert_eq!(
        listing(workshop.root()),
        beside,
        "no staging folder left in the workshop folder"
    );
    assert_eq!(
        listing(&workshop.outside()),
        outside,
        "nothing left beside the workshop folder"
    );
    for (folder, before) in expect.untouched.iter().zip(&untouched) {
        assert_same_tree(before, &tree(folder), &folder.display().to_string());
    }
}

/// One test per case, so that they run in parallel and fail one by one.
macro_rules! bad_input {
    ($($name:ident: $case:expr;)*) => {$(
        #[test]
        fn $name() {
            run($case);
        }
    )*};
}

const INTRO: &str = "content/01-intro.md";
const NEXT: &str = "content/02-next.md";

/// A user's `templates/index.html` whose fourth line is `line`.
fn index_template(line: &str) -> String {
    format!(
        "{{% extends \"layout.html\" %}}\n{{% block body %}}\n<main id=\"main\">\n{line}\n</main>\n{{% endblock body %}}\n"
    )
}

/// A file outside the workshop folder, for includes that try to read it.
fn secret(w: &Workshop) -> PathBuf {
    let path = w.outside().join("secret.yaml");
    fs::write(&path, "password: hunter2\n").unwrap();
    path
}

bad_input! {
    broken_toml_in_workshop_toml: |w| {
        w.replace("workshop.toml", "author = \"The deckhand tests\"", "author = \"The deckhand tests");
        error_at("workshop.toml", (3, 29), "expected `\"`").hint("TOML syntax")
    };
    unknown_key_in_workshop_toml: |w| {
        w.replace("workshop.toml", "author =", "autor =");
        error_at("workshop.toml", (3, 1), "unknown key `autor`").hint("did you mean `author`?")
    };
    unknown_key_in_a_table_of_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "\n[handouts]\npapr = \"a4\"\n");
        error_at("workshop.toml", (8, 1), "unknown key `papr`").hint("did you mean `paper`?")
    };
    invalid_value_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "\n[handouts]\npaper = \"a5\"\n");
        error_at("workshop.toml", (8, 9), "a5")
    };
    output_outside_the_workshop_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"../elsewhere\"\n");
        error_at("workshop.toml", (6, 1), "must stay inside the workshop folder")
    };
    output_folder_set_to_content_in_workshop_toml: |w| {
        w.write("workshop.toml", w.read("workshop.toml") + "output = \"content\"\n");
        error_at("workshop.toml", (6, 1), "would overwrite the workshop's sources")
    };
    missing_workshop_toml: |w| {
        w.remove("workshop.toml");
        error_in("workshop.toml", "no workshop.toml").hint("deckhand new")
    };
    missing_content_folder: |w| {
        w.remove("content");
        error_in("content", "cannot read the content folder").hint("content/")
    };
    no_chapters: |w| {
        w.remove("content/01-intro.md").remove("content/02-next.md");
        error_in("content", "no chapters").hint("content/01-intro.md")
    };
    unknown_key_in_front_matter: |w| {
        w.replace(NEXT, "duration = 20", "durration = 20");
        error_at(NEXT, (3, 1), "unknown key `durration`").hint("did you mean `duration`?")
    };
    unterminated_front_matter: |w| {
        w.replace(NEXT, "duration = 20\n+++\n", "duration = 20\n");
        error_at(NEXT, (1, 1), "never closed")
    };
    chapter_without_front_matter: |w| {
        w.write("content/03-bare.md", "# Bare\n\nNo front matter here.\n");
        error_at("content/03-bare.md", (1, 1), "does not start with `+++` front matter")
    };
    zero_byte_chapter: |w| {
        w.write("content/03-nothing.md", "");
        error_on_line("content/03-nothing.md", 1, "front matter")
    };
    missing_title: |w| {
        w.replace(NEXT, "title = \"Next\"\n", "");
        error_on_line(NEXT, 2, "missing required key `title`")
    };
    empty_title: |w| {
        w.replace(NEXT, "title = \"Next\"", "title = \"  \"");
        error_at(NEXT, (2, 1), "title is empty")
    };
    duration_zero: |w| {
        w.replace(NEXT, "duration = 20", "duration = 0");
        error_at(NEXT, (3, 1), "0 minutes")
    };
    duration_as_a_string: |w| {
        w.replace(NEXT, "duration = 20", "duration = \"20\"");
        error_at(NEXT, (3, 12), "invalid type: string \"20\"").hint("expected type")
    };
    invalid_slug_in_front_matter: |w| {
        w.replace(NEXT, "duration = 20", "duration = 20\nslug = \"Next Steps\"");
        error_at(NEXT, (4, 1), "slug `Next Steps`").hint("next-steps")
    };
    missing_include: |w| {
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/missing.yaml");
        error_at(NEXT, (13, 1), "`content/samples/intro/missing.yaml` does not exist")
    };
    include_escaping_the_root_with_dot_dot: |w| {
        secret(w);
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "../../secret.yaml");
        error_at(NEXT, (13, 1), "outside the workshop folder")
    };
    include_by_absolute_path: |w| {
        let path = secret(w);
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", &path.display().to_string());
        error_at(NEXT, (13, 1), "is an absolute path")
    };
    include_of_a_file_that_is_not_utf8: |w| {
        w.write("content/samples/intro/latin1.txt", b"caf\xe9\n");
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/latin1.txt");
        error_at(NEXT, (13, 1), "not UTF-8")
    };
    unknown_anchor: |w| {
        w.replace(INTRO, "pod.yaml:meta", "pod.yaml:metadata");
        error_at(INTRO, (27, 1), "has no anchor `metadata`").hint("`meta`")
    };
    unclosed_anchor: |w| {
        w.replace("content/samples/intro/pod.yaml", "# ANCHOR_END: meta\n", "");
        let message = "anchor `meta` in `content/samples/intro/pod.yaml` is never closed";
        error_at(INTRO, (27, 1), message).hint("ANCHOR_END: meta")
    };
    reversed_line_range: |w| {
        w.replace(NEXT, "pod.yaml:1:2", "pod.yaml:2:1");
        error_at(NEXT, (13, 1), "reversed").hint(":1:2")
    };
    line_range_past_the_end: |w| {
        w.replace(NEXT, "pod.yaml:1:2", "pod.yaml:1:99");
        error_at(NEXT, (13, 1), "past the end")
    };
    hl_lines_past_the_end_of_the_block: |w| {
        w.replace(INTRO, "hl_lines=\"1-2|4\"", "hl_lines=\"1-2|40\"");
        error_at(INTRO, (18, 1), "line 40 is past the end")
    };
    malformed_code_block_options: |w| {
        w.replace(INTRO, "hl_lines=\"1-2|4\"", "hl_lines=\"1-2|4");
        error_at(INTRO, (18, 1), "no closing")
    };
    invalid_utf8_in_a_chapter: |w| {
        let mut bytes = w.read(NEXT).into_bytes();
        let at = w.read(NEXT).find("first two").unwrap();
        bytes.splice(at..at, *b"\xff");
        w.write(NEXT, bytes);
        error_at(NEXT, (10, 5), "not valid UTF-8")
    };
    empty_chapter: |w| {
        w.write("content/03-empty.md", "+++\ntitle = \"Empty\"\nduration = 5\n+++\n\n");
        error_on_line("content/03-empty.md", 5, "has no slides")
    };
    duplicate_slug: |w| {
        w.replace(NEXT, "duration = 20", "duration = 20\nslug = \"intro\"");
        error_at(NEXT, (4, 1), "slug `intro` is already used by content/01-intro.md")
    };
    duplicate_explicit_slide_id: |w| {
        let with_id = "---\n<!-- .slide: id=\"pods\" -->\n\n## Its metadata";
        w.replace(INTRO, "---\n\n## Its metadata", with_id);
        w.replace(NEXT, "+++\n\n# Next", "+++\n<!-- .slide: id=\"pods\" -->\n# Next");
        error_on_line(NEXT, 5, "slide id `pods` is already used")
    };
    invalid_explicit_slide_id: |w| {
        let with_id = "---\n<!-- .slide: id=\"its metadata\" -->\n\n## Its metadata";
        w.replace(INTRO, "---\n\n## Its metadata", with_id);
        let text = w.read(INTRO);
        error_on_line(INTRO, line_of(&text, "<!-- .slide"), "slide id `its metadata`")
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
    binary_file_named_md: |w| {
        w.write("content/03-diagram.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
        error_at("content/03-diagram.md", (3, 1), "binary file")
    };
    chapter_of_50_megabytes: |w| {
        let mut text = String::from("+++\ntitle = \"Huge\"\nduration = 5\n+++\n\n# Huge\n\n");
        let line = "A line of a pasted log that goes on and on, as logs do, for a long time.\n";
        while text.len() < 50 * 1024 * 1024 {
            text.push_str(line);
        }
        w.write("content/03-huge.md", text);
        error_at("content/03-huge.md", (1, 1), "the chapter is 50 MB; chapters are limited to 8 MB")
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
        error_on_line(NEXT, line, "nested more than")
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
    template_syntax_error_in_a_user_override: |w| {
        w.write("templates/index.html", index_template("<h1>{{ workshop.title }</h1>"));
        error_at("templates/index.html", (4, 23), "template: Found `}` but expected }}")
    };
    template_using_a_missing_variable: |w| {
        w.write("templates/index.html", index_template("<h1>{{ workshop.titel }}</h1>"));
        error_at("templates/index.html", (4, 17), "template: Field `titel` is not defined")
    };
    out_pointing_at_the_content_folder: |w| {
        error_in("content", "would overwrite the workshop's sources")
            .args(&["--out", "content"])
            .untouched(w.path("content"))
    };
    out_pointing_at_the_workshop_folder_itself: |w| {
        error_in(".", "would overwrite the workshop's sources")
            .args(&["--out", "."])
            .untouched(w.path("content"))
    };
    out_pointing_at_a_folder_deckhand_did_not_create: |w| {
        let precious = w.outside().join("precious");
        fs::create_dir(&precious).unwrap();
        fs::write(precious.join("thesis.tex"), "\\documentclass{article}\n").unwrap();
        let shown = Path::new("..").join("precious").display().to_string();
        error_in(&shown, "did not write").args(&["--out", &shown]).untouched(precious)
    };
    out_pointing_at_a_file: |w| {
        fs::write(w.outside().join("site.html"), "<p>mine</p>").unwrap();
        let shown = Path::new("..").join("site.html").display().to_string();
        error_in(&shown, "not a folder").args(&["--out", &shown]).untouched(w.outside())
    };
    out_pointing_at_the_folder_holding_the_workshop: |w| {
        error_in("..", "would overwrite the workshop's sources")
            .args(&["--out", ".."])
            .untouched(w.outside())
    };
    include_of_a_folder: |w| {
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro");
        error_at(NEXT, (13, 1), "is not a file")
    };
    image_that_does_not_exist: |w| {
        w.replace(INTRO, "(images/pod.svg)", "(images/pods.svg)");
        let text = w.read(INTRO);
        error_at(INTRO, pos_of(&text, "![A pod"), "`images/pods.svg`, which does not exist")
    };
}

#[cfg(unix)]
bad_input! {
    include_through_a_symlink_pointing_outside: |w| {
        std::os::unix::fs::symlink(secret(w), w.path("content/samples/intro/linked.yaml")).unwrap();
        w.replace(NEXT, "samples/intro/pod.yaml:1:2", "samples/intro/linked.yaml");
        error_at(NEXT, (13, 1), "outside the workshop folder")
    };
}

// Problems that are only warnings: the build succeeds (exit 0) and prints them with file:line.

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
        w.read("public/deck.html").contains("Qapla&#39;"),
        "the code is still shown, escaped"
    );
}

#[test]
fn an_unknown_code_block_option_is_only_a_warning() {
    let (w, run) = build_with_warnings(|w| {
        w.replace(INTRO, "hl_lines=\"1-2|4\"", "hl_line=\"1-2|4\"");
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
