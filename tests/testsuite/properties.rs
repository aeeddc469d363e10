//! Property tests: slide splitting (both dialects) and Markdown rendering never panic on any
//! input, and a reveal chapter has exactly one slide more than separator lines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use deckhand::content::chapter;
use deckhand::diagnostics::Pos;
use deckhand::dialect::{Context, DialectSettings, Direction, Split, Syntax};
use deckhand::highlight::cache::HighlightCache;
use deckhand::markdown::{Env, FileCache};
use proptest::prelude::*;

/// Lines a chapter is made of: separators, notes markers, Markdown constructs deckhand rewrites
/// (attributes, includes, links, images, code), and arbitrary text.
fn markdown_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("--".to_string()),
        Just("".to_string()),
        Just("Note:".to_string()),
        Just("???".to_string()),
        Just("```yaml hl_lines=\"1-2|3\"".to_string()),
        Just("```".to_string()),
        Just("~~~".to_string()),
        Just("{{#include samples/a/pod.yaml:meta}}".to_string()),
        Just("{{#include samples/a/pod.yaml:2:1}}".to_string()),
        Just("{{#include ../../../etc/passwd}}".to_string()),
        Just("<!-- .slide: id=\"x\" class=\"a\" data-b=1 -->".to_string()),
        Just("<!-- .element: class=\"fragment\" -->".to_string()),
        Just("<!-- .slide: class=\"open -->".to_string()),
        Just("| a | b |\n|---|:-:|\n| 1 | 2 |".to_string()),
        Just("- [ ] task <!-- .element: class=fragment -->".to_string()),
        Just("[^1]: a footnote".to_string()),
        Just("![alt](images/x.png) [link](#anchor) [other](02-next.md#pods)".to_string()),
        Just("## Heading {#id .class}".to_string()),
        Just("https://example.org ~~old~~ `code` *em* **strong**".to_string()),
        "[ #>*`~|\\-+=!:\\[\\]()<>{}a-z0-9é\t]{0,30}",
        any::<String>(),
    ]
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_line(), 0..40).prop_map(|lines| lines.join("\n"))
}

/// Lines that hold no code fence and are not a separator themselves.
fn plain_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("".to_string()),
        Just("Note:".to_string()),
        Just("???".to_string()),
        Just("- - -".to_string()),
        Just("----".to_string()),
        Just("---x".to_string()),
        Just(" ---".to_string()),
        Just("-".to_string()),
        "[^`~\n\r\0]{0,40}",
    ]
    .prop_filter("not a separator", |line| line != "---" && line != "----")
}

/// Lines, each maybe followed by a reveal-md separator line (`---`, or `----` for a vertical
/// slide), and a last line: separators never touch, as reveal.js needs a line before and after.
fn lines_with_separators() -> impl Strategy<Value = Vec<(String, Option<&'static str>)>> {
    let separator = prop_oneof![
        2 => Just(None),
        1 => Just(Some("---")),
        1 => Just(Some("----")),
    ];
    prop::collection::vec((plain_line(), separator), 0..60).prop_map(|mut lines| {
        lines.push(("end".to_string(), None));
        lines
    })
}

fn join(lines: &[(String, Option<&'static str>)], newline: &str) -> String {
    let mut text = Vec::new();
    for (line, separator) in lines {
        text.push(line.as_str());
        text.extend(separator);
    }
    text.join(newline)
}

/// Cut `body` with a dialect's default settings.
fn cut(syntax: Syntax, body: &str) -> Split<'_> {
    let settings = DialectSettings {
        syntax: Some(syntax),
        ..Default::default()
    };
    let dialect = settings.dialect().expect("default settings");
    let pos = |offset: usize| Pos::at(body, offset.min(body.len()));
    let context = Context {
        path: Path::new("content/01-any.md"),
        pos: &pos,
    };
    dialect.split(body, 0, &context)
}

/// A workshop folder for chapters that include files and link to each other.
struct Fixture {
    _temp: tempfile::TempDir,
    root: PathBuf,
    highlighter: HighlightCache,
    chapters: HashMap<PathBuf, String>,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("content/samples/a")).unwrap();
    std::fs::write(
        root.join("content/samples/a/pod.yaml"),
        "apiVersion: v1\n# ANCHOR: meta\nkind: Pod\n# ANCHOR_END: meta\n",
    )
    .unwrap();
    let chapters = HashMap::from([(PathBuf::from("content/02-next.md"), "next".to_string())]);
    Fixture {
        _temp: temp,
        root,
        highlighter: HighlightCache::new(),
        chapters,
    }
});

/// Load one chapter through the public API, as `content::load` does for each file.
fn load_chapter(bytes: &[u8]) -> Option<chapter::Chapter> {
    let fixture = &*FIXTURE;
    let files = FileCache::default();
    let env = Env {
        root: &fixture.root,
        highlighter: &fixture.highlighter,
        files: &files,
        chapters: &fixture.chapters,
        imported: false,
        code_lines: deckhand::markdown::code_lines(Default::default()),
    };
    let (loaded, _diagnostics) = chapter::load(
        &env,
        Path::new("content/01-intro.md"),
        bytes,
        1,
        "intro",
        &chapter::Defaults {
            duration: Some(10),
            ..Default::default()
        },
    );
    loaded
}

/// `cases` runs, with no regression files written into the source tree: a failure prints its
/// minimal input, which belongs in a unit test.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn splitting_any_text_never_panics_and_keeps_slides_in_order(body in any::<String>(), remark in any::<bool>()) {
        let syntax = if remark { Syntax::Remark } else { Syntax::Reveal };
        let split = cut(syntax, &body);
        let mut last = 0;
        for slide in &split.slides {
            prop_assert!(slide.start >= last && slide.start <= body.len());
            for step in &slide.steps {
                for at in [0, step.text.len()] {
                    prop_assert!(step.file_offset(at) <= body.len() + 1);
                }
            }
            last = slide.start;
        }
        prop_assert!(remark || !split.slides.is_empty());
    }

    #[test]
    fn splitting_markdown_never_panics(body in markdown(), remark in any::<bool>()) {
        let syntax = if remark { Syntax::Remark } else { Syntax::Reveal };
        let split = cut(syntax, &body);
        if let Some(first) = split.slides.first() {
            prop_assert_eq!(first.direction, Direction::Horizontal);
        }
    }

    #[test]
    fn reveal_slides_are_separators_plus_one(lines in lines_with_separators(), crlf in any::<bool>()) {
        let separators = lines.iter().filter(|(_, s)| s.is_some()).count();
        let body = join(&lines, if crlf { "\r\n" } else { "\n" });
        let split = cut(Syntax::Reveal, &body);
        prop_assert_eq!(split.slides.len(), separators + 1, "body: {:?}", body);
        let vertical = lines.iter().filter(|(_, s)| *s == Some("----")).count();
        let verticals = split.slides.iter().filter(|s| s.direction == Direction::Vertical).count();
        prop_assert_eq!(verticals, vertical);
    }

    #[test]
    fn loading_any_chapter_never_panics(body in markdown()) {
        let text = format!("+++\ntitle = \"Any\"\n+++\n{body}");
        if let Some(chapter) = load_chapter(text.as_bytes()) {
            prop_assert!(!chapter.slides.is_empty());
            prop_assert!(chapter.slides.iter().all(|s| !s.id.is_empty()));
        }
    }

    #[test]
    fn loading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut file = b"+++\ntitle = \"Bytes\"\n+++\n".to_vec();
        file.extend(bytes);
        load_chapter(&file);
    }

    #[test]
    fn the_number_of_slides_survives_rendering(lines in lines_with_separators()) {
        let separators = lines.iter().filter(|(_, s)| s.is_some()).count();
        let body = join(&lines, "\n");
        let text = format!("+++\ntitle = \"Count\"\n+++\n{body}");
        let chapter = load_chapter(text.as_bytes()).expect("valid front matter");
        prop_assert_eq!(chapter.slides.len(), separators + 1);
    }
}

proptest! {
    // A whole build writes a site each time: fewer cases.
    #![proptest_config(config(16))]

    #[test]
    fn building_a_workshop_of_any_chapter_never_panics(body in markdown()) {
        let workshop = crate::support::Workshop::small();
        workshop.write("content/03-any.md", format!("+++\ntitle = \"Any\"\nduration = 5\n+++\n{body}"));
        let out = workshop.outside().join("site");
        match workshop.build_into(&out) {
            Ok(report) => prop_assert!(report.slides >= 5 && out.join("deck.html").is_file()),
            Err(problems) => prop_assert!(problems.has_errors() && !out.exists()),
        }
    }
}
