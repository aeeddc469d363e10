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
