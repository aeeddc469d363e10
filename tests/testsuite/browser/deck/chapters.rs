//! One page per chapter: moving past a chapter's ends opens the next or previous chapter's page,
//! links to a slide open the page that holds it (from deck.html, from any chapter's page, from
//! disk), and the deck's numbering runs across the pages.

use super::*;
use crate::browser::site::{chapter_slugs, slide_ids};

/// The page the browser shows: its file name.
fn page_file(page: &Page) -> String {
    page.eval("location.pathname.split('/').pop()")
}

#[track_caller]
fn wait_on(page: &Page, file: &str, id: &str, f: u32) {
    page.wait_for(&format!(
        "location.pathname.endsWith('/{file}') && window.deckhand && deckhand.ready"
    ));
    page.wait_at(id, f);
}

#[test]
fn moving_past_a_chapters_ends_opens_the_next_and_previous_chapter() {
    let Some(browser) = shared() else { return };
    let slugs = chapter_slugs(&WORKSHOP);
    let (one, two) = (&slugs[0], &slugs[1]);
    let (first, second) = (slide_ids(&WORKSHOP, one), slide_ids(&WORKSHOP, two));
    let (last, file_one, file_two) = (
        first.last().unwrap(),
        format!("deck-{one}.html"),
        format!("deck-{two}.html"),
    );
    let page = open_deck(browser, &format!("{}{file_one}#/{last}/99", workshop_url()));
    // A step past the last one shows every fragment.
    let steps = page.state().fragments;
    wait_on(&page, &file_one, last, steps);
    assert_eq!(page.state().index as usize, first.len() - 1);

    // Next: the next chapter's first slide, numbered on from this one.
    page.press("Space");
    wait_on(&page, &file_two, &second[0], 0);
    let state = page.state();
    assert_eq!(state.index as usize, first.len());
    assert_eq!(state.total as usize, WORKSHOP.slides);
    assert_eq!(state.chapter, *two);
    // Previous: the previous chapter at its last step.
    page.press("PageUp");
    wait_on(&page, &file_one, last, steps);
    // The arrows too, and Back returns to the page before.
    page.press("ArrowRight");
    wait_on(&page, &file_two, &second[0], 0);
    page.press("ArrowLeft");
    wait_on(&page, &file_one, last, steps);
    page.run("history.back()");
    wait_on(&page, &file_two, &second[0], 0);

    // End: the deck's last slide; Home: its first.
    let final_chapter = slugs.last().unwrap();
    let final_slide = slide_ids(&WORKSHOP, final_chapter).pop().unwrap();
    page.press("End");
    wait_on(
        &page,
        &format!("deck-{final_chapter}.html"),
        &final_slide,
        0,
    );
    assert_eq!(page.state().index as usize, WORKSHOP.slides - 1);
    page.press("Home");
    wait_on(&page, &file_one, &first[0], 0);
    // A slide number typed on one page opens it on another.
    let html = WORKSHOP.text(&file_two);
    let tag = &html[html
        .find(&format!("id=\"{}\"", second.last().unwrap()))
        .unwrap()..];
    let number = crate::support::attr(&tag[..tag.find('>').unwrap()], "data-number").unwrap();
    page.type_text(number);
    page.press("Enter");
    wait_on(&page, &file_two, second.last().unwrap(), 0);
    assert!(
        page.console_errors().is_empty(),
        "{:?}",
        page.console_errors()
    );
}

#[test]
fn a_link_to_a_slide_opens_the_page_that_holds_it() {
    let Some(browser) = shared() else { return };
    let slugs = chapter_slugs(&WORKSHOP);
    let two = &slugs[1];
    let target = &slide_ids(&WORKSHOP, two)[2];
    let file_two = format!("deck-{two}.html");
    // An old link to deck.html, the query kept.
    let page = open_deck(
        browser,
        &format!("{}deck.html?theme=dark#/{target}", workshop_url()),
    );
    wait_on(&page, &file_two, target, 0);
    assert_eq!(
        page.eval::<String>("location.search + ' ' + document.documentElement.dataset.theme"),
        "?theme=dark dark"
    );
    // The forwarding page leaves no entry in the history.
    let direct = open_deck(browser, &format!("{}{file_two}", workshop_url()));
    assert_eq!(
        page.eval::<u32>("history.length"),
        direct.eval::<u32>("history.length")
    );

    // From another chapter's page, by slide id and by a chapter's element id.
    page.goto(&format!(
        "{}deck-{}.html#/{target}",
        workshop_url(),
        slugs[0]
    ));
    wait_on(&page, &file_two, target, 0);
    page.goto(&format!(
        "{}deck-{}.html#chapter-{two}",
        workshop_url(),
        slugs[0]
    ));
    wait_on(&page, &file_two, &slide_ids(&WORKSHOP, two)[0], 0);
    // And from the API, as the follower channel and the speaker view move the deck.
    page.run(&format!(
        "deckhand.setState({{ id: {:?}, f: 0 }})",
        slide_ids(&WORKSHOP, &slugs[0])[1]
    ));
    wait_on(
        &page,
        &format!("deck-{}.html", slugs[0]),
        &slide_ids(&WORKSHOP, &slugs[0])[1],
        0,
    );
    // An unknown slide stays on the page it was asked of, at its first slide.
    page.goto(&format!("{}deck.html#/no-such-slide", workshop_url()));
    wait_on(
        &page,
        &format!("deck-{}.html", slugs[0]),
        &slide_ids(&WORKSHOP, &slugs[0])[0],
        0,
    );
}

/// Opened from disk, the chapters' pages reach each other and deck.html forwards.
#[test]
fn chapters_reach_each_other_from_file_urls() {
    let Some(browser) = shared() else { return };
    let disk = OnDisk::new(&WORKSHOP);
    let slugs = chapter_slugs(&WORKSHOP);
    let (first, second) = (
        slide_ids(&WORKSHOP, &slugs[0]),
        slide_ids(&WORKSHOP, &slugs[1]),
    );
    let page = open_deck(
        browser,
        &format!("{}deck.html#/{}", disk.url(), first.last().unwrap()),
    );
    wait_on(
        &page,
        &format!("deck-{}.html", slugs[0]),
        first.last().unwrap(),
        0,
    );
    page.run("deckhand.setState({ f: Infinity })");
    page.press("ArrowRight");
    wait_on(&page, &format!("deck-{}.html", slugs[1]), &second[0], 0);
    assert_eq!(page_file(&page), format!("deck-{}.html", slugs[1]));
    assert_no_errors_and_local(&page, &disk.url());
}
