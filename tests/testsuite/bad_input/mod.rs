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

mod chapters;
mod dialects;
mod includes;
mod settings;
mod slides;
mod warnings;
