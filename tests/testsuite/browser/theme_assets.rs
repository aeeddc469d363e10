//! `[theme]` logo, fonts and aspect in the browser: the logo loads on the landing page, the
//! handout cover and every slide (screen and print); the fonts apply and the font file loads;
//! the slide box, the overview and the speaker view's previews are 4:3 when `aspect = "4:3"`.
//! Each over HTTP under a sub-path and from `file://`, as the site must work both ways.

use std::sync::LazyLock;

use super::site::{OnDisk, serve, wait_ready};
use super::{Browser, Page, shared};
use crate::support::Site;

/// A logo of our own: 120×40.
const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" viewBox=\"0 0 120 40\"><rect width=\"120\" height=\"40\" rx=\"6\" fill=\"#c2185b\"/><circle cx=\"20\" cy=\"20\" r=\"12\" fill=\"#fff\"/></svg>\n";
/// The system's DejaVu Sans Mono, given to the workshop as its own code font file.
const FONT_FILE: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

static THEMED: LazyLock<Site> = LazyLock::new(|| {
    Site::build_with("small", |w| {
        w.write(
            "workshop.toml",
            w.read("workshop.toml")
                + "\n[theme]\nlogo = \"brand/logo.svg\"\nlogo_on_slides = true\nfont = \"serif\"\ncode_font = \"brand/fonts/Code.ttf\"\naspect = \"4:3\"\n",
        );
        w.write("brand/logo.svg", LOGO);
        let font = std::fs::read(FONT_FILE)
            .unwrap_or_else(|err| panic!("{FONT_FILE} (apt-get install fonts-dejavu-core): {err}"));
        w.write("brand/fonts/Code.ttf", font);
    })
});

/// The themed site over HTTP and on disk.
fn bases() -> [String; 2] {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&THEMED));
    static DISK: LazyLock<OnDisk> = LazyLock::new(|| OnDisk::new(&THEMED));
    [URL.clone(), DISK.url()]
}

fn deck_pages() -> Vec<&'static str> {
    let pages: Vec<&str> = THEMED
        .files
        .keys()
        .filter(|p| p.starts_with("deck-") && p.ends_with(".html"))
        .map(String::as_str)
        .collect();
    assert!(pages.len() >= 2, "{pages:?}");
    pages
}

/// The problems of the images `selector` finds: not loaded, or not shown (inside `within`'s
/// box when given).
const IMAGE_PROBLEMS: &str = r#"((selector, within) => {
  const imgs = [...document.querySelectorAll(selector)];
  if (!imgs.length) return ['no ' + selector];
  return imgs.flatMap(img => {
    const r = img.getBoundingClientRect(), out = [];
    if (!img.complete || img.naturalWidth === 0) out.push(img.src + ' did not load');
    if (getComputedStyle(img).display === 'none' || r.width < 10 || r.height < 5) out.push(selector + ' is not shown: ' + r.width + '×' + r.height);
    const box = within && img.closest(within)?.getBoundingClientRect();
    if (box && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)) out.push(selector + ' leaves ' + within);
    return out;
  });
})"#;

fn image_problems(page: &Page, selector: &str, within: Option<&str>) -> Vec<String> {
    page.wait_for("document.readyState === 'complete'");
    page.eval(&format!(
        "{IMAGE_PROBLEMS}({selector:?}, {})",
        within.map_or("null".into(), |w| format!("{w:?}"))
    ))
}

#[test]
fn the_logo_loads_on_the_landing_page_the_handout_cover_and_every_slide() {
    let Some(browser) = shared() else { return };
    for base in bases() {
        for path in ["index.html", "handout.html"] {
            let page = browser.open(&format!("{base}{path}"));
            let problems = image_problems(&page, "header .theme-logo", None);
            assert!(problems.is_empty(), "{base}{path}: {problems:?}");
        }
        for path in deck_pages() {
            let page = browser.open(&format!("{base}{path}"));
            wait_ready(&page);
            let ids: Vec<String> =
                page.eval("[...document.querySelectorAll('.slide')].map(s => s.id)");
            for id in &ids {
                page.run(&format!("deckhand.setState({{ id: {id:?} }})"));
                page.wait_for(&format!(
                    "document.getElementById({id:?}).classList.contains('current')"
                ));
                let problems =
                    image_problems(&page, &format!("#{id} > .slide-logo"), Some(".slide"));
                assert!(problems.is_empty(), "{base}{path} on screen: {problems:?}");
            }
            page.emulate_media("print", &[]);
            page.wait_for("matchMedia('print').matches");
            let problems = image_problems(&page, ".slide > .slide-logo", Some(".slide"));
            assert!(problems.is_empty(), "{base}{path} in print: {problems:?}");
            let count: usize =
                page.eval("document.querySelectorAll('.slide > .slide-logo').length");
            assert_eq!(count, ids.len(), "{path}: one logo a slide");
        }
    }
}

/// (the body's font-family, a code element's, whether the code font file loaded).
const FONTS: &str = r#"(async () => {
  const code = document.createElement('code'); code.textContent = 'kubectl';
  document.body.append(code);
  const faces = await document.fonts.load('16px "deckhand-code-font"', 'kubectl');
  const out = [getComputedStyle(document.body).fontFamily, getComputedStyle(code).fontFamily,
    faces.length > 0 && faces.every(f => f.status === 'loaded')];
  code.remove();
  return out;
})()"#;

#[test]
fn the_fonts_apply_and_the_font_file_loads_over_http_and_from_disk() {
    let Some(browser) = shared() else { return };
    for base in bases() {
        for path in ["index.html", "handout.html", deck_pages()[0]] {
            let page = browser.open(&format!("{base}{path}"));
            page.wait_for("document.readyState === 'complete'");
            let (text, code, loaded): (String, String, bool) = page.eval(FONTS);
            assert!(
                text.starts_with("Charter"),
                "{base}{path}: text font {text}"
            );
            assert!(
                code.trim_start_matches('"')
                    .starts_with("deckhand-code-font"),
                "{base}{path}: code font {code}"
            );
            assert!(loaded, "{base}{path}: brand/fonts/Code.ttf did not load");
        }
    }
}

/// The width over the height of what `selector` finds.
fn ratio(page: &Page, selector: &str) -> f64 {
    page.eval(&format!(
        "(r => r.width / r.height)(document.querySelector({selector:?}).getBoundingClientRect())"
    ))
}

fn assert_four_by_three(what: &str, got: f64) {
    assert!(
        (got - 4.0 / 3.0).abs() < 0.01,
        "{what}: {got:.3}, not 4:3 (1.333)"
    );
}

#[test]
fn the_slide_box_overview_and_speaker_previews_follow_the_aspect() {
    let Some(browser) = shared() else { return };
    let base = &bases()[0];
    let page = browser.open(&format!("{base}{}", deck_pages()[0]));
    wait_ready(&page);
    assert_four_by_three("the slide at 1280×720", ratio(&page, ".slide.current"));
    let (height, viewport): (f64, f64) = page.eval(
        "[document.querySelector('.slide.current').getBoundingClientRect().height, innerHeight]",
    );
    assert!(
        (height - viewport).abs() < 1.0,
        "letterboxed: the 4:3 slide fills the height, {height} of {viewport}"
    );
    page.run("deckhand.overview(true)");
    page.wait_for("document.documentElement.classList.contains('overview')");
    assert_four_by_three("a slide in the overview", ratio(&page, ".slide"));
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    page.run("deckhand.overview(false)");
    let size: (f64, f64) = page.eval(
        "(r => [r.width, r.height])(document.querySelector('.slide').getBoundingClientRect())",
    );
    assert_eq!(size, (1280.0, 960.0), "a printed slide");

    // The previews keep the ratio where the speaker view has room for them (a squeezed frame
    // letterboxes its slide, checked below).
    let speaker = speaker(browser, base);
    for frame in ["#sv-cur", "#sv-next"] {
        assert_four_by_three(
            &format!("the speaker view's {frame}"),
            ratio(&speaker, &format!(".sv-frame:has({frame})")),
        );
    }
    // The deck inside the preview fills it, as it would a 4:3 projector.
    let inner: f64 = speaker.eval_in_frame(
        "#sv-cur",
        "(r => r.width / r.height)(document.querySelector('.slide.current').getBoundingClientRect())",
    );
    assert_four_by_three("the slide in the current-slide preview", inner);
}

fn speaker(browser: &Browser, base: &str) -> Page {
    let speaker = browser.open_sized(&format!("{base}speaker.html"), 1280, 1100);
    speaker.wait_for_in_frame("#sv-cur", "window.deckhand && deckhand.ready");
    speaker
}
