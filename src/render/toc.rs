//! `js/toc.js`: what the runtime needs to know about the chapters it does not hold. Each deck
//! page holds one chapter; crossing into another one, following a link to a slide elsewhere,
//! numbering slides across the deck and pacing the speaker view all go through this table. It
//! is a script rather than JSON because pages opened from disk (`file://`) cannot fetch.
//!
//! It stays small at any size (about 90 bytes a chapter): a slide's id is derived from its
//! place (`<slug>-<h>` or `<slug>-<h>-<v>`) unless the author set it, so only the sub-slide
//! layout of chapters that have sub-slides and the authors' own ids are listed.
//! `static/js/pages.js` reads it.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::content::{Chapter, Workshop};

#[derive(Serialize)]
struct Toc<'a> {
    chapters: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    slug: &'a str,
    number: usize,
    title: &'a str,
    /// Minutes; 0 when the chapter has no duration.
    duration: u32,
    slides: usize,
    /// The number of sub-slides under each slide, when the chapter has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subs: Vec<usize>,
    /// The ids authors set, by the slide's index in the chapter.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    ids: BTreeMap<usize, &'a str>,
}

/// The script defining `window.deckhandToc`.
pub fn script(workshop: &Workshop) -> String {
    let toc = Toc {
        chapters: workshop.chapters.iter().map(entry).collect(),
    };
    let json = serde_json::to_string(&toc).expect("the table of contents serialises");
    format!("window.deckhandToc={json};\n")
}

fn entry(chapter: &Chapter) -> Entry<'_> {
    let (subs, ids) = layout(
        &chapter.slug,
        chapter.slides.iter().map(|s| (s.id.as_str(), s.h, s.v)),
    );
    Entry {
        slug: &chapter.slug,
        number: chapter.number,
        title: &chapter.title,
        duration: chapter.duration.unwrap_or(0),
        slides: chapter.slides.len(),
        subs,
        ids,
    }
}

/// From each slide's `(id, h, v)`: the sub-slides under each slide (empty when there are
/// none) and the ids that are not the ones the slides' places give them.
fn layout<'a>(
    slug: &str,
    slides: impl Iterator<Item = (&'a str, usize, usize)>,
) -> (Vec<usize>, BTreeMap<usize, &'a str>) {
    let mut subs = Vec::new();
    let mut ids = BTreeMap::new();
    for (index, (id, h, v)) in slides.enumerate() {
        if v > 0 {
            subs.resize(subs.len().max(h), 0);
            subs[h - 1] += 1;
        }
        if id != default_id(slug, h, v) {
            ids.insert(index, id);
        }
    }
    (subs, ids)
}

/// The id a slide gets from its place: what `content::chapter` gives slides without an `id`.
fn default_id(slug: &str, h: usize, v: usize) -> String {
    if v == 0 {
        format!("{slug}-{h}")
    } else {
        format!("{slug}-{h}-{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sub_slides_and_authors_ids_are_listed() {
        let slides = [
            ("pods-1", 1, 0),
            ("pods-2", 2, 0),
            ("pods-2-1", 2, 1),
            ("lifecycle", 2, 2),
            ("pods-3", 3, 0),
        ];
        let (subs, ids) = layout("pods", slides.into_iter());
        assert_eq!(subs, [0, 2]);
        assert_eq!(ids, BTreeMap::from([(3, "lifecycle")]));
        let (subs, ids) = layout("intro", [("intro-1", 1, 0), ("intro-2", 2, 0)].into_iter());
        assert!(subs.is_empty() && ids.is_empty());
    }
}
