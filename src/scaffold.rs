//! `deckhand new NAME`: a workshop folder that builds and passes `check` with nothing but the
//! binary.

use anyhow::{Context, Result, bail};
use std::fs;
use std::path::Path;

use crate::theming::manifest::{self, Manifest};

/// Create a new workshop in `dir`. With `with_theme`, also copy the built-in templates and
/// static files into it, ready to be edited.
pub fn new_workshop(dir: &Path, with_theme: bool) -> Result<()> {
    if dir.exists()
        && fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} already exists and is not empty; choose a new name",
            dir.display()
        );
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "workshop".into());
    let title = title_from(&name);
    let files: [(&str, String); 5] = [
        ("workshop.toml", workshop_toml(&title)),
        ("content/01-welcome.md", WELCOME.to_string()),
        (
            "content/samples/welcome/hello-pod.yaml",
            HELLO_POD.to_string(),
        ),
        (".gitignore", "/public/\n/.deckhand/\n".to_string()),
        (
            "README.md",
            format!(
                "# {title}\n\nA workshop built with deckhand.\n\n- `deckhand serve` — preview with live reload\n- `deckhand build` — write the site to `public/`\n- `deckhand check` — find problems without writing anything\n"
            ),
        ),
    ];
    for (path, text) in files {
        write(&dir.join(path), text.as_bytes())?;
    }
    if with_theme {
        let files = manifest::built_in();
        for (path, bytes) in &files {
            write(&dir.join(path), bytes)?;
        }
        // What was copied, so `check` can tell later when the built-in theme has moved on.
        write(
            &dir.join(manifest::MANIFEST),
            Manifest::of(&files).to_text().as_bytes(),
        )?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// `my-k8s-workshop` → `My k8s workshop`.
fn title_from(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "My workshop".into(),
    }
}

fn workshop_toml(title: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r##"# Settings of this workshop; every key but `title` is optional (see deckhand's README).
title = "{title}"
author = ""
description = "What attendees will learn, in a sentence or two."
language = "en"
# Minutes; the chapters' durations must add up to it.
planned_minutes = 20
# The Kubernetes version that YAML samples are checked against.
kubernetes_version = "1.37"

[handouts]
paper = "a4"   # or "letter"
notes = true   # print speaker notes in the handouts

[notes]
private = false   # true: published pages carry no speaker notes

# Your own look, without copying the theme: uncomment what you need.
[theme]
# accent = "#0a56c2"          # any CSS colour; readable shades for light and dark are derived
# css = ["theme/brand.css"]   # your stylesheets, linked after the theme's on every page and in print
# footer = "My event · example.org"   # text at the foot of every slide
# slide_numbers = true        # each slide's number in its corner, also in print and PDF
# logo = "static/logo.svg"    # SVG, PNG, JPEG or WebP: on the landing page and the handout cover
# logo_on_slides = true       # the logo in a corner of every slide too, also in print and PDF
# font = "humanist"           # system, humanist, geometric, serif, mono, or a font file (.woff2 .woff .ttf .otf)
# code_font = "mono"          # the same choices, for code
# aspect = "16:10"            # the slides' shape: "16:9" (the default), "16:10" or "4:3"
"##
    )
}

const WELCOME: &str = r#"+++
title = "Welcome"
duration = 20
summary = "What this workshop is about, and how its slides work."
objectives = ["Find your way around the slides", "Run the first sample"]
+++

# Welcome

- What we will build together
- How the slides, handouts and samples fit

Note:
Greet the room and introduce yourself. Speaker notes like these show in the speaker view (press S).

---

## Slides are Markdown

- A line `---` starts a new slide, `--` a sub-slide below it
- `Note:` starts the speaker notes <!-- .element: class="fragment" -->
- Fragments appear one at a time <!-- .element: class="fragment" -->

Note:
Advance through the fragments with the right arrow or the space bar.

---

## Samples are real files

```yaml hl_lines="1-2|4-7"
{{#include samples/welcome/hello-pod.yaml}}
```

Note:
The sample is included from content/samples/, checked at build time, and downloadable from the slide.
"#;

const HELLO_POD: &str = r#"# A minimal Pod: apply it with `kubectl apply -f hello-pod.yaml`.
apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app.kubernetes.io/name: hello
spec:
  containers:
    - name: hello
      image: busybox:1.37.0
      command: ["sh", "-c", "echo Hello from the workshop && sleep 3600"]
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          cpu: 100m
          memory: 32Mi
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_folder_names() {
        assert_eq!(title_from("my-k8s_workshop"), "My k8s workshop");
        assert_eq!(title_from(""), "My workshop");
    }

    #[test]
    fn refuses_to_write_into_a_folder_with_files() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("keep.txt"), "x").unwrap();
        assert!(new_workshop(dir.path(), false).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
            "x"
        );
    }
}
