//! The last check of a build with private notes: no published file, and no entry of a published
//! archive, holds the text of a speaker note. The publishing rules already keep notes out by
//! construction; this pass is the assertion that they did, over exactly what is about to be
//! swapped in, and the build fails if it finds one.
//!
//! Text is compared as lowercase letters and digits only, so that markup, escaping, Markdown
//! syntax and line breaks cannot hide a sentence. What is looked for is every run of
//! [`WINDOW_WORDS`] consecutive words of a note (the whole note when it is shorter, if it has
//! [`MIN_WORDS`] words or more) that is not public anyway: a note may repeat its slide or quote a
//! sample, and finding that proves nothing. Every probe is searched at once with Aho-Corasick, so the pass costs one
//! read of the output.

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Read;
use std::path::PathBuf;

use crate::content::{CONTENT_DIR, Workshop};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::project::Project;

/// Shorter notes ("Ask the room.") are too common to tell a leak from a coincidence.
pub const MIN_WORDS: usize = 5;
/// Words in a row that make a probe: enough to be the note's and nobody else's.
pub const WINDOW_WORDS: usize = 8;
const MIN_LETTERS: usize = 24;

/// A note sentence to look for, and where its note is.
struct Probe {
    slide: String,
    chapter: PathBuf,
    line: usize,
}

/// Every probe of a workshop's notes.
pub struct NoteProbes {
    probes: Vec<Probe>,
    finder: Option<AhoCorasick>,
}

impl NoteProbes {
    /// The probes of `workshop`'s notes (call it before the slides' HTML is released).
    pub fn new(project: &Project, workshop: &Workshop) -> NoteProbes {
        // What is public anyway, squashed as the output will be: the slides (as text, and as
        // markup, whose attributes the search of pages sees too), the chapters' and the
        // workshop's descriptions, and the samples (a note may quote a sample's comment).
        let mut public = String::new();
        let mut add = |text: &str| {
            letters(text, &mut public);
            public.push('\n');
        };
        let config = &project.config;
        for text in [&config.title, &config.author, &config.description] {
            add(text);
        }
        for chapter in &workshop.chapters {
            add(&chapter.title);
            add(chapter.summary.as_deref().unwrap_or_default());
            for objective in &chapter.objectives {
                add(objective);
            }
            for slide in &chapter.slides {
                add(&text_of_html(&slide.html));
                add(&decode_entities(&slide.html));
            }
        }
        let content = project.root.join(CONTENT_DIR);
        for sample in workshop.samples() {
            // The pages link to every sample, so its path is public as their markup has it: a
            // note's `kubectl apply -f samples/…` squashes to the tail of `href="samples/…"`.
            add(&format!("href=\"{}\"", sample.to_string_lossy()));
            if let Ok(bytes) =
                crate::files::read(&content.join(sample), config.limits.sample_bytes())
            {
                add(&String::from_utf8_lossy(&bytes));
            }
        }
        let mut texts = Vec::new();
        let mut probes = Vec::new();
        for chapter in &workshop.chapters {
            for slide in &chapter.slides {
                let Some(notes) = &slide.notes_html else {
                    continue;
                };
                let text = text_of_html(notes).to_lowercase();
                let words: Vec<&str> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.len() < MIN_WORDS {
                    continue;
                }
                for window in words.windows(WINDOW_WORDS.min(words.len())) {
                    let probe = window.concat();
                    if probe.len() >= MIN_LETTERS {
                        texts.push(probe);
                        probes.push(Probe {
                            slide: slide.id.clone(),
                            chapter: chapter.source.clone(),
                            line: slide.line,
                        });
                    }
                }
            }
        }
        // What the slides say too is public already.
        if let Ok(finder) = AhoCorasick::new(&texts) {
            let said: std::collections::HashSet<usize> = finder
                .find_overlapping_iter(&public)
                .map(|found| found.pattern().as_usize())
                .collect();
            (texts, probes) = texts
                .into_iter()
                .zip(probes)
                .enumerate()
                .filter(|(index, _)| !said.contains(index))
                .map(|(_, pair)| pair)
                .unzip();
        }
        NoteProbes {
            finder: (!texts.is_empty())
                .then(|| AhoCorasick::new(&texts).ok())
                .flatten(),
            probes,
        }
    }

    /// How many sentences are looked for.
    pub fn len(&self) -> usize {
        self.probes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }

    /// Every file of `files` (path in the site, bytes) that holds a note: one error per leaking
    /// note, naming the files that hold it. Archives are searched entry by entry.
    pub fn scan<'b>(&self, files: impl Iterator<Item = (String, Cow<'b, [u8]>)>) -> Diagnostics {
        let mut found = Diagnostics::new();
        let Some(finder) = &self.finder else {
            return found;
        };
        let mut files: Vec<(String, Cow<[u8]>)> = files.collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        // Files are searched on every core; the leaks are then told by slide, in file order.
        let hits: Vec<(usize, String)> = files
            .par_iter()
            .flat_map_iter(|(name, bytes)| {
                let parts = if name.ends_with(".zip") {
                    archive_entries(name, bytes)
                } else {
                    vec![(name.clone(), bytes.to_vec())]
                };
                parts
                    .into_iter()
                    .filter_map(|(shown, bytes)| {
                        Some((self.first_in(finder, &shown, &bytes)?, shown))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut leaks: Vec<(&Probe, Vec<String>)> = Vec::new();
        for (index, shown) in hits {
            let probe = &self.probes[index];
            match leaks.iter_mut().find(|(p, _)| p.slide == probe.slide) {
                Some((_, files)) => files.push(shown),
                None => leaks.push((probe, vec![shown])),
            }
        }
        for (probe, files) in leaks {
            found.push(leak(probe, &files));
        }
        found
    }

    /// The first probe found in a file's bytes, as text and (for markup) as text without tags.
    fn first_in(&self, finder: &AhoCorasick, name: &str, bytes: &[u8]) -> Option<usize> {
        let text = String::from_utf8_lossy(bytes);
        let mut haystacks = vec![decode_entities(&text)];
        if [".html", ".htm", ".svg", ".xml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            haystacks.push(text_of_html(&text));
        }
        haystacks.iter().find_map(|haystack| {
            let mut squashed = String::with_capacity(haystack.len());
            letters(haystack, &mut squashed);
            finder
                .find(&squashed)
                .map(|found| found.pattern().as_usize())
        })
    }
}

/// The error for a note found in `files`.
fn leak(probe: &Probe, files: &[String]) -> Diagnostic {
    let mut named: Vec<String> = files.iter().take(3).map(|f| format!("`{f}`")).collect();
    if files.len() > 3 {
        named.push(format!("{} more files", files.len() - 3));
    }
    let list = match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Diagnostic::error(
        &probe.chapter,
        Pos::new(probe.line, 1),
        format!(
            "the speaker notes of slide `{}` would be published in {list}, but `[notes] private = true`",
            probe.slide
        ),
    )
    .with_hint(
        "remove the note's text from the published files (a sample shown in full in the handouts is published twice), or set `private = false` under `[notes]` if the notes may be public",
    )
}

/// Each entry of a zip archive, named `archive.zip!entry`.
fn archive_entries(name: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return vec![(name.to_string(), bytes.to_vec())];
    };
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(index) else {
            continue;
        };
        let mut data = Vec::new();
        if entry.read_to_end(&mut data).is_ok() {
            entries.push((format!("{name}!{}", entry.name().unwrap_or_default()), data));
        }
    }
    entries
}

/// Lowercase letters and digits of `text`, appended to `out`.
fn letters(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
}

/// The text of some HTML: tags dropped (each leaves a space), entities decoded.
pub fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

/// `&amp;`, `&#39;`, `&#x27;`… as the characters they stand for (unknown ones are kept).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_compared_without_markup_or_escaping() {
        assert_eq!(
            text_of_html("<p>Don&#39;t &amp; <em>won&#x27;t</em></p>"),
            " Don't &  won't  "
        );
        let mut out = String::new();
        letters("Ask: Don't, ÉTÉ 2!", &mut out);
        assert_eq!(out, "askdontété2");
        assert_eq!(decode_entities("a &bogus; b &#65;"), "a &bogus; b A");
    }
}
