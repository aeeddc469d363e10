//! The deck page as a presenter and the audience use it: keys, fragments and code steps, deep
//! links and history, the overview, accessibility, and what it loads. Over HTTP under a
//! sub-path, except where a test says otherwise.

use super::site::{Deck, OnDisk, WORKSHOP, every_feature_url, open_deck, workshop_url};
use super::{Page, shared};

fn deck(page: &str) -> String {
    format!("{}deck.html{page}", workshop_url())
}

/// The visible slide and the hash after each key, from the first slide.
#[test]
fn navigation_keys_move_the_visible_slide_and_the_hash() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck(""));
    page.wait_at("intro-1", 0);
    let total = page.state().total;
    assert_eq!(total as usize, WORKSHOP.slides);

    // intro-2 has five fragments: every "next" key shows one, every "previous" key hides one.
    let steps = [
        ("ArrowRight", "intro-2", 0),
        ("ArrowRight", "intro-2", 1),
        ("Space", "intro-2", 2),
        ("PageDown", "intro-2", 3),
        ("ArrowDown", "intro-2", 4),
        ("ArrowUp", "intro-2", 3),
        ("PageUp", "intro-2", 2),
        ("Shift+Space", "intro-2", 1),
        ("ArrowLeft", "intro-2", 0),
        ("ArrowLeft", "intro-1", 0),
        ("End", "data-room-13", 0),
        // Going back onto a slide shows all its fragments.
        ("PageUp", "data-room-12", 1),
        ("Home", "intro-1", 0),
    ];
    for (key, id, f) in steps {
        page.press(key);
        page.wait_at(id, f);
    }

    // A number and Enter: the 12th slide, or the slide numbered 2.3.
    page.type_text("12");
    page.press("Enter");
    page.wait_at("intro-12", 0);
    page.type_text("2.3");
    page.press("Enter");
    page.wait_at("concepts-3", 0);
    // The slide number in the corner and the progress bar follow.
    assert_eq!(
        page.eval::<String>("document.querySelector('.dh-num').textContent"),
        "2.3"
    );
    assert!(
        page.console_errors().is_empty(),
        "{:?}",
        page.console_errors()
    );
}

/// Left and right skip a stack of sub-slides, up and down move within it, Space reads on.
#[test]
fn vertical_slides_move_with_up_and_down() {
    let Some(browser) = shared() else { return };
    let page = open_deck(
        browser,
        &format!("{}deck.html#/syntax-4", every_feature_url()),
    );
    page.wait_at("syntax-4", 0);
    for (key, id) in [
        ("ArrowRight", "fragments"),
        ("ArrowLeft", "syntax-4"),
        ("ArrowDown", "syntax-4-1"),
        ("ArrowDown", "syntax-4-1"),
        ("ArrowUp", "syntax-4"),
        ("Space", "syntax-4-1"),
        ("ArrowLeft", "syntax-3"),
        ("PageDown", "syntax-4"),
    ] {
        page.press(key);
        page.wait_at(id, 0);
    }
    // From a sub-slide, left goes to the previous stack, not up.
    page.press("ArrowDown");
    page.wait_at("syntax-4-1", 0);
    page.press("ArrowLeft");
    page.wait_at("syntax-3", 0);
    assert_eq!(
        page.eval::<String>("document.querySelector('.dh-num').textContent"),
        "1.3"
    );
    page.press("ArrowRight");
    page.press("ArrowDown");
    page.wait_at("syntax-4-1", 0);
    assert_eq!(
        page.eval::<String>("document.querySelector('.dh-num').textContent"),
        "1.4.1"
    );
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

#[test]
fn fragments_show_and_hide_in_reveal_order() {
    let Some(browser) = shared() else { return };
    let page = open_deck(
        browser,
        &format!("{}deck.html#/fragments", every_feature_url()),
    );
    page.emulate_media("", &[("prefers-reduced-motion", "reduce")]);
    page.wait_at("fragments", 0);
    assert_eq!(shown_fragments(&page), Vec::<String>::new());
    // reveal.js order: fragments with a data-fragment-index first, then the others.
    let second = "Appears second";
    let first = "Appears first";
    let last = "A paragraph that appears last.";
    let expected: [&[&str]; 4] = [&[], &[second], &[first, second], &[first, second, last]];
    for (f, shown) in expected.iter().enumerate().skip(1) {
        page.press("ArrowRight");
        page.wait_at("fragments", f as u32);
        assert_eq!(shown_fragments(&page), *shown, "step {f}");
    }
    for f in (0..3).rev() {
        page.press("ArrowLeft");
        page.wait_at("fragments", f as u32);
        assert_eq!(shown_fragments(&page), expected[f], "back to step {f}");
    }
}

/// concepts-3 steps through `1|2|3-7|8-11`: each step lights one group of lines.
#[test]
fn code_steps_light_their_lines_forwards_and_backwards() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/concepts-3"));
    page.wait_at("concepts-3", 0);
    let groups: [Vec<u32>; 4] = [vec![1], vec![2], (3..=7).collect(), (8..=11).collect()];
    assert_eq!(lit_lines(&page), groups[0]);
    for (f, lines) in groups.iter().enumerate().skip(1) {
        page.press("Space");
        page.wait_at("concepts-3", f as u32);
        assert_eq!(lit_lines(&page), *lines, "step {f}");
    }
    // Lit lines touch: one band, no stripes of background between them.
    page.press("PageUp");
    page.wait_at("concepts-3", 2);
    let gaps: Vec<f64> = page.eval(
        "[...document.querySelectorAll('.current .hl-on')].map(ln => ln.getBoundingClientRect())
           .flatMap((r, i, all) => i ? [Math.abs(r.top - all[i - 1].bottom)] : []).filter(gap => gap > 0.5)",
    );
    assert!(gaps.is_empty(), "gaps between lit lines: {gaps:?}");
    page.press("PageDown");
    page.wait_at("concepts-3", 3);
    for f in (0..3).rev() {
        page.press("PageUp");
        page.wait_at("concepts-3", f as u32);
        assert_eq!(lit_lines(&page), groups[f], "back to step {f}");
    }
    // The lit lines are in view inside the code block.
    page.press("End");
    page.press("Home");
    page.wait_at("intro-1", 0);
    page.run("deckhand.setState({ id: 'concepts-5', f: 3 })");
    page.wait_at("concepts-5", 3);
    assert_eq!(lit_lines(&page), (10..=14).collect::<Vec<_>>());
    let in_view: bool = page.eval(
        "(() => { const pre = document.querySelector('.current pre'), r = pre.getBoundingClientRect();
            return [...pre.querySelectorAll('.hl-on')].every(ln => { const b = ln.getBoundingClientRect();
              return b.top >= r.top - 1 && b.bottom <= r.bottom + 1; }); })()",
    );
    assert!(
        in_view,
        "the lit lines of concepts-5 step 3 are scrolled out of view"
    );
}

#[test]
fn deep_links_reload_and_history_keep_the_position() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/concepts-5/2"));
    page.wait_at("concepts-5", 2);
    assert_eq!(lit_lines(&page), (7..=9).collect::<Vec<_>>());

    page.reload();
    page.wait_for("window.deckhand && deckhand.ready");
    page.wait_at("concepts-5", 2);
    assert_eq!(lit_lines(&page), (7..=9).collect::<Vec<_>>());

    // A fragment step replaces the history entry, a slide change adds one.
    page.press("ArrowRight");
    page.wait_at("concepts-5", 3);
    page.press("ArrowRight");
    page.wait_at("concepts-6", 0);
    page.run("history.back()");
    page.wait_at("concepts-5", 3);
    page.run("history.forward()");
    page.wait_at("concepts-6", 0);

    // A link to a heading's id opens the slide that holds it.
    page.goto(&deck("#/"));
    page.wait_at("intro-1", 0);
    let heading: String = page.eval("document.querySelector('#concepts-4 :is(h2, h3)[id]').id");
    page.run(&format!("location.hash = '#{heading}'"));
    page.wait_at("concepts-4", 0);

    // An unknown slide keeps the position and puts the hash back; loaded, it opens the first.
    page.run("location.hash = '#/no-such-slide'");
    page.wait_at("concepts-4", 0);
    page.goto(&deck("?again#/no-such-slide/2"));
    page.wait_for("window.deckhand && deckhand.ready");
    page.wait_at("intro-1", 0);
}

#[test]
fn overview_opens_with_o_and_a_click_jumps_there() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck("#/intro-3"));
    page.wait_at("intro-3", 0);
    page.press("o");
    page.wait_for(
        "deckhand.getState().overview && document.documentElement.classList.contains('overview')",
    );
    // Every slide is on screen as a thumbnail somewhere in the grid.
    let visible: u32 = page.eval(
        "[...document.querySelectorAll('.slide')].filter(el => getComputedStyle(el).visibility === 'visible').length",
    );
    assert_eq!(visible as usize, WORKSHOP.slides);
    page.run("document.getElementById('concepts-4').scrollIntoView({ block: 'center' })");
    page.click("#concepts-4");
    page.wait_for("!deckhand.getState().overview");
    page.wait_at("concepts-4", 0);

    // Esc opens it too, the arrows move the selection and Enter opens the selected slide.
    page.press("Escape");
    page.wait_for("deckhand.getState().overview");
    page.press("ArrowRight");
    page.wait_for("deckhand.getState().id === 'concepts-5'");
    page.press("Enter");
    page.wait_for("!deckhand.getState().overview");
    page.wait_at("concepts-5", 0);
}

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
        "document.querySelector('[aria-live]').textContent === \"Slide 1.2: The author's journey\"",
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
    for _ in 0..12 {
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

/// Loading the deck, stepping through every slide, the overview and the help log no error, and
/// every request stays on the site, under its sub-path.
#[test]
fn no_console_errors_and_no_request_leaves_the_site() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &deck(""));
    let total = page.state().total;
    for _ in 0..total {
        page.run("deckhand.setState({ index: deckhand.getState().index + 1, f: Infinity })");
    }
    page.wait_for(&format!("deckhand.getState().index === {}", total - 1));
    page.press("o");
    page.press("o");
    page.press("?");
    page.wait_for("document.querySelector('.dh-help').open");
    page.press("Escape");
    page.goto(&format!("{}index.html", workshop_url()));
    assert_no_errors_and_local(&page, workshop_url());
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

/// Opened from disk, with a space in the folder's name: keys, hash, and no request elsewhere.
#[test]
fn the_deck_works_from_file_urls() {
    let Some(browser) = shared() else { return };
    let disk = OnDisk::new(&WORKSHOP);
    let page = open_deck(browser, &format!("{}deck.html#/intro-5", disk.url()));
    page.wait_at("intro-5", 0);
    page.press("ArrowRight");
    page.wait_at("intro-5", 1);
    assert_eq!(lit_lines(&page), (10..=12).collect::<Vec<_>>());
    page.press("ArrowRight");
    page.wait_at("intro-6", 0);
    page.reload();
    page.wait_for("window.deckhand && deckhand.ready");
    page.wait_at("intro-6", 0);
    page.press("o");
    page.wait_for("deckhand.getState().overview");
    assert_no_errors_and_local(&page, &disk.url());
}

/// Without JavaScript, the page is a readable document of every slide, without notes.
#[test]
fn without_javascript_every_slide_reads_as_a_document() {
    let Some(browser) = shared() else { return };
    let page = browser.blank(1280, 720);
    page.call(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": true }),
    );
    page.goto(&deck(""));
    let (shown, notes, width): (u32, u32, f64) = page.eval(
        "[[...document.querySelectorAll('.slide')].filter(el => el.getBoundingClientRect().height > 0).length,
          [...document.querySelectorAll('.notes')].filter(el => el.getBoundingClientRect().height > 0).length,
          document.documentElement.scrollWidth]",
    );
    assert_eq!(shown as usize, WORKSHOP.slides);
    assert_eq!(notes, 0, "notes show without JavaScript");
    assert!(width <= 1280.0, "the page scrolls sideways: {width}px");
}

/// The harness itself: a private browser starts, works, and its process ends when it drops.
#[test]
fn a_private_browser_quits_when_dropped() {
    let Some(browser) = super::Browser::launch() else {
        return;
    };
    let pid = browser.pid();
    {
        let page = browser.open("about:blank");
        assert_eq!(page.eval::<u32>("6 * 7"), 42);
    }
    drop(browser);
    let proc = std::path::Path::new("/proc").join(pid.to_string());
    assert!(
        !proc.exists() || !std::path::Path::new("/proc/self").exists(),
        "Chromium {pid} still runs"
    );
}

/// The ◐ button flips the theme against the system's, and a reload keeps the choice.
#[test]
fn the_theme_toggle_flips_and_is_remembered() {
    let Some(browser) = shared() else { return };
    let page = browser.blank(1280, 720);
    page.emulate_media("", &[("prefers-color-scheme", "dark")]);
    page.goto(&deck("#/intro-2"));
    super::site::wait_ready(&page);
    let background = "getComputedStyle(document.querySelector('.current')).backgroundColor";
    let dark: String = page.eval(background);
    page.click(".dh-controls [data-a=theme]");
    page.wait_for("document.documentElement.dataset.theme === 'light'");
    let light: String = page.eval(background);
    assert_ne!(dark, light);
    assert_eq!(light, "rgb(255, 255, 255)");
    page.reload();
    super::site::wait_ready(&page);
    assert_eq!(page.eval::<String>(background), light);
    page.click(".dh-controls [data-a=theme]");
    page.wait_for(&format!("{background} === {dark:?}"));
}
