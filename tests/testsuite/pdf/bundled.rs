//! The bundled workshop printed once, and read back: pages, paper, metadata, text, margins.

use super::*;

#[test]
fn the_slides_have_one_16_by_9_page_per_slide() {
    let Some(printed) = &*BUNDLED else { return };
    let sizes = page_sizes(&printed.slides);
    assert_eq!(
        sizes.len(),
        printed.content.slide_count(),
        "one page per slide, fragments merged"
    );
    for (page, (width, height)) in sizes.iter().enumerate() {
        assert!(
            (width / height - 16.0 / 9.0).abs() < 0.005 && (width - 960.0).abs() < 1.0,
            "page {} is {width}×{height} pt, not 960×540",
            page + 1
        );
    }
}

#[test]
fn the_handout_is_a4() {
    let Some(printed) = &*BUNDLED else { return };
    let sizes = page_sizes(&printed.handout);
    assert!(sizes.len() > printed.content.chapters.len());
    for (page, (width, height)) in sizes.iter().enumerate() {
        assert!(
            (width - 595.0).abs() <= 1.0 && (height - 842.0).abs() <= 1.0,
            "page {} is {width}×{height} pt, not A4",
            page + 1
        );
    }
}

#[test]
fn both_pdfs_carry_the_title_author_and_credit_of_workshop_toml() {
    let Some(printed) = &*BUNDLED else { return };
    for pdf in [&printed.slides, &printed.handout] {
        let info = pdfinfo(pdf);
        assert_eq!(
            field(&info, "Title"),
            printed.config.title,
            "{}",
            pdf.display()
        );
        assert_eq!(
            field(&info, "Author"),
            printed.config.author,
            "{}",
            pdf.display()
        );
        assert_eq!(
            field(&info, "Tagged"),
            "yes",
            "a tagged PDF, for screen readers"
        );
        // The original talk is credited in the subject, apart from the edition's author.
        let based_on = printed.config.based_on.as_ref().expect("[based_on]");
        let subject = field(&info, "Subject");
        assert!(
            subject.contains(&format!("“{}” by {}", based_on.title, based_on.author)),
            "{}: {subject}",
            pdf.display()
        );
        assert_ne!(field(&info, "Author"), based_on.author);
    }
    // The contents link to the chapters, and no link leads into the folder the pages were
    // printed from (gone by now).
    let links = link_targets(&printed.handout);
    for chapter in &printed.content.chapters {
        let target = format!("#chapter-{}", chapter.slug);
        assert!(links.contains(&target), "no link to {target}: {links:?}");
    }
    let local: Vec<_> = links.iter().filter(|l| l.starts_with("file:")).collect();
    assert!(local.is_empty(), "{local:?}");
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("https://kubernetes.io/"))
    );
}

#[test]
fn the_handout_holds_every_chapter_slide_and_sample() {
    let Some(printed) = &*BUNDLED else { return };
    // `-layout` keeps each printed line whole (a code line and its comment, far apart, too).
    let text = squash(&pdftotext(&printed.handout, &["-layout"]));
    for chapter in &printed.content.chapters {
        assert!(
            text.contains(&squash(&chapter.title)),
            "chapter `{}` is missing",
            chapter.title
        );
        for slide in &chapter.slides {
            assert!(
                text.contains(&squash(&slide.title)),
                "slide {} `{}` is missing",
                slide.number,
                slide.title
            );
        }
    }
    // The longest sample is printed in full, down to its last line.
    let content = bundled_dir().join("content");
    let (longest, lines) = printed
        .content
        .samples()
        .filter_map(|rel| {
            let text = std::fs::read_to_string(content.join(rel)).ok()?;
            Some((rel.clone(), text.lines().count()))
        })
        .max_by_key(|(_, lines)| *lines)
        .unwrap();
    let sample = std::fs::read_to_string(content.join(&longest)).unwrap();
    let last = sample.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(lines > 40, "{} is the longest sample", longest.display());
    assert!(
        text.contains(&squash(last)),
        "the last line of {} ({lines} lines), `{last}`, is not in the handout",
        longest.display()
    );
    // And so is every line of every chapter's samples: nothing clipped. ANCHOR marker
    // lines are the exception: no reader ever sees them.
    for chapter in &printed.content.chapters {
        for rel in printed.content.chapter_samples(chapter) {
            let sample = std::fs::read_to_string(content.join(&rel)).unwrap();
            for (n, line) in sample.lines().enumerate() {
                if line.contains("ANCHOR:") || line.contains("ANCHOR_END:") {
                    assert!(!text.contains(&squash(line)), "`{line}` is printed");
                    continue;
                }
                assert!(
                    text.contains(&squash(line)),
                    "line {} of {} is not in the handout: `{line}`",
                    n + 1,
                    rel.display()
                );
            }
        }
    }
    // Links are printed with their address.
    assert!(text.contains("(https://kubernetes.io/"), "no printed URL");
    // Notes are on by default, under their slide.
    let note = printed.content.chapters[0].slides[0]
        .notes_html
        .as_deref()
        .unwrap();
    let first_words: String = strip_tags(note).split_whitespace().take(8).collect();
    assert!(text.contains(&first_words), "the notes are printed");
}

/// No word lies outside the printable part of the page: nothing clipped, nothing off the edge.
#[test]
fn no_word_of_the_handout_leaves_the_printable_box() {
    let Some(printed) = &*BUNDLED else { return };
    let bbox = pdftotext(&printed.handout, &["-bbox"]);
    // Printers leave a few millimetres at the edges; the handout keeps 8 mm clear at least.
    let inset = 8.0 / 25.4 * 72.0;
    let (mut width, mut height, mut page) = (0.0, 0.0, 0);
    let (mut words, mut widest) = (0, 0.0_f64);
    for line in bbox.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            width = number(line, "width");
            height = number(line, "height");
            page += 1;
        } else if line.starts_with("<word ") {
            let (x0, y0) = (number(line, "xMin"), number(line, "yMin"));
            let (x1, y1) = (number(line, "xMax"), number(line, "yMax"));
            assert!(
                x0 >= inset && y0 >= inset && x1 <= width - inset && y1 <= height - inset,
                "page {page}: a word at ({x0:.0}, {y0:.0})–({x1:.0}, {y1:.0}) leaves the printable box of {width:.0}×{height:.0}: {line}"
            );
            words += 1;
            widest = widest.max(x1);
        }
    }
    assert!(words > 10_000, "only {words} words read");
    // Chromium shrinks every page to fit when something is wider than the page: then no line
    // reaches the right margin any more.
    assert!(
        widest >= 0.9 * width,
        "the text reaches only {widest:.0} pt of {width:.0}: the pages were shrunk to fit something too wide"
    );
}
