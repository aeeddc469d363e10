//! The deck page as a presenter and the audience use it: keys, fragments and code steps, deep
//! links and history, the overview, accessibility, and what it loads. Over HTTP under a
//! sub-path, except where a test says otherwise.

mod accessibility;
mod chapters;
mod navigation;
mod offline;

use super::site::{Deck, OnDisk, WORKSHOP, every_feature_url, open_deck, workshop_url};
use super::{Page, shared};

fn deck(page: &str) -> String {
    format!("{}deck.html{page}", workshop_url())
}

/// Which fragments of the current slide are on screen, by their text.
fn shown_fragments(page: &Page) -> Vec<String> {
    page.eval(
        "[...document.querySelectorAll('.current .fragment:not(.code-step)')]
           .filter(el => getComputedStyle(el).visibility === 'visible' && +getComputedStyle(el).opacity > 0.5)
           .map(el => el.textContent.trim())",
    )
}

/// The 1-based lines of the current slide's code block that carry `hl-on`.
fn lit_lines(page: &Page) -> Vec<u32> {
    page.eval(
        "[...document.querySelectorAll('.current figure.code .ln')]
           .flatMap((ln, i) => ln.classList.contains('hl-on') ? [i + 1] : [])",
    )
}

#[track_caller]
pub fn assert_no_errors_and_local(page: &Page, base: &str) {
    let errors = page.console_errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let requests = page.requests();
    assert!(requests.len() > 3, "{requests:?}");
    let outside: Vec<_> = requests
        .iter()
        .filter(|url| !url.starts_with(base) && !url.starts_with("data:") && *url != "about:blank")
        .collect();
    assert!(outside.is_empty(), "requests outside {base}: {outside:#?}");
}
