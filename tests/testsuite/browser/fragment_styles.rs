//! Fragment styles as reveal.js names them (`<!-- .element: class="fragment fade-up" -->`): each
//! one's computed style before its step, once the step is reached and once it is passed, as
//! the README describes; with reduced motion nothing moves; print shows the last state.

use super::layouts::layout_url;
use super::site::{Deck, open_deck};

use super::{Browser, Page, shared};

/// The chapter of fragment styles, one step each, in the order of [`STEPS`].
pub(super) const FRAGMENTS: &str = r#"+++
title = "Fragments"
duration = 5
+++

# Fragments

---

<!-- .slide: id="frags" class="columns small" -->
## Fragment styles

- fade-out <!-- .element: class="fragment fade-out" -->
- fade-up <!-- .element: class="fragment fade-up" -->
- fade-down <!-- .element: class="fragment fade-down" -->
- fade-left <!-- .element: class="fragment fade-left" -->
- fade-right <!-- .element: class="fragment fade-right" -->
- fade-in-then-out <!-- .element: class="fragment fade-in-then-out" -->

<!-- .column -->

- fade-in-then-semi-out <!-- .element: class="fragment fade-in-then-semi-out" -->
- semi-fade-out <!-- .element: class="fragment semi-fade-out" -->
- grow <!-- .element: class="fragment grow" -->
- shrink <!-- .element: class="fragment shrink" -->
- current-visible <!-- .element: class="fragment current-visible" -->
- highlight-red <!-- .element: class="fragment highlight-red" -->

<!-- .column -->

- highlight-green <!-- .element: class="fragment highlight-green" -->
- highlight-blue <!-- .element: class="fragment highlight-blue" -->
- highlight-current-red <!-- .element: class="fragment highlight-current-red" -->
- highlight-current-green <!-- .element: class="fragment highlight-current-green" -->
- highlight-current-blue <!-- .element: class="fragment highlight-current-blue" -->
- strike <!-- .element: class="fragment strike" -->
"#;

/// For each style: what holds before its step, once reached, and once the next step is
/// reached. `s` is the element's computed style; `tx(s)`, `ty(s)`, `sc(s)` read its transform;
/// `t` holds the theme's tones (`fg`, `red`, `green`, `blue`) as computed colours.
const STEPS: [(&str, &str, &str, &str); 18] = [
    (
        "fade-out",
        "+s.opacity === 1",
        "+s.opacity === 0 && s.visibility === 'hidden'",
        "+s.opacity === 0",
    ),
    (
        "fade-up",
        "+s.opacity === 0 && ty(s) > 0",
        "+s.opacity === 1 && s.transform === 'none'",
        "+s.opacity === 1",
    ),
    (
        "fade-down",
        "+s.opacity === 0 && ty(s) < 0",
        "+s.opacity === 1 && s.transform === 'none'",
        "+s.opacity === 1",
    ),
    (
        "fade-left",
        "+s.opacity === 0 && tx(s) > 0",
        "+s.opacity === 1 && s.transform === 'none'",
        "+s.opacity === 1",
    ),
    (
        "fade-right",
        "+s.opacity === 0 && tx(s) < 0",
        "+s.opacity === 1 && s.transform === 'none'",
        "+s.opacity === 1",
    ),
    (
        "fade-in-then-out",
        "+s.opacity === 0",
        "+s.opacity === 1",
        "+s.opacity === 0 && s.visibility === 'hidden'",
    ),
    (
        "fade-in-then-semi-out",
        "+s.opacity === 0",
        "+s.opacity === 1",
        "+s.opacity === 0.5",
    ),
    (
        "semi-fade-out",
        "+s.opacity === 1",
        "+s.opacity === 0.5",
        "+s.opacity === 0.5",
    ),
    (
        "grow",
        "+s.opacity === 1 && s.transform === 'none'",
        "sc(s) === 1.25",
        "sc(s) === 1.25",
    ),
    (
        "shrink",
        "+s.opacity === 1 && s.transform === 'none'",
        "sc(s) === 0.75",
        "sc(s) === 0.75",
    ),
    (
        "current-visible",
        "+s.opacity === 0",
        "+s.opacity === 1",
        "+s.opacity === 0",
    ),
    (
        "highlight-red",
        "s.color === t.fg",
        "s.color === t.red",
        "s.color === t.red",
    ),
    (
        "highlight-green",
        "s.color === t.fg",
        "s.color === t.green",
        "s.color === t.green",
    ),
    (
        "highlight-blue",
        "s.color === t.fg",
        "s.color === t.blue",
        "s.color === t.blue",
    ),
    (
        "highlight-current-red",
        "+s.opacity === 1 && s.color === t.fg",
        "s.color === t.red",
        "s.color === t.fg",
    ),
    (
        "highlight-current-green",
        "s.color === t.fg",
        "s.color === t.green",
        "s.color === t.fg",
    ),
    (
        "highlight-current-blue",
        "s.color === t.fg",
        "s.color === t.blue",
        "s.color === t.fg",
    ),
    (
        "strike",
        "s.textDecorationLine === 'none'",
        "s.textDecorationLine === 'line-through'",
        "true",
    ),
];

/// Defines `look(style, expr)`: evaluates `expr` on the fragment with that style.
const LOOK: &str = r#"window.look = (style, test) => {
  const el = document.querySelector('#frags .fragment.' + style), s = getComputedStyle(el);
  const m = new DOMMatrix(s.transform === 'none' ? undefined : s.transform);
  const tx = () => m.m41, ty = () => m.m42, sc = () => Math.round(m.a * 100) / 100;
  const tone = v => { const p = document.createElement('span'); p.style.color = v;
    document.getElementById('frags').append(p); const c = getComputedStyle(p).color; p.remove(); return c; };
  const t = { fg: tone('var(--dh-fg)'), red: tone('var(--dh-bad)'), green: tone('var(--dh-ok)'),
    blue: tone('light-dark(#0a56c2, #86b7ff)') };
  return test(s, t, tx, ty, sc);
};
window.seen = style => { const s = getComputedStyle(document.querySelector('#frags .fragment.' + style));
  return `opacity ${s.opacity}, visibility ${s.visibility}, transform ${s.transform}, color ${s.color}, text-decoration ${s.textDecorationLine}`; };"#;

fn expect(page: &Page, style: &str, test: &str, when: &str) {
    let js = format!("look({style:?}, (s, t, tx, ty, sc) => {test})");
    page.wait_for_or(&js, || {
        format!(
            "`{style}` {when} (step {:?}): wanted {test}; it has {:?}",
            page.try_eval("deckhand.getState().f"),
            page.try_eval(&format!("seen({style:?})"))
        )
    });
}

trait Steps {
    fn goto_step(&self, f: usize);
}

impl Steps for Page {
    fn goto_step(&self, f: usize) {
        self.run(&format!("deckhand.setState({{ id: 'frags', f: {f} }})"));
        // The state, not the URL: the hash is written 300 ms after a burst of steps.
        self.wait_for(&format!(
            "deckhand.getState().id === 'frags' && deckhand.getState().f === {f}"
        ));
    }
}

fn open_fragments(browser: &Browser, theme: &str, reduced: bool) -> Page {
    let page = browser.blank(1280, 720);
    if reduced {
        page.emulate_media("", &[("prefers-reduced-motion", "reduce")]);
    }
    page.goto(&format!("{}deck.html?theme={theme}#/frags", layout_url()));
    super::site::wait_ready(&page);
    page.run(LOOK);
    page
}

fn check_every_style_steps(browser: &Browser, theme: &str) {
    let page = open_fragments(browser, theme, false);
    assert_eq!(page.state().fragments as usize, STEPS.len());
    // One pass forward: at step f, style f is before its step, f - 1 at it, f - 2 past it.
    for f in 0..=STEPS.len() {
        page.goto_step(f);
        for (k, (style, before, reached, passed)) in STEPS.iter().enumerate() {
            match f.checked_sub(k) {
                Some(0) => expect(&page, style, before, "before its step"),
                Some(1) => expect(&page, style, reached, "at its step"),
                Some(2) => expect(&page, style, passed, "after its step"),
                _ => {}
            }
        }
    }
}

#[test]
fn every_fragment_style_steps_as_documented_in_light_and_dark() {
    let Some(browser) = shared() else { return };
    check_every_style_steps(browser, "light");
    check_every_style_steps(browser, "dark");
}

#[test]
fn reduced_motion_fragments_change_without_moving() {
    let Some(browser) = shared() else { return };
    let page = open_fragments(browser, "light", true);
    page.wait_for("matchMedia('(prefers-reduced-motion: reduce)').matches");
    let no_transform = "[...document.querySelectorAll('#frags .fragment')]
        .every(el => getComputedStyle(el).transform === 'none')";
    for f in 0..=STEPS.len() {
        page.goto_step(f);
        assert!(
            page.eval::<bool>(no_transform),
            "a fragment is transformed at step {f}"
        );
    }
    // Still a step: fade-up appears, grow turns bold, at once (no transition).
    page.goto_step(1);
    let fade_up = "getComputedStyle(document.querySelector('#frags .fade-up'))";
    assert_eq!(page.eval::<String>(&format!("{fade_up}.opacity")), "0");
    page.goto_step(2);
    assert_eq!(page.eval::<String>(&format!("{fade_up}.opacity")), "1");
    page.goto_step(9);
    let bold: String =
        page.eval("getComputedStyle(document.querySelector('#frags .grow')).fontWeight");
    assert_eq!(bold, "700");
}

#[test]
fn print_and_the_overview_show_every_fragment_as_the_last_step_leaves_it() {
    let Some(browser) = shared() else { return };
    // Final states: what the deck shows after the slide's last step.
    let last = |style: &str| {
        STEPS
            .iter()
            .find(|s| s.0 == style)
            .map(|s| {
                if s.0.starts_with("highlight-current") {
                    s.1
                } else {
                    s.3
                }
            })
            .unwrap()
    };
    let checks = [
        "fade-out",
        "fade-up",
        "fade-in-then-semi-out",
        "semi-fade-out",
        "grow",
        "current-visible",
        "highlight-red",
        "highlight-current-blue",
    ];
    let page = open_deck(browser, &format!("{}deck.html#/frags", layout_url()));
    page.run(LOOK);
    page.press("o");
    page.wait_for("deckhand.getState().overview");
    for style in checks {
        let test = last(style);
        page.wait_for_or(
            &format!("look({style:?}, (s, t, tx, ty, sc) => {test})"),
            || {
                format!(
                    "overview: `{style}` wanted {test}; {:?}",
                    page.try_eval(&format!("seen({style:?})"))
                )
            },
        );
    }
    let strike: String = page.eval("seen('strike')");
    assert!(strike.contains("line-through"), "{strike}");
    let page = open_deck(browser, &format!("{}deck.html#/frags", layout_url()));
    page.run(LOOK);
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    for style in checks {
        let test = last(style);
        let ok: bool = page.eval(&format!("look({style:?}, (s, t, tx, ty, sc) => {test})"));
        assert!(
            ok,
            "print: `{style}` wanted {test}; {}",
            page.eval::<String>(&format!("seen({style:?})"))
        );
    }
}
