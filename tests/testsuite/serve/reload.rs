//! Live reload: what open pages are told, and what the server serves, after each kind of edit.

use std::time::Duration;

use super::Server;

#[test]
fn a_chapter_edit_reloads_pages_and_serves_the_new_content() {
    let server = Server::small();
    let mut page = server.socket(None);
    server
        .workshop
        .replace("content/01-intro.md", "Welcome.", "Welcome, edited.");
    assert_eq!(page.expect_type("reload")["type"], "reload");
    let (status, deck) = server.get("/print-deck.html");
    assert_eq!(status, 200);
    assert!(
        deck.contains("Welcome, edited."),
        "the deck served after the reload is the new one"
    );
    assert!(
        server
            .get("/handout-intro.html")
            .1
            .contains("Welcome, edited.")
    );
    assert!(server.get("/handout.html").1.contains("Welcome, edited."));
}

#[test]
fn a_broken_front_matter_shows_the_error_and_keeps_the_last_good_site() {
    let server = Server::small();
    let mut page = server.socket(None);
    server.workshop.replace(
        "content/01-intro.md",
        "title = \"Intro\"",
        "title = \"Intro",
    );
    let errors = page.expect_type("errors");
    let first = &errors["errors"][0];
    assert!(
        first["location"]
            .as_str()
            .unwrap()
            .contains("content/01-intro.md:2:"),
        "{errors}"
    );
    assert!(!first["message"].as_str().unwrap().is_empty());
    let (status, deck) = server.get("/print-deck.html");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(deck.contains("Welcome."));
    // A page opened now learns about the error at once, and the terminal shows it too.
    let late = server.socket(None);
    assert!(
        late.welcome["errors"][0]["location"]
            .as_str()
            .unwrap()
            .contains("content/01-intro.md:2:")
    );
    server.wait_for("the error in the terminal", || {
        server.stderr().contains("content/01-intro.md:2:")
    });
    // Fixing it clears the overlay and reloads.
    server.workshop.replace(
        "content/01-intro.md",
        "title = \"Intro",
        "title = \"Intro, fixed\"",
    );
    page.expect_type("ok");
    server.wait_for("the fixed title", || {
        server.get("/print-deck.html").1.contains("Intro, fixed")
    });
}

#[test]
fn a_stylesheet_edit_swaps_the_stylesheet_without_a_reload() {
    let workshop = crate::support::Workshop::small();
    workshop.write(
        "static/css/deck.css",
        "/* the workshop's own deck styles */\n",
    );
    let server = Server::start(workshop, &[]);
    let mut page = server.socket(None);
    server
        .workshop
        .write("static/css/deck.css", "body.changed { color: red }\n");
    let message = page.expect_type("styles");
    assert_eq!(message["paths"], serde_json::json!(["css/deck.css"]));
    assert!(server.get("/css/deck.css").1.contains("changed"));
    // No reload follows a stylesheet-only change.
    while let Some(next) = page.next_within(Duration::from_millis(500)) {
        assert_ne!(
            next["type"], "reload",
            "a stylesheet change must not reload the page"
        );
    }
}

#[test]
fn editing_a_theme_logo_or_font_outside_static_is_served_at_once() {
    let workshop = crate::support::Workshop::small();
    workshop.write(
        "brand/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- v1 --></svg>\n",
    );
    workshop.write(
        "workshop.toml",
        workshop.read("workshop.toml") + "\n[theme]\nlogo = \"brand/logo.svg\"\n",
    );
    let server = Server::start(workshop, &[]);
    let (status, logo) = server.get("/theme-files/brand/logo.svg");
    assert_eq!(status, 200);
    assert!(logo.contains("v1"), "{logo}");
    server.workshop.write(
        "brand/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- v2 --></svg>\n",
    );
    server.wait_for("the new logo", || {
        server.get("/theme-files/brand/logo.svg").1.contains("v2")
    });
}

#[test]
fn saving_through_a_temporary_file_and_renaming_is_picked_up() {
    let server = Server::small();
    let mut page = server.socket(None);
    let text = server
        .workshop
        .read("content/01-intro.md")
        .replace("Welcome.", "Welcome, renamed into place.");
    server.workshop.write("content/.01-intro.md.tmp", &text);
    std::fs::rename(
        server.workshop.path("content/.01-intro.md.tmp"),
        server.workshop.path("content/01-intro.md"),
    )
    .unwrap();
    page.expect_type("reload");
    server.wait_for("the renamed content", || {
        server
            .get("/print-deck.html")
            .1
            .contains("renamed into place")
    });
}

#[test]
fn deleting_and_recreating_a_chapter_is_picked_up() {
    let server = Server::small();
    let original = server.workshop.read("content/02-next.md");
    server.workshop.remove("content/02-next.md");
    // The intro links to the removed chapter: that build fails, and the last good one stays.
    server.wait_for("the dead links to be reported", || {
        server
            .stderr()
            .contains("link to `02-next.md`, which does not exist")
    });
    assert!(
        server
            .get("/print-deck.html")
            .1
            .contains("id=\"chapter-next\"")
    );
    server.workshop.write(
        "content/02-next.md",
        original.replace("# Next", "# Next, recreated"),
    );
    server.wait_for("the recreated chapter", || {
        server.get("/print-deck.html").1.contains("Next, recreated")
    });
}

#[test]
fn a_new_chapter_created_while_serving_appears() {
    let server = Server::small();
    server.workshop.write(
        "content/03-extra.md",
        "+++\ntitle = \"Extra\"\nduration = 5\n+++\n\n# Extra chapter\n\nNote:\nNew.\n",
    );
    server.wait_for("the new chapter", || {
        server.get("/print-deck.html").1.contains("Extra chapter")
    });
    assert!(server.get("/handout-extra.html").0 == 200);
}

#[test]
fn an_edit_storm_ends_with_the_final_content_and_no_crash() {
    let mut server = Server::small();
    let text = server.workshop.read("content/01-intro.md");
    for i in 0..300 {
        server.workshop.write(
            "content/01-intro.md",
            text.replace("Welcome.", &format!("Welcome, save {i}.")),
        );
    }
    server.workshop.write(
        "content/01-intro.md",
        text.replace("Welcome.", "Welcome, final save."),
    );
    server.wait_for("the last save", || {
        server
            .get("/print-deck.html")
            .1
            .contains("Welcome, final save.")
    });
    assert!(server.is_running(), "the server survived the storm");
    assert!(!server.stderr().contains("panicked"));
}

#[test]
fn the_reload_script_is_only_in_served_pages() {
    let server = Server::small();
    let (_, served) = server.get("/print-deck.html");
    assert!(served.contains("__deckhand/client.js"));
    let report = server
        .workshop
        .build_into(&server.workshop.outside().join("site"))
        .expect("a plain build");
    for entry in walk(&report.out) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__deckhand"),
            "{} carries dev-server code",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path))
        } else {
            files.push(path)
        }
    }
    files
}
