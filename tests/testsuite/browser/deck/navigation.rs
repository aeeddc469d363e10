//! Moving through the deck: keys, vertical slides, fragments, code steps, deep links and history, the overview.

use super::*;

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
    let groups: [Vec<u32>; 4] = [vec![1], vec![2], (3..=7).collect(), (8..=9).collect()];
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
    page.wait_for("deckhand.getState().index === deckhand.getState().total - 1");
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

    // A link to a heading's id opens the slide that holds it, from another chapter's page too.
    let heading: String = page.eval("document.querySelector('#concepts-4 :is(h2, h3)[id]').id");
    page.goto(&deck("#/"));
    page.wait_at("intro-1", 0);
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
    let page = open_deck(browser, &deck("#/concepts-2"));
    page.wait_at("concepts-2", 0);
    page.press("o");
    page.wait_for(
        "deckhand.getState().overview && document.documentElement.classList.contains('overview')",
    );
    // Every slide of the chapter is on screen as a thumbnail somewhere in the grid. Waited for,
    // not read once: the thumbnails become visible when the overview's transition ends, which
    // under load can be after the class is set.
    let in_chapter = WORKSHOP
        .text("deck-concepts.html")
        .matches("<section class=\"slide")
        .count();
    assert!(in_chapter > 4);
    page.wait_for(&format!(
        "[...document.querySelectorAll('.slide')].filter(el => getComputedStyle(el).visibility === 'visible').length === {in_chapter}"
    ));
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
