//! Full listings of a chapter's samples for the handouts: a slide often shows a few lines of a
//! sample, and the handout closes the chapter with every sample in full, numbered and highlighted.

use serde::Serialize;
use std::path::Path;
use std::sync::LazyLock;

use crate::content::{Chapter, Workshop};
use crate::highlight::cache::HighlightCache;

/// Files larger than this are listed by name only (a handout is no place for a data dump).
pub const MAX_LISTING_BYTES: u64 = 512 * 1024;

/// Highlighted listings by content, for the life of the process, when the renderer has no
/// highlighter of its own (see `SiteRenderer::with_highlighter`).
static FALLBACK: LazyLock<HighlightCache> = LazyLock::new(HighlightCache::new);

/// One sample file, in full.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    /// Relative URL, e.g. `samples/concepts/pod.yaml`.
    pub url: String,
    /// Path under `samples/`, e.g. `concepts/pod.yaml`.
    pub name: String,
    /// The language it is highlighted as (`yaml`, `bash`, `text`…).
    pub lang: String,
    pub line_count: usize,
    pub bytes: u64,
    /// One `<span class="ln" data-n="…">…</span>` per line, as in `figure.code`; `None` for a
    /// file that is not UTF-8 text or is larger than [`MAX_LISTING_BYTES`].
    pub lines_html: Option<String>,
}

/// Every sample of `chapter` (its folder `samples/<slug>/` and whatever it includes), in full,
/// highlighted with `highlighter` (the build's cache, so that a warm build loads no grammar).
pub fn chapter_listings(
    workshop: &Workshop,
    chapter: &Chapter,
    content_root: &Path,
    highlighter: Option<&HighlightCache>,
) -> Vec<Listing> {
    let cache = highlighter.unwrap_or(&FALLBACK);
    workshop
        .chapter_samples(chapter)
        .into_iter()
        .map(|rel| {
            let url = rel.to_string_lossy().replace('\\', "/");
            let name = url.strip_prefix("samples/").unwrap_or(&url).to_string();
            let path = content_root.join(&rel);
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let lang = language_of(&rel);
            let text = crate::files::read(&path, MAX_LISTING_BYTES)
                .ok()
                .map(|raw| crate::markdown::include::without_markers(&raw).unwrap_or(raw))
                .and_then(|raw| String::from_utf8(raw).ok())
                .filter(|text| !text.contains('\0'));
            let line_count = text.as_deref().map_or(0, |t| t.lines().count());
            let lines_html = text.map(|text| numbered_lines(cache, &lang, &text));
            Listing {
                url,
                name,
                lang,
                line_count,
                bytes,
                lines_html,
            }
        })
        .collect()
}

/// The highlighted lines of `text`, each wrapped in `span.ln` with its number.
fn numbered_lines(cache: &HighlightCache, lang: &str, text: &str) -> String {
    let highlighted = cache.highlight(lang, text);
    let mut out = String::with_capacity(highlighted.len() + text.lines().count() * 32);
    // `highlight` joins the lines with '\n'; an empty file has none.
    if !text.is_empty() {
        for (index, line) in highlighted.split('\n').enumerate() {
            out.push_str("<span class=\"ln\" data-n=\"");
            out.push_str(&(index + 1).to_string());
            out.push_str("\">");
            out.push_str(line);
            out.push_str("</span>\n");
        }
    }
    out
}

/// The highlighter's name for a file's language: its extension (syntect knows languages by
/// extension too), or its name for the usual extension-less files.
fn language_of(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("yml" | "yaml") => "yaml".into(),
        Some("sh" | "bash") => "bash".into(),
        Some("tpl" | "txt" | "md" | "") | None => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            match name.as_str() {
                "dockerfile" | "containerfile" => "dockerfile".into(),
                "makefile" => "makefile".into(),
                _ => "text".into(),
            }
        }
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_from_one_and_escaped() {
        let cache = HighlightCache::new();
        let html = numbered_lines(&cache, "text", "a <b>\n\nc");
        assert_eq!(
            html,
            "<span class=\"ln\" data-n=\"1\">a &lt;b&gt;</span>\n\
             <span class=\"ln\" data-n=\"2\"></span>\n\
             <span class=\"ln\" data-n=\"3\">c</span>\n"
        );
        assert_eq!(numbered_lines(&cache, "text", ""), "");
    }

    #[test]
    fn languages_come_from_the_file_name() {
        assert_eq!(language_of(Path::new("a/pod.yml")), "yaml");
        assert_eq!(language_of(Path::new("a/run.sh")), "bash");
        assert_eq!(language_of(Path::new("a/Dockerfile")), "dockerfile");
        assert_eq!(
            language_of(Path::new("chart/templates/_helpers.tpl")),
            "text"
        );
        assert_eq!(language_of(Path::new("a/main.go")), "go");
    }
}
