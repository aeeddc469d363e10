//! `[notes] private = true`: the bundled workshop, built with private notes, publishes no note
//! anywhere (pages, scripts, data files, archives); only `deckhand pdf --with-notes` prints them.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use crate::pdf::{load, pdftotext, run_pdf, strip_tags, tools_or_skip};
use crate::support::{Entry, Workshop, tree};

/// A copy of the bundled workshop, with private notes.
fn private_copy() -> Workshop {
    let workshop = Workshop::bundled();
    let toml = workshop.read("workshop.toml");
    assert!(
        !toml.contains("[notes]"),
        "the bundled workshop.toml sets [notes] already"
    );
    workshop.write("workshop.toml", toml + "\n[notes]\nprivate = true\n");
    workshop
}

/// What to look for: each note's sentences of six words or more, squashed to lowercase letters
/// and digits so that markup, escaping and line breaks cannot hide them. Sentences the slides
/// themselves (or the samples) also say are left out: finding those proves nothing.
fn probes(dir: &Path) -> Vec<(String, String)> {
    let (_, content) = load(dir);
    let mut public_text = String::new();
    for chapter in &content.chapters {
        public_text.push_str(&letters(&strip_tags(&chapter.title)));
        for slide in &chapter.slides {
            public_text.push_str(&letters(&strip_tags(&slide.html)));
        }
    }
    for sample in content.samples() {
        if let Ok(text) = std::fs::read_to_string(dir.join("content").join(sample)) {
            public_text.push_str(&letters(&text));
        }
    }
    let mut probes = Vec::new();
    for chapter in &content.chapters {
        for slide in &chapter.slides {
            let Some(notes) = &slide.notes_html else {
                continue;
            };
            let text = strip_tags(notes);
            for sentence in text.split_inclusive(['.', '?', '!', ':', ';']) {
                let probe = letters(sentence);
                if sentence.split_whitespace().count() >= 6
                    && probe.len() >= 30
                    && !public_text.contains(&probe)
                {
                    probes.push((slide.id.clone(), probe));
                }
            }
        }
    }
    probes
}

/// Lowercase letters and digits only (typographic ligatures spelt out).
fn letters(text: &str) -> String {
    text.replace('\u{FB00}', "ff")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every file of a built site as searchable text: pages without their tags, archives entry by
/// entry, everything else as it is.
fn searchable(out: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for (rel, entry) in tree(out) {
        let Entry::File(bytes) = entry else { continue };
        let name = rel.to_string_lossy().replace('\\', "/");
        if name.ends_with(".zip") {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..archive.len() {
                let mut file = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                let entry_name = format!("{name}!{}", file.name().unwrap_or_default());
                files.insert(entry_name, letters(&String::from_utf8_lossy(&data)));
            }
        } else {
            let text = String::from_utf8_lossy(&bytes);
            let text = if name.ends_with(".html") || name.ends_with(".svg") {
                strip_tags(&text)
            } else {
                text.into_owned()
            };
            files.insert(name, letters(&text));
        }
    }
    files
}

/// The probes found in `files`: (probe's slide, file).
fn leaks<'a>(
    probes: &'a [(String, String)],
    files: &'a BTreeMap<String, String>,
) -> Vec<(&'a str, &'a str)> {
    probes
        .iter()
        .filter_map(|(slide, probe)| {
            files
                .iter()
                .find(|(_, text)| text.contains(probe.as_str()))
                .map(|(file, _)| (slide.as_str(), file.as_str()))
        })
        .collect()
}

#[test]
fn a_build_with_private_notes_publishes_no_note_anywhere() {
    let workshop = private_copy();
    let probes = probes(workshop.root());
    assert!(
        probes.len() > 200,
        "only {} note sentences to look for",
        probes.len()
    );

    let out = workshop.outside().join("site");
    workshop
        .build_into(&out)
        .unwrap_or_else(|problems| panic!("{}", crate::support::render(&problems)));
    let files = searchable(&out);
    assert!(files.len() > 50, "{} files", files.len());
    assert!(
        files.keys().any(|f| f.contains(".zip!")),
        "archives are searched too"
    );
    let found = leaks(&probes, &files);
    assert!(
        found.is_empty(),
        "notes published with private notes: {found:?}"
    );

    // The search does find notes where they are published.
    workshop.write(
        "workshop.toml",
        workshop
            .read("workshop.toml")
            .replace("private = true", "private = false"),
    );
    let public = workshop.outside().join("public-site");
    workshop.build_into(&public).unwrap();
    let files = searchable(&public);
    let found = leaks(&probes, &files);
    assert!(
        found.len() * 10 >= probes.len() * 9,
        "the search finds only {} of {} note sentences in a build with public notes",
        found.len(),
        probes.len()
    );
}

/// `deckhand pdf` leaves private notes out of the handout, unless `--with-notes` asks for them,
/// and then only into a folder named with `--out`, never the published output by default.
#[test]
fn only_pdf_with_notes_prints_private_notes() {
    let workshop = private_copy();
    let run = run_pdf(workshop.root(), &["--with-notes"], &[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("private") && run.stderr.contains("--out"),
        "{}",
        run.stderr
    );
    assert!(!workshop.path("public").exists());

    if !tools_or_skip("only_pdf_with_notes_prints_private_notes") {
        return;
    }
    let probes = probes(workshop.root());
    let out = workshop.outside().join("pdf");
    let out_str = out.to_str().unwrap();
    run_pdf(workshop.root(), &["--handouts", "--out", out_str], &[]).expect_code(0);
    let handout = letters(&pdftotext(
        &out.join("scaling-kubernetes-from-0-to-hero-handout.pdf"),
        &[],
    ));
    let printed: Vec<_> = probes
        .iter()
        .filter(|(_, p)| handout.contains(p.as_str()))
        .collect();
    assert!(
        printed.is_empty(),
        "private notes in the handout: {printed:?}"
    );

    run_pdf(
        workshop.root(),
        &["--handouts", "--with-notes", "--out", out_str],
        &[],
    )
    .expect_code(0);
    let pdf = out.join("scaling-kubernetes-from-0-to-hero-handout-with-notes.pdf");
    let text = pdftotext(&pdf, &[]);
    let handout = letters(&text);
    let printed = probes
        .iter()
        .filter(|(_, p)| handout.contains(p.as_str()))
        .count();
    assert!(
        printed * 10 >= probes.len() * 9,
        "only {printed} of {} note sentences are in the handout with notes",
        probes.len()
    );
    let info = crate::pdf::pdfinfo(&pdf);
    // The subject says what the file holds, then the credit of the original talk.
    let subject = crate::pdf::field(&info, "Subject");
    assert!(
        subject.starts_with("Handout with speaker notes. Based on the talk"),
        "{subject}"
    );
}
