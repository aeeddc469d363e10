//! What attendees download works as the notes say: a chapter's zip unzips to the same
//! `samples/<chapter>/…` paths as the all-samples zip and the site, so the commands the notes
//! give (`kubectl apply -f samples/concepts/pod.yaml`) work after unzipping just one chapter.

use std::path::Path;

use crate::support::BUNDLED;

/// Unzip `bytes` into `dir`, as an attendee's unzip tool would.
fn unzip(bytes: &[u8], dir: &Path) {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .expect("a zip archive")
        .extract(dir)
        .expect("the archive unzips");
}

/// Every `samples/…` path a chapter's notes or slides give to `kubectl … -f`.
fn sample_paths_in(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "<>`\"'".contains(c))
        .filter(|word| word.starts_with("samples/") && !word.ends_with(".zip"))
        .map(|word| word.trim_end_matches(['.', ',', ')', ';']).to_string())
        .collect()
}

#[test]
fn a_chapter_zip_unzips_to_the_paths_its_notes_use() {
    let site = &*BUNDLED;
    let mut checked = 0;
    for slug in crate::browser::site::chapter_slugs(site) {
        let Some(bytes) = site.files.get(&format!("samples/{slug}.zip")) else {
            continue;
        };
        let dir = tempfile::tempdir().unwrap();
        unzip(bytes, dir.path());
        let all = tempfile::tempdir().unwrap();
        unzip(&site.files["samples/all-samples.zip"], all.path());
        let handout = site.text(&format!("handout-{slug}.html"));
        for path in sample_paths_in(handout) {
            if !path.starts_with(&format!("samples/{slug}/")) {
                continue; // another chapter's sample: that chapter's zip has it
            }
            let unzipped = dir.path().join(&path);
            assert!(
                unzipped.exists(),
                "the handout of {slug} says `{path}`, which unzipping samples/{slug}.zip does not give"
            );
            assert!(
                all.path().join(&path).exists(),
                "all-samples.zip has no {path}"
            );
            if unzipped.is_file() {
                assert_eq!(
                    std::fs::read(&unzipped).unwrap(),
                    site.files[&path],
                    "{path} in samples/{slug}.zip is the published file"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 5,
        "the bundled notes name samples ({checked} checked)"
    );
    // The case of the issue, named.
    let dir = tempfile::tempdir().unwrap();
    unzip(&site.files["samples/concepts.zip"], dir.path());
    assert!(dir.path().join("samples/concepts/pod.yaml").is_file());
}

/// A stand-in for what `deckhand pdf` writes: the build only looks at names, never inside.
const FAKE_PDF: &[u8] = b"%PDF-1.7\n% a stand-in for deckhand pdf's output\n%%EOF\n";

#[test]
fn a_rebuild_keeps_the_pdfs_and_the_landing_page_links_them() {
    let workshop = crate::support::Workshop::small();
    workshop.build_ok();
    let index = workshop.read("public/index.html");
    assert!(
        !index.contains(".pdf"),
        "no PDF, no link to one: {index:.2000}"
    );
    // What `deckhand pdf` leaves in the output, and a PDF it never writes.
    workshop.write("public/small-workshop-slides.pdf", FAKE_PDF);
    workshop.write("public/small-workshop-handout.pdf", FAKE_PDF);
    workshop.write("public/small-workshop-handout-with-notes.pdf", FAKE_PDF);
    workshop.write("public/stray.pdf", FAKE_PDF);
    // Twice: the second build starts from the spare folder the first left, without the PDFs.
    for _ in 0..2 {
        workshop.build_ok();
        for name in [
            "small-workshop-slides.pdf",
            "small-workshop-handout.pdf",
            "small-workshop-handout-with-notes.pdf",
        ] {
            assert_eq!(
                std::fs::read(workshop.path("public").join(name))
                    .ok()
                    .as_deref(),
                Some(FAKE_PDF),
                "the rebuild kept {name}"
            );
        }
        assert!(
            !workshop.path("public/stray.pdf").exists(),
            "only deckhand's own PDFs are kept"
        );
        let index = workshop.read("public/index.html");
        for (name, label) in [
            ("small-workshop-slides.pdf", "Slides (PDF"),
            ("small-workshop-handout.pdf", "Handout (PDF"),
            (
                "small-workshop-handout-with-notes.pdf",
                "Handout with notes (PDF",
            ),
        ] {
            assert!(
                index.contains(&format!("href=\"{name}\"")) && index.contains(label),
                "the landing page links {name} as {label:?}"
            );
        }
    }
    // Private notes from now on: the handout with notes must not stay published.
    workshop.write(
        "workshop.toml",
        workshop.read("workshop.toml") + "\n[notes]\nprivate = true\n",
    );
    workshop.build_ok();
    assert!(
        !workshop
            .path("public/small-workshop-handout-with-notes.pdf")
            .exists(),
        "with private notes the handout with notes is not kept"
    );
    assert!(workshop.path("public/small-workshop-slides.pdf").exists());
    let index = workshop.read("public/index.html");
    assert!(!index.contains("with-notes"));
}
