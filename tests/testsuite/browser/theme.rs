//! `[theme]` in workshop.toml, seen in the browser: the accent colour (and its dark shade) and the
//! author's stylesheet apply on every page the site has, on screen and in print; the footer and
//! the slide numbers are on every slide.

use std::sync::LazyLock;

use super::site::serve;
use super::{Page, shared};
use crate::support::Site;

/// Already AA on white (5.6:1), so the light shade is the colour as written.
const ACCENT: &str = "#c2185b";
const ACCENT_RGB: &str = "rgb(194, 24, 91)";
/// The author's stylesheet's outline colour, and its file name as the last stylesheet.
const BRAND: &str = "rgb(1, 2, 3) brand.css";
const FOOTER: &str = "Themed Day 2027 · example.org/themed";

static THEMED: LazyLock<Site> = LazyLock::new(|| {
    Site::build_with("small", |w| {
        w.write(
            "workshop.toml",
            w.read("workshop.toml")
                + &format!(
                    "\n[theme]\naccent = \"{ACCENT}\"\ncss = [\"theme/brand.css\"]\nfooter = \"{FOOTER}\"\nslide_numbers = true\n"
                ),
        );
        w.write(
            "theme/brand.css",
            "body { outline: 3px dotted rgb(1, 2, 3) }\n",
        );
    })
});

fn themed_url() -> &'static str {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&THEMED));
    &URL
}

/// Every HTML page the build wrote.
fn pages() -> Vec<&'static str> {
    let pages: Vec<&str> = THEMED
        .files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(String::as_str)
        .collect();
    assert!(pages.len() >= 5, "{pages:?}");
    pages
}

/// (a link's colour, the body's outline colour and the last stylesheet's file name, the contrast
/// of the link on the page's --dh-bg).
const PROBE: &str = r#"(() => {
  const a = document.createElement('a'); a.href = '#'; a.textContent = 'probe';
  document.body.append(a);
  const bgProbe = document.createElement('div'); bgProbe.style.background = 'var(--dh-bg)';
  document.body.append(bgProbe);
  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= .04045 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
    return .2126 * r + .7152 * g + .0722 * b; };
  const color = getComputedStyle(a).color, bg = getComputedStyle(bgProbe).backgroundColor;
  const [x, y] = [lum(color), lum(bg)].sort((p, q) => q - p);
  const sheets = [...document.styleSheets].map(s => (s.href || 'inline').split('/').pop());
  const out = [color, getComputedStyle(document.body).outlineColor + ' ' + sheets.at(-1), (x + .05) / (y + .05)];
  a.remove(); bgProbe.remove();
  return out;
})()"#;

fn probe(page: &Page) -> (String, String, f64) {
    page.wait_for("document.readyState === 'complete'");
    page.eval(PROBE)
}

#[test]
fn the_accent_and_the_authors_stylesheet_apply_on_every_page() {
    let Some(browser) = shared() else { return };
    for path in pages() {
        let page = if path == "deck.html" {
            // The deck's front door forwards to a chapter's page at once: look at it as a
            // browser without JavaScript shows it.
            let page = browser.blank(1280, 720);
            page.call(
                "Emulation.setScriptExecutionDisabled",
                serde_json::json!({ "value": true }),
            );
            page.goto(&format!("{}{path}", themed_url()));
            page
        } else {
            browser.open(&format!("{}{path}", themed_url()))
        };
        let (light, body, ratio) = probe(&page);
        assert_eq!(light, ACCENT_RGB, "{path}: links take the accent");
        assert_eq!(
            body, BRAND,
            "{path}: theme/brand.css applies after the theme"
        );
        assert!(ratio >= 4.5, "{path}: {ratio}");

        page.emulate_media("screen", &[("prefers-color-scheme", "dark")]);
        page.wait_for("matchMedia('(prefers-color-scheme: dark)').matches");
        let (dark, _, ratio) = probe(&page);
        assert_ne!(dark, light, "{path}: a dark shade of the accent");
        assert!(
            ratio >= 4.5,
            "{path}: the dark shade {dark} reads at {ratio}:1"
        );
        let channels: Vec<f64> = dark
            .trim_start_matches("rgb(")
            .trim_end_matches(')')
            .split(", ")
            .map(|c| c.parse().unwrap())
            .collect();
        assert!(
            channels[0] > channels[1] && channels[0] > channels[2],
            "{path}: keeps its hue, {dark}"
        );

        page.emulate_media("print", &[]);
        page.wait_for("matchMedia('print').matches");
        let (printed, body, _) = probe(&page);
        assert_eq!(printed, ACCENT_RGB, "{path} in print");
        assert_eq!(body, BRAND, "{path}: the stylesheet applies in print");
    }
}

#[test]
fn every_slide_shows_the_footer_and_its_number_on_screen_and_in_print() {
    let Some(browser) = shared() else { return };
    let deck_pages: Vec<&str> = pages()
        .into_iter()
        .filter(|p| p.starts_with("deck-") || *p == "print-deck.html")
        .collect();
    assert!(
        deck_pages.len() >= 3,
        "two chapter pages and the print deck: {deck_pages:?}"
    );
    for path in deck_pages {
        let page = browser.open(&format!("{}{path}", themed_url()));
        super::site::wait_ready(&page);
        for media in ["screen", "print"] {
            page.emulate_media(media, &[]);
            page.wait_for(&format!("matchMedia('{media}').matches"));
            let missing: Vec<String> = page.eval(&format!(
                r#"[...document.querySelectorAll('.slide')].flatMap(s => {{
                  if ('{media}' === 'screen') deckhand.setState({{ id: s.id }});
                  const vis = el => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
                  const box = s.getBoundingClientRect(), out = [];
                  const footer = s.querySelector('.slide-footer'), number = s.querySelector('.slide-counter');
                  if (!vis(footer) || footer.textContent !== {FOOTER:?}) out.push(s.id + ': no footer');
                  if (!vis(number) || number.textContent !== s.dataset.number) out.push(s.id + ': no number');
                  for (const el of [footer, number]) if (el) {{
                    const r = el.getBoundingClientRect();
                    if (r.bottom > box.bottom + 1 || r.top < box.top - 1) out.push(s.id + ': ' + el.className + ' leaves the slide');
                  }}
                  return out;
                }})"#
            ));
            assert!(missing.is_empty(), "{path} ({media}): {missing:#?}");
        }
    }
}
