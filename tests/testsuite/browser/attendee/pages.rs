//! Every page: a favicon of its own, no sideways scrolling, no text under 12 CSS px, no word
//! broken in the middle in headings and tables; the agenda's columns line up on a phone.

use super::super::deck::assert_no_errors_and_local;
use super::super::site::{OnDisk, WORKSHOP, wait_ready, workshop_url};
use super::super::{Page, shared};
use super::{PAGES, SIZES, url};

/// Wait for a page's fonts and images and, on a deck page, its runtime.
fn settle(page: &Page) {
    page.wait_for("document.readyState === 'complete'");
    if page.eval::<bool>("location.pathname.includes('deck')") {
        wait_ready(page);
    }
    page.run("(async () => { await document.fonts.ready; await Promise.all([...document.images].map(i => i.decode().catch(() => {}))); })()");
}

/// The favicon every page links: a URL inside the site, that loads as an image.
const FAVICON: &str = r#"(async () => {
  const links = [...document.querySelectorAll('link[rel~="icon"]')];
  if (links.length !== 1) return `${links.length} icon links`;
  const img = new Image();
  img.src = links[0].href;
  try { await img.decode(); } catch (e) { return `${links[0].href} does not load as an image`; }
  return links[0].href;
})()"#;

#[test]
fn every_page_has_its_own_favicon_and_asks_nothing_outside_the_site() {
    let Some(browser) = shared() else { return };
    let disk = OnDisk::new(&WORKSHOP);
    for base in [workshop_url().to_string(), disk.url()] {
        for page_url in PAGES.iter().copied().chain(["speaker.html#/concepts-3"]) {
            let page = browser.open(&format!("{base}{page_url}"));
            settle(&page);
            let icon: String = page.eval(FAVICON);
            assert!(
                icon.starts_with(&base),
                "{page_url}: the favicon is {icon}, not a file of the site under {base}"
            );
            assert!(
                !page.requests().iter().any(|r| r.ends_with("/favicon.ico")),
                "{page_url} asks for /favicon.ico"
            );
            assert_no_errors_and_local(&page, &base);
        }
    }
}

/// Text on screen smaller than 12 CSS px once every scale is applied (the deck's slide scale,
/// an SVG's viewBox): `size px "text" in <tag>`.
pub const SMALL_TEXT: &str = r#"(() => {
  const out = new Map(), walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const scaleOf = el => {
    let scale = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const t = getComputedStyle(e).transform;
      if (t && t !== 'none') { const m = new DOMMatrix(t); scale *= Math.hypot(m.a, m.b); }
      if (e.tagName === 'svg' && e.viewBox && e.viewBox.baseVal && e.viewBox.baseVal.width) {
        scale *= e.getBoundingClientRect().width / e.viewBox.baseVal.width;
      }
    }
    return scale;
  };
  for (let n; (n = walk.nextNode());) {
    const el = n.parentElement;
    if (!n.data.trim() || el.closest('.sr-only, .skip-link, template, script, style, [hidden], [aria-hidden="true"]')) continue;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility !== 'visible' || +s.opacity === 0) continue;
    if (r.bottom < 0 || r.right < 0 || r.left > innerWidth) continue;
    const size = parseFloat(s.fontSize) * scaleOf(el);
    if (size < 11.95) {
      const key = `${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''}`;
      if (!out.has(key)) out.set(key, `${size.toFixed(1)} px "${n.data.trim().slice(0, 30)}" in <${key}>`);
    }
  }
  return [...out.values()];
})()"#;

#[test]
fn no_page_scrolls_sideways_or_shows_text_under_12px() {
    let Some(browser) = shared() else { return };
    let mut found = Vec::new();
    for (width, height) in SIZES {
        for page_url in PAGES {
            let page = browser.open_sized(&url(page_url), width, height);
            settle(&page);
            let scroll: f64 = page.eval("document.documentElement.scrollWidth");
            if scroll > f64::from(width) + 0.5 {
                found.push(format!(
                    "{page_url} at {width}×{height} is {scroll} px wide"
                ));
            }
            let small: Vec<String> = page.eval(SMALL_TEXT);
            found.extend(
                small
                    .into_iter()
                    .map(|s| format!("{page_url} at {width}×{height}: {s}")),
            );
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Each header cell's horizontal span and its column's first body cell's, in the agenda.
const AGENDA_COLUMNS: &str = r#"(() => {
  const head = [...document.querySelectorAll('.agenda thead th')].filter(c => c.getBoundingClientRect().width > 0);
  const body = [...document.querySelector('.agenda tbody tr').children].filter(c => c.getBoundingClientRect().width > 0);
  const span = c => { const r = c.getBoundingClientRect(); return [c.textContent.trim().slice(0, 12), Math.round(r.left), Math.round(r.right)]; };
  return [head.map(span), body.map(span), document.querySelector('.agenda').getBoundingClientRect().width];
})()"#;

#[test]
fn the_agenda_headers_sit_over_their_columns_and_the_table_fits() {
    let Some(browser) = shared() else { return };
    for (width, height) in SIZES {
        let page = browser.open_sized(&url("index.html"), width, height);
        settle(&page);
        type Span = (String, i64, i64);
        let (head, body, table): (Vec<Span>, Vec<Span>, f64) = page.eval(AGENDA_COLUMNS);
        assert_eq!(
            head.len(),
            body.len(),
            "at {width}px as many headers as columns: {head:?} over {body:?}"
        );
        for (h, b) in head.iter().zip(&body) {
            assert!(
                (h.1 - b.1).abs() <= 1 && (h.2 - b.2).abs() <= 1,
                "at {width}px the header {h:?} sits over its column {b:?}"
            );
        }
        assert!(
            table <= f64::from(width),
            "at {width}px the agenda is {table} px wide"
        );
        let starts: Vec<String> = page.eval("[...document.querySelectorAll('.agenda th')].map(c => getComputedStyle(c).display === 'none' ? '' : c.textContent.trim())");
        if width < 600 {
            assert!(
                !starts.iter().any(|s| s == "Starts"),
                "the hidden column's header is hidden too: {starts:?}"
            );
        }
    }
}

/// Words split across lines in headings and table cells: each text node's words, measured as
/// ranges; a word whose range covers more than one line box is broken in the middle.
const BROKEN_WORDS: &str = r#"(() => {
  const out = [];
  for (const el of document.querySelectorAll('h1, h2, h3, h4, th, td, caption')) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());) {
      if (n.parentElement.closest('pre, code')) continue;
      for (const m of n.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        if (m[0].length < 4) continue;
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
        if (lines.size > 1) out.push(`"${m[0]}" in <${el.tagName.toLowerCase()}> ${el.textContent.trim().slice(0, 40)}`);
      }
    }
  }
  return out.slice(0, 20);
})()"#;

#[test]
fn the_handout_breaks_no_word_in_headings_and_tables() {
    let Some(browser) = shared() else { return };
    for (width, height) in SIZES {
        for page_url in ["handout.html", "index.html"] {
            let page = browser.open_sized(&url(page_url), width, height);
            settle(&page);
            let broken: Vec<String> = page.eval(BROKEN_WORDS);
            assert!(
                broken.is_empty(),
                "{page_url} at {width}×{height} breaks words:\n{}",
                broken.join("\n")
            );
        }
    }
}

/// The smallest label of every diagram (an SVG image) on screen, in CSS px: its smallest
/// `font-size` times the scale it is drawn at, and how many px of it its paragraph hides
/// (scrolled off): `[src, px, hidden]`.
pub const DIAGRAM_LABELS: &str = r#"(async () => {
  const out = [];
  for (const img of document.querySelectorAll('img[src$=".svg"]')) {
    const r = img.getBoundingClientRect();
    if (!r.width || getComputedStyle(img).visibility !== 'visible') continue;
    const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml').documentElement;
    const vb = svg.viewBox.baseVal, width = vb && vb.width ? vb.width : parseFloat(svg.getAttribute('width'));
    const sizes = [...svg.outerHTML.matchAll(/font-size(?:="|:\s*)([\d.]+)/g)].map(m => +m[1]);
    if (!sizes.length) continue;
    // What the reader cannot see without scrolling: the part of the image its box cuts off.
    const box = img.parentElement.getBoundingClientRect();
    const hidden = Math.max(0, r.right - box.right) + Math.max(0, box.left - r.left);
    out.push([img.getAttribute('src'), Math.min(...sizes) * r.width / width, hidden]);
  }
  return out;
})()"#;

#[test]
fn diagram_labels_are_never_under_12px() {
    let Some(browser) = shared() else { return };
    let mut found = Vec::new();
    for (width, height) in SIZES {
        // The handout: every diagram of the workshop.
        let page = browser.open_sized(&url("handout.html"), width, height);
        settle(&page);
        let labels: Vec<(String, f64, f64)> = page.eval(DIAGRAM_LABELS);
        assert!(labels.len() >= 5, "{labels:?}");
        if width >= 1280 {
            // A laptop has room for every diagram whole: nothing to scroll.
            found.extend(
                labels
                    .iter()
                    .filter(|l| l.2 > 0.5)
                    .map(|l| format!("handout at {width}px: {} is cut by {:.0} px", l.0, l.2)),
            );
        }
        found.extend(
            labels
                .iter()
                .filter(|l| l.1 < 11.95)
                .map(|l| format!("handout at {width}px: {} labels at {:.1} px", l.0, l.1)),
        );
        // The deck: each slide that shows a diagram.
        let page = browser.open_sized(&url("print-deck.html"), width, height);
        settle(&page);
        let ids: Vec<String> = page.eval("deckhand.slides().filter(s => document.getElementById(s.id).querySelector('img[src$=\".svg\"]')).map(s => s.id)");
        assert!(!ids.is_empty());
        for id in ids {
            page.run(&format!("deckhand.setState({{ id: {id:?} }})"));
            page.wait_for(&format!("document.getElementById({id:?}).classList.contains('current') && getComputedStyle(document.getElementById({id:?})).visibility === 'visible'"));
            let labels: Vec<(String, f64, f64)> = page.eval(&format!("(async () => {{ document.querySelectorAll('.slide:not(#{id}) img').forEach(i => i.style.visibility = 'hidden'); return {DIAGRAM_LABELS}; }})()"));
            found.extend(
                labels
                    .iter()
                    .filter(|l| l.1 < 11.95)
                    .map(|l| format!("deck {id} at {width}px: {} labels at {:.1} px", l.0, l.1)),
            );
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
