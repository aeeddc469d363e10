//! Screenshots to look at, not to compare: every chapter's title and a few of its slides in light
//! and dark, at 1280×720 and on a phone, plus the overview, the help and the speaker view.
//!
//! `DECKHAND_SCREENSHOTS=/tmp/shots cargo test --test testsuite screenshots -- --ignored`
//! (`DECKHAND_SHOTS_SLIDES="concepts-3 helm-4"` for other slides).

use std::path::PathBuf;

use super::shared;
use super::site::{Deck, open_deck, workshop_url};

#[test]
#[ignore = "writes screenshots for a person to look at"]
fn screenshots() {
    let Some(browser) = shared() else { return };
    let dir = PathBuf::from(std::env::var("DECKHAND_SCREENSHOTS").unwrap_or("screenshots".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let default = "intro-1 intro-2/5 intro-5/1 intro-7 concepts-3/2 concepts-4 concepts-9/2 \
        multi-container-patterns-7/1 high-availability-11/2 exposing-apps-6 exposing-apps-9/2 \
        security-10/6 rbac-6/3 helm-3 helm-4/3 cloud-providers-10 data-room-2/2 data-room-12/1";
    let slides = std::env::var("DECKHAND_SHOTS_SLIDES").unwrap_or(default.into());
    for (theme, width, height) in [
        ("light", 1280, 720),
        ("dark", 1280, 720),
        ("light", 390, 844),
        ("dark", 390, 844),
    ] {
        let url = format!("{}deck.html?theme={theme}", workshop_url());
        let page = browser.open_sized(&url, width, height);
        page.emulate_media("", &[("prefers-reduced-motion", "reduce")]);
        super::site::wait_ready(&page);
        for at in slides.split_whitespace() {
            let (id, f) = at.split_once('/').unwrap_or((at, "0"));
            page.run(&format!("deckhand.setState({{ id: {id:?}, f: {f} }})"));
            page.wait_at(id, f.parse().unwrap());
            page.run("document.fonts.ready");
            page.save_screenshot(dir.join(format!("{id}-{f}-{theme}-{width}.png")));
        }
        page.press("o");
        page.wait_for("deckhand.getState().overview");
        page.save_screenshot(dir.join(format!("overview-{theme}-{width}.png")));
        page.press("o");
        page.press("?");
        page.wait_for("document.querySelector('.dh-help').open");
        page.save_screenshot(dir.join(format!("help-{theme}-{width}.png")));
    }
    for theme in ["light", "dark"] {
        let deck = open_deck(
            browser,
            &format!("{}deck.html?theme={theme}#/concepts-5/1", workshop_url()),
        );
        deck.run(&format!(
            "localStorage.setItem('deckhand-theme', '{theme}')"
        ));
        deck.press("s");
        let speaker = deck.popup("speaker.html");
        speaker.set_viewport(1280, 800);
        speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'yes'");
        speaker.wait_for_in_frame("#sv-next", "deckhand.getState().f === 2");
        speaker.save_screenshot(dir.join(format!("speaker-{theme}.png")));
        speaker.set_viewport(390, 844);
        speaker.save_screenshot(dir.join(format!("speaker-{theme}-390.png")));
    }
}
