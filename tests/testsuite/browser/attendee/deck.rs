//! The deck as attendees see it on a phone and a laptop.

use super::super::shared;
use super::super::site::{WORKSHOP, wait_ready};
use super::url;

/// Code lines on a phone that wrap (taller than one line), and code blocks whose long lines
/// can be neither seen nor scrolled to.
const WRAPPED_CODE: &str = r#"(() => {
  const out = [];
  for (const s of deckhand.slides()) {
    deckhand.setState({ id: s.id, f: Infinity });
    for (const pre of document.getElementById(s.id).querySelectorAll('pre.hl')) {
      const line = parseFloat(getComputedStyle(pre).lineHeight);
      for (const ln of pre.querySelectorAll('.ln')) {
        if (ln.getBoundingClientRect().height > line * 1.5) {
          out.push(`${s.id}: "${ln.textContent.trim().slice(0, 40)}" wraps`);
          break;
        }
      }
      const x = getComputedStyle(pre).overflowX;
      if (pre.scrollWidth > pre.clientWidth + 1 && !['auto', 'scroll'].includes(x))
        out.push(`${s.id}: a code block cuts its lines (overflow-x: ${x})`);
    }
  }
  return out;
})()"#;

#[test]
fn deck_code_on_a_phone_keeps_its_lines_whole_and_scrolls_sideways() {
    let Some(browser) = shared() else { return };
    let page = browser.open_sized(&url("print-deck.html"), 390, 844);
    wait_ready(&page);
    assert!(page.eval::<bool>("document.documentElement.classList.contains('portrait')"));
    let found: Vec<String> = page.eval(WRAPPED_CODE);
    assert_eq!(
        page.eval::<usize>("deckhand.slides().length"),
        WORKSHOP.slides
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Headings a reader of the page meets (not hidden), in order, whose level skips one: what
/// axe-core's `heading-order` rule reports.
const SKIPPED_HEADINGS: &str = r#"(() => {
  const shown = h => h.getClientRects().length > 0 && getComputedStyle(h).visibility === 'visible'
    && !h.closest('[aria-hidden="true"], dialog:not([open])');
  const out = [];
  let last = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!shown(h)) continue;
    const level = +h.tagName[1];
    if (last && level > last + 1) out.push(`h${last} then h${level} "${h.textContent.trim().slice(0, 40)}"`);
    last = level;
  }
  return out;
})()"#;

#[test]
fn no_slide_skips_a_heading_level() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&url("deck-concepts.html"));
    wait_ready(&page);
    let ids: Vec<String> = page.eval("deckhand.slides().map(s => s.id)");
    assert!(ids.len() > 5);
    for id in &ids {
        page.run(&format!("deckhand.setState({{ id: {id:?} }})"));
        page.wait_for(&format!(
            "getComputedStyle(document.getElementById({id:?})).visibility === 'visible'"
        ));
        let skipped: Vec<String> = page.eval(SKIPPED_HEADINGS);
        assert!(skipped.is_empty(), "on {id}: {skipped:?}");
    }
}

#[test]
fn the_help_close_button_looks_like_a_button() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&url("deck.html#/concepts-3"));
    wait_ready(&page);
    page.press("?");
    page.wait_for("document.querySelector('.dh-help').open");
    let (font, page_font, radius, height, background): (String, String, f64, f64, String) = page.eval(
        "(b => { const s = getComputedStyle(b); return [s.fontFamily, getComputedStyle(document.body).fontFamily, parseFloat(s.borderTopLeftRadius), b.getBoundingClientRect().height, s.backgroundColor]; })(document.querySelector('.dh-help button'))",
    );
    assert_eq!(font, page_font, "the Close button uses the deck's font");
    assert!(
        radius >= 4.0 && height >= 32.0,
        "rounded and tall enough to hit: {radius} px, {height} px"
    );
    let accent: String =
        page.eval("getComputedStyle(document.querySelector('.dh-progress i')).backgroundColor");
    assert_eq!(
        background, accent,
        "the primary action, in the accent colour"
    );
}

#[test]
fn diagrams_are_dark_on_a_dark_deck() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&url("deck.html?theme=dark#/intro-1"));
    wait_ready(&page);
    let id: String =
        page.eval("document.querySelector('.slide img[src$=\".svg\"]').closest('.slide').id");
    page.run(&format!("deckhand.setState({{ id: {id:?} }})"));
    page.wait_for(&format!(
        "getComputedStyle(document.getElementById({id:?})).visibility === 'visible' && +getComputedStyle(document.getElementById({id:?})).opacity === 1"
    ));
    page.run("document.querySelector('.current img').decode()");
    // A point on the diagram's panel, just inside its top-left corner (no label there).
    let [x, y]: [f64; 2] = page.eval(
        "(r => [r.left + r.width * 0.02 + 6, r.top + r.height * 0.5])(document.querySelector('.current img').getBoundingClientRect())",
    );
    let [r, g, b] = page.pixel(x as u32, y as u32);
    let luminance = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    assert!(
        luminance < 90,
        "the diagram's panel is rgb({r}, {g}, {b}) on a dark slide"
    );
}

#[test]
fn printed_code_shows_every_highlight_step() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&url("print-deck.html"));
    wait_ready(&page);
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    // intro-5 steps through line 7, then lines 8 to 10.
    let lit: Vec<u32> = page.eval(
        "(() => { const lines = [...document.querySelectorAll('#intro-5 figure.code .ln')];
           const plain = getComputedStyle(lines[0]).backgroundColor;
           return lines.flatMap((ln, i) => getComputedStyle(ln).backgroundColor !== plain ? [i + 1] : []); })()",
    );
    assert_eq!(lit, vec![7, 8, 9, 10], "lines lit on paper");
}

#[test]
fn an_unknown_slide_link_says_so() {
    let Some(browser) = shared() else { return };
    let page = browser.open(&url("deck.html#/no-such-slide"));
    wait_ready(&page);
    page.wait_for("!document.querySelector('.dh-toast').hidden");
    let toast: String = page.eval("document.querySelector('.dh-toast').textContent");
    assert!(toast.contains("no-such-slide"), "{toast}");
    assert_eq!(page.eval::<String>("deckhand.getState().id"), "intro-1");
    // On a chapter's page, once open, a bad link keeps the slide and says so too.
    page.run("location.hash = '#/concepts-99'");
    page.wait_for("document.querySelector('.dh-toast').textContent.includes('concepts-99')");
    assert_eq!(page.eval::<String>("deckhand.getState().id"), "intro-1");
}

#[test]
fn start_times_read_the_same_on_the_landing_page_and_the_handout() {
    let Some(browser) = shared() else { return };
    let starts = |page_url: &str| -> Vec<String> {
        let page = browser.open(&url(page_url));
        page.eval("[...document.querySelectorAll('.agenda tbody tr')].map(tr => tr.children[2].textContent.trim())")
    };
    let landing = starts("index.html");
    assert_eq!(landing.len(), WORKSHOP.chapters);
    assert_eq!(landing, starts("handout.html"));
    assert!(
        landing
            .iter()
            .all(|s| s.starts_with('+') && s.ends_with(" min")),
        "{landing:?}"
    );
}

/// The overview of the first chapter: each thumbnail's box, the deck's inner width, and for the
/// first bullet of slide 1.2 the box where its marker is drawn (from the item's left edge to its
/// text) and the numbers the thumbnails show.
const OVERVIEW: &str = r#"(() => {
  const slides = [...document.querySelectorAll('#chapter-intro .slide')];
  const boxes = slides.map(s => { const r = s.getBoundingClientRect(); return [r.left, r.right, r.top]; });
  const li = document.querySelector('#intro-2 li'), text = document.createRange();
  const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT); const first = walk.nextNode();
  text.setStart(first, 0); text.setEnd(first, 1);
  const l = li.getBoundingClientRect(), t = text.getBoundingClientRect();
  const labels = slides.map(s => { const a = getComputedStyle(s, '::after');
    return [a.content.replace(/"/g, ''), parseFloat(a.fontSize) * parseFloat(getComputedStyle(s).zoom)]; });
  return [boxes, document.querySelector('.deck').clientWidth, [l.left, t.left, t.top, t.bottom], labels,
    slides.map(s => s.dataset.number)];
})()"#;

/// What [`OVERVIEW`] returns: thumbnails' `[left, right, top]`, the deck's inner width, the
/// first bullet's `[item left, text left, text top, text bottom]`, the labels (text, px), the
/// slides' numbers.
type Overview = (
    Vec<[f64; 3]>,
    f64,
    [f64; 4],
    Vec<(String, f64)>,
    Vec<String>,
);

#[test]
fn overview_thumbnails_fill_the_screen_and_keep_bullets_and_numbers() {
    let Some(browser) = shared() else { return };
    for (width, height) in super::SIZES {
        let page = browser.open_sized(&url("deck.html#/intro-2"), width, height);
        wait_ready(&page);
        page.press("o");
        page.wait_for("deckhand.getState().overview");
        let (boxes, inner, marker, labels, numbers): Overview = page.eval(OVERVIEW);
        let top = boxes[0][2];
        let first_row: Vec<_> = boxes.iter().filter(|b| (b[2] - top).abs() < 1.0).collect();
        assert!(
            first_row.len() >= if width < 600 { 2 } else { 4 },
            "at {width}px {} thumbnails a row",
            first_row.len()
        );
        let right = first_row.iter().map(|b| b[1]).fold(0.0, f64::max);
        assert!(
            right >= inner - 24.0 - 2.0,
            "at {width}px the thumbnails end at {right} of {inner}: a gutter"
        );
        // Each thumbnail says its number, readable.
        let shown: Vec<&String> = labels.iter().map(|l| &l.0).collect();
        assert_eq!(shown, numbers.iter().collect::<Vec<_>>());
        assert!(labels.iter().all(|l| l.1 >= 12.0), "{labels:?}");
        // The bullet: ink between the item's left edge and its text.
        let [li_left, text_left, text_top, text_bottom] = marker;
        assert!(
            text_left - li_left >= 2.0,
            "no room for a bullet: {marker:?}"
        );
        let shot = page.screenshot();
        let background =
            super::super::page::png_pixel(&shot, li_left as u32, (text_top - 1.0) as u32);
        // A thumbnail's bullet is a dot of a pixel or two, anti-aliased: any pixel clearly off
        // the background in the item's first line, left of its text.
        let inked = (text_top as u32..=text_bottom as u32).any(|y| {
            (li_left as u32..text_left as u32).any(|x| {
                let p = super::super::page::png_pixel(&shot, x, y);
                p.iter().zip(background).any(|(a, b)| a.abs_diff(b) > 40)
            })
        });
        assert!(inked, "at {width}px slide 1.2's first item has no bullet");
    }
}
