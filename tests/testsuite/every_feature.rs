//! The fixture that uses every syntax feature builds cleanly and publishes what it should; the
//! bundled workshop at the repository's root builds and passes `check`.

use std::path::Path;

use deckhand::diagnostics::Severity;
use deckhand::pipeline;

use crate::support::{BUNDLED, EVERY_FEATURE, Site, Workshop, fixture_dir, line_of, render};

/// The fixture's whole 29-line deployment.yaml on one slide: more than a slide holds.
const TALL_WARNING: &str = "this code block has 29 lines, more than a slide holds (22 at the default font): the deck scrolls it";

#[test]
fn the_every_feature_fixture_builds_with_only_the_unknown_language_warning() {
    let site = &*EVERY_FEATURE;
    let chapter =
        std::fs::read_to_string(fixture_dir("every-feature").join("content/01-syntax-tour.md"))
            .unwrap();
    let warnings: Vec<_> = site
        .warnings
        .iter()
        .map(|w| (w.severity, w.path.clone(), w.line, w.message.clone()))
        .collect();
    let includes =
        std::fs::read_to_string(fixture_dir("every-feature").join("content/02-includes.md"))
            .unwrap();
    assert_eq!(
        warnings,
        [
            (
                Severity::Warning,
                Path::new("content/01-syntax-tour.md").to_path_buf(),
                line_of(&chapter, "```klingon"),
                "no syntax highlighting for language `klingon`; shown as plain text".to_string()
            ),
            (
                Severity::Warning,
                Path::new("content/02-includes.md").to_path_buf(),
                line_of(&includes, "## A whole file") + 2,
                TALL_WARNING.to_string()
            )
        ]
    );
    assert_eq!((site.chapters, site.slides, site.samples), (2, 35, 2));
}

#[test]
fn the_every_feature_fixture_passes_check_with_only_the_unknown_language_warning() {
    let workshop = Workshop::fixture("every-feature");
    let problems = pipeline::check(workshop.root());
    assert!(!problems.has_errors(), "{}", render(&problems));
    let warnings: Vec<_> = problems.sorted().into_iter().map(|d| d.message).collect();
    assert_eq!(
        warnings,
        [
            "no syntax highlighting for language `klingon`; shown as plain text",
            TALL_WARNING
        ]
    );
}

#[test]
fn every_page_and_sample_is_written() {
    let site = &*EVERY_FEATURE;
    for page in [
        "index.html",
        "deck.html",
        "deck-syntax.html",
        "deck-includes.html",
        "print-deck.html",
        "js/toc.js",
        "speaker.html",
        "handout.html",
        "handout-syntax.html",
        "handout-includes.html",
    ] {
        assert!(
            site.files.contains_key(page),
            "{page} is missing; the site has {:?}",
            site.files.keys()
        );
    }
    for (published, source) in [
        (
            "samples/includes/deployment.yaml",
            "content/samples/includes/deployment.yaml",
        ),
        (
            "samples/includes/rollout.sh",
            "content/samples/includes/rollout.sh",
        ),
        ("images/pod.svg", "content/images/pod.svg"),
    ] {
        let original = std::fs::read(fixture_dir("every-feature").join(source)).unwrap();
        // A copy, but for its ANCHOR marker lines, left empty so that no line moves.
        let original = String::from_utf8(original).unwrap();
        let expected: String = original
            .split_inclusive('\n')
            .map(|line| if line.contains("ANCHOR") { "\n" } else { line })
            .collect();
        assert_eq!(
            site.files.get(published),
            Some(&expected.into_bytes()),
            "{published} should be a copy of {source}"
        );
    }
    for archive in ["samples/all-samples.zip", "samples/includes.zip"] {
        let bytes = site
            .files
            .get(archive)
            .unwrap_or_else(|| panic!("{archive} is missing"));
        assert!(
            bytes.starts_with(b"PK\x03\x04"),
            "{archive} is not a zip archive"
        );
    }
    assert!(site.files.contains_key("css/highlight.css"));
}

#[test]
fn the_landing_page_has_the_agenda_with_durations_and_links() {
    let index = EVERY_FEATURE.text("index.html");
    let row = |slug: &str| {
        let start = index
            .find(&format!("<tr id=\"agenda-{slug}\">"))
            .unwrap_or_else(|| panic!("no agenda row for {slug}"));
        &index[start..start + index[start..].find("</tr>").unwrap()]
    };
    let syntax = row("syntax");
    assert!(
        syntax.contains("Syntax tour") && syntax.contains("30 min"),
        "{syntax}"
    );
    assert!(
        syntax.contains("Every Markdown feature deckhand knows, one per slide."),
        "summary: {syntax}"
    );
    assert!(
        syntax.contains("href=\"deck-syntax.html\"")
            && syntax.contains("href=\"handout-syntax.html\""),
        "{syntax}"
    );
    let includes = row("includes");
    assert!(
        includes.contains("15 min") && includes.contains("href=\"samples/includes.zip\""),
        "{includes}"
    );
    let total = &index[index.find("<tfoot>").unwrap()..];
    assert!(
        total.contains("45 min"),
        "the total of 30 + 15 minutes: {total}"
    );
    assert!(
        index.contains("href=\"samples/includes/deployment.yaml\""),
        "the samples are listed"
    );
}

#[test]
fn anchor_markers_are_dropped_from_every_include() {
    let deck = EVERY_FEATURE.text("print-deck.html");
    assert!(
        !deck.contains("ANCHOR"),
        "an ANCHOR marker line leaked into the deck"
    );
    assert!(
        EVERY_FEATURE
            .slide("include-whole")
            .contains("data-n=\"14\""),
        "lines keep their numbers in the file"
    );
}

#[test]
fn notes_are_kept_out_of_the_slide_content() {
    let first = EVERY_FEATURE.slide("syntax-1");
    let (content, notes) = first
        .split_once("<aside class=\"notes\"")
        .expect("the slide has notes");
    assert!(!content.contains("Speaker notes in the"), "{first}");
    assert!(
        notes.contains("Speaker notes in the <strong>reveal.js</strong> style."),
        "{first}"
    );
    let plural = EVERY_FEATURE.slide("syntax-3");
    let (content, notes) = plural
        .split_once("<aside class=\"notes\"")
        .expect("the slide has notes");
    assert!(
        notes.contains("Speaker notes after a <em>plural</em> marker.")
            && !notes.contains("NOTES:"),
        "{plural}"
    );
    assert!(!content.contains("Speaker notes"), "{plural}");
}

#[test]
fn chapters_with_windows_line_endings_build_the_same_pages() {
    let crlf = Site::build_with("every-feature", |w| {
        for chapter in ["content/01-syntax-tour.md", "content/02-includes.md"] {
            w.write(chapter, w.read(chapter).replace('\n', "\r\n"));
        }
    });
    for page in ["print-deck.html", "handout.html", "index.html"] {
        assert_eq!(crlf.text(page), EVERY_FEATURE.text(page), "{page}");
    }
    assert_eq!(crlf.warnings.len(), 2);
}

/// The workshop bundled at the repository's root builds and `check` finds no error. The
/// content is written in parallel with this suite; a failure here names the problems.
#[test]
fn the_bundled_workshop_builds_and_passes_check() {
    let site = &*BUNDLED;
    assert!(
        site.chapters > 0 && site.slides > site.chapters,
        "{} chapters, {} slides",
        site.chapters,
        site.slides
    );
    assert!(site.files.contains_key("index.html") && site.files.contains_key("deck.html"));
    let problems = pipeline::check(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        !problems.has_errors(),
        "check found errors in the bundled workshop:\n{}",
        render(&problems)
    );
}
