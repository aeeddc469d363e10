//! The credit of an original talk (`[based_on]` in workshop.toml): on the landing page and the
//! handout covers, apart from the edition's own author, as an attendee reads it.

use crate::support::{BUNDLED, Site};

/// The text of the page's credit line, tags removed, or `None` when the page has none.
fn credit_line(page: &str) -> Option<String> {
    let start = page.find("<p class=\"credit\">")?;
    let end = start + page[start..].find("</p>")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

/// The text of the page's first `.byline` paragraph, tags removed.
fn byline(page: &str) -> String {
    let start = page.find("class=\"byline\"").expect("a byline");
    let end = start + page[start..].find("</p>").unwrap();
    page[start..end]
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
        .collect()
}

#[test]
fn the_bundled_workshop_credits_the_talk_and_its_speaker_apart_from_the_maintainers() {
    let site = &*BUNDLED;
    let expected = "Based on the talk “K8S — Scaling K8S from 0 to hero” by Yuri Bacciarini (given in Italian with English slides)";
    for page in [
        "index.html",
        "handout.html",
        "handout-intro.html",
        "handout-data-room.html",
    ] {
        let html = site.text(page);
        assert_eq!(credit_line(html).as_deref(), Some(expected), "{page}");
        // The edition's author is the maintainers, never the speaker.
        let by = byline(html);
        assert!(by.contains("The deckhand maintainers"), "{page}: {by}");
        assert!(!by.contains("Bacciarini"), "{page}: {by}");
    }
}

#[test]
fn a_credit_links_its_title_to_the_url_and_is_absent_without_based_on() {
    let with = Site::build_with("small", |workshop| {
        let toml = workshop.read("workshop.toml");
        workshop.write(
            "workshop.toml",
            format!("{toml}\n[based_on]\ntitle = \"The <original> talk\"\nauthor = \"Ada Example\"\nurl = \"https://example.org/talk?a=1&b=2\"\n"),
        );
    });
    let index = with.text("index.html");
    assert_eq!(
        credit_line(index).as_deref(),
        Some("Based on the talk “The &lt;original&gt; talk” by Ada Example"),
        "the title is escaped and there is no note"
    );
    assert!(
        index.contains(
            "<a href=\"https://example.org/talk?a=1&amp;b=2\">The &lt;original&gt; talk</a>"
        ),
        "the title links to the url"
    );
    assert!(credit_line(with.text("handout.html")).is_some());

    let without = Site::build("small");
    for (path, page) in without.pages() {
        assert!(
            !page.contains("class=\"credit\""),
            "{path} has a credit line"
        );
    }
}
