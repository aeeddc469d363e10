//! The deck loads nothing from elsewhere, works from disk, and reads without JavaScript.

use super::*;

/// Loading the deck, stepping through every slide, the overview and the help log no error, and
/// every request stays on the site, under its sub-path.
#[test]
fn no_console_errors_and_no_request_leaves_the_site() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck(""));
    let total = page.state().total;
    // Every slide with every fragment, across the chapters' pages.
    for index in 1..total {
        page.wait_for(&format!(
            "window.deckhand && deckhand.ready && deckhand.getState().index === {}",
            index - 1
        ));
        page.run("deckhand.setState({ index: deckhand.getState().index + 1, f: Infinity })");
    }
    page.wait_for(&format!(
        "window.deckhand && deckhand.ready && deckhand.getState().index === {}",
        total - 1
    ));
    page.press("o");
    page.press("o");
    page.press("?");
    page.wait_for("document.querySelector('.dh-help').open");
    page.press("Escape");
    page.goto(&format!("{}index.html", workshop_url()));
    assert_no_errors_and_local(&page, workshop_url());
}

/// Opened from disk, with a space in the folder's name: keys, hash, and no request elsewhere.
#[test]
fn the_deck_works_from_file_urls() {
    let Some(browser) = shared() else { return };
    let disk = OnDisk::new(&WORKSHOP);
    let page = open_deck(browser, &format!("{}deck.html#/intro-5", disk.url()));
    page.wait_at("intro-5", 0);
    page.press("ArrowRight");
    page.wait_at("intro-5", 1);
    // The slide's second step lights the selector (lines 8 to 10 of the block).
    assert_eq!(lit_lines(&page), (8..=10).collect::<Vec<_>>());
    page.press("ArrowRight");
    page.wait_at("intro-6", 0);
    page.reload();
    page.wait_for("window.deckhand && deckhand.ready");
    page.wait_at("intro-6", 0);
    page.press("o");
    page.wait_for("deckhand.getState().overview");
    assert_no_errors_and_local(&page, &disk.url());
}

/// Without JavaScript, deck.html lists the chapters, and a chapter's page (and print-deck.html,
/// every chapter) is a readable document of its slides, without notes, linked to the next.
#[test]
fn without_javascript_every_slide_reads_as_a_document() {
    let Some(browser) = shared() else { return };
    let page = browser.blank(1280, 720);
    page.call(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": true }),
    );
    page.goto(&deck(""));
    let chapters: Vec<String> =
        page.eval("[...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))");
    assert_eq!(chapters.len(), WORKSHOP.chapters, "{chapters:?}");
    let shown_on = |url: &str| -> (u32, u32, f64) {
        page.goto(url);
        page.eval(
            "[[...document.querySelectorAll('.slide')].filter(el => el.getBoundingClientRect().height > 0).length,
              [...document.querySelectorAll('.notes')].filter(el => el.getBoundingClientRect().height > 0).length,
              document.documentElement.scrollWidth]",
        )
    };
    let mut total = 0;
    for (n, href) in chapters.iter().enumerate() {
        let (shown, notes, width) = shown_on(&format!("{}{href}", workshop_url()));
        assert!(shown > 0, "{href} shows no slide");
        assert_eq!(notes, 0, "notes show without JavaScript on {href}");
        assert!(width <= 1280.0, "{href} scrolls sideways: {width}px");
        let next: Option<String> =
            page.eval("document.querySelector('a[rel=next]')?.getAttribute('href') || null");
        assert_eq!(
            next.as_ref(),
            chapters.get(n + 1),
            "the link to the next chapter"
        );
        total += shown as usize;
    }
    assert_eq!(total, WORKSHOP.slides);
    let (shown, notes, _) = shown_on(&format!("{}print-deck.html", workshop_url()));
    assert_eq!((shown as usize, notes), (WORKSHOP.slides, 0));
}

/// The harness itself: a private browser starts, works, and its process ends when it drops.
#[test]
fn a_private_browser_quits_when_dropped() {
    let Some(browser) = crate::browser::Browser::launch() else {
        return;
    };
    let pid = browser.pid();
    {
        let page = browser.open("about:blank");
        assert_eq!(page.eval::<u32>("6 * 7"), 42);
    }
    drop(browser);
    let proc = std::path::Path::new("/proc").join(pid.to_string());
    assert!(
        !proc.exists() || !std::path::Path::new("/proc/self").exists(),
        "Chromium {pid} still runs"
    );
}
