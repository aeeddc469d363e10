//! What the dialects fixture looks like in a real browser: backgrounds really paint, on screen
//! and in print, and text switches colour on a dark one; a remark continuation shows the lines
//! it builds on, step by step.

use std::process::Command;

use super::page::png_pixel;
use super::site::{Deck, dialects_url, open_deck};
use super::{Page, shared};

/// Whether two colours are the same, give or take the rounding of a screenshot.
fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 3)
}

/// The brightness reveal.js uses (0–255).
fn brightness(rgb: [u8; 3]) -> u32 {
    (u32::from(rgb[0]) * 299 + u32::from(rgb[1]) * 587 + u32::from(rgb[2]) * 114) / 1000
}

/// The computed text colour of the current slide's first heading.
fn heading_colour(page: &Page) -> [u8; 3] {
    let rgb: Vec<u8> = page.eval(
        "getComputedStyle(document.querySelector('.current h3')).color.match(/\\d+/g).slice(0, 3).map(Number)",
    );
    [rgb[0], rgb[1], rgb[2]]
}

const NAVY: [u8; 3] = [0x1a, 0x23, 0x7e];

#[test]
fn a_background_colour_paints_the_slide_and_its_text_turns_light() {
    let Some(browser) = shared() else { return };
    for theme in ["light", "dark"] {
        let page = open_deck(
            browser,
            &format!("{}deck-reveal.html?theme={theme}#/reveal-5", dialects_url()),
        );
        page.wait_at("reveal-5", 0);
        page.wait_for("getComputedStyle(document.querySelector('.current')).opacity === '1'");
        // Away from the text, the controls and the progress bar.
        let painted = page.pixel(900, 420);
        assert!(
            near(painted, NAVY),
            "{theme}: the slide paints {painted:?}, not navy"
        );
        let text = heading_colour(&page);
        assert!(
            brightness(text) > 180,
            "{theme}: the heading is {text:?} on navy"
        );
    }
    // A light colour in the dark theme: dark text.
    let page = open_deck(
        browser,
        &format!("{}deck-reveal.html?theme=dark#/reveal-8", dialects_url()),
    );
    page.wait_at("reveal-8", 0);
    page.wait_for("getComputedStyle(document.querySelector('.current')).opacity === '1'");
    assert!(near(page.pixel(900, 420), [0xff, 0xeb, 0x3b]));
    let text = heading_colour(&page);
    assert!(brightness(text) < 80, "the heading is {text:?} on yellow");
}

#[test]
fn backgrounds_print_and_reach_the_pdf() {
    let Some(browser) = shared() else { return };
    let page = open_deck(
        browser,
        &format!("{}print-deck.html#/reveal-5", dialects_url()),
    );
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    // In print the slides are pages one under the other.
    let top: f64 =
        page.eval("document.getElementById('reveal-5').getBoundingClientRect().top + scrollY");
    let printed = page.pixel(900, top as u32 + 420);
    assert!(near(printed, NAVY), "print shows {printed:?}");
    // The seventh page of the PDF (`deckhand pdf` prints print-deck.html) is the navy slide.
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        eprintln!("\n*** pdftoppm not found: the PDF's pixels are not checked ***\n");
        assert!(
            std::env::var("DECKHAND_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "pdftoppm is required"
        );
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let pdf = temp.path().join("deck.pdf");
    std::fs::write(&pdf, page.pdf()).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-f", "7", "-l", "7", "-r", "20", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(temp.path().join("page"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(temp.path().join("page.png")).unwrap();
    // 1280×720 CSS pixels at 20 dpi: about 267×150; (900, 420) is about (187, 87).
    let pixel = png_pixel(&png, 187, 87);
    assert!(near(pixel, NAVY), "the PDF page shows {pixel:?}");
}

/// The visible text of the current slide.
fn shown_text(page: &Page) -> String {
    page.eval("document.querySelector('.current .slide-content').innerText")
}

#[test]
fn a_remark_continuation_shows_the_lines_before_it() {
    let Some(browser) = shared() else { return };
    let page = open_deck(
        browser,
        &format!("{}deck-remark.html#/remark-2", dialects_url()),
    );
    page.wait_at("remark-2", 0);
    let first = shown_text(&page);
    assert!(
        first.contains("first point") && !first.contains("second point"),
        "{first}"
    );
    page.press("ArrowRight");
    page.wait_at("remark-2", 1);
    let second = shown_text(&page);
    assert!(
        second.contains("first point") && second.contains("second point"),
        "{second}"
    );
    assert!(!second.contains("third point"), "{second}");
    // One copy of each line at a time.
    assert_eq!(second.matches("first point").count(), 1, "{second}");
    page.press("ArrowRight");
    page.wait_at("remark-2", 2);
    let third = shown_text(&page);
    assert!(
        ["first point", "second point", "third point"]
            .iter()
            .all(|l| third.contains(l)),
        "{third}"
    );
    // Back: the step before, again.
    page.press("ArrowLeft");
    page.wait_at("remark-2", 1);
    assert_eq!(shown_text(&page), second);
    // The next slide after the last step.
    page.press("ArrowRight");
    page.press("ArrowRight");
    page.wait_at("remark-3", 0);
}

#[test]
fn a_remark_slide_as_dense_as_remarks_own_fits_on_the_slide() {
    let Some(browser) = shared() else { return };
    let page = open_deck(
        browser,
        &format!("{}deck-remark.html#/remark-7", dialects_url()),
    );
    page.wait_at("remark-7", 0);
    // The last point's bottom against the bottom of the slide's padding box, less the padding:
    // at the reveal dialect's type size the last points were cut off.
    let (last, limit): (f64, f64) = page.eval(
        "(() => { const s = document.getElementById('remark-7'), r = s.getBoundingClientRect(); \
         const li = [...s.querySelectorAll('li')].pop().getBoundingClientRect(); \
         return [li.bottom, r.bottom - parseFloat(getComputedStyle(s).paddingBottom)]; })()",
    );
    assert!(
        last <= limit,
        "the last point ends at {last}, the slide's text at {limit}"
    );
}
