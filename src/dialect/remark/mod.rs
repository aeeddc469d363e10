//! The remark dialect: remark's lexer ([`lexer`]), parser ([`parser`]) and slideshow model
//! ([`slideshow`]) as remark 0.15 has them, then each slide remark would show made plain
//! Markdown: content classes become `<span class>` (on one line) or `<div class>` blocks, and a
//! `--` continuation becomes the next step of the slide it continues.

mod lexer;
mod parser;
mod slideshow;

use std::collections::HashSet;

use super::{
    Context, Dialect, Direction, Piece, PieceBuilder, Properties, SlideSource, Split, foreign,
};
use crate::diagnostics::Diagnostic;
use parser::{LinkDef, Node};
use slideshow::Shown;

/// Properties remark itself reads.
const KNOWN: &[&str] = &[
    "class",
    "name",
    "layout",
    "template",
    "count",
    "exclude",
    "continued",
    "background-image",
    "background-color",
    "background-size",
    "background-position",
    "highlight-style",
];

/// The remark dialect.
pub struct Remark {
    excluded_classes: Vec<String>,
}

impl Remark {
    pub fn new(excluded_classes: Vec<String>) -> Remark {
        Remark { excluded_classes }
    }
}

impl Dialect for Remark {
    fn split<'a>(&self, body: &'a str, body_offset: usize, context: &Context<'_>) -> Split<'a> {
        let mut split = Split::default();
        let origin = normalize(body, body_offset);
        let (tokens, unterminated) = lexer::lex(&origin.text);
        for open in unterminated {
            split.diagnostics.push(
                Diagnostic::error(
                    context.path,
                    (context.pos)(origin.file_offset(open.at)),
                    format!("content class `{}[` is never closed", open.class),
                )
                .with_hint("end it with `]`; brackets inside it must pair up, code included (write `\\.` before the class to show it as text)"),
            );
        }
        let parsed = parser::parse(&origin.text, &origin, tokens);
        for missing in &parsed.missing_macros {
            split.diagnostics.push(
                Diagnostic::error(
                    context.path,
                    (context.pos)(missing.at),
                    format!("macro `{}` is not defined", missing.name),
                )
                .with_hint("remark macros are JavaScript functions of the original deck; write the result into the slide instead"),
            );
        }
        let links = link_definitions(&parsed.links);
        let show = slideshow::build(parsed.slides, &self.excluded_classes);
        if let Some(at) = show.unused_layout {
            split.diagnostics.push(
                Diagnostic::error(
                    context.path,
                    (context.pos)(at),
                    "this `layout: true` slide is the chapter's last: a layout applies to the slides after it, and there are none",
                )
                .with_hint("remove the slide, or move it before the slides it lays out"),
            );
        }
        unknown_properties(&show.shown, &show.referenced, context, &mut split);
        for shown in show.shown {
            let step = markdown(&shown.content, &links, shown.start);
            let notes = shown
                .notes
                .as_deref()
                .map(|n| markdown(n, "", shown.start))
                .filter(|n| !n.text.trim().is_empty());
            match split.slides.last_mut() {
                Some(slide) if shown.continues_previous => {
                    slide.steps.push(step);
                    slide.notes = join_notes(slide.notes.take(), notes);
                }
                _ => split.slides.push(SlideSource {
                    direction: Direction::Horizontal,
                    start: shown.start,
                    steps: vec![step],
                    notes,
                    properties: properties(&shown),
                }),
            }
        }
        foreign::reveal_in_remark(body, body_offset, context, &mut split.diagnostics);
        split
    }
}

/// The text remark's lexer sees: line endings as a browser's text area gives them (`\n`), and,
/// if every line is indented, the common indentation removed (remark's `cleanInput`).
fn normalize(body: &str, body_offset: usize) -> Piece<'_> {
    let source = Piece::lf_only(body, body_offset);
    let indent = source
        .text
        .lines()
        .filter(|l| l.contains(|c: char| !matches!(c, ' ' | '\t' | '\r')))
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    if indent == 0 {
        return source;
    }
    let mut out = PieceBuilder::new();
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        let skip = line
            .bytes()
            .take(indent)
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        out.push_piece(&source, offset + skip..offset + line.len());
        offset += line.len();
    }
    out.build()
}

/// remark gives every slide the link definitions of the whole deck.
fn link_definitions(links: &[LinkDef]) -> String {
    let mut text = String::new();
    for link in links {
        text.push_str(&format!("\n[{}]: <{}>", link.id, link.href));
        if let Some(title) = &link.title {
            text.push_str(&format!(" \"{}\"", title.replace('"', "\\\"")));
        }
    }
    if !text.is_empty() {
        text.insert(0, '\n');
        text.push('\n');
    }
    text
}

/// A slide's (or its notes') Markdown: content classes as HTML around their Markdown, leading
/// whitespace removed as remark's converter does, the deck's link definitions after.
fn markdown(nodes: &[Node], links: &str, at: usize) -> Piece<'static> {
    let mut out = PieceBuilder::new();
    emit(nodes, &mut out);
    let trimmed = out.as_str().len() - out.as_str().trim_start().len();
    let mut result = PieceBuilder::new();
    let piece = out.build();
    result.push_piece(&piece, trimmed..piece.text.len());
    result.push_made(links, at);
    result.build()
}

fn emit(nodes: &[Node], out: &mut PieceBuilder) {
    for node in nodes {
        match node {
            Node::Text(piece) => out.push_all(piece),
            Node::Class(class) => {
                let mut inner = PieceBuilder::new();
                emit(&class.content, &mut inner);
                let inner = inner.build();
                let lead = inner.text.len() - inner.text.trim_start().len();
                if class.block {
                    // An HTML block must start its own line, indented like the line the class
                    // opens on (so that it stays inside a list item), with blank lines around
                    // the Markdown inside.
                    let text = out.as_str();
                    let line = &text[text.rfind('\n').map_or(0, |i| i + 1)..];
                    let indent = " ".repeat(line.len() - line.trim_start_matches(' ').len());
                    out.push_made(
                        &format!("\n\n{indent}<div class=\"{}\">\n\n", class.classes),
                        class.open_at,
                    );
                    out.push_piece(&inner, lead..inner.text.len());
                    out.push_made(&format!("\n\n{indent}</div>\n\n"), class.close_at);
                } else {
                    out.push_made(
                        &format!("<span class=\"{}\">", class.classes),
                        class.open_at,
                    );
                    out.push_piece(&inner, lead..inner.text.len());
                    out.push_made("</span>", class.close_at);
                }
            }
        }
    }
}

/// The notes of a slide and of its next step, one after the other.
fn join_notes(
    first: Option<Piece<'static>>,
    next: Option<Piece<'static>>,
) -> Option<Piece<'static>> {
    match (first, next) {
        (Some(first), Some(next)) => {
            let mut out = PieceBuilder::new();
            out.push_all(&first);
            out.push_made("\n\n* * *\n\n", next.file_offset(0));
            out.push_all(&next);
            Some(out.build())
        }
        (first, next) => first.or(next),
    }
}

/// What deckhand keeps of a slide's properties.
fn properties(shown: &Shown) -> Properties {
    let mut properties = Properties {
        classes: shown
            .property("class")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        uncounted: shown.property("count") == Some("false"),
        ..Properties::default()
    };
    properties
        .attributes
        .push(("data-syntax".into(), "remark".into()));
    for property in &shown.properties {
        match property.name.as_str() {
            "name" => properties.id = Some((property.value.clone(), property.at)),
            name @ ("background-image"
            | "background-color"
            | "background-size"
            | "background-position") => properties
                .attributes
                .push((format!("data-remark-{name}"), property.value.clone())),
            _ => {}
        }
    }
    properties
}

/// Leading `name: value` lines remark takes as properties and nothing uses: most likely prose
/// that remark hides.
fn unknown_properties(
    shown: &[Shown],
    referenced: &HashSet<String>,
    context: &Context<'_>,
    split: &mut Split<'_>,
) {
    let mut unknown = shown
        .iter()
        .filter(|s| !s.continues_previous)
        .flat_map(|s| &s.properties)
        .filter(|p| !KNOWN.contains(&p.name.as_str()) && !referenced.contains(&p.name));
    let Some(first) = unknown.next() else {
        return;
    };
    let more = unknown.count();
    let more = if more > 0 {
        format!(" ({more} more in this chapter)")
    } else {
        String::new()
    };
    split.diagnostics.push(
        Diagnostic::warning(
            context.path,
            (context.pos)(first.at),
            format!(
                "`{}: {}` leads its slide, so remark takes it for a slide property and does not show it{more}",
                first.name, first.value
            ),
        )
        .with_hint("to show it as text, write a backslash before its colon (`Note\\: …`)"),
    );
}

#[cfg(test)]
mod tests;
