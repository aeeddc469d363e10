//! The contract later issues rely on: only relative links, semantic HTML, escaped text, stable
//! slide ids, and an output folder that holds exactly the latest build.

mod identifiers;
mod links;

use std::collections::{BTreeMap, BTreeSet};

use deckhand::pipeline::{self, BuildOptions};

use crate::support::{EVERY_FEATURE, Site, Workshop, attr, fixture_dir, render, tags};

#[test]
fn every_page_declares_its_language_and_has_one_h1_and_a_main_landmark() {
    for (path, html) in EVERY_FEATURE.pages() {
        let root = tags(html, "html");
        assert_eq!(root.len(), 1, "{path}: one <html>");
        assert_eq!(attr(root[0], "lang"), Some("en"), "{path}: {}", root[0]);
        assert_eq!(tags(html, "h1").len(), 1, "{path}: exactly one <h1>");
        assert_eq!(tags(html, "main").len(), 1, "{path}: one <main> landmark");
        assert!(
            html.trim_start()
                .to_ascii_lowercase()
                .starts_with("<!doctype html>"),
            "{path}: a doctype"
        );
    }
}

#[test]
fn every_image_has_alt_text() {
    let mut images = 0;
    for (path, html) in EVERY_FEATURE.pages() {
        for img in tags(html, "img") {
            let alt =
                attr(img, "alt").unwrap_or_else(|| panic!("{path}: an image without alt: {img}"));
            assert!(!alt.trim().is_empty(), "{path}: empty alt text on {img}");
            images += 1;
        }
    }
    assert!(
        images >= 3,
        "the fixture's image appears in the deck and the handouts"
    );
}

#[test]
fn the_language_comes_from_workshop_toml() {
    let site = Site::build_with("small", |w| {
        w.replace("workshop.toml", "language = \"en\"", "language = \"fr-CA\"");
    });
    for (path, html) in site.pages() {
        assert_eq!(attr(tags(html, "html")[0], "lang"), Some("fr-CA"), "{path}");
    }
}

const EVIL: &str = "</script><script>alert(1)</script>";

/// A sample holding a script tag, shown in every way a slide can show text; no page may carry
/// it as markup.
#[test]
fn text_from_samples_and_settings_is_escaped_everywhere() {
    let site = Site::build_with("small", |w| {
        w.write(
            "content/samples/intro/evil.sh",
            format!("#!/bin/sh\necho '{EVIL}'\n"),
        );
        let config_map = [
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: evil",
            "data:",
        ];
        w.write(
            "content/samples/intro/evil.yaml",
            format!("{}\n  page: \"{EVIL}\"\n", config_map.join("\n")),
        );
        w.replace(
            "workshop.toml",
            "author = \"The deckhand tests\"",
            &format!("author = \"{EVIL}\"\ndescription = \"{EVIL}\""),
        );
        // Paragraphs of a chapter that shows the sample every way a slide can show text.
        let chapter = [
            format!("+++\ntitle = \"{EVIL}\"\nduration = 5\nsummary = \"{EVIL}\"\n+++"),
            format!("# Escaping `{EVIL}`"),
            "```bash\n{{#include samples/intro/evil.sh}}\n```".into(),
            "---".into(),
            "```yaml\n{{#include samples/intro/evil.yaml}}\n```".into(),
            "---".into(),
            "```text\n{{#include samples/intro/evil.sh:2}}\n```".into(),
            format!("```\n{EVIL}\n```"),
            format!("![Alt {EVIL}](images/pod.svg)"),
            format!("Note:\nInline `{EVIL}` in the notes."),
        ];
        w.write("content/03-evil.md", chapter.join("\n\n") + "\n");
        w.replace(
            "workshop.toml",
            "planned_minutes = 30",
            "planned_minutes = 35",
        );
    });
    let escaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    let mut pages = 0;
    for (path, html) in site.pages() {
        let lower = html.to_ascii_lowercase();
        assert!(
            !lower.contains("<script>alert(1)"),
            "{path} carries the sample's script as markup"
        );
        pages += 1;
    }
    assert!(pages >= 7);
    let deck = site.text("print-deck.html");
    assert!(
        deck.matches(escaped).count() >= 4,
        "the text is shown, escaped, in the code, heading, alt text and notes"
    );
    assert!(site.text("handout-evil.html").contains(escaped));
    assert!(
        site.text("index.html").contains(escaped),
        "the title and summary in the agenda"
    );
}

#[test]
fn a_new_build_leaves_no_stale_file_of_an_earlier_one() {
    let workshop = Workshop::small();
    workshop.build_ok();
    let public = workshop.path("public");
    let before: BTreeMap<_, _> = crate::support::tree(&public);
    for file in [
        "images/pod.svg",
        "handout-next.html",
        "samples/intro/pod.yaml",
    ] {
        assert!(
            before.contains_key(std::path::Path::new(file)),
            "the first build wrote {file}"
        );
    }
    std::fs::write(public.join("left-behind.html"), "an old page").unwrap();
    // Drop the image, the second chapter and the sample.
    workshop.replace(
        "content/01-intro.md",
        "\n![A pod holding two containers](images/pod.svg)\n",
        "\n",
    );
    workshop.replace(
        "content/01-intro.md",
        " The [next chapter](02-next.md) starts with [pods](02-next.md#pods).",
        "",
    );
    workshop.replace(
        "content/01-intro.md",
        "```yaml hl_lines=\"1-2|5\" linenos=true\n{{#include samples/intro/pod.yaml}}\n```",
        "Pods hold containers.",
    );
    workshop.replace(
        "content/01-intro.md",
        "```yaml\n{{#include samples/intro/pod.yaml:meta}}\n```",
        "Names and labels.",
    );
    workshop
        .remove("content/images")
        .remove("content/samples")
        .remove("content/02-next.md");
    workshop.replace(
        "workshop.toml",
        "planned_minutes = 30",
        "planned_minutes = 10",
    );
    let report = workshop.build_ok();
    assert_eq!(
        report.warnings.warning_count(),
        0,
        "{}",
        render(&report.warnings)
    );
    let after = crate::support::tree(&public);
    for gone in [
        "images/pod.svg",
        "handout-next.html",
        "samples/intro/pod.yaml",
        "samples/all-samples.zip",
        "left-behind.html",
    ] {
        assert!(
            !after.contains_key(std::path::Path::new(gone)),
            "{gone} survived the second build"
        );
    }
    assert!(after.contains_key(std::path::Path::new("handout-intro.html")));
    assert_eq!(
        crate::support::listing(workshop.root()),
        [".deckhand", "content", "public", "workshop.toml"]
    );
}

#[test]
fn private_notes_are_published_nowhere() {
    let site = Site::build_with("small", |w| {
        w.write(
            "workshop.toml",
            w.read("workshop.toml") + "\n[notes]\nprivate = true\n",
        );
    });
    for (path, html) in site.pages() {
        assert!(
            !html.contains("Say hello."),
            "{path} carries a speaker note"
        );
        assert!(
            !html.contains("class=\"notes\""),
            "{path} has a notes element"
        );
    }
    let public = Site::build("small");
    assert!(
        public.slide("intro-1").contains("Say hello."),
        "notes are published by default"
    );
}
