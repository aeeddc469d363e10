//! The speaker view: pacing when the talk starts mid-deck, long notes, readable key hints, the
//! theme of its URL, and buttons whose names say what they show.

use super::super::site::{Deck, open_deck, workshop_url};
use super::super::{Browser, Page, shared};

/// The deck at `hash` and the speaker view it opens with S, at a presenter's window size.
fn deck_and_speaker(browser: &Browser, hash: &str) -> (Page, Page) {
    let deck = open_deck(browser, &format!("{}deck.html{hash}", workshop_url()));
    deck.press("s");
    let speaker = deck.popup("speaker.html");
    speaker.set_viewport(1280, 720);
    speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'yes'");
    (deck, speaker)
}

const PACE: &str = "[document.getElementById('sv-pace').textContent, document.getElementById('sv-chapter-left').textContent, document.getElementById('sv-total-left').textContent]";

/// "m:ss" or "h:mm:ss" as seconds.
fn seconds(clock: &str) -> u32 {
    clock
        .split_whitespace()
        .next()
        .unwrap()
        .split(':')
        .fold(0, |acc, part| acc * 60 + part.parse::<u32>().unwrap())
}

#[test]
fn starting_the_talk_mid_deck_is_on_time_there() {
    let Some(browser) = shared() else { return };
    let (deck, speaker) = deck_and_speaker(browser, "#/concepts-3");
    deck.wait_at("concepts-3", 0);
    speaker.wait_for("document.getElementById('sv-number').textContent === '2.3'");
    speaker.wait_for("document.getElementById('sv-elapsed').textContent !== '0:00:00'");
    let (pace, chapter_left, total_left): (String, String, String) = speaker.eval(PACE);
    assert_eq!(pace, "On time", "two seconds after starting on 2.3");
    // Chapter 2 is 20 minutes; slide 3 of it: well under 20 minutes are left of it.
    let left = seconds(&chapter_left);
    assert!(
        chapter_left.ends_with("left") && left < 20 * 60 && left > 10 * 60,
        "chapter: {chapter_left}"
    );
    // The workshop's plan from here: less than the whole workshop minus chapter 1.
    let planned: u32 = 200 * 60 - 20 * 60;
    assert!(
        seconds(&total_left) < planned && total_left.contains("left of"),
        "workshop: {total_left}"
    );
}

#[test]
fn long_notes_scroll_with_a_cue_and_key_hints_are_readable() {
    let Some(browser) = shared() else { return };
    let (_deck, speaker) = deck_and_speaker(browser, "#/concepts-3");
    speaker.wait_for("document.getElementById('sv-number').textContent === '2.3'");
    // Large notes text makes them longer than their panel.
    for _ in 0..8 {
        speaker.press("+");
    }
    speaker.wait_for(
        "(n => n.scrollHeight > n.clientHeight + 20)(document.getElementById('sv-notes'))",
    );
    speaker.wait_for("getComputedStyle(document.querySelector('.sv-more')).display !== 'none'");
    let cue: String = speaker.eval("document.querySelector('.sv-more').innerText");
    assert!(cue.to_lowercase().contains("scroll"), "{cue}");
    assert_eq!(
        speaker.eval::<String>("getComputedStyle(document.getElementById('sv-notes')).overflowY"),
        "auto"
    );
    // Scrolled to the end, the cue goes.
    speaker.run("(n => n.scrollTop = n.scrollHeight)(document.getElementById('sv-notes'))");
    speaker.wait_for("getComputedStyle(document.querySelector('.sv-more')).display === 'none'");

    // The key hints: each arrow at least 14 CSS px and as wide as a key.
    let keys: Vec<(String, f64, f64)> = speaker.eval(
        "[...document.querySelectorAll('.sv-help kbd')].map(k => [k.textContent, parseFloat(getComputedStyle(k).fontSize), k.getBoundingClientRect().width])",
    );
    assert!(keys.iter().any(|k| k.0 == "←"), "{keys:?}");
    for (key, size, width) in &keys {
        assert!(
            *size >= 14.0 && *width >= 16.0,
            "{key}: {size} px, {width} px wide"
        );
    }
}

#[test]
fn the_speaker_view_takes_its_theme_from_the_url() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&format!(
        "{}speaker.html?theme=dark#/concepts-3",
        workshop_url()
    ));
    page.wait_for("document.getElementById('sv-number').textContent === '2.3'");
    assert_eq!(
        page.eval::<String>("document.documentElement.dataset.theme"),
        "dark"
    );
    // Dark: light text on a dark page, and the preview of the slide dark too.
    let [fg, bg]: [f64; 2] = page.eval(
        "(['color', 'backgroundColor'].map(p => { const [r, g, b] = getComputedStyle(document.body)[p].match(/[\\d.]+/g).map(Number); return (r + g + b) / 3; }))",
    );
    assert!(fg > 150.0 && bg < 100.0, "text {fg}, page {bg}");
    page.wait_for_in_frame(
        "#sv-cur",
        "document.documentElement.dataset.theme === 'dark'",
    );
}

#[test]
fn every_speaker_button_is_named_with_its_visible_text() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&format!("{}speaker.html#/concepts-3", workshop_url()));
    page.wait_for("document.getElementById('sv-number').textContent === '2.3'");
    let buttons: Vec<(String, String)> = page.eval(
        "[...document.querySelectorAll('button')].map(b => [b.innerText.trim(), (b.getAttribute('aria-label') || b.innerText).trim()])",
    );
    assert!(buttons.iter().any(|b| b.0 == "A−"), "{buttons:?}");
    for (visible, name) in &buttons {
        assert!(
            name.to_lowercase().contains(&visible.to_lowercase()),
            "the button showing {visible:?} is named {name:?}"
        );
    }
}
