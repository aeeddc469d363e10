//! Edit sequences that used to leave the dev server serving something `build` would not make,
//! each as a user meets it over HTTP; and pipes, which used to hang it.

use std::time::{Duration, Instant};

use super::Server;
use crate::support::Workshop;

/// A chapter of its own, with its title on its first slide.
fn chapter(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nduration = 10\n+++\n\n# {title}\n\nA slide.\n\n---\n\n## Second\n\nMore.\n"
    )
}

#[test]
fn a_workshop_started_without_chapters_serves_the_chapter_added_later() {
    let workshop = Workshop::small();
    workshop
        .remove("content/01-intro.md")
        .remove("content/02-next.md");
    let server = Server::start(workshop, &[]);
    server.wait_for("the error in the terminal", || {
        server.stderr().contains("the workshop has no chapters")
    });
    let mut page = server.socket(None);
    server.workshop.write(
        "content/samples/extra/config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n",
    );
    page.expect_type("errors");
    // A chapter arrives broken, then is fixed.
    server
        .workshop
        .write("content/03-extra.md", "+++\ntitle = \"Extra\"\n");
    page.expect_type("errors");
    server
        .workshop
        .write("content/03-extra.md", chapter("Extra"));
    page.expect_type("ok");
    let (status, deck) = server.get("/print-deck.html");
    assert_eq!(status, 200);
    assert!(
        deck.contains("aria-label=\"Slide 1.2: Second\""),
        "both slides are in the deck"
    );
    let (status, handout) = server.get("/handout-extra.html");
    assert_eq!(status, 200, "{handout}");
    assert!(
        handout.contains("config.yaml"),
        "the chapter's sample is listed"
    );
    let (_, index) = server.get("/index.html");
    assert!(index.contains("Extra"));
}

#[test]
fn a_chapter_broken_and_fixed_shows_its_new_title_and_slides_everywhere() {
    let server = Server::small();
    let mut page = server.socket(None);
    let intro = server.workshop.read("content/01-intro.md");
    // The new title and a new slide, in the same save as a mistake…
    let retitled = intro
        .replace("title = \"Intro\"", "title = \"Welcome aboard\"")
        .replace("Say hello.", "Say hello.\n\n---\n\n## A new slide\n\nNew.");
    server.workshop.write(
        "content/01-intro.md",
        retitled.replace("pod.yaml:meta", "pod.yaml:nothing"),
    );
    page.expect_type("errors");
    // …then the mistake fixed, the front matter as it was in the broken save.
    server.workshop.write("content/01-intro.md", &retitled);
    page.expect_type("ok");
    for page in [
        "/index.html",
        "/handout.html",
        "/print-deck.html",
        "/deck-intro.html",
    ] {
        let (_, body) = server.get(page);
        assert!(
            body.contains("Welcome aboard"),
            "{page} shows the new title"
        );
    }
    assert!(
        server.get("/index.html").1.contains("5 slides"),
        "the landing page counts the new slide"
    );
    assert!(
        server.get("/handout.html").1.contains("A new slide"),
        "the contents list the new slide"
    );
}

#[test]
fn vim_style_saves_rebuild_cleanly_every_time() {
    let server = Server::small();
    let chapter = "content/02-next.md";
    let text = server.workshop.read(chapter);
    for round in 0..20 {
        let (path, backup) = (
            server.workshop.path(chapter),
            server.workshop.path(format!("{chapter}~")),
        );
        std::fs::rename(&path, &backup).unwrap();
        std::fs::write(
            &path,
            text.replace(
                "The first two lines",
                &format!("Save {round}: the first two lines"),
            ),
        )
        .unwrap();
        std::fs::remove_file(&backup).unwrap();
        server.wait_for(&format!("save {round}"), || {
            server
                .get("/print-deck.html")
                .1
                .contains(&format!("Save {round}: the first"))
        });
        // Whatever a page saw in between, the save left no error behind.
        let page = server.socket(None);
        assert!(
            page.welcome["errors"].is_null(),
            "after save {round}: {}",
            page.welcome
        );
    }
    assert!(
        !server.stderr().contains("cannot write"),
        "{}",
        server.stderr()
    );
    assert_eq!(server.get("/02-next.md~").0, 404);
}

/// GET `path`, failing the test if the answer takes longer than a few seconds (a request used to
/// wait ten seconds for a rebuild stuck on a pipe).
fn get_promptly(server: &Server, path: &str) -> (u16, String) {
    let started = Instant::now();
    let answer = server.get(path);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{path} took {:?}",
        started.elapsed()
    );
    answer
}

fn mkfifo(path: &std::path::Path) {
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) on a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_pipe_appearing_while_serving_is_an_error_and_nothing_waits_for_it() {
    let server = Server::small();
    let mut page = server.socket(None);
    mkfifo(&server.workshop.path("content/images/pipe.png"));
    let errors = page.expect_type("errors");
    assert!(errors.to_string().contains("named pipe (FIFO)"), "{errors}");
    assert_eq!(get_promptly(&server, "/deck.html").0, 200);
    // Rebuilds go on: the pipe removed and a chapter edited, the edit is served.
    server.workshop.remove("content/images/pipe.png");
    page.expect_type("ok");
    server.workshop.replace(
        "content/01-intro.md",
        "Welcome.",
        "Welcome, after the pipe.",
    );
    server.wait_for("the edit", || {
        get_promptly(&server, "/deck-intro.html")
            .1
            .contains("after the pipe")
    });
}

#[test]
fn a_pipe_present_at_start_is_reported_and_serving_goes_on() {
    let workshop = Workshop::small();
    mkfifo(&workshop.path("content/samples/intro/pipe.yaml"));
    let server = Server::start(workshop, &[]);
    server.wait_for("the error in the terminal", || {
        server
            .stderr()
            .contains("content/samples/intro/pipe.yaml:1:1: error: this is a named pipe (FIFO)")
    });
    assert_eq!(
        get_promptly(&server, "/index.html").0,
        404,
        "nothing good to serve yet"
    );
    server.workshop.remove("content/samples/intro/pipe.yaml");
    server.wait_for("the site", || get_promptly(&server, "/deck.html").0 == 200);
}
