//! Printing the deck (a chapter's page, and print-deck.html for every slide): one 16:9 landscape
//! page per slide, every fragment shown, no notes, no chrome. Checked twice: the print media styles in the page, and the PDF that Chromium's print
//! makes (pages counted and read back with poppler's pdfinfo and pdftotext when installed).

use std::process::Command;

use super::shared;
use super::site::{Deck, WORKSHOP, open_deck, workshop_url};

#[test]
fn print_styles_show_every_fragment_and_hide_notes_and_chrome() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &format!("{}deck.html#/intro-2", workshop_url()));
    page.wait_at("intro-2", 0);
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    let report: Vec<String> = page.eval(
        r#"(() => {
          const out = [], vis = el => { const s = getComputedStyle(el);
            return s.display !== 'none' && s.visibility === 'visible' && +s.opacity === 1 && el.getClientRects().length > 0; };
          for (const f of document.querySelectorAll('.slide-content .fragment:not(.code-step)'))
            if (!vis(f)) out.push('hidden fragment in ' + f.closest('.slide').id);
          for (const s of document.querySelectorAll('.slide')) {
            const r = s.getBoundingClientRect(), st = getComputedStyle(s);
            if (!vis(s)) out.push('hidden slide ' + s.id);
            if (Math.round(r.width) !== 1280 || Math.round(r.height) !== 720) out.push(`${s.id} is ${r.width}×${r.height}`);
            if (st.breakAfter !== 'page') out.push(s.id + ' has no page break after it');
          }
          for (const n of document.querySelectorAll('.notes')) if (vis(n)) out.push('notes show in ' + n.closest('.slide').id);
          for (const c of document.querySelectorAll('.deck-masthead, .dh-controls, .dh-progress, .copy, .skip-link'))
            if (vis(c)) out.push('chrome shows in print: ' + c.className);
          return out;
        })()"#,
    );
    assert!(report.is_empty(), "{report:#?}");
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn the_printed_pdf_has_one_landscape_page_per_slide() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &format!("{}print-deck.html", workshop_url()));
    let pdf = page.pdf();
    assert!(pdf.starts_with(b"%PDF"));
    if !tool("pdfinfo") || !tool("pdftotext") {
        // Without poppler, count the page objects.
        let pages = pdf
            .windows(11)
            .filter(|w| w.starts_with(b"/Type /Page") && w[10] != b's')
            .count();
        assert_eq!(pages, WORKSHOP.slides, "pages in the PDF");
        return;
    }
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("deck.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let info =
        String::from_utf8(Command::new("pdfinfo").arg(&path).output().unwrap().stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {name} in pdfinfo's output:\n{info}"))
            .to_string()
    };
    assert_eq!(field("Pages:"), WORKSHOP.slides.to_string(), "{info}");
    // 1280×720 CSS pixels are 960×540 points: 16:9, landscape.
    assert!(field("Page size:").starts_with("960 x 540 pts"), "{info}");

    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages: Vec<&str> = text.split('\x0c').collect();
    // Each page holds its slide's text, every fragment included, and no notes.
    let slides: Vec<(String, String, String)> = page.eval(
        "[...document.querySelectorAll('.slide')].map(s => [s.id,
           [...s.querySelectorAll('.slide-content .fragment:not(.code-step)')].map(f => f.textContent).pop() || s.dataset.title,
           s.querySelector('.notes')?.textContent || ''])",
    );
    let words = |s: &str| s.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut problems = Vec::new();
    for (n, (id, last_fragment, notes)) in slides.iter().enumerate() {
        let on_page = flat(pages.get(n).copied().unwrap_or(""));
        let wanted = words(last_fragment);
        if !on_page.contains(&wanted) {
            problems.push(format!("page {}: no {wanted:?} from {id}", n + 1));
        }
        let note = words(notes);
        if note.split(' ').count() >= 4 && flat(&text).contains(&note) {
            problems.push(format!("the notes of {id} are printed: {note:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
