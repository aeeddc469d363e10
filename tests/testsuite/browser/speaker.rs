//! The speaker view: S opens it in a pop-up window; it shows the current slide, the next step
//! and the notes, follows the deck and drives it; its timer pauses and resumes; its pacing is
//! in words. Over HTTP under a sub-path and from `file://`.

use super::deck::assert_no_errors_and_local;
use super::site::{
    Deck, OnDisk, WORKSHOP, chapter_slugs, open_deck, slide_ids, wait_ready, workshop_url,
};
use super::{Page, shared};

/// Wait until the speaker view shows slide `id` at step `f`: its counter, its notes (the
/// deck's own notes for that slide), the current-slide frame and the next-step frame.
#[track_caller]
fn wait_speaker_at(deck: &Page, speaker: &Page, id: &str, f: u32) {
    let notes: String = deck.eval(&format!(
        "document.getElementById({id:?}).querySelector('.notes').innerHTML"
    ));
    let (number, fragments): (String, u32) = deck.eval(&format!(
        "(s => [s.number, s.fragments])(deckhand.slides().find(s => s.id === {id:?}))"
    ));
    // The slide's place in the whole deck, and the next step, in the next chapter if need be.
    let all = all_slide_ids();
    let index = all
        .iter()
        .position(|s| s == id)
        .expect("a slide of the deck");
    let next = if f < fragments {
        Some((id.to_string(), f + 1))
    } else {
        all.get(index + 1).map(|next| (next.clone(), 0))
    };
    let of = if fragments > 0 {
        format!(
            "({} of {}, step {f} of {fragments})",
            index + 1,
            WORKSHOP.slides
        )
    } else {
        format!("({} of {})", index + 1, WORKSHOP.slides)
    };
    speaker.wait_for_or(
        &format!(
            "document.getElementById('sv-number').textContent === {number:?}
               && document.getElementById('sv-of').textContent === {of:?}
               && document.getElementById('sv-notes').innerHTML === {notes:?}"
        ),
        || {
            format!(
                "wanted {number} {of}; the speaker view shows {:?}",
                speaker.try_eval("document.querySelector('.sv-bar').innerText")
            )
        },
    );
    let at = |id: &str, f: u32| {
        format!(
            "deckhand.ready && deckhand.getState().id === {id:?} && deckhand.getState().f === {f}"
        )
    };
    speaker.wait_for_in_frame("#sv-cur", &at(id, f));
    match next {
        Some((next, nf)) => {
            speaker.wait_for_in_frame("#sv-next", &at(&next, nf));
            speaker.wait_for("document.getElementById('sv-end').hidden");
        }
        None => {
            speaker.wait_for("!document.getElementById('sv-end').hidden");
        }
    }
}

/// Every slide id of the bundled workshop, chapter by chapter.
fn all_slide_ids() -> Vec<String> {
    chapter_slugs(&WORKSHOP)
        .iter()
        .flat_map(|slug| slide_ids(&WORKSHOP, slug))
        .collect()
}

/// Open the deck at `hash`, press S, and return both windows once they are connected.
fn deck_and_speaker(browser: &super::Browser, base: &str, hash: &str) -> (Page, Page) {
    let deck = open_deck(browser, &format!("{base}deck.html{hash}"));
    deck.press("s");
    let speaker = deck.popup("speaker.html");
    // Headless Chromium gives pop-ups its 800×600 screen; a presenter's window is larger.
    speaker.set_viewport(1280, 800);
    speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'yes'");
    (deck, speaker)
}

#[test]
fn the_speaker_view_follows_the_deck_and_drives_it() {
    let Some(browser) = shared() else { return };
    let (deck, speaker) = deck_and_speaker(browser, workshop_url(), "#/concepts-3");
    wait_speaker_at(&deck, &speaker, "concepts-3", 0);
    // The notes never show in the audience window.
    let hidden: bool = deck.eval(
        "[...document.querySelectorAll('.notes')].every(n => n.getClientRects().length === 0)
           && !document.body.innerText.includes(document.querySelector('#concepts-3 .notes').innerText.trim().slice(0, 40))",
    );
    assert!(hidden, "notes show in the audience window");

    // The deck moves: the speaker view follows (a fragment step, then a slide).
    deck.press("ArrowRight");
    wait_speaker_at(&deck, &speaker, "concepts-3", 1);
    // The speaker view's keys move the deck.
    speaker.press("ArrowRight");
    deck.wait_at("concepts-3", 2);
    wait_speaker_at(&deck, &speaker, "concepts-3", 2);
    speaker.press("Space");
    speaker.press("PageDown");
    deck.wait_at("concepts-4", 0);
    wait_speaker_at(&deck, &speaker, "concepts-4", 0);
    speaker.press("ArrowLeft");
    deck.wait_at("concepts-3", 3);
    wait_speaker_at(&deck, &speaker, "concepts-3", 3);
    speaker.press("End");
    deck.wait_at("data-room-13", 0);
    wait_speaker_at(&deck, &speaker, "data-room-13", 0);
    deck.press("Home");
    deck.wait_at("intro-1", 0);
    wait_speaker_at(&deck, &speaker, "intro-1", 0);

    // A reload of the deck: the speaker view re-attaches and follows again.
    deck.reload();
    wait_ready(&deck);
    deck.press("ArrowRight");
    deck.wait_at("intro-2", 0);
    wait_speaker_at(&deck, &speaker, "intro-2", 0);
    speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'yes'");
    speaker.press("ArrowRight");
    deck.wait_at("intro-2", 1);

    // Notes size: + and - change it.
    let size = "parseFloat(getComputedStyle(document.getElementById('sv-notes')).fontSize)";
    let before: f64 = speaker.eval(size);
    speaker.press("+");
    speaker.wait_for(&format!("{size} > {before}"));
    speaker.press("-");
    speaker.press("-");
    speaker.wait_for(&format!("{size} < {before}"));
    assert_no_errors_and_local(&speaker, workshop_url());
}

#[test]
fn the_timer_pauses_and_resumes_and_pacing_is_in_words() {
    let Some(browser) = shared() else { return };
    let (deck, speaker) = deck_and_speaker(browser, workshop_url(), "#/concepts-3");
    wait_speaker_at(&deck, &speaker, "concepts-3", 0);
    let elapsed = "document.getElementById('sv-elapsed').textContent";
    speaker.wait_for(&format!("{elapsed} !== '0:00:00'"));
    speaker.wait_for("document.getElementById('sv-pause').textContent === 'Pause'");

    // T pauses: the count stops, and says so.
    speaker.press("t");
    speaker.wait_for("document.getElementById('sv-pause').textContent === 'Resume'");
    let frozen: String = speaker.eval(elapsed);
    let says: String =
        speaker.eval("getComputedStyle(document.getElementById('sv-elapsed'), '::after').content");
    assert!(
        says.contains("paused"),
        "the paused timer does not say so: {says}"
    );
    let t0: f64 = speaker.eval("Date.now()");
    speaker.wait_for(&format!("Date.now() > {t0} + 1500"));
    assert_eq!(
        speaker.eval::<String>(elapsed),
        frozen,
        "the timer ran while paused"
    );

    // The button resumes it.
    speaker.click("#sv-pause");
    speaker.wait_for("document.getElementById('sv-pause').textContent === 'Pause'");
    speaker.wait_for(&format!("{elapsed} !== {frozen:?}"));

    // Seconds after starting on slide 2.3, the presenter is on time there (the plan counts from
    // where the timer started); jumping to the last slide puts them ahead: in words.
    let pace = "[document.getElementById('sv-pace').dataset.pace, document.getElementById('sv-pace').textContent]";
    let (kind, text): (String, String) = speaker.eval(pace);
    assert_eq!((kind.as_str(), text.as_str()), ("on-time", "On time"));
    deck.press("End");
    deck.wait_at("data-room-13", 0);
    wait_speaker_at(&deck, &speaker, "data-room-13", 0);
    let (kind, text): (String, String) = speaker.eval(pace);
    assert_eq!(kind, "ahead");
    assert!(text.contains("ahead of plan"), "{text}");
    let left: String = speaker.eval("document.querySelector('.sv-left').innerText");
    assert!(left.contains("left"), "{left}");
    deck.run("deckhand.setState({ id: 'concepts-3', f: 0 })");
    deck.wait_at("concepts-3", 0);

    // Four hours in (and the speaker view reloaded, keeping its timer): behind, in words too.
    speaker.run(
        "localStorage.setItem(Object.keys(localStorage).find(k => k.startsWith('deckhand-timer:')),
           JSON.stringify({ acc: 4 * 3600e3, since: null }))",
    );
    speaker.reload();
    speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'yes'");
    wait_speaker_at(&deck, &speaker, "concepts-3", 0);
    speaker.wait_for("document.getElementById('sv-elapsed').textContent === '4:00:00'");
    let (kind, text): (String, String) = speaker.eval(pace);
    assert_eq!(kind, "late");
    assert!(text.contains("behind plan"), "{text}");
    let left: String = speaker.eval("document.querySelector('.sv-left').innerText");
    assert!(left.contains("over"), "{left}");

    // Reset starts again from zero.
    speaker.click("#sv-reset");
    speaker.wait_for("document.getElementById('sv-elapsed').textContent === '0:00:00'");
}

/// From disk the windows cannot reach into each other: everything goes by postMessage.
#[test]
fn the_speaker_view_works_from_file_urls() {
    let Some(browser) = shared() else { return };
    let disk = OnDisk::new(&WORKSHOP);
    let (deck, speaker) = deck_and_speaker(browser, &disk.url(), "#/intro-5");
    wait_speaker_at(&deck, &speaker, "intro-5", 0);
    deck.press("ArrowRight");
    wait_speaker_at(&deck, &speaker, "intro-5", 1);
    speaker.press("ArrowRight");
    deck.wait_at("intro-6", 0);
    wait_speaker_at(&deck, &speaker, "intro-6", 0);
    // The previews are decks in embed mode, without chrome, in frames of their own origin.
    let embedded: (bool, u32) = speaker.eval_in_frame(
        "#sv-next",
        "[document.documentElement.classList.contains('embed'), document.querySelectorAll('.dh-controls').length]",
    );
    assert_eq!(embedded, (true, 0));
    assert!(
        speaker
            .try_eval("document.getElementById('sv-cur').contentWindow.deckhand.getState()")
            .is_err(),
        "file:// frames should be out of reach: this test would not prove that postMessage works"
    );
    assert_no_errors_and_local(&deck, &disk.url());
    assert_no_errors_and_local(&speaker, &disk.url());
}

/// speaker.html opened on its own drives its own preview of the deck.
#[test]
fn the_speaker_view_alone_runs_its_own_preview() {
    let Some(browser) = shared() else { return };
    let speaker = browser.open(&format!("{}speaker.html#/concepts-3/1", workshop_url()));
    speaker.wait_for("document.getElementById('sv-number').textContent === '2.3'");
    speaker.wait_for("document.getElementById('sv-status').dataset.connected === 'no'");
    speaker.wait_for_in_frame(
        "#sv-cur",
        "deckhand.getState().id === 'concepts-3' && deckhand.getState().f === 1",
    );
    speaker.press("ArrowRight");
    speaker.wait_for_in_frame("#sv-cur", "deckhand.getState().f === 2");
    speaker.wait_for_in_frame("#sv-next", "deckhand.getState().f === 3");
    speaker.wait_for("document.getElementById('sv-of').textContent.includes('step 2 of 3')");
    assert_no_errors_and_local(&speaker, workshop_url());
}

/// A blocked pop-up (no user gesture): the deck says so and offers a link.
#[test]
fn a_blocked_speaker_window_is_reported_with_a_link() {
    let Some(browser) = shared() else { return };
    let deck = open_deck(browser, &format!("{}deck.html", workshop_url()));
    deck.run("deckhand.speaker()");
    deck.wait_for("!document.querySelector('.dh-toast').hidden");
    let (text, href): (String, String) =
        deck.eval("[document.querySelector('.dh-toast').innerText, document.querySelector('.dh-toast a').getAttribute('href')]");
    assert!(text.contains("blocked"), "{text}");
    assert_eq!(href, "speaker.html");
}
