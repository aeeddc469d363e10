//! The publishing rules, from the outside: editors' backups, swap files, merge leftovers and
//! dot-files next to chapters, samples and theme files are never published (the build succeeds
//! and they are simply not there), neither by `build` nor by `serve`; and with private notes,
//! `deckhand pdf --with-notes` refuses every `--out` that lands in the published folder.

use std::path::Path;

use crate::serve::Server;
use crate::support::{Entry, Workshop, tree};

/// A note long enough for the leak check to look for, and that no slide says.
const NOTE: &str = "Tell them about the night the cluster healed itself before anyone woke up.";

/// Leftovers an editor or a version-control tool leaves beside the files it touches, each a copy
/// of the first chapter (notes included).
const LEFTOVERS: &[&str] = &[
    "content/01-intro.md~",
    "content/#01-intro.md#",
    "content/.#01-intro.md",
    "content/.01-intro.md.swp",
    "content/01-intro.md.swo",
    "content/01-intro.md.orig",
    "content/01-intro.md.rej",
    "content/01-intro.md.bak",
    "content/4913",
    "content/images/pod.svg~",
    "content/samples/intro/pod.yaml.orig",
    "content/.drafts/01-intro.md",
    "content/images/.hidden.txt",
    "static/css/deck.css~",
    "static/css/.deck.css.swp",
];

/// The small workshop with private notes, a long note, and every leftover beside its files.
fn workshop_with_leftovers() -> Workshop {
    let workshop = Workshop::small();
    workshop.write(
        "workshop.toml",
        workshop.read("workshop.toml") + "\n[notes]\nprivate = true\n",
    );
    workshop.replace(
        "content/01-intro.md",
        "Say hello.",
        &format!("Say hello. {NOTE}"),
    );
    let chapter = workshop.read("content/01-intro.md");
    for leftover in LEFTOVERS {
        workshop.write(leftover, &chapter);
    }
    workshop
}

/// The note squashed to letters, as it would read in any file that carries it.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[test]
fn leftovers_beside_chapters_samples_and_theme_files_are_never_published() {
    let workshop = workshop_with_leftovers();
    let run = workshop.deckhand(["build"]);
    run.expect_code(0);
    assert!(run.diagnostics().is_empty(), "no problem: {}", run.stderr);
    let site = tree(&workshop.path("public"));
    assert!(site.contains_key(Path::new("deck.html")));
    let note = squashed(NOTE);
    for (path, entry) in &site {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            !name.ends_with('~')
                && !name.starts_with('#')
                && !name.ends_with(".swp")
                && !name.ends_with(".swo")
                && !name.ends_with(".orig")
                && !name.ends_with(".rej")
                && !name.ends_with(".bak")
                && name != "4913"
                && (!name.starts_with('.') || name == ".deckhand-build"),
            "{} was published",
            path.display()
        );
        if let Entry::File(bytes) = entry {
            assert!(
                !squashed(&String::from_utf8_lossy(bytes)).contains(&note),
                "{} carries the private note",
                path.display()
            );
        }
    }
    workshop.deckhand(["check"]).expect_code(0);
}

#[test]
fn the_dev_server_serves_no_leftover_either() {
    let server = Server::start(workshop_with_leftovers(), &[]);
    assert_eq!(server.get("/deck.html").0, 200);
    for leftover in LEFTOVERS {
        let url = leftover
            .trim_start_matches("content/")
            .trim_start_matches("static/")
            .replace('#', "%23");
        assert_eq!(
            server.get(&format!("/{url}")).0,
            404,
            "{leftover} is served"
        );
    }
    // One appearing while it runs is not served either, and changes nothing.
    server.workshop.write(
        "content/images/pod.svg.bak",
        server.workshop.read("content/01-intro.md"),
    );
    server
        .workshop
        .replace("content/images/pod.svg", "<svg", "<svg data-edited=\"1\"");
    server.wait_for("the edited image", || {
        server.get("/images/pod.svg").1.contains("data-edited")
    });
    assert_eq!(server.get("/images/pod.svg.bak").0, 404);
}

/// Every way of naming the published folder is refused for a handout with private notes, before
/// any browser is needed.
#[test]
fn pdf_with_notes_refuses_every_out_inside_the_published_folder() {
    let workshop = workshop_with_leftovers();
    let absolute = workshop.path("public").display().to_string();
    let through_a_link = workshop.path("to-public");
    std::fs::create_dir_all(workshop.path("public")).unwrap();
    std::os::unix::fs::symlink(workshop.path("public"), &through_a_link).unwrap();
    let link = through_a_link.display().to_string();
    for out in [
        "public",
        "./public",
        "public/.",
        ".//public",
        "./x/..//public",
        "public/pdf",
        absolute.as_str(),
        link.as_str(),
        "../ws/public",
    ] {
        let run = workshop.deckhand(["pdf", "--with-notes", "--handouts", "--out", out]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("private") && run.stderr.contains("is inside the output folder"),
            "--out {out}: {}",
            run.stderr
        );
        assert!(!workshop.path("x").exists(), "--out {out} created a folder");
    }
    assert!(
        tree(&workshop.path("public")).is_empty(),
        "nothing was printed into public/"
    );
}
