//! Each layout renders as the README's "Layouts" table documents it, at 1280×720 and on a phone
//! held upright (390×844): nothing wider than its slide; columns side by side, or stacked on the
//! phone; the image of `split` on its side; `full-bleed`'s image over the whole slide. And the
//! same slides in print, in the overview, in the speaker view's preview and in the handout.

use super::layouts::layout_url;
use super::site::{Deck, open_deck};
use super::{Browser, Page, shared};

/// The geometry of slide `id`: boxes (left, top, right, bottom, in CSS pixels of the page) of the
/// slide, its content and the layout's parts, and whether anything is wider than the slide.
const SHAPE: &str = r#"(async id => {
  await Promise.all([...document.images].map(img => img.decode().catch(() => {})));
  const slide = document.getElementById(id), content = slide.querySelector('.slide-content');
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const all = sel => [...slide.querySelectorAll(sel)].map(box);
  const wide = [slide, content, ...slide.querySelectorAll('.slide-content *')]
    .filter(el => !el.closest('pre') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map(el => `${el.tagName} ${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  const out = [...slide.querySelectorAll('.slide-content *')].filter(el => {
    const r = el.getBoundingClientRect(), b = slide.getBoundingClientRect();
    return r.width && (r.left < b.left - 1 || r.right > b.right + 1);
  }).map(el => el.tagName + ' ' + el.className);
  const h2 = slide.querySelector('h2, h3'), bq = slide.querySelector('blockquote');
  return { slide: box(slide), content: box(content), columns: all('.column'),
    media: box(slide.querySelector('.split-media img, .bleed-media img')), text: box(slide.querySelector('.split-text')),
    h2: box(h2), quote: box(bq), after: box(bq?.nextElementSibling),
    h2Size: h2 ? parseFloat(getComputedStyle(h2).fontSize) : 0,
    quoteSize: bq ? parseFloat(getComputedStyle(bq).fontSize) : 0,
    base: parseFloat(getComputedStyle(slide).fontSize),
    onTop: h2 ? h2.contains(document.elementFromPoint((box(h2)[0] + box(h2)[2]) / 2, (box(h2)[1] + box(h2)[3]) / 2)) : false,
    wide, out };
})"#;

#[derive(Debug, serde::Deserialize)]
struct Shape {
    slide: [f64; 4],
    content: [f64; 4],
    columns: Vec<[f64; 4]>,
    media: Option<[f64; 4]>,
    text: Option<[f64; 4]>,
    h2: Option<[f64; 4]>,
    quote: Option<[f64; 4]>,
    after: Option<[f64; 4]>,
    #[serde(rename = "h2Size")]
    h2_size: f64,
    #[serde(rename = "quoteSize")]
    quote_size: f64,
    base: f64,
    #[serde(rename = "onTop")]
    on_top: bool,
    wide: Vec<String>,
    out: Vec<String>,
}

const L: usize = 0;
const T: usize = 1;
const R: usize = 2;
const B: usize = 3;

fn shape(page: &Page, id: &str) -> Shape {
    page.eval(&format!("{SHAPE}({id:?})"))
}

fn at(page: &Page, id: &str) -> Shape {
    page.run(&format!("deckhand.setState({{ id: {id:?}, f: 0 }})"));
    page.wait_at(id, 0);
    let found = shape(page, id);
    assert!(
        found.wide.is_empty(),
        "{id}: wider than its box: {:?}",
        found.wide
    );
    assert!(
        found.out.is_empty(),
        "{id}: leaves the slide: {:?}",
        found.out
    );
    found
}

/// Side by side: same top, left to right, equal widths. Stacked: same left, top to bottom.
fn side_by_side(boxes: &[[f64; 4]]) -> bool {
    let w = boxes[0][R] - boxes[0][L];
    boxes
        .windows(2)
        .all(|p| (p[0][T] - p[1][T]).abs() < 1.0 && p[0][R] <= p[1][L] + 0.5)
        && boxes.iter().all(|b| (b[R] - b[L] - w).abs() < 1.0)
}

fn stacked(boxes: &[[f64; 4]]) -> bool {
    boxes
        .windows(2)
        .all(|p| (p[0][L] - p[1][L]).abs() < 1.0 && p[0][B] <= p[1][T] + 0.5)
}

fn check_layouts(browser: &Browser, width: u32, height: u32) {
    let page = browser.open_sized(&format!("{}deck.html#/cols", layout_url()), width, height);
    super::site::wait_ready(&page);
    let phone = width < height;
    let size = format!("{width}×{height}");

    let cols = at(&page, "cols");
    assert_eq!(cols.columns.len(), 3, "{size}");
    if phone {
        assert!(
            stacked(&cols.columns),
            "{size}: columns stacked: {:?}",
            cols.columns
        );
    } else {
        assert!(
            side_by_side(&cols.columns),
            "{size}: equal columns side by side: {:?}",
            cols.columns
        );
    }
    let title = cols.h2.unwrap();
    assert!(
        title[B] <= cols.columns[0][T] + 0.5,
        "{size}: the title is above the columns"
    );
    assert!(
        title[R] - title[L] > (cols.content[R] - cols.content[L]) * 0.9,
        "{size}: the title spans the columns"
    );

    for (id, image_left) in [("split-left", true), ("split-right", false)] {
        let split = at(&page, id);
        let (media, text) = (split.media.unwrap(), split.text.unwrap());
        if phone {
            assert!(
                media[B] <= text[T] + 0.5,
                "{size} {id}: image above the text: {media:?} {text:?}"
            );
        } else if image_left {
            assert!(
                media[R] <= text[L],
                "{size} {id}: image left of the text: {media:?} {text:?}"
            );
        } else {
            assert!(
                text[R] <= media[L],
                "{size} {id}: image right of the text: {media:?} {text:?}"
            );
        }
    }

    let part = at(&page, "part");
    let h2 = part.h2.unwrap();
    let middle = (part.slide[T] + part.slide[B]) / 2.0;
    assert!(
        h2[T] < middle && h2[B] > middle - (h2[B] - h2[T]),
        "{size}: the part's title is centred: {h2:?} {:?}",
        part.slide
    );
    assert!(
        part.h2_size >= part.base * 2.5,
        "{size}: a big title: {} px",
        part.h2_size
    );

    let quoted = at(&page, "quoted");
    let (quote, by) = (quoted.quote.unwrap(), quoted.after.unwrap());
    assert!(quoted.quote_size > quoted.base * 1.1, "{size}: a big quote");
    assert!(
        by[T] >= quote[B] - 0.5,
        "{size}: the attribution under the quote"
    );
    assert!(
        (by[R] - quote[R]).abs() < 2.0 && by[L] > quote[L] + 1.0,
        "{size}: the attribution on the right: {by:?} {quote:?}"
    );

    let bleed = at(&page, "bleed");
    let image = bleed.media.unwrap();
    for side in 0..4 {
        assert!(
            (image[side] - bleed.slide[side]).abs() < 1.0,
            "{size}: the image covers the slide: {image:?} {:?}",
            bleed.slide
        );
    }
    assert!(bleed.on_top, "{size}: the title is drawn over the image");
}

#[test]
fn each_layout_renders_as_documented_at_1280x720() {
    let Some(browser) = shared() else { return };
    check_layouts(browser, 1280, 720);
}

#[test]
fn each_layout_renders_as_documented_on_a_phone() {
    let Some(browser) = shared() else { return };
    check_layouts(browser, 390, 844);
}

#[test]
fn layouts_in_print_the_overview_and_the_speaker_preview() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &format!("{}print-deck.html", layout_url()));
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    let cols = shape(&page, "cols");
    assert!(side_by_side(&cols.columns), "print: {:?}", cols.columns);
    let split = shape(&page, "split-right");
    assert!(
        split.text.unwrap()[R] <= split.media.unwrap()[L],
        "print: split-right"
    );
    let bleed = shape(&page, "bleed");
    assert!(
        (bleed.media.unwrap()[R] - bleed.slide[R]).abs() < 1.0,
        "print: full bleed"
    );

    let page = open_deck(browser, &format!("{}deck.html#/cols", layout_url()));
    page.press("o");
    page.wait_for("deckhand.getState().overview");
    let cols = shape(&page, "cols");
    assert!(side_by_side(&cols.columns), "overview: {:?}", cols.columns);

    page.press("o");
    page.press("s");
    let speaker = page.popup("speaker.html");
    speaker.set_viewport(1280, 800);
    speaker.wait_for_in_frame(
        "#sv-cur",
        "window.deckhand && deckhand.ready && deckhand.getState().id === 'cols'",
    );
    let boxes: Vec<[f64; 4]> = speaker.eval_in_frame(
        "#sv-cur",
        "[...document.querySelectorAll('#cols .column')].map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })",
    );
    assert_eq!(boxes.len(), 3);
    assert!(side_by_side(&boxes), "speaker preview: {boxes:?}");
}

#[test]
fn the_handout_reads_layouts_as_one_column() {
    let Some(browser) = shared() else { return };
    for (width, height) in [(1280, 720), (390, 844)] {
        let page = browser.open_sized(&format!("{}handout.html", layout_url()), width, height);
        page.wait_for("document.readyState === 'complete'");
        let found: (Vec<[f64; 4]>, bool, Vec<[f64; 4]>) = page.eval(
            "(() => { const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
              return [[...document.querySelectorAll('#handout-cols .column')].map(box),
                document.documentElement.scrollWidth <= document.documentElement.clientWidth,
                ['#handout-split-right img', '#handout-split-right .split-text'].map(s => box(document.querySelector(s)))]; })()",
        );
        let (columns, fits, split) = found;
        assert_eq!(columns.len(), 3);
        assert!(
            stacked(&columns),
            "{width}: handout columns one under another: {columns:?}"
        );
        assert!(fits, "{width}: the handout is no wider than the window");
        assert!(
            split[0][B] <= split[1][T],
            "{width}: the image above its text: {split:?}"
        );
    }
}

/// The text of `pdf` as poppler's `pdftotext -layout` places it, or `None` without poppler.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("printed.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn in_the_pdfs_columns_are_side_by_side_in_the_deck_and_one_column_in_the_handout() {
    let Some(browser) = shared() else { return };
    let same_line =
        |text: &str, a: &str, b: &str| text.lines().any(|l| l.contains(a) && l.contains(b));
    let deck = open_deck(browser, &format!("{}print-deck.html", layout_url()));
    let Some(text) = pdf_text(&deck.pdf()) else {
        eprintln!("SKIP: no pdftotext (poppler-utils)");
        return;
    };
    assert!(
        same_line(&text, "Pods run containers", "A third column"),
        "the deck's PDF sets the columns side by side:\n{text}"
    );
    let handout = browser.open(&format!("{}handout.html", layout_url()));
    handout.wait_for("document.readyState === 'complete'");
    let text = pdf_text(&handout.pdf()).unwrap();
    assert!(
        text.contains("Pods run containers") && text.contains("A third column"),
        "{text}"
    );
    assert!(
        !same_line(&text, "Pods run containers", "A third column"),
        "the handout's PDF reads as one column:\n{text}"
    );
}
