//! What a person who does not use a mouse or does not see the screen relies on: announcements, reduced motion, focus, help, the theme.

use super::*;

#[test]
fn the_live_region_announces_each_slide_title() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck(""));
    page.wait_at("intro-1", 0);
    let live: (String, String) =
        page.eval("(() => { const l = document.querySelector('[aria-live]'); return [l.getAttribute('aria-live'), l.className]; })()");
    assert_eq!(live.0, "polite");
    page.press("ArrowRight");
    page.wait_at("intro-2", 0);
    page.wait_for(
        "document.querySelector('[aria-live]').textContent === 'Slide 1.2: My (actual) tech journey'",
    );
    page.press("End");
    page.wait_at("data-room-13", 0);
    page.wait_for(
        "document.querySelector('[aria-live]').textContent === 'Slide 10.13: References'",
    );
}

#[test]
fn reduced_motion_turns_transitions_off() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/intro-2"));
    page.wait_at("intro-2", 0);
    // Everything that moves: slides, fragments, the progress bar, and any other element.
    let longest = "Math.max(...[...document.querySelectorAll('*')].flatMap(el => {
        const s = getComputedStyle(el);
        return [...s.transitionDuration.split(','), ...s.animationDuration.split(',')].map(parseFloat);
      }))";
    assert!(
        page.eval::<f64>(longest) > 0.0,
        "the deck has transitions to turn off"
    );
    page.emulate_media("", &[("prefers-reduced-motion", "reduce")]);
    page.wait_for("matchMedia('(prefers-reduced-motion: reduce)').matches");
    assert_eq!(
        page.eval::<f64>(longest),
        0.0,
        "transitions or animations left with reduced motion"
    );
    // A step then shows at once.
    page.press("ArrowRight");
    assert_eq!(
        page.eval::<String>(
            "getComputedStyle(document.querySelector('.current .fragment')).opacity"
        ),
        "1"
    );
}

/// Tab reaches the controls, and what has the focus shows a clear outline.
#[test]
fn keyboard_focus_is_visible() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/concepts-3"));
    page.wait_at("concepts-3", 0);
    let mut seen = Vec::new();
    // The skip link, the masthead's links (site, previous and next chapter), the slide, the
    // controls.
    for _ in 0..16 {
        page.press("Tab");
        let focused: (String, bool, String, f64, bool) = page.eval(
            "(() => { const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
               return [el.tagName + '.' + el.className + (el.getAttribute('aria-label') ? ':' + el.getAttribute('aria-label') : ''),
                 el.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth),
                 r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight]; })()",
        );
        if focused.0.starts_with("BODY") {
            continue;
        }
        assert!(
            focused.1 && focused.2 != "none" && focused.3 >= 2.0 && focused.4,
            "focus on {} is not visible: :focus-visible {}, outline {} {}px, on screen {}",
            focused.0,
            focused.1,
            focused.2,
            focused.3,
            focused.4
        );
        seen.push(focused.0);
    }
    for wanted in [
        "A.skip-link",
        "PRE.hl",
        "BUTTON.:Next",
        "BUTTON.:Keyboard shortcuts",
    ] {
        assert!(
            seen.iter().any(|s| s.starts_with(wanted) || s == wanted),
            "Tab never reached {wanted}; it went to {seen:?}"
        );
    }
}

/// The help opens with ?, lists the keys, and Escape closes it without opening the overview.
#[test]
fn help_lists_the_keys() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/intro-2"));
    page.wait_at("intro-2", 0);
    page.press("?");
    page.wait_for("document.querySelector('.dh-help').open");
    let text: String = page.eval("document.querySelector('.dh-help').innerText");
    for key in [
        "Space",
        "PageDown",
        "Home",
        "Enter",
        "Overview",
        "Speaker view",
        "Blackout",
    ] {
        assert!(
            text.contains(key),
            "the help does not mention {key}:\n{text}"
        );
    }
    page.press("Escape");
    page.wait_for("!document.querySelector('.dh-help').open");
    assert!(!page.state().overview);
    // B blacks out, any deck key brings the slide back without moving.
    page.press("b");
    page.wait_for("deckhand.getState().paused");
    page.press("ArrowRight");
    page.wait_for("!deckhand.getState().paused");
    page.wait_at("intro-2", 0);
}

/// The ◐ button flips the theme against the system's, and a reload keeps the choice.
#[test]
fn the_theme_toggle_flips_and_is_remembered() {
    let Some(browser) = shared() else { return };
    let page = browser.blank(1280, 720);
    page.emulate_media("", &[("prefers-color-scheme", "dark")]);
    page.goto(&deck("#/intro-2"));
    crate::browser::site::wait_ready(&page);
    let background = "getComputedStyle(document.querySelector('.current')).backgroundColor";
    let dark: String = page.eval(background);
    page.click(".dh-controls [data-a=theme]");
    page.wait_for("document.documentElement.dataset.theme === 'light'");
    let light: String = page.eval(background);
    assert_ne!(dark, light);
    assert_eq!(light, "rgb(255, 255, 255)");
    page.reload();
    crate::browser::site::wait_ready(&page);
    assert_eq!(page.eval::<String>(background), light);
    page.click(".dh-controls [data-a=theme]");
    page.wait_for(&format!("{background} === {dark:?}"));
}
