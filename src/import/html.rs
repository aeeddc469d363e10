//! Decks that are HTML pages: a remark page (its Markdown in `<textarea id="source">`) or a
//! reveal.js page whose slides are `<section>`s, some with `data-markdown` (inline in a
//! `<textarea data-template>` or `<script type="text/template">`, or in the file it names), each
//! cut by its own `data-separator*` attributes as reveal.js's markdown plugin cuts it.
//!
//! A reveal page becomes one chapter. Its slides are cut here, each section by its own rules,
//! and written back with separators that occur in none of them, so that the chapter's one set
//! of separators reproduces every section's slides. HTML sections become slides of raw HTML.

use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};

use super::{Deck, SourceChapter};
use crate::diagnostics::{Diagnostic, Pos};
use crate::dialect::reveal::{Reveal, Separators, strip_common_indentation};
use crate::dialect::{Context, Dialect, Direction, Syntax};

/// reveal.js's own separator (not reveal-md's) for Markdown in a page.
const PAGE_SEPARATOR: &str = r"\r?\n---\r?\n";

/// One slide of a reveal page, as Markdown.
struct PageSlide {
    direction: Direction,
    markdown: String,
    notes: Option<String>,
}

/// Read the page at `path`.
pub fn read(path: &Path, text: &str) -> Result<Deck, Diagnostic> {
    let page = Html::parse_document(text);
    let title = select(&page, "title")
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string())
        .unwrap_or_default();
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    if let Some(source) = select(&page, "textarea#source").next() {
        let markdown: String = source.text().collect();
        return Ok(Deck::single(
            title,
            SourceChapter {
                title: None,
                syntax: Syntax::Remark,
                markdown,
                base,
                files: vec![path.to_path_buf()],
                separators: None,
            },
        ));
    }
    let Some(slides) = select(&page, ".slides").next() else {
        return Err(not_a_deck(path));
    };
    let mut out = Vec::new();
    let mut not_carried = Vec::new();
    let mut files = vec![path.to_path_buf()];
    let mut markdown_sections = 0;
    for section in children(slides, "section") {
        let inner: Vec<ElementRef<'_>> = children(section, "section").collect();
        if inner.is_empty() || section.value().attr("data-markdown").is_some() {
            markdown_sections += usize::from(section.value().attr("data-markdown").is_some());
            out.extend(slides_of(
                section,
                &base,
                Direction::Horizontal,
                &mut files,
                &mut not_carried,
            )?);
        } else {
            for (index, slide) in inner.into_iter().enumerate() {
                markdown_sections += usize::from(slide.value().attr("data-markdown").is_some());
                let direction = if index == 0 {
                    Direction::Horizontal
                } else {
                    Direction::Vertical
                };
                out.extend(slides_of(
                    slide,
                    &base,
                    direction,
                    &mut files,
                    &mut not_carried,
                )?);
            }
        }
    }
    if markdown_sections == 0 {
        return Err(not_a_deck(path));
    }
    let (markdown, separators) = write_slides(&out);
    let mut deck = Deck::single(
        title,
        SourceChapter {
            title: None,
            syntax: Syntax::Reveal,
            markdown,
            base,
            files,
            separators: Some(separators),
        },
    );
    deck.not_carried = not_carried;
    Ok(deck)
}

fn not_a_deck(path: &Path) -> Diagnostic {
    Diagnostic::error(path, Pos::new(1, 1), "this page holds no deck: no `<textarea id=\"source\">` (remark) and no `<section data-markdown>` (reveal.js)")
        .with_hint("import the deck's page, its Markdown file, or its manifest")
}

fn select<'a>(page: &'a Html, css: &str) -> impl Iterator<Item = ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a valid selector");
    page.select(&selector).collect::<Vec<_>>().into_iter()
}

fn children<'a>(element: ElementRef<'a>, tag: &'a str) -> impl Iterator<Item = ElementRef<'a>> {
    element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(move |e| e.value().name() == tag)
}

/// The slides one `<section>` makes.
fn slides_of(
    section: ElementRef<'_>,
    base: &Path,
    direction: Direction,
    files: &mut Vec<PathBuf>,
    not_carried: &mut Vec<String>,
) -> Result<Vec<PageSlide>, Diagnostic> {
    let element = section.value();
    let attributes = forwarded(section);
    let Some(source) = element.attr("data-markdown") else {
        // An HTML slide: its HTML as it is, without the blank lines that would end an HTML
        // block in Markdown.
        let html = section.inner_html();
        let html: Vec<&str> = html.lines().filter(|l| !l.trim().is_empty()).collect();
        return Ok(vec![PageSlide {
            direction,
            markdown: format!(
                "{attributes}<div class=\"html-slide\">\n{}\n</div>",
                html.join("\n")
            ),
            notes: None,
        }]);
    };
    let (markdown, cut) = if source.is_empty() {
        let template = section
            .children()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().attr("data-template").is_some() || e.value().name() == "script");
        let text: String = template.unwrap_or(section).text().collect();
        let cut = [
            "data-separator",
            "data-separator-vertical",
            "data-separator-notes",
        ]
        .iter()
        .any(|a| element.attr(a).is_some());
        (
            strip_common_indentation(&text.replace("__SCRIPT_END__", "</script>")),
            cut,
        )
    } else {
        let file = base.join(source);
        let text = std::fs::read_to_string(&file).map_err(|err| {
            Diagnostic::error(
                &file,
                Pos::FILE,
                format!("cannot read the Markdown the page names: {err}"),
            )
            .with_hint("import from the folder the page's data-markdown paths start from")
        })?;
        files.push(file);
        (text, true)
    };
    // reveal.js: an inline section without separator attributes is one slide (`(?!)` never
    // matches).
    let separators = Separators::compile(
        Some(if cut {
            element.attr("data-separator").unwrap_or(PAGE_SEPARATOR)
        } else {
            "(?!)"
        }),
        Some(
            element
                .attr("data-separator-vertical")
                .filter(|_| cut)
                .unwrap_or(""),
        ),
        element.attr("data-separator-notes"),
    )
    .map_err(|err| {
        Diagnostic::error(
            Path::new(&format!("<section {}>", err.key)),
            Pos::FILE,
            err.message,
        )
        .with_hint(err.hint)
    })?;
    let pos = |_| Pos::FILE;
    let context = Context {
        path: Path::new(""),
        pos: &pos,
    };
    let split = Reveal::new(separators).split(&markdown, 0, &context);
    if element.attr("data-markdown").is_some_and(|s| !s.is_empty())
        && element.attr("data-charset").is_some()
    {
        not_carried.push("data-charset (files are read as UTF-8)".into());
    }
    Ok(split
        .slides
        .into_iter()
        .enumerate()
        .map(|(index, slide)| PageSlide {
            direction: if index == 0 {
                direction
            } else {
                slide.direction
            },
            markdown: format!(
                "{attributes}{}",
                slide.steps[0].text.trim_start_matches(['\n', '\r'])
            ),
            notes: slide.notes.map(|n| n.text.to_string()),
        })
        .collect())
}

/// reveal.js's `getForwardedAttributes`: every attribute of the section but its markdown ones,
/// as a `<!-- .slide: -->` comment.
fn forwarded(section: ElementRef<'_>) -> String {
    let mut attributes = Vec::new();
    for (name, value) in section.value().attrs() {
        if [
            "data-markdown",
            "data-separator",
            "data-vertical",
            "data-notes",
            "data-charset",
        ]
        .iter()
        .any(|p| name.starts_with(p))
        {
            continue;
        }
        let quote = if value.contains('"') { '\'' } else { '"' };
        attributes.push(format!("{name}={quote}{value}{quote}"));
    }
    if attributes.is_empty() {
        String::new()
    } else {
        format!("<!-- .slide: {} -->\n", attributes.join(" "))
    }
}

/// The slides as one chapter's Markdown, and the separators that cut it back into them: the
/// defaults, unless a slide holds text they would match.
fn write_slides(slides: &[PageSlide]) -> (String, [Option<String>; 3]) {
    let clash = |line: &str| {
        slides.iter().any(|s| {
            s.markdown
                .lines()
                .chain(s.notes.iter().flat_map(|n| n.lines()))
                .any(|l| l.trim_end() == line)
        })
    };
    let lower_note = |s: &PageSlide| {
        s.markdown
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("note"))
    };
    let (separator, vertical) = if clash("---") || clash("----") {
        ("<!-- slide -->", "<!-- sub-slide -->")
    } else {
        ("---", "----")
    };
    let notes_marker = if slides.iter().any(lower_note) {
        "<!-- notes -->"
    } else {
        "Note:"
    };
    let mut markdown = String::new();
    for (index, slide) in slides.iter().enumerate() {
        if index > 0 {
            let line = match slide.direction {
                Direction::Horizontal => separator,
                Direction::Vertical => vertical,
            };
            markdown.push_str(&format!("\n\n{line}\n\n"));
        }
        markdown.push_str(slide.markdown.trim_end());
        if let Some(notes) = &slide.notes {
            markdown.push_str(&format!("\n\n{notes_marker}\n{notes}"));
        }
    }
    markdown.push('\n');
    let own = |used: &str, default: &str, pattern: String| (used != default).then_some(pattern);
    let separators = [
        own(separator, "---", format!("\\r?\\n{separator}\\r?\\n")),
        own(vertical, "----", format!("\\r?\\n{vertical}\\r?\\n")),
        own(notes_marker, "Note:", format!("^{notes_marker}")),
    ];
    (markdown, separators)
}
