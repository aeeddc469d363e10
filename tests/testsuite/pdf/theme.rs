//! `[theme]` in the printed slides: `aspect` sets the page size (read back with pdfinfo), and the
//! logo of `logo_on_slides` is on every page (pdfimages).

use super::*;

#[test]
fn the_slides_pdf_pages_follow_the_aspect_and_carry_the_logo() {
    if !tools_or_skip("the_slides_pdf_pages_follow_the_aspect_and_carry_the_logo") {
        return;
    }
    for (aspect, height) in [("4:3", 720.0), ("16:10", 600.0)] {
        let workshop = Workshop::small();
        workshop.write("brand/logo.png", logo_png());
        workshop.write(
            "workshop.toml",
            workshop.read("workshop.toml")
                + &format!("\n[theme]\naspect = \"{aspect}\"\nlogo = \"brand/logo.png\"\nlogo_on_slides = true\n"),
        );
        run_pdf(workshop.root(), &["--slides"], &[]).expect_code(0);
        let pdf = workshop.path("public/small-workshop-slides.pdf");
        let (_, content) = load(workshop.root());
        let sizes = page_sizes(&pdf);
        assert_eq!(
            sizes.len(),
            content.slide_count(),
            "{aspect}: one page a slide"
        );
        for (page, (w, h)) in sizes.iter().enumerate() {
            assert!(
                (w - 960.0).abs() < 1.0 && (h - height).abs() < 1.0,
                "{aspect}: page {} is {w}×{h} pt, not 960×{height}",
                page + 1
            );
        }
        // The logo, an image of its own size, on every page.
        let list = Command::new("pdfimages").arg("-list").arg(&pdf).output();
        let Ok(list) = list else {
            eprintln!("*** pdfimages not found: the logo on each page is not checked ***");
            continue;
        };
        let list = String::from_utf8_lossy(&list.stdout);
        let pages_with_logo: std::collections::BTreeSet<usize> = list
            .lines()
            .filter_map(|line| {
                let cols: Vec<&str> = line.split_whitespace().collect();
                (cols.len() > 4 && cols[3] == LOGO_W.to_string() && cols[4] == LOGO_H.to_string())
                    .then(|| cols[0].parse().ok())
                    .flatten()
            })
            .collect();
        assert_eq!(
            pages_with_logo,
            (1..=sizes.len()).collect(),
            "{aspect}: the logo on every page:\n{list}"
        );
    }
}

const LOGO_W: u32 = 61;
const LOGO_H: u32 = 23;

/// A PNG of a size no other image in the fixture has, to find it in the PDF.
fn logo_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, LOGO_W, LOGO_H);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..LOGO_W * LOGO_H)
        .flat_map(|i| [194, 24, (i % 200) as u8])
        .collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}
