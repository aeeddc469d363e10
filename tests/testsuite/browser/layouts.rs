//! Slide layouts render as the README documents them. `center` centres the slide's blocks but
//! never the lines of a code block: YAML's indentation is its meaning.

use std::sync::LazyLock;

use super::site::{open_deck, serve};
use super::{Browser, shared};
use crate::support::Site;

/// A chapter of layout slides, added to the small workshop.
const LAYOUTS: &str = r#"+++
title = "Layouts"
duration = 5
+++

# Layouts

---

<!-- .slide: id="centred" class="center" -->
## A centred slide

A short line of text.

```yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
```

---

<!-- .slide: id="cols" class="columns" -->
## Three columns

- Pods run containers
- Deployments keep them running

<!-- .column -->

```yaml
kind: Deployment
spec:
  replicas: 3
```

<!-- .column -->

A third column, of plain text that wraps over several lines.

---

<!-- .slide: id="split-left" class="split" -->
## The image on the left

![A harbour at dawn, drawn in flat colours](images/harbour.svg)

The text sits beside the image, centred in its half.

- one point
- another point

---

<!-- .slide: id="split-right" class="split split-right" -->
## The image on the right

![A harbour at dawn, drawn in flat colours](images/harbour.svg)

`split-right` swaps the halves.

---

<!-- .slide: id="part" class="section" -->
## Part two: running it

Scaling, rolling updates and rollbacks

---

<!-- .slide: id="quoted" class="quote" -->
> A manifest is a promise; the controller is the one who keeps it.

— an operator, after a long night

---

<!-- .slide: id="bleed" class="full-bleed" -->
## Ship it

![A harbour at dawn, drawn in flat colours](images/harbour.svg)
"#;

/// A picture of our own for the split and full-bleed slides: flat shapes, 16:10.
pub(super) const HARBOUR: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500" preserveAspectRatio="xMidYMid slice">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6b26b"/><stop offset="1" stop-color="#fce5cd"/></linearGradient></defs>
<rect width="800" height="500" fill="url(#sky)"/>
<circle cx="560" cy="300" r="70" fill="#fff2cc"/>
<rect y="300" width="800" height="200" fill="#3d85c6"/>
<rect x="90" y="250" width="60" height="50" fill="#cc0000"/><rect x="150" y="230" width="60" height="70" fill="#e69138"/><rect x="210" y="260" width="60" height="40" fill="#6aa84f"/>
<path d="M60 300h260l-30 45H95z" fill="#20124d"/>
<path d="M420 340h170l-20 28H440z" fill="#274e13"/><path d="M500 250v90h60z" fill="#fff"/>
</svg>
"##;

pub(super) static LAYOUT_SITE: LazyLock<Site> = LazyLock::new(|| {
    Site::build_with("small", |w| {
        w.write("content/03-layouts.md", LAYOUTS);
        w.write("content/images/harbour.svg", HARBOUR);
        w.write("content/04-fragments.md", super::fragment_styles::FRAGMENTS);
    })
});

pub(super) fn layout_url() -> &'static str {
    static URL: LazyLock<String> = LazyLock::new(|| serve(&LAYOUT_SITE));
    &URL
}

/// For each code line of slide `id`: (computed text-align of its `pre`, leading spaces, left
/// edge of its first visible character).
const CODE_LINES: &str = r#"(id => {
  const slide = document.getElementById(id), out = [];
  for (const pre of slide.querySelectorAll('pre')) {
    const align = getComputedStyle(pre).textAlign;
    for (const ln of pre.querySelectorAll('.ln')) {
      const text = ln.textContent, indent = text.length - text.trimStart().length;
      if (!text.trim()) continue;
      const walker = document.createTreeWalker(ln, NodeFilter.SHOW_TEXT);
      let seen = 0, left = null;
      for (let node; (node = walker.nextNode()) && left === null;) {
        if (seen + node.length > indent) {
          const r = document.createRange();
          r.setStart(node, indent - seen); r.setEnd(node, indent - seen + 1);
          left = r.getBoundingClientRect().left;
        }
        seen += node.length;
      }
      out.push([align, indent, left]);
    }
  }
  return out;
})"#;

fn check_centred_code_keeps_indentation(browser: &Browser, width: u32, height: u32) {
    let page = browser.open_sized(
        &format!("{}deck.html#/centred", layout_url()),
        width,
        height,
    );
    super::site::wait_ready(&page);
    page.wait_for("document.getElementById('centred')?.classList.contains('current')");
    let centred: String =
        page.eval("getComputedStyle(document.querySelector('#centred .slide-content')).textAlign");
    assert_eq!(centred, "center", "the slide's own text is centred");
    let lines: Vec<(String, usize, f64)> = page.eval(&format!("{CODE_LINES}('centred')"));
    assert_eq!(lines.len(), 10, "{lines:?}");
    let char_width = {
        let (a, b) = (&lines[2], &lines[3]); // metadata: / "  name: web"
        assert_eq!((a.1, b.1), (0, 2), "{lines:?}");
        (b.2 - a.2) / 2.0
    };
    assert!(
        char_width > 2.0,
        "indented lines start to the right: {lines:?}"
    );
    for (align, indent, left) in &lines {
        assert_eq!(
            align, "left",
            "computed text-align of the code block at {width}×{height}"
        );
        let column_zero = left - *indent as f64 * char_width;
        assert!(
            (column_zero - lines[0].2).abs() < 1.0,
            "at {width}×{height} every line starts at its indentation: {lines:?}"
        );
    }
}

#[test]
fn a_centred_slide_keeps_code_indentation() {
    let Some(browser) = shared() else { return };
    check_centred_code_keeps_indentation(browser, 1280, 720);
    check_centred_code_keeps_indentation(browser, 390, 844);
}

#[test]
fn a_centred_slide_keeps_code_indentation_in_print() {
    let Some(browser) = shared() else { return };
    let page = open_deck(browser, &format!("{}deck.html#/centred", layout_url()));
    page.emulate_media("print", &[]);
    page.wait_for("matchMedia('print').matches");
    let lines: Vec<(String, usize, f64)> = page.eval(&format!("{CODE_LINES}('centred')"));
    assert_eq!(lines.len(), 10);
    assert!(lines.iter().all(|l| l.0 == "left"), "{lines:?}");
    assert!(
        lines[3].2 > lines[2].2,
        "indentation kept in print: {lines:?}"
    );
}
