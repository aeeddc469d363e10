//! The contract later issues rely on: only relative links, semantic HTML, escaped text, stable
//! slide ids, and an output folder that holds exactly the latest build.

use std::collections::{BTreeMap, BTreeSet};

use deckhand::pipeline::{self, BuildOptions};

use crate::support::{EVERY_FEATURE, Site, Workshop, attr, fixture_dir, render, tags};

/// Every `href` and `src` in a page that is not relative: starts with `/`, names localhost, or
/// (for `src`, which the browser fetches) has a scheme at all.
fn absolute_links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (attribute, fetched) in [("href", false), ("src", true)] {
        let needle = format!(" {attribute}=\"");
        for (i, _) in html.match_indices(&needle) {
            let value = &html[i + needle.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let has_scheme = value.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            });
            if value.starts_with('/')
                || value.starts_with('\\')
                || value.contains("localhost")
                || (fetched && has_scheme)
            {
                found.push(format!("{attribute}=\"{value}\""));
            }
        }
    }
    if html.contains("http://localhost") || html.contains("http://127.0.0.1") {
        found.push("a URL of localhost".into());
    }
    found
}

#[test]
fn every_page_uses_only_relative_links() {
    let mut pages = 0;
    for (path, html) in EVERY_FEATURE.pages() {
        assert_eq!(absolute_links(html), Vec::<String>::new(), "{path}");
        pages += 1;
    }
    assert!(pages >= 6, "index, deck, speaker view and three handouts");
}

#[test]
fn a_base_url_is_used_only_for_canonical_links() {
    let workshop = Workshop::fixture("every-feature");
    let out = workshop.outside().join("site");
    let options = BuildOptions {
        out: Some(out.clone()),
        base_url: Some("https://example.org/k8s/".into()),
        ..Default::default()
    };
    let report = pipeline::build(workshop.root(), &options)
        .unwrap_or_else(|problems| panic!("{}", render(&problems)));
    let site = Site::read(&out, report);
    for (path, html) in site.pages() {
        assert_eq!(absolute_links(html), Vec::<String>::new(), "{path}");
        let canonical = tags(html, "link")
            .into_iter()
            .find(|tag| attr(tag, "rel") == Some("canonical"));
        let expected = if path == "index.html" {
            "https://example.org/k8s/".to_string()
        } else {
            format!("https://example.org/k8s/{path}")
        };
        if path != "speaker.html" {
            assert_eq!(
                canonical.and_then(|tag| attr(tag, "href")),
                Some(expected.as_str()),
                "{path}"
            );
        }
        for tag in tags(html, "a")
            .into_iter()
            .chain(tags(html, "link"))
            .chain(tags(html, "script"))
            .chain(tags(html, "img"))
        {
            let target = attr(tag, "href").or_else(|| attr(tag, "src")).unwrap_or("");
            if target.starts_with("https://example.org") {
                assert_eq!(
                    attr(tag, "rel"),
                    Some("canonical"),
                    "{path}: only a canonical link may use the base URL: {tag}"
                );
            }
        }
    }
}

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
    let deck = site.text("deck.html");
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

/// `(chapter slug, slide id, h, v)` for every slide of a deck, in order.
fn slide_ids(deck: &str) -> Vec<(String, String, usize, usize)> {
    let mut slides = Vec::new();
    let mut chapter = String::new();
    for tag in tags(deck, "section") {
        if let Some(slug) = attr(tag, "data-chapter") {
            chapter = slug.to_string();
            continue;
        }
        let (Some(id), Some(h), Some(v)) =
            (attr(tag, "id"), attr(tag, "data-h"), attr(tag, "data-v"))
        else {
            continue;
        };
        slides.push((
            chapter.clone(),
            id.to_string(),
            h.parse().unwrap(),
            v.parse().unwrap(),
        ));
    }
    slides
}

/// The `id="…"` of every `<!-- .slide: … -->` comment in a fixture's chapters.
fn explicit_ids(fixture: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(fixture_dir(fixture).join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().filter(|l| l.contains("<!-- .slide:")) {
                if let Some(id) = attr(line, "id") {
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn slide_ids_are_the_explicit_id_or_slug_and_position() {
    let slides = slide_ids(EVERY_FEATURE.text("deck.html"));
    assert_eq!(slides.len(), EVERY_FEATURE.slides);
    let explicit = explicit_ids("every-feature");
    assert!(explicit.len() >= 20, "{explicit:?}");
    let mut seen = BTreeSet::new();
    for (slug, id, h, v) in &slides {
        let positional = if *v == 0 {
            format!("{slug}-{h}")
        } else {
            format!("{slug}-{h}-{v}")
        };
        assert!(
            id == &positional || explicit.contains(id),
            "slide {slug} {h}.{v} has id `{id}`, expected `{positional}` or an explicit id"
        );
        assert!(seen.insert(id.clone()), "id `{id}` is used twice");
    }
    let used: BTreeSet<String> = slides.iter().map(|s| s.1.clone()).collect();
    assert!(
        explicit.is_subset(&used),
        "every explicit id is used: {:?}",
        explicit.difference(&used).collect::<Vec<_>>()
    );
    assert!(
        used.contains("syntax-4-1"),
        "a vertical slide without an explicit id"
    );
}

#[test]
fn slide_ids_do_not_change_when_titles_change() {
    let ids = |site: &Site| {
        slide_ids(site.text("deck.html"))
            .into_iter()
            .map(|s| s.1)
            .collect::<Vec<_>>()
    };
    let before = Site::build("small");
    let after = Site::build_with("small", |w| {
        w.replace(
            "content/01-intro.md",
            "title = \"Intro\"",
            "title = \"Welcome aboard\"",
        );
        w.replace("content/01-intro.md", "# Intro", "# Welcome aboard");
        w.replace(
            "content/01-intro.md",
            "## A pod",
            "## A Pod, with a new title",
        );
        w.replace("content/02-next.md", "# Next", "# Then");
    });
    assert_eq!(ids(&before), ["intro-1", "intro-2", "intro-3", "next-1"]);
    assert_eq!(ids(&after), ids(&before));
    assert!(
        after.text("deck.html").contains("A Pod, with a new title"),
        "the change is built"
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
        "```yaml hl_lines=\"1-2|4\"\n{{#include samples/intro/pod.yaml}}\n```",
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

/// The values of every `id` attribute in a page.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .map(|(i, found)| {
            let rest = &html[i + found.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

#[test]
fn ids_are_unique_in_every_page() {
    for (path, html) in EVERY_FEATURE.pages() {
        let mut seen = BTreeSet::new();
        for id in ids(html) {
            assert!(seen.insert(id), "{path}: id `{id}` is used twice");
        }
    }
}

/// Every link, stylesheet, script and image inside the site points at a file the build wrote,
/// and an anchor at an element of that page (`deck.html#/id` is the deck's deep link to `id`).
#[test]
fn every_link_inside_the_site_leads_somewhere() {
    let site = &*EVERY_FEATURE;
    let anchors: BTreeMap<&str, BTreeSet<&str>> = site
        .pages()
        .map(|(path, html)| (path, ids(html).into_iter().collect()))
        .collect();
    let mut checked = 0;
    for (path, html) in site.pages() {
        let elements = ["a", "link", "script", "img"]
            .into_iter()
            .flat_map(|tag| tags(html, tag));
        for element in elements {
            let Some(target) = attr(element, "href").or_else(|| attr(element, "src")) else {
                continue;
            };
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() { path } else { file };
            assert!(
                site.files.contains_key(file),
                "{path}: `{target}` leads to no file"
            );
            let anchor = anchor.trim_start_matches('/');
            if !anchor.is_empty() {
                let page = anchors
                    .get(file)
                    .unwrap_or_else(|| panic!("{path}: `{target}` is not a page"));
                assert!(
                    page.contains(anchor),
                    "{path}: `{target}` leads to no element of {file}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
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
