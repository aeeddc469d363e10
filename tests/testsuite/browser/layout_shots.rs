//! The README's "Layouts" screenshots: one slide per layout from the layouts test chapter, at
//! 1280×720 drawn at half size (640×360 PNGs), in the light theme.
//!
//! `scripts/layout-shots.sh` (or `DECKHAND_LAYOUT_SHOTS=docs/layouts cargo test --test testsuite
//! layout_screenshots -- --ignored`) writes docs/layouts/<layout>.png.

use std::path::PathBuf;

use base64::Engine;
use serde_json::json;

use super::layouts::layout_url;
use super::shared;

/// (file name, slide id) for each row of the README's table.
const SHOTS: [(&str, &str); 7] = [
    ("columns", "cols"),
    ("split", "split-left"),
    ("split-right", "split-right"),
    ("section", "part"),
    ("center", "centred"),
    ("quote", "quoted"),
    ("full-bleed", "bleed"),
];

#[test]
#[ignore = "writes the README's layout screenshots"]
fn layout_screenshots() {
    let Some(browser) = shared() else { return };
    let dir =
        PathBuf::from(std::env::var("DECKHAND_LAYOUT_SHOTS").unwrap_or("docs/layouts".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = browser.blank(1280, 720);
    // No transition caught half-way.
    page.emulate_media("", &[("prefers-reduced-motion", "reduce")]);
    // Embedded, as in the speaker view: the slide alone, without the controls and progress bar.
    page.goto(&format!("{}deck.html?theme=light&embed=1", layout_url()));
    super::site::wait_ready(&page);
    for (name, id) in SHOTS {
        page.run(&format!("deckhand.setState({{ id: {id:?}, f: 0 }})"));
        page.wait_for(&format!(
            "deckhand.getState().id === {id:?} && getComputedStyle(document.getElementById({id:?})).visibility === 'visible'"
        ));
        page.wait_for(
            "document.fonts.status === 'loaded' && [...document.images].every(i => i.complete)",
        );
        let shot = page.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": { "x": 0, "y": 0, "width": 1280, "height": 720, "scale": 0.5 } }),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}
