//! Broken workshops. Each case copies the small good workshop (tests/fixtures/small), builds it,
//! breaks one thing, and runs `deckhand build` again: the build must fail with exit code 1 and a
//! message naming the right file, line and column, with a hint, within 20 seconds (a hang is a
//! failure), without panicking, and leave the previous output byte for byte as it was, with no
//! staging folder beside it. `deckhand check` must then find the same problem, print the same
//! diagnostics as the build, and exit with 1 too: it runs every check the build runs before
//! writing. Non-errors (warnings) are at the end.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::{Workshop, assert_same_tree, line_of, listing, pos_of, tree};

/// No case may take longer: a hang is a bug, not a slow test.
const LIMIT: Duration = Duration::from_secs(20);

/// What the broken build must print.
struct Expect {
    path: String,
    line: usize,
    col: usize,
    message: String,
    hint: Option<String>,
    /// Arguments after `build`.
    args: Vec<String>,
    /// Folders, besides the previous output, that must not change (e.g. a refused `--out`).
    untouched: Vec<PathBuf>,
    /// The whole message and hint, word for word (see `messages.rs`).
    exact: Option<(String, String)>,
    /// The only problem printed: no other error or warning follows from it.
    alone: bool,
    /// Words the hint must not hold (a wrong suggestion).
    not_in_hint: Vec<String>,
}

/// An error about a whole file or folder: it points at its start.
fn error_in(path: &str, message: &str) -> Expect {
    error_at(path, (1, 1), message)
}

fn error_at(path: &str, (line, col): (usize, usize), message: &str) -> Expect {
    Expect {
        path: path.into(),
        line,
        col,
        message: message.into(),
        hint: None,
        args: Vec::new(),
        untouched: Vec::new(),
        exact: None,
        alone: false,
        not_in_hint: Vec::new(),
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

    fn not_in_hint(mut self, words: &str) -> Self {
        self.not_in_hint.push(words.into());
        self
    }

    /// The message and the hint, exactly, and nothing else printed.
    fn exactly(mut self, message: &str, hint: &str) -> Self {
        self.exact = Some((message.into(), hint.into()));
        self.alone = true;
        self
    }
}

/// Words of Rust rather than of the guide (serde's type names), which no message may show.
const RUST_WORDS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "struct", "enum", "Option", "Vec",
];

/// A message in the user's words: no Rust type names, no hint cut off mid-sentence.
#[track_caller]
fn assert_plain(printed: &crate::support::Printed) {
    let text = format!(
        "{} {}",
        printed.message,
        printed.hint.as_deref().unwrap_or("")
    );
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        assert!(
            !RUST_WORDS.contains(&word),
            "`{word}` is Rust, not the user's words: {printed:?}"
        );
    }
    if let Some(hint) = &printed.hint {
        let last = hint.trim_end().rsplit(' ').next().unwrap_or("");
        assert!(
            !["without", "and", "or", "the", "a", "with", "to"].contains(&last),
            "the hint stops mid-sentence: {printed:?}"
        );
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
    let run = workshop.deckhand_within(&args, LIMIT);
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
    assert_eq!(
        (found.line, found.col),
        (Some(expect.line), Some(expect.col)),
        "the line and column of {found:?}"
    );
    match (&found.hint, &expect.hint) {
        (None, _) => panic!("the error has no hint: {found:?}"),
        (Some(hint), Some(wanted)) => assert!(
            hint.contains(wanted.as_str()),
            "the hint of {found:?} should contain `{wanted}`"
        ),
        (Some(_), None) => {}
    }
    for printed in &errors {
        assert!(
            printed.line.is_some() && printed.col.is_some(),
            "every problem has a file:line:col: {printed:?}"
        );
        assert_plain(printed);
    }
    if let Some((message, hint)) = &expect.exact {
        assert_eq!(&found.message, message, "the message, word for word");
        assert_eq!(
            found.hint.as_deref(),
            Some(hint.as_str()),
            "the hint, word for word"
        );
    }
    for words in &expect.not_in_hint {
        assert!(
            !found.hint.as_deref().unwrap_or("").contains(words.as_str()),
            "the hint of {found:?} should not say `{words}`"
        );
    }
    if expect.alone {
        assert_eq!(
            errors.len(),
            1,
            "one problem, nothing following from it:\n{}",
            run.stderr
        );
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

    // `check` takes no --out: it checks where workshop.toml says the site goes.
    if expect.args.is_empty() {
        let checked = workshop.deckhand_within(["check"], LIMIT);
        checked.expect_code(1);
        assert_eq!(
            checked.diagnostics(),
            errors,
            "check prints what build prints:\ncheck:\n{}\nbuild:\n{}",
            checked.stderr,
            run.stderr
        );
        assert_same_tree(&before, &tree(&output), "the output, after check");
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

mod authoring;
mod chapters;
mod dialects;
mod files;
mod includes;
mod layouts;
mod messages;
mod settings;
mod slides;
mod theme;
mod warnings;
