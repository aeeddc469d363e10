//! Reading built pages: a finished build in memory, a slide's region, tags and attributes.

use std::collections::BTreeMap;
use std::path::Path;

use deckhand::diagnostics::Diagnostic;
use deckhand::pipeline::Report;

use super::{Entry, Workshop, render, tree};

/// A finished build, read into memory (its temporary folder is gone).
pub struct Site {
    /// Output files by `/`-separated path.
    pub files: BTreeMap<String, Vec<u8>>,
    pub warnings: Vec<Diagnostic>,
    pub chapters: usize,
    pub slides: usize,
    pub samples: usize,
}

impl Site {
    /// Build a copy of a fixture into a temporary folder and read the result.
    pub fn build(fixture: &str) -> Site {
        Site::build_with(fixture, |_| {})
    }

    /// Like [`Site::build`], changing the copy first.
    pub fn build_with(fixture: &str, change: impl FnOnce(&Workshop)) -> Site {
        let workshop = Workshop::fixture(fixture);
        change(&workshop);
        let out = workshop.outside().join("site");
        let report = workshop
            .build_into(&out)
            .unwrap_or_else(|problems| panic!("the build failed:\n{}", render(&problems)));
        Site::read(&out, report)
    }

    pub fn read(out: &Path, report: Report) -> Site {
        let files = tree(out)
            .into_iter()
            .filter_map(|(path, entry)| match entry {
                Entry::File(bytes) => Some((path.to_string_lossy().replace('\\', "/"), bytes)),
                _ => None,
            })
            .collect();
        Site {
            files,
            warnings: report.warnings.sorted(),
            chapters: report.chapters,
            slides: report.slides,
            samples: report.samples,
        }
    }

    #[track_caller]
    pub fn text(&self, path: &str) -> &str {
        let bytes = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("the site has no {path}; it has {:?}", self.files.keys()));
        std::str::from_utf8(bytes).unwrap()
    }

    /// Every generated HTML page: (path, text).
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| (path.as_str(), std::str::from_utf8(bytes).unwrap()))
    }

    /// The `<section …id="id"…>…</section>` of one slide in the deck.
    #[track_caller]
    pub fn slide(&self, id: &str) -> &str {
        slide_region(self.text("print-deck.html"), id)
    }
}

/// Cut the `<section … id="id" …>…</section>` region of one slide out of a page.
#[track_caller]
pub fn slide_region<'a>(html: &'a str, id: &str) -> &'a str {
    let wanted = format!(" id=\"{id}\"");
    let mut from = 0;
    while let Some(found) = html[from..].find("<section") {
        let start = from + found;
        let tag_end = start + html[start..].find('>').expect("a closed tag");
        if html[start..tag_end].contains(&wanted) {
            let end = start
                + html[start..].find("</section>").expect("a closed section")
                + "</section>".len();
            return &html[start..end];
        }
        from = tag_end;
    }
    panic!("no <section id=\"{id}\"> in the page")
}

/// The opening tags of every element `tag` in `html` (`<img …>`), attributes included.
pub fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let after = html[start + open.len()..].chars().next();
        let end = start
            + html[start..]
                .find('>')
                .map_or(html.len() - start, |e| e + 1);
        if matches!(after, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            found.push(&html[start..end]);
        }
        from = end;
    }
    found
}

/// The value of attribute `name` in an opening tag.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}
