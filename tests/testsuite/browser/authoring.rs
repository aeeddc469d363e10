//! Issue 14's authoring features in a real Chromium: a draft is badged under `serve` and absent
//! from the built deck; hidden slides are not among the deck's steps; a `{{#toc}}` link moves
//! the deck; `linenos=false` leaves no gutter on screen.

use super::site::{Deck, OnDisk, open_deck};
use crate::serve::Server;
use crate::support::{Site, Workshop};

const NEXT: &str = "content/02-next.md";

fn with_draft_toc_and_hidden(w: &Workshop) {
    w.write(
        "content/03-secret-plans.md",
        "+++\ntitle = \"Secret plans\"\nduration = 5\ndraft = true\n+++\n\n# Secret plans\n\nUnfinished.\n",
    );
    w.replace(
        NEXT,
        "## Pods\n",
        "## Pods\n\n{{#toc chapter}}\n\n---\n<!-- .slide: hidden -->\n\n## Backstage\n\n---\n\n## Last\n\n```bash linenos=false\necho bare\n```\n",
    );
}

#[test]
fn a_draft_is_badged_under_serve_and_absent_from_the_built_deck() {
    let Some(browser) = super::shared() else {
        return;
    };
    let workshop = Workshop::small();
    with_draft_toc_and_hidden(&workshop);
    let server = Server::start(workshop, &[]);
    let page = open_deck(
        browser,
        &format!("{}/deck.html#/secret-plans-1", server.base),
    );
    page.wait_at("secret-plans-1", 0);
    let badge: String = page.eval(
        "(() => { const b = document.querySelector('#secret-plans-1 .draft-badge'); \
         const s = b && getComputedStyle(b); \
         return b && s.display !== 'none' && s.visibility === 'visible' && b.getClientRects().length ? b.textContent : ''; })()",
    );
    assert_eq!(badge, "draft");

    let site = Site::build_with("small", with_draft_toc_and_hidden);
    let disk = OnDisk::new(&site);
    let page = open_deck(browser, &format!("{}deck-next.html", disk.url()));
    // The whole deck, counted across chapters by the runtime: no draft and no hidden slide.
    page.press("End");
    page.wait_for("deckhand.getState().id === 'next-2'");
    let state = page.state();
    assert_eq!(
        (state.index + 1, state.total),
        (5, 5),
        "3 + 2 slides: {state:?}"
    );
    assert!(!page.eval::<bool>("document.body.textContent.includes('Backstage')"));
    // linenos=false: no gutter, even in the handout, which numbers every other block.
    let handout = browser.open(&format!("{}handout-next.html", disk.url()));
    handout.wait_for("document.readyState === 'complete'");
    let gutter = |selector: &str| -> String {
        handout.eval(&format!(
            "getComputedStyle(document.querySelector('{selector} .ln'), '::before').content"
        ))
    };
    assert_eq!(gutter("#handout-next-2 .no-line-numbers"), "none");
    assert_ne!(
        gutter("#handout-next-2 figure.code:not(.no-line-numbers)"),
        "none"
    );
}

#[test]
fn a_toc_link_moves_the_deck_to_its_slide() {
    let Some(browser) = super::shared() else {
        return;
    };
    let site = Site::build_with("small", with_draft_toc_and_hidden);
    let disk = OnDisk::new(&site);
    let page = open_deck(browser, &format!("{}deck-next.html#/next-1", disk.url()));
    page.wait_at("next-1", 0);
    page.click("#next-1 .toc-slide a[href$='#/next-2']");
    page.wait_at("next-2", 0);
}
