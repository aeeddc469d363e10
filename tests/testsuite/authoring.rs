//! Issue 14's authoring features, read in what the build and the dev server publish: drafts,
//! hidden slides, `{{#toc}}`, `linenos`, `hl_lines` in the gutter's numbers, and ANCHOR lines
//! that never reach a reader.

use std::io::Read;

use crate::serve::Server;
use crate::support::{Site, Workshop, line_of};

const INTRO: &str = "content/01-intro.md";
const NEXT: &str = "content/02-next.md";

/// A third chapter, a draft, with a sample of its own.
fn add_draft(w: &Workshop) {
    w.write(
        "content/03-secret-plans.md",
        "+++\ntitle = \"Secret plans\"\nduration = 5\ndraft = true\n+++\n\n# Secret plans\n\nUnfinishedword.\n\n```yaml\n{{#include samples/secret-plans/cm.yaml}}\n```\n",
    );
    w.write(
        "content/samples/secret-plans/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unfinishedword\n",
    );
}

/// Every entry of a zip archive: (name, bytes).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap_or_default().to_string(), data)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_draft_chapter_is_in_no_file_the_build_writes() {
    let site = Site::build_with("small", add_draft);
    let warning = site
        .warnings
        .iter()
        .find(|d| d.message.contains("is a draft"))
        .expect("a warning names the draft");
    assert_eq!(
        warning.path,
        std::path::Path::new("content/03-secret-plans.md")
    );
    assert_eq!(site.chapters, 2);
    assert!(!site.files.contains_key("deck-secret-plans.html"));
    assert!(!site.files.contains_key("handout-secret-plans.html"));
    assert!(!site.files.contains_key("samples/secret-plans.zip"));
    assert!(!site.files.contains_key("samples/secret-plans/cm.yaml"));
    for (path, bytes) in &site.files {
        for word in [
            "Secret plans",
            "secret-plans",
            "Unfinishedword",
            "unfinishedword",
        ] {
            assert!(!contains(bytes, word), "{path} mentions the draft ({word})");
        }
        if path.ends_with(".zip") {
            for (name, data) in unzip(bytes) {
                assert!(!name.contains("secret-plans"), "{path} holds {name}");
                assert!(!contains(&data, "unfinishedword"), "{path}: {name}");
            }
        }
    }
    // The chapters after a draft are numbered as if it were not there: here, none follow.
    assert!(site.text("index.html").contains("2 chapters"));
}

#[test]
fn the_dev_server_shows_a_draft_with_a_badge() {
    let workshop = Workshop::small();
    add_draft(&workshop);
    let server = Server::start(workshop, &[]);
    let (status, deck) = server.get("/deck-secret-plans.html");
    assert_eq!(status, 200);
    assert!(deck.contains("Unfinishedword."), "{deck}");
    assert!(deck.contains("<span class=\"draft-badge\">draft</span>"));
    let (_, index) = server.get("/");
    let row = &index[index
        .find("id=\"agenda-secret-plans\"")
        .expect("the draft in the agenda")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("draft-badge"), "{row}");
    // Published chapters carry no badge.
    let (_, intro) = server.get("/deck-intro.html");
    assert!(!intro.contains("draft-badge"));
}

#[test]
fn a_link_into_a_draft_is_a_warning() {
    let workshop = Workshop::small();
    workshop.replace(NEXT, "duration = 20\n", "duration = 20\ndraft = true\n");
    let report = workshop.build_ok();
    let text = workshop.read(INTRO);
    let warning = report
        .warnings
        .iter()
        .find(|d| d.message.contains("leads into a draft chapter"))
        .expect("the link to 02-next.md#pods is named");
    assert_eq!(warning.line, line_of(&text, "[pods](02-next.md#pods)"));
}

#[test]
fn hidden_slides_leave_the_deck_and_reach_the_handout_when_asked() {
    let hide = |w: &Workshop| {
        w.replace(
            INTRO,
            "---\n\n## Its metadata",
            "---\n<!-- .slide: hidden -->\n\n## Backstage\n\nOnly for readers.\n\n---\n<!-- .slide: hidden=\"handout\" -->\n\n## Always on paper\n\n---\n<!-- .slide: data-visibility=\"hidden\" -->\n\n## Reveal's way\n\n---\n\n## Its metadata",
        );
    };
    let site = Site::build_with("small", hide);
    for page in ["deck-intro.html", "print-deck.html", "js/toc.js"] {
        let text = site.text(page);
        for title in [
            "Backstage",
            "Always on paper",
            "Reveal&#39;s way",
            "Reveal's way",
        ] {
            assert!(
                !text.contains(title),
                "{page} shows the hidden slide {title}"
            );
        }
    }
    // The slide after them keeps the number and id it had.
    assert!(site.slide("intro-3").contains("Its metadata"));
    let handout = site.text("handout-intro.html");
    assert!(
        handout.contains("Always on paper"),
        "hidden=\"handout\" is always on paper"
    );
    assert!(
        !handout.contains("Backstage"),
        "plain `hidden` needs [handouts] hidden_slides"
    );
    assert!(!handout.contains("Reveal"));

    let site = Site::build_with("small", |w| {
        hide(w);
        w.write(
            "workshop.toml",
            w.read("workshop.toml") + "\n[handouts]\nhidden_slides = true\n",
        );
    });
    let handout = site.text("handout-intro.html");
    let (backstage, metadata) = (
        handout
            .find("id=\"handout-intro-3-hidden\"")
            .expect("shown when asked"),
        handout.find("id=\"handout-intro-3\"").unwrap(),
    );
    assert!(handout[backstage..metadata].contains("Backstage"));
    assert!(
        backstage < metadata,
        "in its place, before the slide that followed it"
    );
    assert!(handout.contains("Only for readers."));
    assert!(
        handout.contains("Reveal"),
        "data-visibility=\"hidden\" is the same as hidden"
    );
    assert!(!site.text("deck-intro.html").contains("Backstage"));
}

#[test]
fn toc_lists_the_chapters_and_the_chapters_slides_with_links() {
    let site = Site::build_with("small", |w| {
        w.replace(
            NEXT,
            "## Pods\n",
            "## Pods\n\n{{#toc}}\n\n---\n\n## This chapter\n\n{{#toc chapter}}\n",
        );
    });
    for page in [
        "deck-next.html",
        "handout-next.html",
        "print-deck.html",
        "handout.html",
    ] {
        let html = site.text(page);
        let toc = &html[html
            .find("data-toc=\"workshop\"")
            .unwrap_or_else(|| panic!("{page}"))..];
        let toc = &toc[..toc.find("</nav>").unwrap()];
        let intro = toc.find(
            "<a href=\"deck-intro.html\">Intro</a> <span class=\"toc-duration\">10 min</span>",
        );
        let next = toc.find("<a href=\"deck-next.html\" aria-current=\"page\">Next</a> <span class=\"toc-duration\">20 min</span>");
        assert!(
            intro.is_some() && next.is_some() && intro < next,
            "{page}: {toc}"
        );
        let slides = &html[html.find("data-toc=\"chapter\"").unwrap()..];
        let slides = &slides[..slides.find("</nav>").unwrap()];
        assert!(
            slides.contains("<a href=\"deck-next.html#/next-1\">Next</a>"),
            "{page}: {slides}"
        );
        assert!(
            slides.contains("<a href=\"deck-next.html#/next-2\">This chapter</a>"),
            "{slides}"
        );
        assert!(
            !slides.contains("intro-"),
            "only this chapter's slides: {slides}"
        );
    }
    assert!(!site.text("print-deck.html").contains("{{#toc"));
}

#[test]
fn anchor_lines_reach_no_output_and_line_numbers_agree_everywhere() {
    let site = Site::build("small");
    let source = std::fs::read_to_string(
        crate::support::fixture_dir("small").join("content/samples/intro/pod.yaml"),
    )
    .unwrap();
    assert!(
        source.contains("# ANCHOR: meta"),
        "the fixture carries markers"
    );
    let mut zips = 0;
    for (path, bytes) in &site.files {
        assert!(!contains(bytes, "ANCHOR"), "{path} holds an ANCHOR line");
        if path.ends_with(".zip") {
            zips += 1;
            for (name, data) in unzip(bytes) {
                assert!(
                    !contains(&data, "ANCHOR"),
                    "{path}: {name} holds an ANCHOR line"
                );
            }
        }
    }
    assert_eq!(
        zips, 3,
        "samples/intro.zip, samples/next.zip and samples/all-samples.zip"
    );
    // The download keeps every other line where it was: line 4 is `metadata:` in both.
    let published = site.text("samples/intro/pod.yaml");
    assert_eq!(published.lines().count(), source.lines().count());
    assert_eq!(published.lines().nth(3), Some("metadata:"));
    assert_eq!(published.lines().nth(2), Some(""));
    // The slide's gutter says 4 for that line too, and the handout's full listing.
    let slide = site.slide("intro-3");
    assert!(slide.contains("data-n=\"4\">"), "{slide}");
    let handout = site.text("handout-intro.html");
    let listing = &handout[handout.find("Samples in full").unwrap()..];
    assert!(listing.contains("data-n=\"4\">"), "{listing}");
}

#[test]
fn hl_lines_counts_the_gutter_and_linenos_sets_it() {
    let site = Site::build_with("small", |w| {
        w.replace(
            NEXT,
            "```yaml\n{{#include samples/intro/pod.yaml:1:2}}\n```",
            "```yaml hl_lines=\"10-11\"\n{{#include samples/intro/pod.yaml:9:14}}\n```\n\n---\n\n## Numbered\n\n```bash linenos=\"712\"\necho a\necho b\n```\n\n---\n\n## Bare\n\n```yaml linenos=false\n{{#include samples/intro/pod.yaml:9:10}}\n```",
        );
    });
    assert!(
        !site.warnings.iter().any(|d| d.message.contains("hl_lines")),
        "hl_lines already in the gutter's numbers: {:?}",
        site.warnings
    );
    let slide = site.slide("next-1");
    let lit: Vec<&str> = slide
        .split("<span class=\"ln hl-on\" data-n=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(lit, ["10", "11"], "{slide}");
    let numbered = site.slide("next-2");
    assert!(numbered.contains("line-numbers"));
    assert!(numbered.contains("data-n=\"712\"") && numbered.contains("data-n=\"713\""));
    let bare = site.slide("next-3");
    let figure = &bare[bare.find("<figure").unwrap()..];
    assert!(
        figure[..figure.find('>').unwrap()].contains("no-line-numbers"),
        "{figure}"
    );
}

#[test]
fn the_line_budget_of_a_slide_follows_its_aspect() {
    let tall = |aspect: Option<&str>| {
        let site = Site::build_with("small", |w| {
            let long: String = (1..=26).map(|n| format!("echo {n}\n")).collect();
            w.replace(
                NEXT,
                "## Pods\n",
                &format!("## Pods\n\n```bash\n{long}```\n"),
            );
            if let Some(aspect) = aspect {
                w.write(
                    "workshop.toml",
                    w.read("workshop.toml") + &format!("\n[theme]\naspect = \"{aspect}\"\n"),
                );
            }
        });
        site.warnings
            .iter()
            .find(|d| d.message.contains("more than a slide holds"))
            .map(|d| d.message.clone())
    };
    let wide = tall(None).expect("26 lines are too many at 16:9");
    assert!(wide.contains("(22 at the default font)"), "{wide}");
    let wider = tall(Some("16:10")).expect("and at 16:10");
    assert!(wider.contains("(24 at the default font)"), "{wider}");
    assert_eq!(tall(Some("4:3")), None, "a 4:3 slide holds 29");
}
