//! Nothing overflows (on the page holding every slide, print-deck.html): every slide of the
//! bundled workshop, with every fragment shown, fits its
//! 1280×720 slide, code blocks included (a code block that scrolls hides code from the room);
//! and on a phone held upright no slide is wider than the screen.

use super::site::{WORKSHOP, workshop_url};
use super::{Browser, shared};

/// For every slide, what does not fit: `id: problem`.
const PROBLEMS: &str = r#"(async () => {
  await document.fonts.ready;
  await Promise.all([...document.images].map(img => img.decode().catch(() => {})));
  const out = [], px = n => Math.round(n) + 'px';
  for (const s of deckhand.slides()) {
    deckhand.setState({ id: s.id, f: Infinity });
    const el = document.getElementById(s.id), box = el.getBoundingClientRect();
    const content = el.querySelector('.slide-content');
    if (content.scrollHeight > content.clientHeight + 1)
      out.push(`${s.id}: content is ${px(content.scrollHeight - content.clientHeight)} too tall`);
    if (content.scrollWidth > content.clientWidth + 1)
      out.push(`${s.id}: content is ${px(content.scrollWidth - content.clientWidth)} too wide`);
    for (const pre of el.querySelectorAll('pre')) {
      if (pre.scrollHeight > pre.clientHeight + 1)
        out.push(`${s.id}: a code block hides ${px(pre.scrollHeight - pre.clientHeight)} of its lines`);
      if (pre.scrollWidth > pre.clientWidth + 1)
        out.push(`${s.id}: a code block cuts ${px(pre.scrollWidth - pre.clientWidth)} off its lines`);
    }
    // Inside a block that scrolls sideways (a diagram on a phone), what overflows is reachable.
    const scrolled = e => { for (let p = e.parentElement; p && p !== content; p = p.parentElement)
      if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true; return false; };
    for (const child of content.querySelectorAll('*')) {
      if (child.closest('pre') && child.tagName !== 'PRE') continue;
      if (scrolled(child)) continue;
      const r = child.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push(`${s.id}: <${child.tagName.toLowerCase()}> "${child.textContent.trim().slice(0, 40)}" leaves the slide`);
        break;
      }
    }
  }
  return out;
})()"#;

fn problems(browser: &Browser, width: u32, height: u32) -> Vec<String> {
    let page = browser.open_sized(&format!("{}print-deck.html", workshop_url()), width, height);
    super::site::wait_ready(&page);
    let scale: f64 =
        page.eval("+getComputedStyle(document.documentElement).getPropertyValue('--s')");
    assert!(scale > 0.0);
    let found: Vec<String> = page.eval(PROBLEMS);
    assert_eq!(
        page.eval::<usize>("deckhand.slides().length"),
        WORKSHOP.slides
    );
    found
}

#[test]
fn every_slide_fits_at_1280x720() {
    let Some(browser) = shared() else { return };
    let found = problems(browser, 1280, 720);
    assert!(
        found.is_empty(),
        "{} problems at 1280×720 (shorten or split these slides, or mark them small):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn no_slide_is_wider_than_a_phone() {
    let Some(browser) = shared() else { return };
    let found: Vec<String> = problems(browser, 390, 844)
        .into_iter()
        // A code block's long lines scroll inside it on a phone (wrapping would break tokens
        // and YAML's indentation): only a slide wider than the screen is a problem.
        .filter(|p| p.contains("too wide") || p.contains("leaves the slide"))
        .collect();
    assert!(
        found.is_empty(),
        "{} problems on a 390×844 phone:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Every piece of text in the deck page (slides, code tokens, chrome, the help), in both
/// themes: at least WCAG AA contrast against what is behind it (4.5:1, or 3:1 for large text).
const CONTRAST: &str = r#"(() => {
  const rgba = c => { const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat(1);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
    return .2126 * r + .7152 * g + .0722 * b; };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    return layers.reduceRight((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const out = new Map(), walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    const el = n.parentElement;
    if (!n.data.trim() || el.closest('.notes, .sr-only, .deck-masthead, .skip-link, template, [hidden], script')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' && !el.closest('.slide')) continue;
    const bg = background(el), fg = over(rgba(s.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x), ratio = (a + .05) / (b + .05);
    const size = parseFloat(s.fontSize) * (el.closest('.slide') ? 1 : 1), large = size >= 24 || size >= 18.66 && +s.fontWeight >= 700;
    if (ratio < (large ? 3 : 4.5)) {
      const key = `${el.tagName.toLowerCase()}.${el.className} ${s.color} on rgb(${bg.slice(0, 3).map(Math.round)})`;
      if (!out.has(key)) out.set(key, `${key}: ${ratio.toFixed(2)}:1 for "${n.data.trim().slice(0, 30)}" in #${el.closest('[id]')?.id}`);
    }
  }
  return [...out.values()];
})()"#;

#[test]
fn text_contrast_meets_wcag_aa_in_both_themes() {
    let Some(browser) = shared() else { return };
    let mut found = Vec::new();
    for theme in ["light", "dark"] {
        let page = browser.open(&format!(
            "{}deck.html?theme={theme}#/concepts-3",
            workshop_url()
        ));
        super::site::wait_ready(&page);
        page.press("?");
        page.wait_for("document.querySelector('.dh-help').open");
        let problems: Vec<String> = page.eval(CONTRAST);
        found.extend(problems.into_iter().map(|p| format!("{theme}: {p}")));
        // The speaker view, with its theme from the deck's saved choice.
        page.run(&format!(
            "localStorage.setItem('deckhand-theme', '{theme}')"
        ));
        page.goto(&format!("{}speaker.html#/concepts-3/1", workshop_url()));
        page.wait_for("document.getElementById('sv-number').textContent === '2.3'");
        page.press("t");
        page.wait_for("document.body.classList.contains('sv-paused')");
        let problems: Vec<String> = page.eval(CONTRAST);
        found.extend(
            problems
                .into_iter()
                .map(|p| format!("{theme} speaker view: {p}")),
        );
    }
    assert!(
        found.is_empty(),
        "text below WCAG AA contrast:\n{}",
        found.join("\n")
    );
}
