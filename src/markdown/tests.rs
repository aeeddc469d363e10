use super::*;
use crate::highlight::cache::HighlightCache;
use std::collections::HashMap;
use std::path::PathBuf;

struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    highlighter: HighlightCache,
    files: FileCache,
    chapters: HashMap<PathBuf, String>,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/samples/a")).unwrap();
        std::fs::create_dir_all(root.join("content/images")).unwrap();
        std::fs::write(root.join("content/images/x.png"), b"png").unwrap();
        std::fs::write(
            root.join("content/samples/a/pod.yaml"),
            "apiVersion: v1\nkind: Pod\n# ANCHOR: meta\nmetadata:\n  name: web\n# ANCHOR_END: meta\n",
        )
        .unwrap();
        let mut chapters = HashMap::new();
        chapters.insert(PathBuf::from("content/02-next.md"), "next".to_string());
        Fixture {
            dir,
            root,
            highlighter: HighlightCache::new(),
            files: FileCache::default(),
            chapters,
        }
    }

    /// Render `md` as the content of slide `intro-1`; returns the output and the problems.
    fn render(&self, md: &str) -> (Rendered, Diagnostics) {
        let _ = &self.dir;
        let env = Env {
            root: &self.root,
            highlighter: &self.highlighter,
            files: &self.files,
            chapters: &self.chapters,
            imported: false,
            code_lines: 22,
        };
        let path = Path::new("content/01-intro.md");
        let mut renderer =
            ChapterRenderer::new(&env, path, md, "intro", crate::dialect::Syntax::Reveal);
        let rendered = renderer.render(
            &crate::dialect::Piece::borrowed(md, 0),
            "intro-1",
            Part::Content,
        );
        (rendered, renderer.diagnostics)
    }
}

#[test]
fn headings_are_demoted_and_get_chapter_prefixed_ids() {
    let (r, _) = Fixture::new().render("# Title\n\n## Part {#custom .big}\n");
    assert_eq!(r.title, "Title");
    assert!(
        r.html.contains(r#"<h2 id="intro-title">Title</h2>"#),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains(r#"<h3 id="intro-custom" class="big">Part</h3>"#),
        "{}",
        r.html
    );
}

#[test]
fn element_attributes_go_to_the_list_item() {
    let (r, d) = Fixture::new().render("- one <!-- .element: class=\"fragment\" -->\n- two <!-- .element: class=\"fragment\" data-fragment-index=\"1\" -->\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(r.html.contains(r#"<li class="fragment">one"#), "{}", r.html);
    assert!(
        r.html
            .contains(r#"<li class="fragment" data-fragment-index="1">two"#),
        "{}",
        r.html
    );
    assert_eq!(r.fragments, 2);
}

#[test]
fn element_attributes_go_to_the_previous_sibling_element() {
    let (r, _) =
        Fixture::new().render("![A pod](images/x.png) <!-- .element: class=\"fragment\" -->\n");
    assert!(
        r.html
            .contains(r#"<img class="fragment" src="images/x.png" alt="A pod">"#),
        "{}",
        r.html
    );
    let (r, _) = Fixture::new().render("A paragraph.\n\n<!-- .element: class=\"fragment\" -->\n");
    assert!(
        r.html.contains(r#"<p class="fragment">A paragraph.</p>"#),
        "{}",
        r.html
    );
}

#[test]
fn tables_keep_their_alignment_when_given_attributes() {
    let md = "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<!-- .element: class=\"fragment\" -->\n";
    let (r, _) = Fixture::new().render(md);
    assert!(r.html.contains(r#"<table class="fragment">"#), "{}", r.html);
    assert!(
        r.html.contains(r#"<td style="text-align: right">2</td>"#),
        "{}",
        r.html
    );
}

#[test]
fn slide_attributes_are_collected_and_removed() {
    let (r, _) =
        Fixture::new().render("<!-- .slide: class=\"center\" data-timing=\"60\" -->\n# Hi\n");
    assert_eq!(r.slide_attributes.classes, ["center"]);
    assert_eq!(r.slide_attributes.get("data-timing"), Some("60"));
    assert!(!r.html.contains(".slide:"));
}

#[test]
fn includes_select_anchors_and_link_the_sample() {
    let md = "```yaml hl_lines=\"4|5\"\n{{#include samples/a/pod.yaml:meta}}\n```\n";
    let (r, d) = Fixture::new().render(md);
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html
            .contains(r#"<a href="samples/a/pod.yaml" download>pod.yaml</a>"#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"<span class="ln hl-on" data-n="4">"#),
        "{}",
        r.html
    );
    assert!(
        r.html.contains(r#"<span class="ln" data-n="5">"#),
        "{}",
        r.html
    );
    assert!(!r.html.contains("ANCHOR"), "{}", r.html);
    assert!(
        r.html
            .contains(r#"class="fragment code-step" data-lines="2""#),
        "{}",
        r.html
    );
    assert_eq!(r.fragments, 1);
}

#[test]
fn a_missing_include_is_an_error_at_the_directive() {
    let (_, d) = Fixture::new().render("Text\n\n```yaml\n{{#include samples/nope.yaml}}\n```\n");
    let e = d.iter().next().unwrap();
    assert_eq!(
        (e.line, e.message.contains("does not exist")),
        (4, true),
        "{e:?}"
    );
}

#[test]
fn code_and_text_are_escaped() {
    let (r, _) = Fixture::new().render("```text\n</script><script>alert(1)</script>\n```\n");
    assert!(
        r.html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<script>"));
}

#[test]
fn links_are_rewritten_and_dead_ones_reported() {
    let f = Fixture::new();
    let (r, d) = f.render(
        "[a](#pods) [b](02-next.md) [c](images/x.png) [d](images/nope.png) [e](../../etc/passwd)\n",
    );
    assert!(r.html.contains(r##"href="#intro-pods""##), "{}", r.html);
    assert!(
        r.html.contains(r#"href="deck-next.html#chapter-next""#),
        "{}",
        r.html
    );
    let messages: Vec<_> = d.iter().map(|d| d.message.clone()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("outside"));
}

#[test]
fn links_to_files_are_recorded_for_the_check_against_published_files() {
    let f = Fixture::new();
    let env = Env {
        root: &f.root,
        highlighter: &f.highlighter,
        files: &f.files,
        chapters: &f.chapters,
        imported: false,
        code_lines: 22,
    };
    let md = "[c](images/x.png) [d](images/no%20pe.png)\n";
    let mut renderer = ChapterRenderer::new(
        &env,
        Path::new("content/01-intro.md"),
        md,
        "intro",
        crate::dialect::Syntax::Reveal,
    );
    renderer.render(
        &crate::dialect::Piece::borrowed(md, 0),
        "intro-1",
        Part::Content,
    );
    let links: Vec<(&Path, &str)> = renderer
        .file_links
        .iter()
        .map(|l| (l.target.as_path(), l.written.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (Path::new("content/images/x.png"), "images/x.png"),
            (Path::new("content/images/no pe.png"), "images/no pe.png")
        ]
    );
}

#[test]
fn bare_urls_become_links_and_footnotes_are_namespaced() {
    let (r, _) =
        Fixture::new().render("See https://kubernetes.io/docs now.[^1]\n\n[^1]: A note.\n");
    assert!(
        r.html
            .contains(r#"<a href="https://kubernetes.io/docs">https://kubernetes.io/docs</a>"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r##"href="#intro-1-1""##), "{}", r.html);
}

#[test]
fn images_without_alt_text_are_warned_about() {
    let (_, d) = Fixture::new().render("![](images/x.png)\n");
    assert_eq!(d.warning_count(), 1);
}

#[test]
fn deep_nesting_is_an_error() {
    let md: String = (0..40)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let (_, d) = Fixture::new().render(&md);
    assert!(d.has_errors());
}

#[test]
fn an_escaped_directive_shows_as_written_without_an_error() {
    let md = "See \\{{#include a.yaml}} and `{{#include b.yaml}}`.\n\n```text\n\\{{#include c.yaml}}\nimage: {{ .Values.image }}\n```\n";
    let (r, d) = Fixture::new().render(md);
    assert!(d.is_empty(), "{d:?}");
    assert!(r.html.contains("See {{#include a.yaml}}"), "{}", r.html);
    assert!(
        r.html.contains("{{#include c.yaml}}") && !r.html.contains("\\{{"),
        "{}",
        r.html
    );
}

#[test]
fn a_misspelt_directive_is_an_error_where_it_was_written() {
    let (_, d) =
        Fixture::new().render("Text\n\n```yaml\nkind: Pod\n  {{#includes pod.yaml}}\n```\n");
    let e = d.iter().next().unwrap();
    assert_eq!((e.line, e.col), (5, 3), "{e:?}");
    assert!(
        e.hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `{{#include`?"),
        "{e:?}"
    );
}

#[test]
fn reveal_line_number_forms_map_onto_steps_and_numbers() {
    let fixture = Fixture::new();
    let (r, d) = fixture.render("```js [1|3-4]\na\nb\nc\nd\n```\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html
            .contains(r#"class="code line-numbers" data-lang="js" data-steps="1|3-4""#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"data-lines="3-4""#), "{}", r.html);
    assert_eq!(r.fragments, 1);
    // Numbered from 712; the steps count from the first line shown, as in reveal.js.
    let (r, d) = fixture.render("```js [712: 1-2|3]\na\nb\nc\n```\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html.contains(r#"<span class="ln hl-on" data-n="712">"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"data-n="714""#) && r.html.contains(r#"data-lines="3""#));
    // Line numbers only.
    let (r, d) = fixture.render("```python []\nx = 1\n```\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html
            .contains(r#"class="code line-numbers" data-lang="python">"#),
        "{}",
        r.html
    );
    assert_eq!(r.fragments, 0);
}

#[test]
fn reveal_code_attributes() {
    let fixture = Fixture::new();
    let (r, d) = fixture.render(
        "```html data-trim data-noescape data-line-numbers=\"2\" data-ln-start-from=\"10\"\n\n    <mark>a</mark>\n      b\n\n```\n",
    );
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.html
            .contains(r#"<span class="ln" data-n="10"><mark>a</mark></span>"#),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains(r#"<span class="ln hl-on" data-n="11">  b</span>"#),
        "{}",
        r.html
    );
    let (_, d) = fixture.render("```js [9]\na\n```\n");
    assert!(
        d.iter().any(|d| d.message.contains("past the end")),
        "{d:?}"
    );
    let (_, d) = fixture.render("```js data-ln-start-from=\"x\"\na\n```\n");
    assert!(d.has_errors());
}
