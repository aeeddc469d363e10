//! `deckhand pdf`: the slides and the handout printed by a headless Chromium, read back with
//! poppler's `pdfinfo` and `pdftotext`. Without Chromium or poppler these tests say so loudly and
//! pass; with DECKHAND_REQUIRE_BROWSER=1 (as CI sets it) they fail instead.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use deckhand::content::Workshop as Content;
use deckhand::highlight::cache::HighlightCache;

use crate::support::{Run, Workshop};

/// Whether Chromium and poppler are installed; panics when they are missing and required.
pub fn tools_or_skip(test: &str) -> bool {
    let mut missing = Vec::new();
    if deckhand::pdf::Browser::find(None).is_err() {
        missing.push("Chromium");
    }
    for tool in ["pdfinfo", "pdftotext"] {
        if Command::new(tool).arg("-v").output().is_err() {
            missing.push(tool);
        }
    }
    if missing.is_empty() {
        return true;
    }
    let what = missing.join(", ");
    if std::env::var("DECKHAND_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!(
            "{test}: {what} not found, and DECKHAND_REQUIRE_BROWSER=1 requires them (apt-get install -y chromium poppler-utils)"
        );
    }
    eprintln!(
        "\n*** SKIPPED {test}: {what} not found; install them with `apt-get install -y chromium poppler-utils` ***\n"
    );
    false
}

/// The repository's own workshop.
pub fn bundled_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A workshop read with the library, as `deckhand pdf` reads it.
pub fn load(dir: &Path) -> (deckhand::config::Config, Content) {
    let loaded = deckhand::pipeline::load(dir, &HighlightCache::new())
        .unwrap_or_else(|problems| panic!("{}", crate::support::render(&problems)));
    (loaded.project.config, loaded.workshop)
}

/// `deckhand pdf ARGS` run in `cwd`, with `env` set on top of the test's environment.
pub fn run_pdf(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    command.arg("pdf").args(args).current_dir(cwd);
    command.env_remove("RUST_BACKTRACE");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run deckhand pdf");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `pdfinfo`'s fields, e.g. `Pages`, `Title`, `Page size`.
pub fn pdfinfo(pdf: &Path) -> Vec<(String, String)> {
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    assert!(output.status.success(), "pdfinfo {}", pdf.display());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub fn field(info: &[(String, String)], name: &str) -> String {
    info.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("pdfinfo shows no {name}: {info:?}"))
}

/// Every page's size in points.
pub fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let output = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "100000"])
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|line| {
            let numbers: Vec<f64> = line
                .split_once(" size: ")
                .unwrap()
                .1
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (numbers[0], numbers[1])
        })
        .collect()
}

/// The text of a PDF, as `pdftotext` reads it.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(output.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Text without any whitespace: what survives line wrapping and columns.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The bundled workshop, printed once for the tests that read its PDFs.
struct Printed {
    _temp: tempfile::TempDir,
    slides: PathBuf,
    handout: PathBuf,
    config: deckhand::config::Config,
    content: Content,
}

static BUNDLED: LazyLock<Option<Printed>> = LazyLock::new(|| {
    if !tools_or_skip("printing the bundled workshop") {
        return None;
    }
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("pdf");
    let run = run_pdf(bundled_dir(), &["--out", out.to_str().unwrap()], &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("slides:") && run.stderr.contains("handout:"),
        "progress for each document on stderr:\n{}",
        run.stderr
    );
    let (config, content) = load(bundled_dir());
    let slug = "scaling-kubernetes-from-0-to-hero";
    let printed = Printed {
        slides: out.join(format!("{slug}-slides.pdf")),
        handout: out.join(format!("{slug}-handout.pdf")),
        _temp: temp,
        config,
        content,
    };
    for pdf in [&printed.slides, &printed.handout] {
        assert!(
            pdf.is_file(),
            "{} was not written:\n{}",
            pdf.display(),
            run.stdout
        );
        assert!(
            run.stdout.contains(&*pdf.to_string_lossy()),
            "{}",
            run.stdout
        );
    }
    Some(printed)
});

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
fn both_pdfs_carry_the_title_and_author_of_workshop_toml() {
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
    // And so is every line of every chapter's samples: nothing clipped.
    for chapter in &printed.content.chapters {
        for rel in printed.content.chapter_samples(chapter) {
            let sample = std::fs::read_to_string(content.join(&rel)).unwrap();
            for (n, line) in sample.lines().enumerate() {
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

fn number(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

pub fn strip_tags(html: &str) -> String {
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
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
}

#[test]
fn letter_paper_and_no_notes_when_workshop_toml_asks_for_them() {
    if !tools_or_skip("letter_paper_and_no_notes_when_workshop_toml_asks_for_them") {
        return;
    }
    let workshop = Workshop::small();
    workshop.write(
        "workshop.toml",
        "base_url = \"https://example.org/small/\"\n".to_string()
            + &workshop.read("workshop.toml")
            + "\n[handouts]\npaper = \"letter\"\nnotes = false\n",
    );
    let run = run_pdf(workshop.root(), &["--handouts"], &[]);
    run.expect_code(0);
    let pdf = workshop.path("public/small-workshop-handout.pdf");
    assert!(
        !workshop.path("public/small-workshop-slides.pdf").exists(),
        "--handouts prints the handout only"
    );
    for (width, height) in page_sizes(&pdf) {
        assert!(
            (width - 612.0).abs() <= 1.0 && (height - 792.0).abs() <= 1.0,
            "{width}×{height} pt is not Letter"
        );
    }
    let text = pdftotext(&pdf, &[]);
    assert!(text.contains("Welcome."), "{text}");
    assert!(
        !text.contains("Say hello."),
        "`notes = false` leaves the notes out"
    );
    // Links to the site's own files lead to where it is published.
    let links = link_targets(&pdf);
    let sample = "https://example.org/small/samples/intro/pod.yaml";
    assert!(links.iter().any(|l| l == sample), "{links:?}");
    // The default output folder is deckhand's, so a later build may replace it.
    workshop.deckhand(["build"]).expect_code(0);
}

/// A workshop printed in parts (here one chapter each) comes out as one document: every page, in
/// order, numbered on from part to part, with the metadata, the bookmarks and the links.
#[test]
fn a_workshop_printed_in_parts_is_joined_into_one_document() {
    if !tools_or_skip("a_workshop_printed_in_parts_is_joined_into_one_document") {
        return;
    }
    let workshop = Workshop::small();
    let out = workshop.outside().join("pdf");
    let run = run_pdf(
        workshop.root(),
        &["--out", out.to_str().unwrap(), "--part-slides", "1"],
        &[],
    );
    run.expect_code(0);
    assert!(run.stderr.contains("in 2 parts"), "{}", run.stderr);
    let (config, content) = load(workshop.root());
    let slides = out.join("small-workshop-slides.pdf");
    let handout = out.join("small-workshop-handout.pdf");
    assert_eq!(page_sizes(&slides).len(), content.slide_count());
    let info = pdfinfo(&handout);
    assert_eq!(field(&info, "Title"), config.title);
    assert_eq!(field(&info, "Author"), config.author);
    assert_eq!(field(&info, "Tagged"), "yes");
    let pages: usize = field(&info, "Pages").parse().unwrap();
    // Every page after the cover carries its own number, counting on across the parts.
    for page in 2..=pages {
        let text = pdftotext(
            &handout,
            &["-layout", "-f", &page.to_string(), "-l", &page.to_string()],
        );
        assert!(
            text.lines().any(|l| l.trim() == page.to_string()),
            "page {page} does not show its number:\n{text}"
        );
    }
    // The contents (printed in the first part) link to the second part's chapter.
    let dests = Command::new("pdfinfo")
        .arg("-dests")
        .arg(&handout)
        .output()
        .unwrap();
    let dests = String::from_utf8_lossy(&dests.stdout);
    assert!(dests.contains("\"chapter-next\""), "{dests}");
    let links = link_targets(&handout);
    assert!(
        links.iter().any(|l| l == "#chapter-next"),
        "a link to the second part's chapter: {links:?}"
    );
    assert!(
        !links
            .iter()
            .any(|l| l.contains("deckhand-dest:") || l.starts_with("file:")),
        "every link across parts is resolved, none leads into the printed folder: {links:?}"
    );
}

/// Where every link of a PDF leads: `#name` for a named destination, else the URI.
pub fn link_targets(pdf: &Path) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load(pdf).unwrap();
    let name = |o: &Object| match o {
        Object::Name(n) | Object::String(n, _) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    let mut targets = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict.get(b"Subtype").is_ok_and(|s| name(s) == "Link") {
            continue;
        }
        if let Ok(dest) = dict.get(b"Dest") {
            targets.push(format!("#{}", name(dest)));
        } else if let Ok(uri) = dict
            .get(b"A")
            .and_then(Object::as_dict)
            .and_then(|a| a.get(b"URI"))
        {
            targets.push(name(uri));
        }
    }
    targets
}

/// With no browser to be found, `deckhand pdf` says how to get one, and fails.
#[test]
fn without_chromium_it_says_how_to_install_it() {
    let workshop = Workshop::small();
    let empty = workshop.outside().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let env = [
        ("PATH", empty.to_str().unwrap()),
        ("DECKHAND_CHROME", ""),
        ("CHROME_PATH", ""),
    ];
    for args in [&["--chrome", "/nonexistent"][..], &[][..]] {
        let run = run_pdf(workshop.root(), args, &env);
        run.expect_code(1);
        assert!(
            run.stderr.contains("apt-get install chromium")
                && run.stderr.contains("https://www.google.com/chrome/"),
            "how to install it:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("needs Chromium or Google Chrome"),
            "{}",
            run.stderr
        );
    }
    let run = run_pdf(workshop.root(), &["--chrome", "/nonexistent"], &env);
    assert!(
        run.stderr.contains("/nonexistent"),
        "names the path it tried"
    );
    assert!(!workshop.path("public").exists(), "nothing written");
}
