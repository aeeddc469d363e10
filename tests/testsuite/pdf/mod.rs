//! `deckhand pdf`: the slides and the handout printed by a headless Chromium, read back with
//! poppler's `pdfinfo` and `pdftotext`. Without Chromium or poppler these tests say so loudly and
//! pass; with DECKHAND_REQUIRE_BROWSER=1 (as CI sets it) they fail instead.

mod bundled;
mod poppler;
mod tall;
mod theme;

pub use poppler::*;

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
    let mut command = Command::new(crate::support::deckhand_bin());
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
