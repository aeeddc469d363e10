//! The dev server with a real browser: reloads keep the slide, stylesheets swap in place, errors
//! show in the page, and followers follow the presenter.

use super::Server;
use crate::browser::site::{Deck, wait_ready};
use crate::browser::{self, Page};
use crate::support::Workshop;

fn open(server: &Server, browser: &browser::Browser, path: &str) -> Page {
    let page = browser.open(&format!("{}{path}", server.base));
    wait_ready(&page);
    page
}

#[test]
fn an_edit_reloads_the_deck_at_the_same_slide_and_step() {
    let Some(browser) = browser::shared() else {
        return;
    };
    let server = Server::small();
    let page = open(&server, browser, "/deck.html#/intro-2/1");
    page.wait_at("intro-2", 1);
    page.run("window.beforeTheEdit = true");
    server
        .workshop
        .replace("content/01-intro.md", "## A pod", "## A pod, edited");
    page.wait_for("!window.beforeTheEdit && document.querySelector('#intro-2 h3') && document.querySelector('#intro-2 h3').textContent.includes('edited')");
    wait_ready(&page);
    page.wait_at("intro-2", 1);
}

#[test]
fn a_stylesheet_change_applies_without_a_reload() {
    let Some(browser) = browser::shared() else {
        return;
    };
    let workshop = Workshop::small();
    let deck_css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/css/deck.css"))
            .unwrap();
    workshop.write("static/css/deck.css", &deck_css);
    let server = Server::start(workshop, &[]);
    let page = open(&server, browser, "/deck.html#/intro-2");
    page.run("window.beforeTheEdit = true");
    server.workshop.write(
        "static/css/deck.css",
        format!("{deck_css}\nbody {{ outline: 7px solid rgb(1, 2, 3) }}\n"),
    );
    page.wait_for("getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'");
    assert!(
        page.eval::<bool>("window.beforeTheEdit === true"),
        "the page reloaded"
    );
}

#[test]
fn a_failed_build_shows_its_error_in_the_page_until_it_is_fixed() {
    let Some(browser) = browser::shared() else {
        return;
    };
    let server = Server::small();
    let page = open(&server, browser, "/deck.html#/intro-3");
    server.workshop.replace(
        "content/01-intro.md",
        "title = \"Intro\"",
        "title = \"Intro",
    );
    page.wait_for("(document.getElementById('deckhand-overlay') || {}).textContent?.includes('content/01-intro.md:2:')");
    // The last good deck is still the one shown.
    assert_eq!(page.eval::<String>("deckhand.getState().id"), "intro-3");
    server.workshop.replace(
        "content/01-intro.md",
        "title = \"Intro",
        "title = \"Intro\"",
    );
    page.wait_for("!document.getElementById('deckhand-overlay')");
}

#[test]
fn followers_follow_the_presenter_and_can_snap_back() {
    let Some(browser) = browser::shared() else {
        return;
    };
    let server = Server::small();
    let presenter = open(
        &server,
        browser,
        &format!("/__deckhand/presenter?token={}", server.token),
    );
    let follower = open(&server, browser, "/deck.html");
    assert!(
        presenter.eval::<usize>("document.querySelectorAll('.notes').length") > 0,
        "the presenter has the notes"
    );
    assert_eq!(
        follower.eval::<usize>("document.querySelectorAll('.notes').length"),
        0,
        "a follower got notes"
    );
    presenter.press("End");
    presenter.wait_at("next-1", 0);
    follower.wait_at("next-1", 0);
    // The follower browses away: it stops following, and is offered to snap back.
    follower.press("Home");
    follower.wait_for("!!document.getElementById('deckhand-follow')");
    presenter.press("Home");
    presenter.wait_at("intro-1", 0);
    presenter.press("PageDown");
    presenter.wait_at("intro-2", 0);
    follower.wait_for("document.getElementById('deckhand-follow').textContent.includes('intro-2')");
    assert_eq!(
        follower.state().index,
        0,
        "a follower who browsed away was moved"
    );
    follower.click("#deckhand-follow");
    follower.wait_at("intro-2", 0);
}

#[test]
fn a_followers_speaker_view_says_how_to_get_the_notes() {
    let Some(browser) = browser::shared() else {
        return;
    };
    let server = Server::small();
    let page = browser.open(&format!("{}/speaker.html", server.base));
    page.wait_for("document.getElementById('deckhand-notes-notice') !== null");
    let notice: String = page.eval("document.getElementById('deckhand-notes-notice').textContent");
    assert!(
        notice.contains("presenter only") && notice.contains("&to=speaker"),
        "{notice}"
    );
    // The presenter's own speaker view shows the notes, and no such notice.
    let presenter = browser.open(&format!(
        "{}/__deckhand/presenter?token={}&to=speaker",
        server.base, server.token
    ));
    presenter.wait_for(
        "document.readyState === 'complete' && document.getElementById('sv-notes').textContent.includes('Say hello')",
    );
    assert!(presenter.eval::<bool>("document.getElementById('deckhand-notes-notice') === null"));
}
