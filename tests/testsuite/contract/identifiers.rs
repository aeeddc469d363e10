//! Slide ids: explicit or chapter slug and position, never from the title; ids unique in every page.

use super::*;

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
    let slides = slide_ids(EVERY_FEATURE.text("print-deck.html"));
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
        slide_ids(site.text("print-deck.html"))
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
        after
            .text("print-deck.html")
            .contains("A Pod, with a new title"),
        "the change is built"
    );
}

/// The values of every `id` attribute in a page.
pub(super) fn ids(html: &str) -> Vec<&str> {
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

/// Chapters load in parallel; a chapter after one that fails is still numbered by its place
/// among those that load (what `check` and `serve` show while the broken one is being fixed).
#[test]
fn chapters_are_numbered_by_their_place_among_those_that_load() {
    let w = Workshop::small();
    w.write(
        "content/03-third.md",
        "+++\ntitle = \"Third\"\nduration = 5\n+++\n\n# Third\n\nHello.\n",
    );
    w.replace(
        "content/02-next.md",
        "duration = 20\n+++\n",
        "duration = 20\n",
    );
    let loaded = pipeline::load(w.root(), &deckhand::highlight::cache::HighlightCache::new())
        .expect("the workshop opens");
    assert!(loaded.diagnostics.has_errors(), "02-next.md is broken");
    let numbers: Vec<(&str, usize)> = loaded
        .workshop
        .chapters
        .iter()
        .map(|c| (c.slug.as_str(), c.number))
        .collect();
    assert_eq!(numbers, [("intro", 1), ("third", 2)]);
}
