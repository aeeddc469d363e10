//! What an attendee meets in the first minute on the landing page, the deck, the speaker view
//! and the handout, at a phone's 390×844 and a laptop's 1280×720: the defects issue 13 found,
//! each asserted as a person would check it (the page scrolls sideways, a label is too small
//! to read, a header sits over the wrong column, the console shows a 404).

mod deck;
mod pages;
mod speaker;

use super::site::workshop_url;

/// The two screens every layout check runs at.
pub const SIZES: [(u32, u32); 2] = [(390, 844), (1280, 720)];

/// The pages an attendee opens, relative to the site.
pub const PAGES: [&str; 3] = ["index.html", "deck.html#/concepts-3", "handout.html"];

fn url(page: &str) -> String {
    format!("{}{page}", workshop_url())
}
