//! `deckhand import` on decks of every kind it reads (tests/fixtures/import: a reveal-md file, a
//! reveal.js page, a remark page, a course manifest), run as the real binary; and on what it
//! must refuse, writing nothing.

use std::path::{Path, PathBuf};

use crate::support::{Severity, deckhand_in, fixture_dir, listing, slide_region};

/// Import `source` (under tests/fixtures/import) into a new folder; the folder and the run.
fn import(source: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, crate::support::Run) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("ws");
    let mut args = vec![
        "import".to_string(),
        fixture_dir("import").join(source).display().to_string(),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    let run = deckhand_in(temp.path(), &args);
    (temp, out, run)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ids of the deck's slides, in order.
fn slide_ids(deck: &str) -> Vec<String> {
    deck.match_indices("<section class=\"slide")
        .map(|(i, _)| {
            let tag = &deck[i..];
            let id = &tag[tag.find(" id=\"").unwrap() + 5..];
            id[..id.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn a_reveal_md_file_keeps_its_separators_and_images() {
    let (_temp, out, run) = import("reveal-md/talk.md", &[]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("1 chapters, 3 slides, 1 files copied"),
        "{}",
        run.stdout
    );
    let chapter = read(&out.join("content/01-a-reveal-md-talk.md"));
    assert!(
        chapter.contains("separator = ") && chapter.contains(r"\+\+\+"),
        "{chapter}"
    );
    assert!(out.join("content/images/logo.svg").is_file());
    let deck = read(&out.join("public/print-deck.html"));
    assert_eq!(
        slide_ids(&deck),
        [
            "a-reveal-md-talk-1",
            "a-reveal-md-talk-2",
            "a-reveal-md-talk-2-1"
        ]
    );
    let second = slide_region(&deck, "a-reveal-md-talk-2");
    assert!(
        second.contains("<hr") && second.contains("said on the second slide."),
        "{second}"
    );
    // A link to the source's site: a warning that lists it, not an error.
    let chapter_path = out
        .join("content/01-a-reveal-md-talk.md")
        .display()
        .to_string();
    let warning = run.warning(
        &chapter_path,
        "1 link goes to what the imported deck did not have",
    );
    assert!(warning.message.contains("`../index.html`"), "{warning:?}");
}

#[test]
fn a_reveal_page_with_markdown_sections() {
    let (_temp, out, run) = import("reveal-page/index.html", &[]);
    run.expect_code(0);
    let deck = read(&out.join("public/print-deck.html"));
    let slug = "from-a-file";
    let ids = slide_ids(&deck);
    // The external file's three slides (the second with a sub-slide), the inline section cut at
    // reveal.js's default `---` (two slides), the one whose separator never matches (one
    // slide), the HTML section, and a stack of two.
    assert_eq!(
        ids,
        [1, 2, 21, 3, 4, 5, 6, 7, 71].map(|n| if n > 9 {
            format!("{slug}-{}-{}", n / 10, n % 10)
        } else {
            format!("{slug}-{n}")
        })
    );
    let first = slide_region(&deck, &format!("{slug}-3"));
    assert!(
        !first.contains("<hr") && first.contains("default separator"),
        "{first}"
    );
    assert!(slide_region(&deck, &format!("{slug}-4")).contains("inline notes."));
    let uncut = slide_region(&deck, &format!("{slug}-5"));
    assert!(
        uncut.contains("<hr") && uncut.contains("Still the same slide."),
        "{uncut}"
    );
    let html = slide_region(&deck, &format!("{slug}-6"));
    assert!(
        html.contains("has-dark-background") && html.contains("<h2>An HTML slide</h2>"),
        "{html}"
    );
    assert!(slide_region(&deck, &format!("{slug}-2-1")).contains("external notes."));
    // A hidden slide is neither shown nor counted in what import says it did.
    assert!(!deck.contains("Left out by reveal.js"));
    assert!(
        run.stdout
            .contains(&format!("1 chapters, {} slides", ids.len())),
        "{}",
        run.stdout
    );
}

#[test]
fn a_remark_page_reads_its_text_area() {
    let (_temp, out, run) = import("remark-page/index.html", &[]);
    run.expect_code(0);
    assert!(read(&out.join("workshop.toml")).contains("syntax = \"remark\""));
    let deck = read(&out.join("public/print-deck.html"));
    let ids = slide_ids(&deck);
    assert_eq!(ids.len(), 3, "{ids:?}");
    let steps = slide_region(&deck, &ids[1]);
    assert_eq!(steps.matches("slide-step").count(), 2, "{steps}");
    assert!(steps.contains("Notes for the steps."));
    let last = slide_region(&deck, &ids[2]);
    assert!(
        last.contains("url(&quot;img/bg.svg&quot;)")
            && last.contains("<span class=\"red\">this</span>"),
        "{last}"
    );
    assert!(out.join("content/img/bg.svg").is_file());
}

#[test]
fn a_course_manifest_becomes_chapters() {
    let (_temp, out, run) = import("course/course.yml", &[]);
    run.expect_code(0);
    let stdout = &run.stdout;
    assert!(
        stdout.contains("4 chapters, 6 slides, 1 files copied, 1 files inlined"),
        "{stdout}"
    );
    for reported in [
        "@@INCLUDE[manifests/none.yaml]",
        "@@UNKNOWN@@",
        "`parts/missing.md`",
    ] {
        assert!(
            stdout.contains(reported),
            "{reported} is not reported:\n{stdout}"
        );
    }
    let config = read(&out.join("workshop.toml"));
    assert!(
        config.contains("title = \"A course in two parts\"")
            && config.contains("exclude_classes = [\"in-person\"]"),
        "{config}"
    );
    let files = listing(&out.join("content"));
    assert!(files.iter().any(|f| f == "03-part-one.md"), "{files:?}");
    let deck = read(&out.join("public/print-deck.html"));
    // No placeholder, property or content class left as text; the excluded slide is gone.
    for leftover in ["@@", "class:", ".lab[", "Only in the room"] {
        assert!(!deck.contains(leftover), "`{leftover}` is in the deck");
    }
    assert!(
        deck.contains("kind: Pod") || deck.contains("<span class=\"t-s\">Pod</span>"),
        "the include is inlined"
    );
    assert!(
        deck.contains("href=\"https://github.com/example/course/tree/main/manifests/pod.yaml\"")
    );
    assert!(deck.contains("A course<br/>in two parts"));
    // The table of contents links to the chapters.
    assert!(
        deck.contains("href=\"deck-part-three.html#chapter-part-three\""),
        "the TOC links to chapters"
    );
    // Links to the source site's pages and slides: warnings listing them.
    let three = out.join("content/04-part-three.md").display().to_string();
    run.warning(&three, "`other-deck.yml.html`");
    run.warning(&three, "`#toc-part-one`");
    assert!(
        run.diagnostics()
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

#[test]
fn one_chapter_per_file() {
    let (_temp, out, run) = import("course/course.yml", &["--chapter-per-file"]);
    run.expect_code(0);
    assert!(run.stdout.contains("5 chapters"), "{}", run.stdout);
    assert!(
        out.join("content/04-two.md").is_file(),
        "{:?}",
        listing(&out.join("content"))
    );
}

#[test]
fn what_is_not_a_deck_is_refused_and_nothing_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("ws");
    let not_a_deck = fixture_dir("import").join("manifests/pod.yaml");
    let page = temp.path().join("page.html");
    std::fs::write(&page, "<html><body><p>Hello</p></body></html>").unwrap();
    let missing = temp.path().join("missing.md");
    for (source, message) in [
        (missing.as_path(), "cannot read the deck"),
        (not_a_deck.as_path(), "not a deck manifest"),
        (page.as_path(), "this page holds no deck"),
    ] {
        let run = deckhand_in(
            temp.path(),
            [
                "import".as_ref(),
                source.as_os_str(),
                "--out".as_ref(),
                out.as_os_str(),
            ],
        );
        run.expect_code(1);
        let error = run.error(&source.display().to_string(), message);
        assert!(error.hint.is_some(), "{error:?}");
        assert!(!out.exists(), "{} wrote something", source.display());
    }
    // A folder that is not empty is left alone.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    let deck = fixture_dir("import").join("reveal-md/talk.md");
    let run = deckhand_in(
        temp.path(),
        [
            "import".as_ref(),
            deck.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
    );
    run.expect_code(1);
    run.error(&out.display().to_string(), "not empty");
    assert_eq!(listing(&out), ["keep.txt"]);
}
